package com.myparcel.auth.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarFile;

/** Which agent jar a result is about: size, the start of its SHA-256, and its manifest version. */
public record AgentJarInfo(Path path, long size, String sha256Prefix, String version) {

    public static AgentJarInfo of(Path jar) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(jar), sha256)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String version;
        try (JarFile file = new JarFile(jar.toFile())) {
            version = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
        return new AgentJarInfo(jar, Files.size(jar), HexFormat.of().formatHex(sha256.digest()).substring(0, 12),
                version == null ? "(no Implementation-Version)" : version);
    }

    public String describe() {
        return "`" + path + "` (" + size + " bytes, SHA-256 " + sha256Prefix + "…, version " + version + ")";
    }
}
