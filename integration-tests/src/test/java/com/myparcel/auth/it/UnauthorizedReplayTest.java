package com.myparcel.auth.it;

import static com.myparcel.auth.it.FakeMyParcel.INVALID_TOKEN_BODY;
import static com.myparcel.auth.it.FakeMyParcel.jsonApi;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

        run.assertOnlyResult("200", REPLAYED_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
        myParcel.assertExactlyOneNewTokenAfterThe401();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"create", "create-fixed", "create-chunked"})
    void replaysPostWithAFreshTokenAndTheSameBody(String command) {
        myParcel.rejectFirstRequest("POST", "/shipments", jsonApi(201, REPLAYED_BODY));

        AppRun run = myParcel.app().run(command).assertCompleted();

        run.assertOnlyResult("201", REPLAYED_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
        myParcel.assertExactlyOneNewTokenAfterThe401();
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

    /** After the replay's 401 the agent may drop that token too and fetch another: tokens are not counted here. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"list", "create"})
    void persistent401ReachesTheAppAfterExactlyTwoAttempts(String command) {
        myParcel.rejectAllRequests("/shipments");

        AppRun run = myParcel.app().run(command).assertCompleted();

        run.assertOnlyResult("401", INVALID_TOKEN_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
    }
}
