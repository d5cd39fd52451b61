package com.myparcel.auth.agent.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;

/**
 * A bearer token and when it stops being valid. The value never appears in {@link #toString()}; logs
 * show the {@link #fingerprint()} instead.
 */
public final class AccessToken {

    private final String headerValue;
    private final Instant requestedAt;
    private final Instant expiresAt;
    private final String fingerprint;
    private final String scope;

    /**
     * @param value       the access token as the endpoint returned it
     * @param requestedAt when the token request was sent (lifetime counts from there, the safe side)
     * @param expiresAt   when the API stops accepting it
     */
    public AccessToken(String value, Instant requestedAt, Instant expiresAt) {
        this(value, requestedAt, expiresAt, null);
    }

    /** @param scope the JWT's {@code scope} claim, or null when the token does not say */
    public AccessToken(String value, Instant requestedAt, Instant expiresAt, String scope) {
        this.headerValue = "Bearer " + value;
        this.requestedAt = requestedAt;
        this.expiresAt = expiresAt;
        this.fingerprint = fingerprintOf(value);
        this.scope = scope;
    }

    /** The space-separated scopes the token grants, when it is a JWT that says; else null. */
    public String scope() {
        return scope;
    }

    /** The exact {@code Authorization} value: MyParcel checks the case-sensitive prefix {@code "Bearer "}. */
    public String authorizationHeaderValue() {
        return headerValue;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Duration lifetime() {
        return Duration.between(requestedAt, expiresAt);
    }

    /** First 8 hex digits of the token's SHA-256: enough to tell tokens apart, useless to an attacker. */
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return "AccessToken{fingerprint=" + fingerprint + ", expiresAt=" + expiresAt + "}";
    }

    private static String fingerprintOf(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(8);
            for (int i = 0; i < 4; i++) {
                hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
