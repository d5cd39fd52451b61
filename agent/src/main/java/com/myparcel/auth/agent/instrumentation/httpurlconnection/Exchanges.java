package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import java.net.HttpURLConnection;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The {@link Exchange} of each live connection, dropped with the connection. HttpURLConnection keeps
 * Object's identity equals/hashCode, so a WeakHashMap is an identity map here.
 */
final class Exchanges {

    private static final Map<HttpURLConnection, Exchange> EXCHANGES =
            Collections.synchronizedMap(new WeakHashMap<>());

    private Exchanges() {
    }

    static Exchange find(HttpURLConnection connection) {
        return EXCHANGES.get(connection);
    }

    static Exchange of(HttpURLConnection connection) {
        return EXCHANGES.computeIfAbsent(connection, ignored -> new Exchange());
    }
}
