package com.myparcel.auth.it;

import static com.myparcel.auth.it.OperatorOutput.agentVersion;
import static com.myparcel.auth.it.OperatorOutput.assertShowsNoSecret;
import static com.myparcel.auth.it.OperatorOutput.fingerprint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code myparcel.log-file}: the agent's lines go to the file with an ISO timestamp in front, errors also to stderr;
 * {@code myparcel.log-level} decides which lines are written at all.
 */
class LogFileTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    private static final String PREFIX = AppRun.AGENT_LOG_PREFIX + " ";
    private static final Duration LIFETIME = Duration.ofHours(2);

    @Test
    void linesGoToTheFileWithATimestampAndNotToStderr() {
        myParcel.issueTokens(TokenIssuer.jwts(LIFETIME, LIFETIME));
        Path logFile = WorkDir.get().resolve("agent-info.log");
        Instant before = Instant.now();

        AppRun run = ChildJvm.testApp("com.example.legacy.ShipmentsApp", "list")
                .withAgent()
                .settingsFor(myParcel)
                .property("myparcel.log-file", logFile.toString())
                .run()
                .assertCompleted();

        Instant after = Instant.now();
        assertEquals(List.of(), run.agentLogLines(), "nothing on stderr below ERROR\n" + run.describe());
        List<String> lines = withoutTimestamps(read(logFile), before, after);
        String token = myParcel.onlyIssuedToken();
        assertEquals(PREFIX + "INFO active " + agentVersion() + ": environment production, token endpoint "
                        + myParcel.authUrl() + ", API hosts [" + TestHosts.API + "], client it-cli",
                lines.get(0).substring(0, lines.get(0).length() - 1), "the start-up line, abbreviated client at its end");
        assertTrue(lines.stream().anyMatch(line -> line.startsWith(PREFIX + "INFO new token " + fingerprint(token)
                + ", expires " + Jwt.expiry(token))), () -> "new-token line\n" + lines);
        assertShowsNoSecret(String.join("\n", lines), myParcel.issuedTokens(), "the log file");
        assertEquals("Bearer " + token, Requests.authorization(myParcel.apiRequests().get(0)));
    }

    @Test
    void errorsGoToTheFileAndToStderr() throws Exception {
        myParcel.issueTokens(FakeMyParcel.jsonApi(403, CheckCommandTest.INVALID_CLIENT));
        Path logFile = WorkDir.get().resolve("agent-error.log");
        Instant before = Instant.now();

        try (ChildJvm.Running app = ChildJvm.testApp(ChildJvm.SHELL).withAgent().settingsFor(myParcel)
                .property("myparcel.log-file", logFile.toString()).start()) {
            String error = app.awaitStderr(line -> line.startsWith(PREFIX + "ERROR "), "the refusal on stderr");
            assertTrue(error.contains("14000") && error.contains("Invalid OAuth Client"), error);

            StatusMBeanTest.awaitTrue(() -> read(logFile).stream().anyMatch(line -> line.endsWith(" " + error)),
                    "the refusal in the log file", app);
            AppRun run = app.awaitExit();
            List<String> lines = withoutTimestamps(read(logFile), before, Instant.now());
            assertTrue(lines.get(0).startsWith(PREFIX + "INFO active "), lines::toString);
            assertEquals(List.of(error), run.agentLogLines(), "only the error on stderr\n" + run.describe());
        }
    }

    @Test
    void logLevelWarnKeepsInfoOutOfTheFile() throws Exception {
        myParcel.issueTokens(WireMock.aResponse().withStatus(500).withBody("Internal Server Error"));
        Path logFile = WorkDir.get().resolve("agent-warn.log");

        try (ChildJvm.Running app = ChildJvm.testApp(ChildJvm.SHELL).withAgent().settingsFor(myParcel)
                .property("myparcel.log-file", logFile.toString())
                .property("myparcel.log-level", "warn").start()) {
            StatusMBeanTest.awaitTrue(() -> read(logFile).stream().anyMatch(line -> line.contains(
                    PREFIX + "WARN token request failed: token endpoint answered HTTP 500")),
                    "the token failure as WARN in the log file", app);
            AppRun run = app.awaitExit();
            List<String> lines = read(logFile);
            assertEquals(List.of(), lines.stream().filter(line -> !line.contains(PREFIX + "WARN ")).collect(Collectors.toList()),
                    "only WARN lines at log-level warn");
            assertEquals(List.of(), run.agentLogLines(), "a WARN goes to the file only\n" + run.describe());
        }
    }

    /** Each line must start with an ISO-8601 instant between {@code from} and {@code to}; the lines without it. */
    private static List<String> withoutTimestamps(List<String> lines, Instant from, Instant to) {
        assertTrue(!lines.isEmpty(), "the log file is empty");
        return lines.stream().map(line -> {
            int space = line.indexOf(' ');
            Instant at;
            try {
                at = Instant.parse(line.substring(0, Math.max(0, space)));
            } catch (DateTimeParseException e) {
                throw new AssertionError("no ISO timestamp in front of: " + line, e);
            }
            assertTrue(!at.isBefore(from.minusSeconds(1)) && !at.isAfter(to.plusSeconds(1)),
                    () -> "timestamp " + at + " not during the run: " + line);
            return line.substring(space + 1);
        }).collect(Collectors.toList());
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
