package com.myparcel.auth.it;

import static com.myparcel.auth.it.FakeMyParcel.jsonApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Beside the OpenTelemetry Java agent, before or after this one on the command line: every API request carries
 * both OpenTelemetry's W3C {@code traceparent} (its HTTP client instrumentation makes a client span for each
 * request and propagates it) and the issued token, a 401 is still replayed with a new token (and a
 * {@code traceparent}), and neither agent reports a problem.
 *
 * <p>One child JVM per client and order (the OpenTelemetry agent takes seconds to start): the app first creates a
 * shipment (plain injection), then lists shipments, which the API refuses once (replay).
 */
class OpenTelemetryAgentTest {

    private static final String REPLAYED_BODY = "{\"data\":{\"type\":\"shipments\",\"id\":\"after-token-refresh\"}}";
    /** W3C Trace Context: version 00, 32 hex trace id, 16 hex parent id, 2 hex flags. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    /** OpenTelemetry without any exporter: it traces and propagates, but sends nothing anywhere. */
    private static final List<String> OTEL_OFFLINE = List.of("-Dotel.traces.exporter=none",
            "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none");

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @ParameterizedTest(name = "{0}, OpenTelemetry agent {1} this one")
    @CsvSource({"HttpURLConnection, before", "HttpURLConnection, after", "HttpClient, before", "HttpClient, after"})
    void traceparentAndTokenArriveAndA401IsReplayed(String client, String order) {
        myParcel.rejectFirstRequest("GET", "/shipments", jsonApi(200, REPLAYED_BODY));
        boolean httpClient = client.equals("HttpClient");
        ShipmentsAppLauncher launcher = httpClient ? myParcel.httpClientApp() : myParcel.app();
        String openTelemetry = "-javaagent:" + Artifacts.openTelemetryAgentJar();
        if (order.equals("before")) {
            launcher.withAgentBefore(openTelemetry);
        } else {
            launcher.withAgentAfter(openTelemetry);
        }
        OTEL_OFFLINE.forEach(launcher::jvmOption);

        AppRun run = (httpClient ? launcher.run("create", "string", "list") : launcher.run("create", "list"))
                .assertCompleted();

        // the app saw the created shipment and the replay's answer, never the 401
        assertEquals(List.of("POST /shipments 201", "GET /shipments 200"), run.summaries(), run::describe);
        assertEquals(REPLAYED_BODY, run.results().get(1).bodyStart(), run::describe);

        // the API got the POST and the GET with the first token, then the GET once more with a new one
        List<LoggedRequest> received = myParcel.apiRequests();
        assertEquals(List.of("POST /shipments", "GET /shipments", "GET /shipments"),
                received.stream().map(r -> r.getMethod() + " " + r.getUrl()).collect(Collectors.toList()),
                run::describe);
        List<String> issued = myParcel.issuedTokens();
        assertEquals(2, issued.size(), () -> "tokens issued: the first, then one after the 401\n" + run.describe());
        assertEquals(List.of(issued.get(0), issued.get(0), issued.get(1)), Requests.bearerTokens(received),
                "tokens on POST, GET, replayed GET");
        String sentBody = run.sentBodyHashes().get(0);
        assertEquals(sentBody, Requests.bodySha256(received.get(0)), "the POST body arrived as the app sent it");

        // OpenTelemetry's trace context on every request, the replay included
        for (LoggedRequest request : received) {
            String traceparent = request.getHeader("traceparent");
            assertTrue(traceparent != null && TRACEPARENT.matcher(traceparent).matches(),
                    () -> "traceparent on " + Requests.describe(request) + ": " + traceparent + "\n" + run.describe());
            assertEquals(1, request.header("traceparent").values().size(),
                    () -> "traceparent sent once on " + Requests.describe(request));
        }

        // neither agent complains
        List<String> agentProblems = run.agentLogLines().stream()
                .filter(line -> line.contains(" ERROR ") || line.contains(" WARN "))
                .collect(Collectors.toList());
        assertEquals(List.of(), agentProblems, run::describe);
        List<String> otherProblems = run.stderr().lines()
                .filter(line -> !line.startsWith(AppRun.AGENT_LOG_PREFIX))
                .filter(line -> line.contains("ERROR") || line.contains("Exception"))
                .collect(Collectors.toList());
        assertEquals(List.of(), otherProblems, run::describe);
        assertEquals(List.of(), run.stackTraceLines(), run::describe);
        assertTrue(run.stderr().contains("opentelemetry-javaagent"),
                () -> "the OpenTelemetry agent's start-up line\n" + run.describe());
    }
}
