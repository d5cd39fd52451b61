package com.myparcel.auth.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for every {@link TestHosts} name (and 127.0.0.1, ::1), made once per JVM with the
 * running JDK's {@code keytool}: a PKCS12 keystore for the WireMock servers and a PKCS12 truststore for the child JVMs.
 */
final class TestCertificates {

    static final String PASSWORD = "changeit";
    static final String STORE_TYPE = "PKCS12";

    private static final Path KEYSTORE = WorkDir.get().resolve("server-keystore.p12");
    private static final Path CERTIFICATE = WorkDir.get().resolve("server.pem");
    private static final Path TRUSTSTORE = WorkDir.get().resolve("truststore.p12");

    static {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=" + TestHosts.API, "-ext", "SAN=" + subjectAlternativeNames(),
                "-keystore", KEYSTORE.toString(), "-storetype", STORE_TYPE,
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "server", "-file", CERTIFICATE.toString(),
                "-keystore", KEYSTORE.toString(), "-storetype", STORE_TYPE, "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", CERTIFICATE.toString(),
                "-keystore", TRUSTSTORE.toString(), "-storetype", STORE_TYPE, "-storepass", PASSWORD);
    }

    private TestCertificates() {
    }

    static Path keystore() {
        return KEYSTORE;
    }

    static Path truststore() {
        return TRUSTSTORE;
    }

    /** The {@code -D} options that make a JVM trust the test certificate. */
    static List<String> trustStoreOptions() {
        return List.of(
                "-Djavax.net.ssl.trustStore=" + TRUSTSTORE,
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=" + STORE_TYPE);
    }

    private static String subjectAlternativeNames() {
        List<String> names = new ArrayList<>();
        TestHosts.ALL.forEach(host -> names.add("dns:" + host));
        names.add("ip:127.0.0.1");
        names.add("ip:::1");
        return String.join(",", names);
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool failed: " + command + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
