package com.myparcel.auth.agent.status;

import com.myparcel.auth.agent.authorization.AgentMetrics;
import com.myparcel.auth.agent.token.AccessToken;
import com.myparcel.auth.agent.token.TokenManager;
import java.time.Clock;
import java.time.Duration;

/** Reads the token life cycle and the request counters for {@link AgentStatusMBean}. */
public final class AgentStatus implements AgentStatusMBean {

    private final TokenManager tokens;
    private final AgentMetrics metrics;
    private final Clock clock;

    public AgentStatus(TokenManager tokens, AgentMetrics metrics, Clock clock) {
        this.tokens = tokens;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public String getTokenFingerprint() {
        AccessToken token = tokens.current();
        return token == null ? "none" : token.fingerprint();
    }

    @Override
    public String getTokenExpiry() {
        AccessToken token = tokens.current();
        return token == null ? "none" : token.expiresAt().toString();
    }

    @Override
    public long getTokenSecondsLeft() {
        AccessToken token = tokens.current();
        return token == null ? -1 : Duration.between(clock.instant(), token.expiresAt()).getSeconds();
    }

    @Override
    public long getTokenRequests() {
        return tokens.tokenRequests();
    }

    @Override
    public long getTokenFailures() {
        return tokens.tokenFailures();
    }

    @Override
    public long getAuthorizedRequestsHttpUrlConnection() {
        return metrics.authorizedRequests(AgentMetrics.Client.HTTP_URL_CONNECTION);
    }

    @Override
    public long getAuthorizedRequestsHttpClient() {
        return metrics.authorizedRequests(AgentMetrics.Client.HTTP_CLIENT);
    }

    @Override
    public long getReplays() {
        return metrics.replays(AgentMetrics.Client.HTTP_URL_CONNECTION) + metrics.replays(AgentMetrics.Client.HTTP_CLIENT);
    }

    @Override
    public String getLastError() {
        String lastError = tokens.lastError();
        return lastError == null ? "none" : lastError;
    }

    @Override
    public void refreshToken() {
        tokens.refreshNow();
    }
}
