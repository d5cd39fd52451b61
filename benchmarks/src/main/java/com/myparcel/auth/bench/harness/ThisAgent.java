package com.myparcel.auth.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent under test: the jar it was given (any build of it) and the settings that point it at
 * {@link LoopbackMyParcel}: client id, a secret file only its owner can read and write, the token
 * endpoint and the API host.
 */
public final class ThisAgent {

    private static final String CLIENT_SECRET = "bench-secret";

    private final Path jar;
    private final Path secretFile;
    private final LoopbackMyParcel myParcel;

    private ThisAgent(Path jar, Path secretFile, LoopbackMyParcel myParcel) {
        this.jar = jar;
        this.secretFile = secretFile;
        this.myParcel = myParcel;
    }

    public static ThisAgent create(Path jar, Path workDirectory, LoopbackMyParcel myParcel) throws IOException {
        Path secretFile = Files.createFile(workDirectory.resolve("client-secret"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secretFile, CLIENT_SECRET + "\n", StandardCharsets.UTF_8);
        return new ThisAgent(jar, secretFile, myParcel);
    }

    /** Another build of the agent with the same settings. */
    public ThisAgent withJar(Path otherJar) {
        return new ThisAgent(otherJar, secretFile, myParcel);
    }

    public Path jar() {
        return jar;
    }

    /** {@code -javaagent} and the settings; {@code extraSettings} are more {@code -D} options. */
    public List<String> options(String... extraSettings) {
        List<String> options = new ArrayList<>();
        options.add("-javaagent:" + jar);
        options.add("-Dmyparcel.client-id=" + LoopbackMyParcel.CLIENT_ID);
        options.add("-Dmyparcel.client-secret-file=" + secretFile);
        options.add("-Dmyparcel.auth-url=" + myParcel.authUrl());
        options.add("-Dmyparcel.api-hosts=" + LoopbackMyParcel.API_HOSTS_SETTING);
        options.addAll(List.of(extraSettings));
        return options;
    }

    /** The settings as they appear in a result table (ports vary per run). */
    public String describe() {
        return "`-javaagent:<jar> -Dmyparcel.client-id=bench -Dmyparcel.client-secret-file=<0600 file>"
                + " -Dmyparcel.auth-url=https://127.0.0.1:<port>/oauth/access-token -Dmyparcel.api-hosts=localhost`";
    }

    /**
     * Agent lines on stderr that say it is not working as configured: its ERROR lines, and WARN lines
     * (a request without a token, a refused token request). Empty when the agent was content.
     */
    public static List<String> complaints(List<String> stderr) {
        List<String> complaints = new ArrayList<>();
        for (String line : stderr) {
            if (line.contains("myparcel-auth-agent") && (line.contains("ERROR") || line.contains("WARN"))) {
                complaints.add(line);
            }
        }
        return complaints;
    }
}
