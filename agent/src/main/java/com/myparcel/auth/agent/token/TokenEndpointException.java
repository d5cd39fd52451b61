package com.myparcel.auth.agent.token;

import java.io.IOException;
import java.time.Duration;

/**
 * The token endpoint did not give a usable token. Carries MyParcel's JSON:API error code and title
 * when the server sent them, and its {@code Retry-After} when present. The message never contains the
 * request body (it holds the secret).
 */
public final class TokenEndpointException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String title;
    private final transient Duration retryAfter;

    public TokenEndpointException(String message, int status, String code, String title, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    public static TokenEndpointException invalidResponse(String problem) {
        return new TokenEndpointException("token endpoint answered 200 but " + problem, 200, null, null, null);
    }

    /** HTTP status, or 200 for a malformed success answer. */
    public int status() {
        return status;
    }

    /** MyParcel's JSON:API error code (for example 14000), or null. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** The server's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * MyParcel refused the client itself (403, code 14000 invalid client, 14001 invalid scope): retrying
     * will not help until the operator fixes the settings, so it is reported, not repeated on every retry.
     */
    public boolean isRefusal() {
        return status == 403 && ("14000".equals(code) || "14001".equals(code));
    }
}
