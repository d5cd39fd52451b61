package com.myparcel.auth.agent.instrumentation.httpclient.adapter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The application's {@link HttpRequest} (immutable, and never changed by the agent) as the agent sends
 * it: everything read from the original, the headers with the agent's Authorization instead of any the
 * application set. A view rather than a copy through {@code HttpRequest.newBuilder}: the JDK copies
 * and validates every request it is given anyway, so a builder would only do that work twice on every
 * request. The body publisher is shared, which the JDK's publishers allow to be sent again.
 */
final class AuthorizedRequest extends HttpRequest {

    static final String AUTHORIZATION = "Authorization";

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

    /** {@code headers} without any Authorization header. */
    static HttpHeaders withoutAuthorization(HttpHeaders headers) {
        return HttpHeaders.of(headers.map(), (name, value) -> !name.equalsIgnoreCase(AUTHORIZATION));
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
            return withoutAuthorization(original.headers());
        }
        return HttpHeaders.of(new WithAuthorization(original.headers().map(), authorization), (name, value) -> true);
    }

    /**
     * Headers with {@code authorization} in place of any Authorization the application set, as a view:
     * {@code HttpHeaders.of}, which reads it through {@code forEach}, makes the one copy the send needs.
     */
    static final class WithAuthorization extends AbstractMap<String, List<String>> {

        private final Map<String, List<String>> headers;
        private final List<String> authorization;

        WithAuthorization(Map<String, List<String>> headers, String authorization) {
            this.headers = headers;
            this.authorization = List.of(authorization);
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super List<String>> action) {
            headers.forEach((name, values) -> {
                if (!name.equalsIgnoreCase(AUTHORIZATION)) {
                    action.accept(name, values);
                }
            });
            action.accept(AUTHORIZATION, authorization);
        }

        /** For any reader other than {@code HttpHeaders.of}: a copy, in the same order. */
        @Override
        public Set<Entry<String, List<String>>> entrySet() {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            forEach(copy::put);
            return Collections.unmodifiableMap(copy).entrySet();
        }
    }

    /** As the JDK's own requests print themselves. */
    @Override
    public String toString() {
        return original.uri() + " " + original.method();
    }
}
