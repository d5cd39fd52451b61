package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import java.net.HttpURLConnection;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The {@link Exchange} of each live connection, dropped with the connection. HttpURLConnection keeps
 * Object's identity equals/hashCode, so a WeakHashMap is an identity map here. Split in stripes by that
 * hash, so that threads sending at the same time seldom wait for one another's lock.
 */
final class Exchanges {

    private static final int STRIPES = 16;
    @SuppressWarnings("unchecked")
    private static final Map<HttpURLConnection, Exchange>[] EXCHANGES = new Map[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            EXCHANGES[i] = Collections.synchronizedMap(new WeakHashMap<>());
        }
    }

    private Exchanges() {
    }

    static Exchange find(HttpURLConnection connection) {
        return stripe(connection).get(connection);
    }

    static Exchange of(HttpURLConnection connection) {
        return stripe(connection).computeIfAbsent(connection, ignored -> new Exchange());
    }

    private static Map<HttpURLConnection, Exchange> stripe(HttpURLConnection connection) {
        return EXCHANGES[System.identityHashCode(connection) & (STRIPES - 1)];
    }
}
