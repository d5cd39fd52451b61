package com.myparcel.auth.it;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.myparcel.auth.it.FakeMyParcel.SHIPMENTS_BODY;
import static com.myparcel.auth.it.FakeMyParcel.jsonApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HttpClient: {@code cancel} on the future the app holds reaches whichever attempt is in flight, the first one or
 * the replay after a 401.
 *
 * <p>The API answers {@value #PATH} after {@value #SERVER_DELAY_MS} ms; the app cancels {@value #CANCEL_AFTER_MS} ms
 * after {@code sendAsync}, and the test checks from the journal that the request had arrived by then. The app's
 * BodyHandler prints a {@code HANDLER} line whenever the HttpClient calls it, i.e. whenever an attempt gets an
 * answer. The app stays up {@value #WATCH_MS} ms after the cancel, well past the moment the server answers: an
 * attempt the cancel did not stop would get that answer and print {@code HANDLER}.
 */
class HttpClientCancelTest {

    private static final String PATH = "/shipments/slow";
    private static final int SERVER_DELAY_MS = 4000;
    private static final int CANCEL_AFTER_MS = 1500;
    private static final int WATCH_MS = 4000;

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP_1_1", "HTTP_2"})
    void cancelReachesTheFirstAttempt(String version) {
        myParcel.api().stubFor(get(PATH).willReturn(jsonApi(200, SHIPMENTS_BODY).withFixedDelay(SERVER_DELAY_MS)));

        AppRun run = sendAndCancel(version);

        List<LoggedRequest> requests = myParcel.apiRequests();
        assertEquals(1, requests.size(), "attempts");
        assertEquals(myParcel.onlyIssuedToken(), Requests.bearerToken(requests.get(0)));
        assertArrivedBeforeTheCancel(run, requests);
        assertEquals(List.of(), run.lines("HANDLER"), () -> "the cancelled attempt still got its answer\n" + run.describe());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP_1_1", "HTTP_2"})
    void cancelReachesTheReplay(String version) {
        myParcel.rejectFirstRequest("GET", PATH, jsonApi(200, SHIPMENTS_BODY).withFixedDelay(SERVER_DELAY_MS));

        AppRun run = sendAndCancel(version);

        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
        assertArrivedBeforeTheCancel(run, myParcel.apiRequests());
        assertEquals(List.of(), run.lines("HANDLER"), () -> "the replay went on after the cancel and got its answer"
                + " (the first attempt's 401 never reaches the app's handler)\n" + run.describe());
    }

    private static AppRun sendAndCancel(String version) {
        AppRun run = myParcel.httpClientApp()
                .appProperty("shipments.http-version", version)
                .run("cancel", PATH, String.valueOf(CANCEL_AFTER_MS), String.valueOf(WATCH_MS))
                .assertCompleted();
        assertEquals(List.of(), run.results(), () -> "the future completed with a response\n" + run.describe());
        assertEquals(1, run.lines("CANCELLED").size(), () -> "the future did not report cancellation\n" + run.describe());
        return run;
    }

    /** Each request reached the API before the app cancelled: the cancel hit a request in flight. */
    private static void assertArrivedBeforeTheCancel(AppRun run, List<LoggedRequest> requests) {
        String cancelled = run.lines("CANCELLED").get(0); // GET <path> <epoch millis>
        Instant cancelledAt = Instant.ofEpochMilli(Long.parseLong(cancelled.substring(cancelled.lastIndexOf(' ') + 1)));
        for (LoggedRequest request : requests) {
            Instant arrived = request.getLoggedDate().toInstant();
            assertTrue(arrived.isBefore(cancelledAt), () -> Requests.describe(request) + " arrived at " + arrived
                    + ", after the cancel at " + cancelledAt + "\n" + run.describe());
        }
    }
}
