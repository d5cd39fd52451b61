package com.myparcel.auth.agent.bootstrap;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;

/**
 * What the advice inlined into {@code sun.net.www.protocol.http.HttpURLConnection} calls, passed on to
 * the agent's {@link Handler}. Until one is installed every call leaves the request as it is; the
 * handler reports its own failures, and anything it lets escape is dropped here, because a failure
 * of the agent must never become the application's.
 */
public final class HttpUrlConnectionHooks {

    /** The agent's side; a token is opaque here (java.base types only). */
    public interface Handler {

        /** A request not yet connecting, whose headers can still be set. */
        void beforeSend(HttpURLConnection connection);

        void onRequestProperty(HttpURLConnection connection, String key);

        OutputStream onOutputStream(HttpURLConnection connection, OutputStream jdkStream, boolean streaming);

        /** The token to replay with after a 401, or null for no replay. */
        Object tokenForReplay(HttpURLConnection connection, int responseCode, Throwable thrown, boolean streaming);

        byte[] streamedBodyForReplay(HttpURLConnection connection, boolean streaming);

        IOException prepareReplay(HttpURLConnection connection, Object token, byte[] body);
    }

    private static volatile Handler handler;

    private HttpUrlConnectionHooks() {
    }

    public static void install(Handler installed) {
        handler = installed;
    }

    public static void beforeSend(HttpURLConnection connection, boolean connected, boolean connecting) {
        // Once connecting, the headers are final (setRequestProperty would throw): the handler only sees a request
        // it can still change, and the reads of a response pass through here untouched.
        Handler current = handler;
        if (current != null && !connected && !connecting) {
            try {
                current.beforeSend(connection);
            } catch (Throwable ignored) {
                // the request goes out as the application made it
            }
        }
    }

    public static void onRequestProperty(HttpURLConnection connection, String key) {
        Handler current = handler;
        if (current != null) {
            try {
                current.onRequestProperty(connection, key);
            } catch (Throwable ignored) {
                // nothing remembered: the agent treats the header as not set by the application
            }
        }
    }

    public static OutputStream onOutputStream(HttpURLConnection connection, OutputStream jdkStream,
            boolean streaming) {
        Handler current = handler;
        if (current == null) {
            return jdkStream;
        }
        try {
            return current.onOutputStream(connection, jdkStream, streaming);
        } catch (Throwable t) {
            return jdkStream;
        }
    }

    public static Object tokenForReplay(HttpURLConnection connection, int responseCode, Throwable thrown,
            boolean streaming) {
        Handler current = handler;
        if (current == null) {
            return null;
        }
        try {
            return current.tokenForReplay(connection, responseCode, thrown, streaming);
        } catch (Throwable t) {
            return null;
        }
    }

    public static byte[] streamedBodyForReplay(HttpURLConnection connection, boolean streaming) {
        Handler current = handler;
        if (current == null) {
            return null;
        }
        try {
            return current.streamedBodyForReplay(connection, streaming);
        } catch (Throwable t) {
            return null;
        }
    }

    public static IOException prepareReplay(HttpURLConnection connection, Object token, byte[] body) {
        Handler current = handler;
        if (current == null) {
            return new IOException("replay after 401 failed: the agent is not installed");
        }
        try {
            return current.prepareReplay(connection, token, body);
        } catch (Throwable t) {
            return new IOException("replay after 401 failed", t);
        }
    }
}
