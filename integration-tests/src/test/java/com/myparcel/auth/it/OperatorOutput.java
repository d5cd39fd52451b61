package com.myparcel.auth.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading and checking what the agent's command line and log showed an operator. */
final class OperatorOutput {

    private OperatorOutput() {
    }

    /** What the agent shows instead of a token: the first 8 hex digits of its SHA-256. */
    static String fingerprint(String token) {
        return Requests.sha256(token.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    /** The agent jar's manifest {@code Implementation-Version}: what {@code version} and the log's start-up line show. */
    static String agentVersion() {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(Artifacts.agentJar().toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The {@code name: value} lines of {@code check}'s stdout, by name (value trimmed). */
    static Map<String, String> fields(String stdout) {
        Map<String, String> fields = new LinkedHashMap<>();
        stdout.lines().forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        });
        return fields;
    }

    /** The non-empty lines of {@code text}. */
    static List<String> nonEmptyLines(String text) {
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    /**
     * Neither the client secret nor any of {@code tokens} appears in {@code text}, not even a token's header and
     * payload without its signature.
     */
    static void assertShowsNoSecret(String text, List<String> tokens, String where) {
        assertFalse(text.contains(FakeMyParcel.CLIENT_SECRET), () -> where + " shows the client secret:\n" + text);
        for (String token : tokens) {
            String unsigned = token.contains(".") ? token.substring(0, token.lastIndexOf('.')) : token;
            assertFalse(text.contains(unsigned), () -> where + " shows a token:\n" + text);
        }
    }

    /** {@link #assertShowsNoSecret} for stdout and stderr of a run. */
    static void assertShowsNoSecret(AppRun run, List<String> tokens) {
        assertShowsNoSecret(run.stdout(), tokens, "stdout");
        assertShowsNoSecret(run.stderr(), tokens, "stderr");
    }
}
