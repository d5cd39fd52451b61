package com.myparcel.auth.reliability;

import static com.myparcel.auth.it.FakeMyParcel.CREATED_BODY;
import static com.myparcel.auth.it.FakeMyParcel.FILE_BODY;
import static com.myparcel.auth.it.FakeMyParcel.FOREIGN_BODY;
import static com.myparcel.auth.it.FakeMyParcel.INVALID_TOKEN_BODY;
import static com.myparcel.auth.it.FakeMyParcel.JSON_API;
import static com.myparcel.auth.it.FakeMyParcel.SHIPMENTS_BODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.myparcel.auth.it.AppRun;
import com.myparcel.auth.it.AppRun.AppResult;
import com.myparcel.auth.it.FakeMyParcel;
import com.myparcel.auth.it.Requests;
import com.myparcel.auth.it.ShipmentsAppLauncher;
import com.myparcel.auth.it.TestHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An exception inside the agent never reaches the application, and the request then goes out exactly as the
 * application made it. The failures are forced from the outside: a second {@code -javaagent} loaded after the real
 * one (test-apps' {@code FaultInjector}) replaces, by reflection, a piece of the running agent with one that throws
 * on every request. Checked from the API server's journal (no Authorization, the application's own headers and
 * bodies intact), from the application's output (every request got the server's answer, exit 0) and from the
 * agent's log (one ERROR line "internal error…", no stack trace, not the exception's message).
 */
class InternalFailureTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    private static final String INJECTED_MESSAGE = "injected fault, not for the log";
    private static final String OWN_AUTHORIZATION = "Bearer app-own-token";

    /** One app request: the command words, the status and body the app must see, whether it reaches the API. */
    record Step(List<String> command, String status, String body, boolean api) {
    }

    /** {@code thrown}: the exception the fault makes the agent's code throw, which the ERROR line names. */
    record Fault(String kind, String description, String launcher, List<Step> steps, String thrown) {
        @Override
        public String toString() {
            return kind + ", " + (launcher.equals("legacy") ? "HttpURLConnection" : "HttpClient");
        }

        String client() {
            return launcher.equals("legacy") ? "HttpURLConnection" : "HttpClient";
        }
    }

    static Stream<Fault> faults() {
        String revoked = myParcel.apiUrl("/files/revoked");
        String foreign = myParcel.foreignUrl(TestHosts.OTHER, "/elsewhere");
        List<Step> legacy = List.of(
                new Step(List.of("list"), "200", SHIPMENTS_BODY, true),
                new Step(List.of("create"), "201", CREATED_BODY, true),
                new Step(List.of("create-fixed"), "201", CREATED_BODY, true),
                new Step(List.of("create-chunked"), "201", CREATED_BODY, true),
                new Step(List.of("headers"), "200", SHIPMENTS_BODY, true),
                new Step(List.of("own-auth"), "200", SHIPMENTS_BODY, true),
                new Step(List.of("download", "label-1"), "OK", FILE_BODY, true),
                new Step(List.of("get", revoked), "401", INVALID_TOKEN_BODY, true),
                new Step(List.of("get", foreign), "200", FOREIGN_BODY, false));
        List<Step> modern = List.of(
                new Step(List.of("list"), "200", SHIPMENTS_BODY, true),
                new Step(List.of("create", "string"), "201", CREATED_BODY, true),
                new Step(List.of("create", "bytes"), "201", CREATED_BODY, true),
                new Step(List.of("create-async", "stream"), "201", CREATED_BODY, true),
                new Step(List.of("list-async"), "200", SHIPMENTS_BODY, true),
                new Step(List.of("own-auth"), "200", SHIPMENTS_BODY, true),
                new Step(List.of("download", "label-1"), "200", FILE_BODY, true),
                new Step(List.of("get", revoked), "401", INVALID_TOKEN_BODY, true),
                new Step(List.of("get", foreign), "200", FOREIGN_BODY, false));
        String nullTokens = "the request authorizer replaced by one without a token manager (NullPointerException"
                + " on every API request)";
        return Stream.of(
                new Fault("authorizer", nullTokens, "legacy", legacy, "java.lang.NullPointerException"),
                new Fault("authorizer", nullTokens, "modern", modern, "java.lang.NullPointerException"),
                new Fault("http-client-adapter", "the HttpClient adapter replaced by a proxy whose every method throws"
                        + " a RuntimeException", "modern", modern, "java.lang.IllegalStateException"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void aFailureInsideTheAgentNeverReachesTheApplication(Fault fault) {
        myParcel.rejectAllRequests("/files/revoked");
        ShipmentsAppLauncher launcher = (fault.launcher().equals("legacy") ? myParcel.app() : myParcel.httpClientApp())
                .withSecondAgent("fault=" + fault.kind());
        List<String> commands = new ArrayList<>();
        fault.steps().forEach(step -> commands.addAll(step.command()));

        AppRun run = launcher.run(commands.toArray(new String[0]));
        String checked = fault.steps().size() + " requests (answers, headers, bodies), exit code, agent log";
        try {
            check(fault, run);
            SecretsAndRobustness.row(List.of("agent broken from outside: " + fault.description(), fault.client(),
                    "info (default)", checked, "every request went out as the application made it (no Authorization)"
                            + " and got the server's answer; exit 0; one ERROR line \"internal error…\", no stack"
                            + " trace"));
        } catch (AssertionError e) {
            SecretsAndRobustness.row(List.of("agent broken from outside: " + fault.description(), fault.client(),
                    "info (default)", checked, "**FAILED**: " + e.getMessage()));
            throw new AssertionError(e.getMessage() + "\n" + run.describe(), e);
        }
    }

    private static void check(Fault fault, AppRun run) {
        // The agent was active, then the fault was put in.
        assertTrue(run.agentLogLines().stream().anyMatch(line -> line.contains(" INFO active ")),
                "the agent did not start, so nothing was broken");
        assertTrue(run.stdout().lines().anyMatch(("FAULT " + fault.kind() + " installed")::equals),
                "the fault was not installed");

        // The application: every request completed with the server's answer.
        run.assertCompleted();
        List<AppResult> results = run.results();
        assertEquals(fault.steps().size(), results.size(), "requests completed");
        for (int i = 0; i < results.size(); i++) {
            Step step = fault.steps().get(i);
            AppResult result = results.get(i);
            assertEquals(step.status(), result.status(), "status of " + step.command());
            assertEquals(step.body().length(), result.bodyLength(), "body length of " + step.command());
            assertEquals(step.body().substring(0, Math.min(80, step.body().length())), result.bodyStart(),
                    "body of " + step.command());
        }

        // The servers: each request once, as the application made it.
        List<LoggedRequest> api = myParcel.apiRequests();
        assertEquals(fault.steps().stream().filter(Step::api).count(), api.size(), "API requests (no replays)");
        for (LoggedRequest request : api) {
            String authorization = Requests.authorization(request);
            if (request.getUrl().equals("/shipments") && OWN_AUTHORIZATION.equals(authorization)) {
                continue; // own-auth: the application's own header, untouched
            }
            assertEquals(null, authorization, "Authorization on " + Requests.describe(request));
        }
        assertEquals(1, api.stream().filter(r -> OWN_AUTHORIZATION.equals(Requests.authorization(r))).count(),
                "the application's own Authorization arrived once, unchanged");
        for (LoggedRequest request : api) {
            if (request.getUrl().startsWith("/shipments")) {
                assertEquals(JSON_API, request.getHeader("Accept"), "the application's Accept on "
                        + Requests.describe(request));
            }
        }
        List<LoggedRequest> posts = api.stream().filter(r -> r.getMethod().getName().equals("POST"))
                .collect(Collectors.toList());
        posts.forEach(post -> assertEquals(JSON_API, Requests.mediaType(post), "Content-Type of a POST"));
        assertEquals(run.sentBodyHashes(), posts.stream().map(Requests::bodySha256).collect(Collectors.toList()),
                "the POST bodies, byte for byte");
        List<LoggedRequest> foreign = myParcel.foreignRequests();
        assertEquals(1, foreign.size(), "requests to the foreign host");
        assertEquals(null, Requests.authorization(foreign.get(0)), "Authorization at the foreign host");

        // The agent's log: one ERROR line, no stack trace, not the exception's message.
        List<String> errors = run.agentLogLines().stream().filter(line -> line.contains(" ERROR "))
                .collect(Collectors.toList());
        assertEquals(1, errors.size(), "agent ERROR lines: " + errors);
        assertTrue(errors.get(0).contains("internal error") && errors.get(0).contains(fault.thrown()),
                "the ERROR line names the internal error (" + fault.thrown() + "): " + errors.get(0));
        assertEquals(List.of(), run.stackTraceLines(), "stack trace lines on stderr");
        assertFalse(run.stderr().contains(INJECTED_MESSAGE) || run.stdout().contains(INJECTED_MESSAGE),
                "the exception's message was printed");
    }
}
