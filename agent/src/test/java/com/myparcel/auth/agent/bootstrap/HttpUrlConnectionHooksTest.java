package com.myparcel.auth.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What reaches the agent's handler from the advice in the JDK's HttpURLConnection. */
class HttpUrlConnectionHooksTest {

    private final List<HttpURLConnection> beforeSendCalls = new ArrayList<>();

    @AfterEach
    void uninstall() {
        HttpUrlConnectionHooks.install(null);
    }

    /** Headers can only change before the JDK starts connecting: after that, the handler is not asked. */
    @Test
    void onlyARequestNotYetConnectingReachesTheHandler() throws IOException {
        HttpUrlConnectionHooks.install(new RecordingHandler());
        HttpURLConnection connection = (HttpURLConnection) new URL("https://api.myparcel.com/shipments").openConnection();

        HttpUrlConnectionHooks.beforeSend(connection, false, false);
        HttpUrlConnectionHooks.beforeSend(connection, false, true);
        HttpUrlConnectionHooks.beforeSend(connection, true, false);
        HttpUrlConnectionHooks.beforeSend(connection, true, true);

        assertEquals(List.of(connection), beforeSendCalls, "only the call before connecting");
    }

    @Test
    void aFailingHandlerLeavesTheRequestAlone() throws IOException {
        HttpUrlConnectionHooks.install(new RecordingHandler() {
            @Override
            public void beforeSend(HttpURLConnection connection) {
                throw new IllegalStateException("the agent failed");
            }
        });
        HttpURLConnection connection = (HttpURLConnection) new URL("https://api.myparcel.com/shipments").openConnection();

        HttpUrlConnectionHooks.beforeSend(connection, false, false); // must not throw
        assertEquals(List.of(), beforeSendCalls);
    }

    private class RecordingHandler implements HttpUrlConnectionHooks.Handler {

        @Override
        public void beforeSend(HttpURLConnection connection) {
            beforeSendCalls.add(connection);
        }

        @Override
        public void onRequestProperty(HttpURLConnection connection, String key) {
        }

        @Override
        public OutputStream onOutputStream(HttpURLConnection connection, OutputStream jdkStream, boolean streaming) {
            return jdkStream;
        }

        @Override
        public Object tokenForReplay(HttpURLConnection connection, int responseCode, Throwable thrown,
                boolean streaming) {
            return null;
        }

        @Override
        public byte[] streamedBodyForReplay(HttpURLConnection connection, boolean streaming) {
            return null;
        }

        @Override
        public IOException prepareReplay(HttpURLConnection connection, Object token, byte[] body) {
            return null;
        }
    }
}
