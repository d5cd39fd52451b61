package com.myparcel.auth.agent.config;

import com.myparcel.auth.agent.destination.ApiDestinations;
import com.myparcel.auth.agent.log.AgentLog;
import java.net.URI;
import java.time.Duration;

/** The agent's validated settings. {@link #toString()} never shows the secret. */
public final class Settings {

    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final Environment environment;
    private final URI authUrl;
    private final ApiDestinations apiDestinations;
    private final Duration refreshMargin;
    private final Duration tokenWait;
    private final boolean overrideAuthorization;
    private final AgentLog.Level logLevel;

    Settings(String clientId, String clientSecret, String scope, Environment environment, URI authUrl,
            ApiDestinations apiDestinations, Duration refreshMargin, Duration tokenWait,
            boolean overrideAuthorization, AgentLog.Level logLevel) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.environment = environment;
        this.authUrl = authUrl;
        this.apiDestinations = apiDestinations;
        this.refreshMargin = refreshMargin;
        this.tokenWait = tokenWait;
        this.overrideAuthorization = overrideAuthorization;
        this.logLevel = logLevel;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public String scope() {
        return scope;
    }

    public Environment environment() {
        return environment;
    }

    public URI authUrl() {
        return authUrl;
    }

    public ApiDestinations apiDestinations() {
        return apiDestinations;
    }

    public Duration refreshMargin() {
        return refreshMargin;
    }

    public Duration tokenWait() {
        return tokenWait;
    }

    public boolean overrideAuthorization() {
        return overrideAuthorization;
    }

    public AgentLog.Level logLevel() {
        return logLevel;
    }

    /** The client id shortened for logs: enough to recognise, not the whole identifier. */
    public String abbreviatedClientId() {
        return clientId.length() <= 8 ? clientId.charAt(0) + "…" : clientId.substring(0, 6) + "…";
    }

    @Override
    public String toString() {
        return "Settings{environment=" + environment.settingValue() + ", authUrl=" + authUrl + ", apiHosts="
                + apiDestinations.describe() + ", clientId=" + abbreviatedClientId() + ", scope=" + scope
                + ", refreshMargin=" + refreshMargin + ", tokenWait=" + tokenWait + "}";
    }
}
