package com.myparcel.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Short-lived tokens are refreshed before they expire: with {@code myparcel.refresh-margin=5m} and tokens living
 * about 3 s, the agent refreshes at half-life, so a loop of requests never sends an expired token.
 */
class TokenRefreshTest {

    private static final Duration SHORT_LIFETIME = Duration.ofSeconds(3);

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @Test
    void refreshesShortLivedJwts() {
        myParcel.issueTokens(TokenIssuer.jwts(SHORT_LIFETIME, SHORT_LIFETIME));

        AppRun run = loopForSeconds(7);

        assertRefreshedAtLeastTwice(run);
        myParcel.assertEveryApiRequestCarriedAnUnexpiredIssuedToken(Jwt::expiry);
    }

    @Test
    void jwtExpiryWinsOverALongerExpiresIn() {
        myParcel.issueTokens(TokenIssuer.jwts(SHORT_LIFETIME, FakeMyParcel.ONE_DAY));

        AppRun run = loopForSeconds(6);

        assertRefreshedAtLeastTwice(run);
        myParcel.assertEveryApiRequestCarriedAnUnexpiredIssuedToken(Jwt::expiry);
    }

    @Test
    void refreshesShortLivedOpaqueTokensByExpiresIn() {
        myParcel.issueTokens(TokenIssuer.opaqueTokens(SHORT_LIFETIME));

        AppRun run = loopForSeconds(6);

        assertRefreshedAtLeastTwice(run);
        Map<String, Instant> expiryByToken = opaqueTokenExpiries();
        myParcel.assertEveryApiRequestCarriedAnUnexpiredIssuedToken(expiryByToken::get);
    }

    private static AppRun loopForSeconds(int seconds) {
        return myParcel.app()
                .setting("myparcel.refresh-margin", "5m")
                .run("loop", String.valueOf(seconds), "100")
                .assertCompleted();
    }

    private static void assertRefreshedAtLeastTwice(AppRun run) {
        List<String> statuses = run.statuses();
        assertTrue(statuses.size() >= 10, run::describe);
        statuses.forEach(status -> assertEquals("200", status, run::describe));
        int tokenRequests = myParcel.tokenRequests().size();
        assertTrue(tokenRequests >= 3, () -> "expected at least 3 token requests, got " + tokenRequests);
    }

    /** An opaque token expires {@code expires_in} after the token server received the request that issued it. */
    private static Map<String, Instant> opaqueTokenExpiries() {
        List<String> issued = myParcel.issuedTokens();
        List<LoggedRequest> tokenRequests = myParcel.tokenRequests();
        assertEquals(issued.size(), tokenRequests.size());
        Map<String, Instant> expiries = new HashMap<>();
        for (int i = 0; i < issued.size(); i++) {
            expiries.put(issued.get(i), tokenRequests.get(i).getLoggedDate().toInstant().plus(SHORT_LIFETIME));
        }
        return expiries;
    }
}
