package com.myparcel.auth.it;

import static java.util.Collections.nCopies;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many threads starting without a token share one token request. */
class ConcurrencyTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @Test
    void sixteenThreadsStartingTogetherCauseOneTokenRequest() {
        AppRun run = myParcel.app().run("parallel", "16", "4").assertCompleted();

        assertEquals(nCopies(64, "200"), run.statuses(), run::describe);
        assertEquals(1, myParcel.tokenRequests().size(), "token requests");
        String token = myParcel.onlyIssuedToken();
        assertEquals(nCopies(64, token), Requests.bearerTokens(myParcel.apiRequests()));
    }
}
