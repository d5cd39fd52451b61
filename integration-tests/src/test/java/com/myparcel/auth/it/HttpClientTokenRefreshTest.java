package com.myparcel.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HttpClient under load with short-lived tokens: JWTs living about 3 s, refreshed at half-life
 * ({@code myparcel.refresh-margin=5m}), while rounds of 32 concurrent {@code sendAsync} requests run for 7 s.
 */
class HttpClientTokenRefreshTest {

    private static final Duration SHORT_LIFETIME = Duration.ofSeconds(3);
    private static final int CONCURRENCY = 32;

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @Test
    void concurrentAsyncRequestsNeverCarryAnExpiredToken() {
        myParcel.issueTokens(TokenIssuer.jwts(SHORT_LIFETIME, SHORT_LIFETIME));

        AppRun run = myParcel.httpClientApp()
                .setting("myparcel.refresh-margin", "5m")
                .run("loop-async", "7", String.valueOf(CONCURRENCY), "50")
                .assertCompleted();

        List<String> statuses = run.statuses();
        assertTrue(statuses.size() >= 10 * CONCURRENCY, () -> "only " + statuses.size() + " requests\n" + run.describe());
        assertEquals(0, statuses.stream().filter(status -> !status.equals("200")).count(),
                () -> "requests not answered 200: " + statuses);
        assertEquals(statuses.size(), myParcel.apiRequests().size(), "requests the API received: one per request");
        int tokenRequests = myParcel.tokenRequests().size();
        assertTrue(tokenRequests >= 3, () -> "expected at least 3 token requests, got " + tokenRequests);
        myParcel.assertEveryApiRequestCarriedAnUnexpiredIssuedToken(Jwt::expiry);
    }
}
