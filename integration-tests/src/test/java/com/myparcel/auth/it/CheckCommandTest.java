package com.myparcel.auth.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.myparcel.auth.it.FakeMyParcel.CLIENT_ID;
import static com.myparcel.auth.it.FakeMyParcel.CLIENT_SECRET;
import static com.myparcel.auth.it.OperatorOutput.assertShowsNoSecret;
import static com.myparcel.auth.it.OperatorOutput.fields;
import static com.myparcel.auth.it.OperatorOutput.fingerprint;
import static com.myparcel.auth.it.OperatorOutput.nonEmptyLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java -jar myparcel-auth-agent.jar check}: reads the settings as the agent does, fetches a token from the
 * fake token endpoint and prints what an operator needs; on failure one {@code check failed: ...} line on stderr and
 * an exit code per kind of failure (2 settings, 3 refused by MyParcel.com, 4 endpoint or network). Never shows the
 * secret or the token.
 */
class CheckCommandTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    static final String INVALID_CLIENT = "{\"errors\":[{\"status\":\"403\",\"code\":\"14000\","
            + "\"title\":\"Invalid OAuth Client\",\"detail\":\"The client credentials are invalid.\"}]}";
    static final String INVALID_SCOPE = "{\"errors\":[{\"status\":\"403\",\"code\":\"14001\","
            + "\"title\":\"Invalid scope\",\"detail\":\"The requested scope is invalid, unknown, or malformed.\"}]}";

    private static final Duration LIFETIME = Duration.ofHours(2);
    private static final Pattern EXPIRES = Pattern.compile("(\\S+) \\(in (\\d+) s\\)");

    private static ChildJvm check() {
        return ChildJvm.agentCommandLine("check").settingsFor(myParcel);
    }

    @Test
    void printsTheSettingsAndTheTokenItGot() {
        myParcel.issueTokens(TokenIssuer.jwts(LIFETIME, LIFETIME));
        Instant before = Instant.now();

        AppRun run = check().property("myparcel.scope", "shipments.manage files.show").run();

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("", run.stderr(), run::describe);
        String token = myParcel.onlyIssuedToken();
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                "scope", "shipments.manage files.show"), Requests.jsonBody(onlyTokenRequest(run)));

        Map<String, String> fields = fields(run.stdout());
        assertEquals("production", fields.get("environment"), run::describe);
        assertEquals(myParcel.authUrl(), fields.get("token endpoint"), run::describe);
        assertEquals(TestHosts.API, fields.get("API hosts"), run::describe);
        assertAbbreviatedClient(CLIENT_ID, fields.get("client"), run);
        assertEquals(fingerprint(token) + " (fingerprint)", fields.get("token"), run::describe);
        Matcher expires = matcher(EXPIRES, fields.get("expires"), run);
        assertEquals(Jwt.expiry(token), Instant.parse(expires.group(1)), "expiry is the JWT's exp\n" + run.describe());
        long secondsLeft = Long.parseLong(expires.group(2));
        long upperBound = Duration.between(before, Jwt.expiry(token)).getSeconds();
        assertTrue(secondsLeft <= upperBound && secondsLeft >= LIFETIME.getSeconds() - 60,
                () -> "seconds left " + secondsLeft + "\n" + run.describe());
        assertEquals("shipments.manage files.show", fields.get("scopes"), "the JWT's scope claim\n" + run.describe());
        List<String> lines = nonEmptyLines(run.stdout());
        assertTrue(lines.get(lines.size() - 1).startsWith("OK: "), run::describe);
        assertShowsNoSecret(run, myParcel.issuedTokens());
        assertEquals(List.of(), myParcel.apiRequests(), "check calls no API");
    }

    @Test
    void saysWhenTheTokenDoesNotTellItsScopes() {
        myParcel.issueTokens(TokenIssuer.opaqueTokens(Duration.ofMinutes(10)));
        Instant before = Instant.now();

        AppRun run = check().run();

        assertEquals(0, run.exitCode(), run::describe);
        Map<String, String> fields = fields(run.stdout());
        assertEquals(fingerprint(myParcel.onlyIssuedToken()) + " (fingerprint)", fields.get("token"), run::describe);
        assertEquals("(the token does not say)", fields.get("scopes"), run::describe);
        Matcher expires = matcher(EXPIRES, fields.get("expires"), run);
        Instant expiry = Instant.parse(expires.group(1));
        assertTrue(!expiry.isBefore(before.plus(Duration.ofMinutes(10)).minusSeconds(1))
                        && !expiry.isAfter(Instant.now().plus(Duration.ofMinutes(10))),
                () -> "expiry from expires_in 600 s\n" + run.describe());
        assertShowsNoSecret(run, myParcel.issuedTokens());
    }

    @Test
    void readsEnvironmentVariablesAndTheConfigFileBelowSystemProperties() throws IOException {
        Path config = WorkDir.newFile("check-config-", ".properties");
        Files.writeString(config, "myparcel.client-secret-file=" + ChildJvm.secretFile() + "\n"
                + "myparcel.auth-url=" + myParcel.authUrl() + "\n"
                + "myparcel.scope=scope.from-file\n"
                + "myparcel.client-id=client-from-file\n");

        AppRun run = ChildJvm.agentCommandLine("check")
                .env("MYPARCEL_CONFIG_FILE", config.toString())
                .env("MYPARCEL_ENVIRONMENT", "sandbox")
                .env("MYPARCEL_CLIENT_ID", "env-client-0042")
                .property("myparcel.scope", "scope.from-property")
                .run();

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "env-client-0042",
                        "client_secret", CLIENT_SECRET, "scope", "scope.from-property"),
                Requests.jsonBody(onlyTokenRequest(run)),
                "client id from the environment over the file, scope from the property over the file, secret file "
                        + "and token endpoint from the file");
        Map<String, String> fields = fields(run.stdout());
        assertEquals("sandbox", fields.get("environment"), run::describe);
        assertEquals(myParcel.authUrl(), fields.get("token endpoint"), run::describe);
        assertEquals(TestHosts.SANDBOX_API + ", " + TestHosts.SANDBOX_API_ALT, fields.get("API hosts"), run::describe);
        assertAbbreviatedClient("env-client-0042", fields.get("client"), run);
        assertEquals("scope.from-property", fields.get("scopes"), run::describe);
    }

    record Failure(String description, UnaryOperator<ChildJvm> apply, String... expectedInMessage) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Failure> invalidSettings() {
        return Stream.of(
                new Failure("no client id", check -> check.withoutProperty("myparcel.client-id"),
                        "myparcel.client-id", "not set"),
                new Failure("malformed duration", check -> check.property("myparcel.token-wait", "10x"),
                        "myparcel.token-wait", "10x"),
                new Failure("config file missing", check -> check.property("myparcel.config-file",
                        WorkDir.get().resolve("no-such.properties").toString()), "myparcel.config-file"),
                new Failure("token endpoint over plain http to another host", check -> check.property(
                        "myparcel.auth-url", "http://" + TestHosts.AUTH + "/access-token"), "myparcel.auth-url"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void settingsProblemExitsWith2BeforeAnyTokenRequest(Failure failure) {
        AppRun run = failure.apply().apply(check()).run();

        String message = assertFailed(2, run, failure.expectedInMessage());
        assertEquals(List.of(), myParcel.tokenRequests(), "no token request with broken settings\n" + message);
        assertFalse(run.stdout().contains("OK"), run::describe);
    }

    @Test
    void invalidClientExitsWith3AndSaysWhatToCheck() {
        myParcel.issueTokens(FakeMyParcel.jsonApi(403, INVALID_CLIENT));

        AppRun run = check().run();

        assertFailed(3, run, "14000", "\"Invalid OAuth Client\"", "myparcel.client-id", "client secret",
                "myparcel.environment");
        assertEquals(1, myParcel.tokenRequests().size(), "a refusal is not retried");
    }

    @Test
    void invalidScopeExitsWith3AndPointsAtTheScope() {
        myParcel.issueTokens(FakeMyParcel.jsonApi(403, INVALID_SCOPE));

        AppRun run = check().property("myparcel.scope", "no.such.scope").run();

        assertFailed(3, run, "14001", "\"Invalid scope\"", "myparcel.scope");
        assertEquals(1, myParcel.tokenRequests().size(), "a refusal is not retried");
    }

    static Stream<Failure> endpointFailures() {
        return Stream.of(
                new Failure("HTTP 500", check -> stubTokenEndpoint(check, aResponse().withStatus(500)
                        .withBody("Internal Server Error")), "HTTP 500"),
                new Failure("invalid JSON", check -> stubTokenEndpoint(check, aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody("{\"access_token\": ")),
                        "not valid JSON"),
                new Failure("connection refused", check -> check.property("myparcel.auth-url",
                        "https://" + TestHosts.AUTH + ":" + closedPort() + "/access-token"),
                        "cannot reach the token endpoint", "ConnectException"),
                new Failure("unknown host", check -> check.property("myparcel.auth-url",
                        "https://no-such-host.myparcel.test/access-token"),
                        "cannot reach the token endpoint", "UnknownHostException"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointFailures")
    void endpointOrNetworkFailureExitsWith4(Failure failure) {
        AppRun run = failure.apply().apply(check()).run();

        assertFailed(4, run, failure.expectedInMessage());
    }

    // ------------------------------------------------------------------ helpers

    private static ChildJvm stubTokenEndpoint(ChildJvm check, ResponseDefinitionBuilder response) {
        myParcel.authServer().stubFor(post("/access-token").willReturn(response));
        return check;
    }

    /** A port nothing listens on (it was free a moment ago). */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exit code, exactly one {@code check failed: } line on stderr holding {@code expected}, no OK, no secret. */
    private static String assertFailed(int exitCode, AppRun run, String... expected) {
        assertEquals(exitCode, run.exitCode(), run::describe);
        List<String> errorLines = nonEmptyLines(run.stderr());
        assertEquals(1, errorLines.size(), () -> "one line on stderr\n" + run.describe());
        String message = errorLines.get(0);
        assertTrue(message.startsWith("check failed: "), run::describe);
        for (String part : expected) {
            assertTrue(message.contains(part), () -> "'" + part + "' missing in: " + message);
        }
        assertFalse(run.stdout().contains("OK:"), run::describe);
        assertFalse(run.stdout().lines().anyMatch(line -> line.startsWith("token:")), run::describe);
        assertShowsNoSecret(run, myParcel.issuedTokens());
        return message;
    }

    private static LoggedRequest onlyTokenRequest(AppRun run) {
        List<LoggedRequest> requests = myParcel.tokenRequests();
        assertEquals(1, requests.size(), () -> "token requests: " + requests + "\n" + run.describe());
        return requests.get(0);
    }

    /** The abbreviation of a client id (its start and an ellipsis), never the whole id. */
    static void assertAbbreviatedClient(String clientId, String shown, AppRun run) {
        assertTrue(shown != null && shown.length() >= 2 && clientId.startsWith(shown.substring(0, shown.length() - 1))
                        && shown.length() - 1 < clientId.length() / 2 + 1,
                () -> "client '" + shown + "' is not an abbreviation of " + clientId + "\n" + run.describe());
        assertFalse(run.stdout().contains(clientId), () -> "the whole client id is shown\n" + run.describe());
    }

    private static Matcher matcher(Pattern pattern, String text, AppRun run) {
        Matcher matcher = pattern.matcher(text == null ? "" : text);
        assertTrue(matcher.matches(), () -> "'" + text + "' does not match " + pattern + "\n" + run.describe());
        return matcher;
    }
}
