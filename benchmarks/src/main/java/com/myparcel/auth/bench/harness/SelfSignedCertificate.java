package com.myparcel.auth.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed server certificate for {@code localhost} and {@code 127.0.0.1}, made with the running
 * JDK's {@code keytool} into temporary PKCS12 files: a key store for the loopback server and a trust
 * store the child JVMs get through {@code -Djavax.net.ssl.trustStore}.
 */
public final class SelfSignedCertificate {

    private static final String PASSWORD = "changeit";
    private static final String STORE_TYPE = "PKCS12";

    private final Path keyStore;
    private final Path trustStore;

    private SelfSignedCertificate(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    public static SelfSignedCertificate create(Path directory) throws IOException, InterruptedException {
        Path keyStore = directory.resolve("server-keystore.p12");
        Path certificate = directory.resolve("server.pem");
        Path trustStore = directory.resolve("truststore.p12");
        // EC P-256, as many public API servers use: its handshakes cost a fraction of RSA 2048's, which matters
        // when 256 of them run at once on two cores (the refresh storm's cold scenario).
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "7",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keyStore.toString(), "-storetype", STORE_TYPE, "-storepass", PASSWORD,
                "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "server", "-file", certificate.toString(),
                "-keystore", keyStore.toString(), "-storetype", STORE_TYPE, "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storetype", STORE_TYPE, "-storepass", PASSWORD);
        return new SelfSignedCertificate(keyStore, trustStore);
    }

    /** The server side: a TLS context presenting the certificate. */
    public SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(STORE_TYPE);
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The {@code -D} options that make a child JVM trust the certificate (and only it). */
    public List<String> trustOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=" + STORE_TYPE);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool failed: " + command + "\n" + output);
        }
    }
}
