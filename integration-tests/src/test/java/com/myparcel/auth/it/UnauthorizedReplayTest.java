package com.myparcel.auth.it;

import static com.myparcel.auth.it.FakeMyParcel.INVALID_TOKEN_BODY;
import static com.myparcel.auth.it.FakeMyParcel.jsonApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.myparcel.auth.it.AppRun.AppResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A 401 on a request the agent authorized is replayed once with a fresh token; the app sees the replay. */
class UnauthorizedReplayTest {

    private static final String REPLAYED_BODY = "{\"data\":{\"type\":\"shipments\",\"id\":\"after-token-refresh\"}}";

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @Test
    void replaysGetWithAFreshToken() {
        myParcel.rejectFirstRequest("GET", "/shipments", jsonApi(200, REPLAYED_BODY));

        AppRun run = myParcel.app().run("list").assertCompleted();

        assertAppSawOnly(run, "200", REPLAYED_BODY);
        assertTwoAttemptsWithTwoDifferentIssuedTokens();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"create", "create-fixed", "create-chunked"})
    void replaysPostWithAFreshTokenAndTheSameBody(String command) {
        myParcel.rejectFirstRequest("POST", "/shipments", jsonApi(201, REPLAYED_BODY));

        AppRun run = myParcel.app().run(command).assertCompleted();

        assertAppSawOnly(run, "201", REPLAYED_BODY);
        assertTwoAttemptsWithTwoDifferentIssuedTokens();
        String sent = run.sentBodyHashes().get(0);
        assertEquals(List.of(sent, sent), myParcel.apiPostBodyHashes(),
                "SHA-256 of the body the app sent vs of the two bodies the API received");
    }

    @Test
    void largeFixedLengthBodyIsNotReplayed() {
        myParcel.rejectFirstRequest("POST", "/shipments", jsonApi(201, REPLAYED_BODY));

        AppRun run = myParcel.app().run("create-large-fixed").assertCompleted();

        assertEquals("401", run.onlyResult().status(), run::describe);
        assertEquals(List.of(myParcel.firstIssuedToken()), Requests.bearerTokens(myParcel.apiRequests()),
                "exactly one attempt, with the first token");
        assertEquals(run.sentBodyHashes(), myParcel.apiPostBodyHashes(), "the 2 MiB body arrived intact");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"list", "create"})
    void persistent401ReachesTheAppAfterExactlyTwoAttempts(String command) {
        myParcel.rejectAllRequests("/shipments");

        AppRun run = myParcel.app().run(command).assertCompleted();

        assertAppSawOnly(run, "401", INVALID_TOKEN_BODY);
        assertTwoAttemptsWithTwoDifferentIssuedTokens();
    }

    private static void assertAppSawOnly(AppRun run, String status, String body) {
        AppResult result = run.onlyResult();
        assertEquals(status, result.status(), run::describe);
        assertEquals(body.length(), result.bodyLength(), run::describe);
        assertEquals(body.substring(0, Math.min(80, body.length())), result.bodyStart(), run::describe);
    }

    private static void assertTwoAttemptsWithTwoDifferentIssuedTokens() {
        List<String> issued = myParcel.issuedTokens();
        assertEquals(2, issued.size(), "tokens issued: the first one, then exactly one new token after the 401");
        assertNotEquals(issued.get(0), issued.get(1));
        assertEquals(issued, Requests.bearerTokens(myParcel.apiRequests()),
                "the first attempt carries the first token, the replay the new one");
    }
}
