package com.myparcel.auth.it;

import static java.util.Collections.nCopies;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many threads starting without a token share one token request. */
class ConcurrencyTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    /**
     * The token server answers after 2 s, so whether the agent fetches its first token on startup or on the first
     * request, that fetch is still in flight when the 16 threads need a token.
     */
    @Test
    void sixteenThreadsStartingTogetherCauseOneTokenRequest() {
        myParcel.issueTokens(TokenIssuer.jwts(FakeMyParcel.ONE_DAY, FakeMyParcel.ONE_DAY).withFixedDelay(2000));

        AppRun run = myParcel.app().run("parallel", "16", "4").assertCompleted();

        assertEquals(nCopies(64, "200"), run.statuses(), run::describe);
        assertEquals(1, myParcel.tokenRequests().size(), "token requests");
        String token = myParcel.onlyIssuedToken();
        assertEquals(nCopies(64, token), Requests.bearerTokens(myParcel.apiRequests()));
    }
}
