package com.myparcel.auth.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.myparcel.auth.it.FakeMyParcel.FILE_BODY;
import static com.myparcel.auth.it.FakeMyParcel.INVALID_TOKEN_BODY;
import static com.myparcel.auth.it.FakeMyParcel.jsonApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HttpClient: a 401 on a request the agent authorized is replayed once with a fresh token and the same body; the
 * app's future or {@code send} gets the replay's answer, and its BodyHandler sees only that answer. A request with
 * the app's own Authorization is never replayed.
 */
class HttpClientReplayTest {

    private static final String REPLAYED_BODY = "{\"data\":{\"type\":\"shipments\",\"id\":\"after-token-refresh\"}}";
    private static final String APP_OWN = "Bearer app-own-token";

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"list", "list-async", "list-push"})
    void replaysGetWithAFreshToken(String command) {
        myParcel.rejectFirstRequest("GET", "/shipments", jsonApi(200, REPLAYED_BODY));

        AppRun run = myParcel.httpClientApp().run(command).assertCompleted();

        run.assertOnlyResult("200", REPLAYED_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
        myParcel.assertExactlyOneNewTokenAfterThe401();
    }

    /** Each BodyPublisher the agent re-sends, through send and sendAsync. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"create, string", "create, bytes", "create, file", "create, stream",
            "create-async, string", "create-async, bytes", "create-async, file", "create-async, stream"})
    void replaysPostWithAFreshTokenAndTheSameBody(String command, String publisher) {
        myParcel.rejectFirstRequest("POST", "/shipments", jsonApi(201, REPLAYED_BODY));

        AppRun run = myParcel.httpClientApp().run(command, publisher).assertCompleted();

        run.assertOnlyResult("201", REPLAYED_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
        myParcel.assertExactlyOneNewTokenAfterThe401();
        String sent = run.sentBodyHashes().get(0);
        assertEquals(List.of(sent, sent), myParcel.apiPostBodyHashes(),
                "SHA-256 of the body the app sent vs of the two bodies the API received");
    }

    /**
     * {@code BodyHandlers.ofFile} opens its file without truncating it: had the 401's (longer) body been written
     * there first, the label would be followed by the rest of MyParcel's error.
     */
    @Test
    void downloadedFileHoldsOnlyTheReplaysBody() {
        assertTrue(INVALID_TOKEN_BODY.length() > FILE_BODY.length(), "the test needs a 401 body longer than the file");
        myParcel.rejectFirstRequest("GET", "/files/label-1",
                aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(FILE_BODY));

        AppRun run = myParcel.httpClientApp().run("download", "label-1").assertCompleted();

        run.assertOnlyResult("200", FILE_BODY);
        byte[] label = FILE_BODY.getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("/files/label-1 " + label.length + " " + Requests.sha256(label)), run.lines("FILE"),
                "size and SHA-256 of the downloaded file");
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
    }

    /** After the replay's 401 the agent may drop that token too and fetch another: tokens are not counted here. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"list", "list-async", "create string", "create-async stream"})
    void persistent401ReachesTheAppAfterExactlyTwoAttempts(String commandLine) {
        myParcel.rejectAllRequests("/shipments");

        AppRun run = myParcel.httpClientApp().run(commandLine.split(" ")).assertCompleted();

        run.assertOnlyResult("401", INVALID_TOKEN_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
    }

    @Test
    void appsOwnAuthorizationIsSentUnchanged() {
        AppRun run = myParcel.httpClientApp().run("own-auth").assertCompleted();

        assertEquals("200", run.onlyResult().status(), run::describe);
        assertEquals(List.of(APP_OWN), authorizationsReceivedByApi());
    }

    @Test
    void appsOwnAuthorizationIsNotReplayedAfter401() {
        myParcel.rejectAllRequests("/shipments");

        AppRun run = myParcel.httpClientApp().run("own-auth").assertCompleted();

        run.assertOnlyResult("401", INVALID_TOKEN_BODY);
        assertEquals(List.of(APP_OWN), authorizationsReceivedByApi(), "exactly one attempt, the app's own");
    }

    @Test
    void overrideAuthorizationReplacesTheAppsOwn() {
        AppRun run = myParcel.httpClientApp()
                .setting("myparcel.override-authorization", "true")
                .run("own-auth")
                .assertCompleted();

        assertEquals("200", run.onlyResult().status(), run::describe);
        assertEquals(List.of("Bearer " + myParcel.onlyIssuedToken()), authorizationsReceivedByApi());
        assertEquals(List.of("GET /shipments " + APP_OWN), run.lines("APP-REQUEST"),
                "the app's HttpRequest object still holds its own Authorization");
    }

    private static List<String> authorizationsReceivedByApi() {
        return myParcel.apiRequests().stream().map(Requests::authorization).collect(Collectors.toList());
    }
}
