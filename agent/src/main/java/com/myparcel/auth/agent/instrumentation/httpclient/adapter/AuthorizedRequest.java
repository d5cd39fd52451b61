package com.myparcel.auth.agent.instrumentation.httpclient.adapter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * The application's {@link HttpRequest} (immutable, and never changed by the agent) as the agent sends
 * it: everything read from the original, the headers with the agent's Authorization instead of any the
 * application set. A view rather than a copy through {@code HttpRequest.newBuilder}: the JDK copies
 * and validates every request it is given anyway, so a builder would only do that work twice on every
 * request. The body publisher is shared, which the JDK's publishers allow to be sent again.
 */
final class AuthorizedRequest extends HttpRequest {

    private final HttpRequest original;
    /** The agent's header value, or null for a request that carries no Authorization at all. */
    private final String authorization;

    private AuthorizedRequest(HttpRequest original, String authorization) {
        this.original = original;
        this.authorization = authorization;
    }

    /** The application's request with {@code authorization} as its only Authorization header. */
    static HttpRequest withAuthorization(HttpRequest original, String authorization) {
        return new AuthorizedRequest(original, authorization);
    }

    /** The request without any Authorization header (a JDK-made request the application may read). */
    static HttpRequest withoutAuthorization(HttpRequest original) {
        return new AuthorizedRequest(original, null);
    }

    @Override
    public Optional<BodyPublisher> bodyPublisher() {
        return original.bodyPublisher();
    }

    @Override
    public String method() {
        return original.method();
    }

    @Override
    public Optional<Duration> timeout() {
        return original.timeout();
    }

    @Override
    public boolean expectContinue() {
        return original.expectContinue();
    }

    @Override
    public URI uri() {
        return original.uri();
    }

    @Override
    public Optional<HttpClient.Version> version() {
        return original.version();
    }

    /**
     * Read from the original on every call, as the JDK calls it while it sends: another agent may add
     * headers to a JDK request for the context of that moment (OpenTelemetry adds its trace context).
     */
    @Override
    public HttpHeaders headers() {
        if (authorization == null) {
            return AuthorizedHeaders.withoutAuthorization(original.headers());
        }
        return AuthorizedHeaders.withAuthorization(original.headers(), authorization);
    }

    /** As the JDK's own requests print themselves. */
    @Override
    public String toString() {
        return original.uri() + " " + original.method();
    }
}
