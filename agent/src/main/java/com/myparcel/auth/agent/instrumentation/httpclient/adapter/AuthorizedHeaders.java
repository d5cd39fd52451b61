package com.myparcel.auth.agent.instrumentation.httpclient.adapter;

import java.net.http.HttpHeaders;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The headers an {@link AuthorizedRequest} sends: the application's, with the agent's Authorization
 * instead of any it set. The JDK copies whatever headers a request has, so building them is a second
 * copy on every request; the last headers built are kept, for the application that sends one
 * immutable request again and again (what {@code HttpRequest} is made for). The key is the identity of
 * the application's headers and of the token's header value: both are immutable, so the same pair
 * always builds the same headers, and headers that changed (another agent adding its own) are new.
 */
final class AuthorizedHeaders {

    static final String AUTHORIZATION = "Authorization";

    private static volatile Built last;

    private AuthorizedHeaders() {
    }

    /** {@code headers} with {@code authorization} as their only Authorization header. */
    static HttpHeaders withAuthorization(HttpHeaders headers, String authorization) {
        Built remembered = last;
        if (remembered != null && remembered.source == headers && remembered.authorization == authorization) {
            return remembered.headers;
        }
        WithAuthorization view = new WithAuthorization(headers.map(), authorization);
        HttpHeaders built = HttpHeaders.of(view, (name, value) -> true);
        // the copy read every header name: no second lookup of the application's Authorization
        last = new Built(headers, authorization, built, view.replacedAnAuthorization());
        return built;
    }

    /**
     * Whether the application's headers carry an Authorization of their own. Asked before every send; for
     * the headers built last the answer is kept with them (it depends on the headers alone), so an
     * immutable request sent again is not looked through again.
     */
    static boolean hasAuthorization(HttpHeaders headers) {
        Built remembered = last;
        if (remembered != null && remembered.source == headers) {
            return remembered.sourceHasAuthorization;
        }
        return authorization(headers) != null;
    }

    /**
     * The first Authorization value, or null. Through {@code map().get} (the map ignores case) rather
     * than {@code firstValue}, which streams the values.
     */
    static String authorization(HttpHeaders headers) {
        List<String> values = headers.map().get(AUTHORIZATION);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@code headers} without any Authorization header. */
    static HttpHeaders withoutAuthorization(HttpHeaders headers) {
        return HttpHeaders.of(headers.map(), (name, value) -> !name.equalsIgnoreCase(AUTHORIZATION));
    }

    private static final class Built {
        final HttpHeaders source;
        final String authorization;
        final HttpHeaders headers;
        final boolean sourceHasAuthorization;

        Built(HttpHeaders source, String authorization, HttpHeaders headers, boolean sourceHasAuthorization) {
            this.source = source;
            this.authorization = authorization;
            this.headers = headers;
            this.sourceHasAuthorization = sourceHasAuthorization;
        }
    }

    /**
     * Headers with {@code authorization} in place of any Authorization the application set, as a view:
     * {@code HttpHeaders.of}, which reads it through {@code forEach}, makes the one copy the send needs.
     */
    static final class WithAuthorization extends AbstractMap<String, List<String>> {

        private final Map<String, List<String>> headers;
        private final List<String> authorization;
        /** Set while the view is read: the application's headers had an Authorization, now replaced. */
        private boolean replacedAnAuthorization;

        WithAuthorization(Map<String, List<String>> headers, String authorization) {
            this.headers = headers;
            this.authorization = List.of(authorization);
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super List<String>> action) {
            headers.forEach((name, values) -> {
                if (!name.equalsIgnoreCase(AUTHORIZATION)) {
                    action.accept(name, values);
                } else {
                    replacedAnAuthorization = true;
                }
            });
            action.accept(AUTHORIZATION, authorization);
        }

        /** Whether a read of this view left out an Authorization of the application's. */
        boolean replacedAnAuthorization() {
            return replacedAnAuthorization;
        }

        /** For any reader other than {@code HttpHeaders.of}: a copy, in the same order. */
        @Override
        public Set<Entry<String, List<String>>> entrySet() {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            forEach(copy::put);
            return Collections.unmodifiableMap(copy).entrySet();
        }
    }
}
