package com.myparcel.auth.agent.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.myparcel.auth.agent.destination.ApiDestinations;
import com.myparcel.auth.agent.token.AccessToken;
import com.myparcel.auth.agent.token.Backoff;
import com.myparcel.auth.agent.token.TokenManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestAuthorizerTest {

    private final AtomicInteger fetches = new AtomicInteger();
    private final TokenManager tokens = new TokenManager(() -> {
        Instant now = Instant.now();
        return new AccessToken("token-" + fetches.incrementAndGet(), now, now.plus(Duration.ofHours(1)));
    }, Clock.systemUTC(), Duration.ofMinutes(5), new Backoff(() -> 0.5));

    @AfterEach
    void stop() {
        tokens.close();
    }

    private RequestAuthorizer authorizer(boolean override) {
        return new RequestAuthorizer(ApiDestinations.parse("api.myparcel.com"), tokens, Duration.ofSeconds(10), override);
    }

    @Test
    void onlyApiDestinationsGetAToken() {
        RequestAuthorizer authorizer = authorizer(false);
        assertNotNull(authorizer.authorize(AgentMetrics.Client.HTTP_CLIENT, "https", "api.myparcel.com", -1, false));
        assertNull(authorizer.authorize(AgentMetrics.Client.HTTP_CLIENT, "https", "cdn.myparcel.com", -1, false));
        assertNull(authorizer.authorize(AgentMetrics.Client.HTTP_CLIENT, "http", "api.myparcel.com", -1, false));
    }

    @Test
    void theApplicationsOwnAuthorizationIsLeftAloneUnlessOverriding() {
        assertNull(authorizer(false).authorize(AgentMetrics.Client.HTTP_CLIENT, "https", "api.myparcel.com", -1, true));
        assertNotNull(authorizer(true).authorize(AgentMetrics.Client.HTTP_CLIENT, "https", "api.myparcel.com", -1, true));
    }

    @Test
    void aReplayGetsADifferentToken() {
        RequestAuthorizer authorizer = authorizer(false);
        AccessToken first = authorizer.authorize(AgentMetrics.Client.HTTP_CLIENT, "https", "api.myparcel.com", -1, false);
        AccessToken replay = authorizer.tokenForReplay(AgentMetrics.Client.HTTP_URL_CONNECTION, first);
        assertNotNull(replay);
        assertFalse(replay.authorizationHeaderValue().equals(first.authorizationHeaderValue()));
        assertEquals(1, authorizer.metrics().authorizedRequests(AgentMetrics.Client.HTTP_CLIENT));
        assertEquals(1, authorizer.metrics().replays(AgentMetrics.Client.HTTP_URL_CONNECTION));
    }

    @Test
    void anIssuedTokenMayNotGoToOtherHosts() throws Exception {
        RequestAuthorizer authorizer = authorizer(false);
        AccessToken token = authorizer.authorize(AgentMetrics.Client.HTTP_CLIENT, "https", "api.myparcel.com", -1, false);
        String header = token.authorizationHeaderValue();
        assertTrue(authorizer.mayCarry(header, "https", "api.myparcel.com", 8443));
        assertFalse(authorizer.mayCarry(header, "https", "evil.test", -1));
        assertTrue(authorizer.mayCarry("Bearer application-own", "https", "evil.test", -1),
                "the application's own credentials are its business");
        AccessToken async = authorizer.tokenForReplayAsync(AgentMetrics.Client.HTTP_CLIENT, token).get();
        assertFalse(authorizer.mayCarry(async.authorizationHeaderValue(), "http", "api.myparcel.com", 80));
    }
}
