package com.myparcel.auth.bench.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * The MyParcel.com API stand-in: answers every request 200 with a small JSON:API body when it carries
 * exactly the expected Authorization, 401 (code 14003, as the real API) otherwise, and counts both.
 * Responses have a fixed length so that connections are kept alive.
 */
final class ApiEndpoint implements HttpHandler {

    private static final byte[] OK_BODY = "{\"data\":[{\"type\":\"shipments\",\"id\":\"bench-1\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] UNAUTHORIZED_BODY =
            "{\"errors\":[{\"status\":\"401\",\"code\":\"14003\",\"title\":\"Missing token\"}]}"
                    .getBytes(StandardCharsets.UTF_8);

    private final String expectedAuthorization;
    private final LongAdder authorized = new LongAdder();
    private final LongAdder unauthorized = new LongAdder();
    private volatile ArrivalLog arrivals;

    ApiEndpoint(String expectedAuthorization) {
        this.expectedAuthorization = expectedAuthorization;
    }

    ApiCounts counts() {
        return new ApiCounts(authorized.sum(), unauthorized.sum());
    }

    /** From now on, records when and over which connection each request arrives, in a new log. */
    ArrivalLog recordArrivals() {
        ArrivalLog log = new ArrivalLog();
        arrivals = log;
        return log;
    }

    void stopRecordingArrivals() {
        arrivals = null;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long arrivedNanos = System.nanoTime();
        try (exchange) {
            ArrivalLog log = arrivals;
            if (log != null) {
                log.add(arrivedNanos, exchange.getRemoteAddress().getPort());
            }
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            boolean ok = expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (ok) {
                authorized.increment();
            } else {
                unauthorized.increment();
            }
            byte[] body = ok ? OK_BODY : UNAUTHORIZED_BODY;
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.api+json");
            // HttpURLConnection keeps an idle connection 5 s unless the server says longer; the storm's
            // warm-up connections must outlive its set-up. A large max: without one it allows only 5 uses.
            exchange.getResponseHeaders().set("Keep-Alive", "timeout=120, max=1000000");
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
