package com.myparcel.auth.agent.authorization;

import com.myparcel.auth.agent.destination.ApiDestinations;
import com.myparcel.auth.agent.log.RepeatedWarning;
import com.myparcel.auth.agent.token.AccessToken;
import com.myparcel.auth.agent.token.TokenManager;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The client-agnostic decisions every adapter asks for: does this request get a token, which one,
 * and what happens after the API answers 401. Adapters only connect a JDK client to these answers.
 */
public final class RequestAuthorizer {

    private final ApiDestinations destinations;
    private final TokenManager tokens;
    private final Duration tokenWait;
    private final boolean overrideAuthorization;
    private final AgentMetrics metrics = new AgentMetrics();
    private final RepeatedWarning withoutToken = new RepeatedWarning();

    public RequestAuthorizer(ApiDestinations destinations, TokenManager tokens, Duration tokenWait,
            boolean overrideAuthorization) {
        this.destinations = destinations;
        this.tokens = tokens;
        this.tokenWait = tokenWait;
        this.overrideAuthorization = overrideAuthorization;
    }

    public AgentMetrics metrics() {
        return metrics;
    }

    /** Whether a request to this destination would get the token (no waiting, no token fetched). */
    public boolean isApiDestination(String scheme, String host, int port) {
        return destinations.matches(scheme, host, port);
    }

    /**
     * The token a request should carry, or null when it goes out as the application made it: the
     * destination is not an API host, the application set its own Authorization (unless overriding is
     * configured), or no valid token arrived within token-wait.
     */
    public AccessToken authorize(AgentMetrics.Client client, String scheme, String host, int port,
            boolean applicationSetAuthorization) {
        if (applicationSetAuthorization && !overrideAuthorization) {
            return null;
        }
        if (!destinations.matches(scheme, host, port)) {
            return null;
        }
        AccessToken token = tokens.tokenForRequest(tokenWait);
        if (token != null) {
            metrics.authorized(client);
        } else {
            withoutToken.warn("no valid token within myparcel.token-wait: a request to " + host
                    + " went out without one");
        }
        return token;
    }

    /**
     * The API answered 401 to a request that carried {@code rejected}. Like OkHttp's Authenticator,
     * this says what to send instead, not how: the token for the one replay, or null for no replay
     * (no new token arrived in time, so a replay would only repeat the refusal).
     */
    public AccessToken tokenForReplay(AgentMetrics.Client client, AccessToken rejected) {
        tokens.rejected(rejected);
        AccessToken replacement = tokens.tokenForRequest(tokenWait);
        return countedReplay(client, replacement == rejected ? null : replacement);
    }

    /** The API refused {@code rejected} and the request is not replayed: the next request gets a new token. */
    public void rejected(AccessToken rejected) {
        tokens.rejected(rejected);
    }

    /** {@link #tokenForReplay(AccessToken)} for asynchronous clients: never blocks the caller. */
    public CompletableFuture<AccessToken> tokenForReplayAsync(AgentMetrics.Client client, AccessToken rejected) {
        tokens.rejected(rejected);
        return tokens.tokenForRequestAsync(tokenWait)
                .thenApply(replacement -> countedReplay(client, replacement == rejected ? null : replacement));
    }

    private AccessToken countedReplay(AgentMetrics.Client client, AccessToken replacement) {
        if (replacement != null) {
            metrics.replayed(client);
        }
        return replacement;
    }

    /**
     * Whether a request to this destination may carry this Authorization value: false when it is a
     * token the agent issued and the destination is not an API host (a redirect, for example).
     */
    public boolean mayCarry(String authorizationHeaderValue, String scheme, String host, int port) {
        return destinations.matches(scheme, host, port) || !tokens.issued(authorizationHeaderValue);
    }
}
