package com.myparcel.auth.it;

import static com.myparcel.auth.it.FakeMyParcel.jsonApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HttpClient subclasses written by applications, and Java 21's {@code close()} and {@code shutdown()}, work as
 * without the agent. The child JVM runs the same JDK as this test: below Java 21 the app reports
 * {@code CLOSE-UNAVAILABLE} instead of closing.
 */
class HttpClientLifecycleTest {

    private static final String REPLAYED_BODY = "{\"data\":{\"type\":\"shipments\",\"id\":\"after-token-refresh\"}}";
    private static final int JAVA = Runtime.version().feature();

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    /**
     * A subclass delegating to a real client works (whether the delegate's requests get the token does not matter
     * here); a subclass answering by itself gets the app's own request object, untouched, and no request reaches
     * the network.
     */
    @Test
    void appWrittenSubclassesWork() {
        AppRun run = myParcel.httpClientApp().run("subclass").assertCompleted();

        assertEquals(List.of("GET /shipments 200", "GET /shipments 200", "GET /shipments 200"), run.summaries(),
                run::describe);
        assertEquals("{\"data\":[]}", run.results().get(2).bodyStart(), "the canned subclass answered the third");
        assertEquals(List.of("true none"), run.lines("CANNED"),
                "the canned subclass got the app's own request object, without Authorization");
        assertEquals(2, myParcel.apiRequests().size(), "requests through the delegating subclass");
        assertEquals(List.of(), run.stackTraceLines(), run::describe);
    }

    @Test
    void closeWorksAfterARequest() {
        AppRun run = myParcel.httpClientApp().run("close").assertCompleted();

        assertEquals("200", run.onlyResult().status(), run::describe);
        assertEquals(myParcel.onlyIssuedToken(), Requests.bearerToken(myParcel.apiRequests().get(0)));
        assertClosed(run, "CLOSED");
    }

    @Test
    void shutdownWorksAfterARequest() {
        AppRun run = myParcel.httpClientApp().run("shutdown").assertCompleted();

        assertEquals("200", run.onlyResult().status(), run::describe);
        assertEquals(myParcel.onlyIssuedToken(), Requests.bearerToken(myParcel.apiRequests().get(0)));
        assertClosed(run, "SHUTDOWN");
    }

    /**
     * {@code close()} right after {@code sendAsync}: the request already sent runs to completion, but a
     * closed client accepts no new request, so a replay cannot be sent. The app then gets the server's own
     * 401, its body through the app's handler, exactly as without the agent: never an exception.
     */
    @Test
    void closeLetsARequestInFlightFinishWithTheServersAnswer() {
        assumeTrue(JAVA >= 21, "HttpClient.close() exists from Java 21 on");
        myParcel.rejectFirstRequest("GET", "/shipments/first-refused", jsonApi(200, REPLAYED_BODY));

        AppRun run = myParcel.httpClientApp().run("close-in-flight", "/shipments/first-refused").assertCompleted();

        run.assertOnlyResult("401", FakeMyParcel.INVALID_TOKEN_BODY);
        assertEquals(1, myParcel.apiRequests().size(), "one attempt: the closed client took no replay");
        assertEquals(List.of("terminated=true"), run.lines("CLOSED"), run::describe);
    }

    /** On Java 21+, one {@code <tag> terminated=true} line; below, {@code CLOSE-UNAVAILABLE}. */
    private static void assertClosed(AppRun run, String tag) {
        if (JAVA >= 21) {
            assertEquals(List.of("terminated=true"), run.lines(tag), run::describe);
        } else {
            assertEquals(List.of("java " + JAVA), run.lines("CLOSE-UNAVAILABLE"), run::describe);
        }
    }
}
