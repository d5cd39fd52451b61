package com.myparcel.auth.bench.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The OAuth2 client-credentials token endpoint: answers a JSON POST with the client id it expects by
 * {@link BenchToken#tokenResponseJson()}, counts every request, and can hold one answer
 * ({@link #holdNextAnswer()}).
 */
final class TokenEndpoint implements HttpHandler {

    private final BenchToken token;
    private final String clientId;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<TokenHold> nextHold = new AtomicReference<>();

    TokenEndpoint(BenchToken token, String clientId) {
        this.token = token;
        this.clientId = clientId;
    }

    long requests() {
        return requests.get();
    }

    long refused() {
        return refused.get();
    }

    TokenHold holdNextAnswer() {
        TokenHold hold = new TokenHold();
        nextHold.set(hold);
        return hold;
    }

    /** Ends {@code hold}: unless a request took it already, the next answer is not held after all. */
    void endHold(TokenHold hold) {
        nextHold.compareAndSet(hold, null);
        hold.release();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!exchange.getRequestMethod().equals("POST") || !body.contains("\"client_credentials\"")
                    || !body.contains("\"" + clientId + "\"")) {
                refused.incrementAndGet();
                send(exchange, 403, "{\"errors\":[{\"status\":\"403\",\"code\":\"14000\",\"title\":\"Invalid OAuth Client\"}]}");
                return;
            }
            TokenHold hold = nextHold.getAndSet(null);
            if (hold != null) {
                try {
                    hold.holdAnswer();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            send(exchange, 200, token.tokenResponseJson());
            if (hold != null) {
                hold.answerWritten(System.nanoTime());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
