package com.myparcel.auth.agent.instrumentation.httpclient.adapter;

import java.net.http.HttpRequest;

/**
 * Copies of an application's {@link HttpRequest} (immutable, and never changed by the agent) with
 * the agent's Authorization. Uses only the Java 11 builder API, so it works on every JDK the agent
 * supports; the copy shares the body publisher, which the JDK's publishers allow to be sent again.
 */
final class AuthorizedRequests {

    static final String AUTHORIZATION = "Authorization";

    private AuthorizedRequests() {
    }

    /** @param authorization the header value, or null for a copy without any Authorization */
    static HttpRequest copy(HttpRequest original, String authorization) {
        HttpRequest.Builder copy = HttpRequest.newBuilder(original.uri())
                .expectContinue(original.expectContinue())
                .method(original.method(), original.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
        original.timeout().ifPresent(copy::timeout);
        original.version().ifPresent(copy::version);
        original.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(AUTHORIZATION)) {
                values.forEach(value -> copy.header(name, value));
            }
        });
        if (authorization != null) {
            copy.header(AUTHORIZATION, authorization);
        }
        return copy.build();
    }
}
