package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import com.myparcel.auth.agent.bootstrap.HttpUrlConnectionField;
import java.net.HttpURLConnection;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The {@link Exchange} of each live connection, dropped with the connection. Kept in a field the agent
 * adds to the JDK class ({@link HttpUrlConnectionField}) when that class loaded after the agent; else,
 * for a class retransformed after loading (it cannot gain fields), in weak maps beside the connections.
 * HttpURLConnection keeps Object's identity equals/hashCode, so a WeakHashMap is an identity map here;
 * the maps are striped by that hash, so that threads sending at the same time seldom wait for one
 * another's lock.
 */
final class Exchanges {

    private static final int STRIPES = 16;
    @SuppressWarnings("unchecked")
    private static final Map<HttpURLConnection, Exchange>[] BESIDE = new Map[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            BESIDE[i] = Collections.synchronizedMap(new WeakHashMap<>());
        }
    }

    private Exchanges() {
    }

    static Exchange find(HttpURLConnection connection) {
        if (HttpUrlConnectionField.exists()) {
            return (Exchange) HttpUrlConnectionField.get(connection);
        }
        return stripe(connection).get(connection);
    }

    static Exchange of(HttpURLConnection connection) {
        if (HttpUrlConnectionField.exists()) {
            Exchange exchange = (Exchange) HttpUrlConnectionField.get(connection);
            return exchange != null ? exchange
                    : (Exchange) HttpUrlConnectionField.setIfAbsent(connection, new Exchange());
        }
        return stripe(connection).computeIfAbsent(connection, ignored -> new Exchange());
    }

    private static Map<HttpURLConnection, Exchange> stripe(HttpURLConnection connection) {
        return BESIDE[System.identityHashCode(connection) & (STRIPES - 1)];
    }
}
