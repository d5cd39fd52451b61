package com.myparcel.auth.agent.token;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * One client-credentials token request. Uses the JDK's HttpURLConnection, so the JVM's proxy
 * ({@code https.proxyHost}, the default ProxySelector) and TLS settings (trust store, default
 * SSLSocketFactory) apply as they do to the application. The whole exchange has a deadline, enforced
 * over https by the socket (see {@link DeadlineSslSocketFactory}); over plain http, allowed to a
 * loopback endpoint only, the connect and read timeouts bound each step and the deadline the body. The
 * adapters recognise this thread's own request through {@link AgentRequests} and leave it alone.
 */
public final class TokenEndpointClient implements TokenSource {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int READ_TIMEOUT_MILLIS = 10_000;
    static final int TOTAL_TIMEOUT_MILLIS = 20_000;
    /** Used when neither the JWT nor the answer says how long the token lives. */
    static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(5);
    /** However long the server says, a token is renewed at least daily. */
    static final Duration LONGEST_LIFETIME = Duration.ofHours(24);

    private final URI endpoint;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    /** Made on the first fetch, on the agent's thread: writing JSON loads Jackson, which premain need not wait for. */
    private byte[] requestBody;
    private final Clock clock;
    private final int totalTimeoutMillis;

    public TokenEndpointClient(URI endpoint, String clientId, String clientSecret, String scope, Clock clock) {
        this(endpoint, clientId, clientSecret, scope, clock, TOTAL_TIMEOUT_MILLIS);
    }

    TokenEndpointClient(URI endpoint, String clientId, String clientSecret, String scope, Clock clock,
            int totalTimeoutMillis) {
        this.endpoint = endpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.clock = clock;
        this.totalTimeoutMillis = totalTimeoutMillis;
    }

    @Override
    public AccessToken fetch() throws IOException {
        return AgentRequests.run(this::exchange);
    }

    private AccessToken exchange() throws IOException {
        // The deadline bounds the exchange with the server, so the local set-up comes first: the JSON
        // body, and the JVM's default TLS context (slow the first time, with nothing sent yet).
        byte[] body = requestBody();
        SSLSocketFactory tls = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(totalTimeoutMillis);
        if (connection instanceof HttpsURLConnection) {
            // The read timeout restarts with every byte: every read of the exchange (TLS handshake,
            // headers, body) is cut off at the deadline by the socket itself, with no timer thread.
            ((HttpsURLConnection) connection).setSSLSocketFactory(new DeadlineSslSocketFactory(tls, deadline));
        }
        try {
            return send(connection, body, deadline);
        } catch (IOException e) {
            if (System.nanoTime() - deadline >= 0) {
                throw new TokenEndpointException("token endpoint did not answer within " + totalTimeoutMillis
                        + " ms", 0, null, null, null);
            }
            throw e;
        } finally {
            connection.disconnect();
        }
    }

    private synchronized byte[] requestBody() throws IOException {
        if (requestBody == null) {
            requestBody = TokenRequestBody.of(clientId, clientSecret, scope);
        }
        return requestBody;
    }

    private AccessToken send(HttpURLConnection connection, byte[] body, long deadline) throws IOException {
        connection.setConnectTimeout(Math.min(CONNECT_TIMEOUT_MILLIS, totalTimeoutMillis));
        connection.setReadTimeout(READ_TIMEOUT_MILLIS);
        connection.setUseCaches(false);
        connection.setInstanceFollowRedirects(false);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("Accept", "application/json");
        connection.setFixedLengthStreamingMode(body.length);
        Instant requestedAt = clock.instant();
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        if (status != 200) {
            throw failure(connection, status);
        }
        // Plain http (a loopback endpoint only) has no socket of the agent's: its body is timed here.
        try (InputStream in = new DeadlineInputStream(connection.getInputStream(), deadline)) {
            return toAccessToken(TokenResponse.read(in), requestedAt);
        }
    }

    private AccessToken toAccessToken(TokenResponse response, Instant requestedAt) throws TokenEndpointException {
        if (response.accessToken == null || response.accessToken.isBlank()) {
            throw TokenEndpointException.invalidResponse("without an access_token");
        }
        if (response.tokenType != null && !response.tokenType.equalsIgnoreCase("Bearer")) {
            throw TokenEndpointException.invalidResponse("with token_type '" + response.tokenType
                    + "' where Bearer was expected");
        }
        if (!response.accessToken.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw TokenEndpointException.invalidResponse("with an access_token that cannot go in a header");
        }
        Instant expiresAt = JwtClaims.expiry(response.accessToken);
        if (expiresAt == null && response.expiresIn != null) {
            // Capped before the addition: a huge expires_in must not overflow Instant.
            expiresAt = requestedAt.plusSeconds(Math.min(response.expiresIn, LONGEST_LIFETIME.getSeconds() + 1));
        }
        if (expiresAt == null) {
            expiresAt = requestedAt.plus(ASSUMED_LIFETIME);
        }
        if (!expiresAt.isAfter(requestedAt)) {
            throw TokenEndpointException.invalidResponse("with a token that is already expired");
        }
        if (expiresAt.isAfter(requestedAt.plus(LONGEST_LIFETIME))) {
            expiresAt = requestedAt.plus(LONGEST_LIFETIME);
        }
        return new AccessToken(response.accessToken, requestedAt, expiresAt, JwtClaims.scope(response.accessToken));
    }

    private static TokenEndpointException failure(HttpURLConnection connection, int status) {
        JsonApiError error = null;
        try (InputStream errorBody = connection.getErrorStream()) {
            error = JsonApiError.readFirst(errorBody);
        } catch (IOException e) {
            // the status alone is reported
        }
        String code = error == null ? null : error.code;
        String title = error == null ? null : error.title;
        StringBuilder message = new StringBuilder("token endpoint answered HTTP ").append(status);
        if (code != null || title != null) {
            message.append(" (code ").append(code).append(": ").append(title).append(')');
        }
        return new TokenEndpointException(message.toString(), status, code, title,
                retryAfter(connection.getHeaderField("Retry-After")));
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            try {
                Instant at = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(header.trim(), Instant::from);
                return Duration.between(Instant.now(), at);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
