package com.myparcel.auth.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fake MyParcel.com token endpoint: a WireMock transformer that answers every token request with a NEW token,
 * as {@code {"token_type":"Bearer","expires_in":...,"access_token":...}}. Remembers what it issued, in order.
 *
 * <p>A JWT carries {@code exp}, {@code iat}, {@code scope} (the requested one) and a unique {@code jti}; its
 * {@code expires_in} may differ from its {@code exp} on purpose. An opaque token only has {@code expires_in}.
 */
public final class TokenIssuer implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "token-issuer";

    private static final String JWT_LIFETIME = "jwtLifetimeSeconds";
    private static final String EXPIRES_IN = "expiresInSeconds";

    private final List<String> issued = new CopyOnWriteArrayList<>();

    /** Tokens are JWTs living {@code jwtLifetime}; the response says {@code expires_in = expiresIn}. */
    public static ResponseDefinitionBuilder jwts(Duration jwtLifetime, Duration expiresIn) {
        return aResponse().withTransformers(NAME)
                .withTransformerParameter(JWT_LIFETIME, (int) jwtLifetime.toSeconds())
                .withTransformerParameter(EXPIRES_IN, (int) expiresIn.toSeconds());
    }

    /** Tokens are opaque strings; the response says {@code expires_in = expiresIn}. */
    public static ResponseDefinitionBuilder opaqueTokens(Duration expiresIn) {
        return aResponse().withTransformers(NAME)
                .withTransformerParameter(EXPIRES_IN, (int) expiresIn.toSeconds());
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Parameters parameters = serveEvent.getTransformerParameters();
        Integer jwtLifetime = parameters.getInt(JWT_LIFETIME, null);
        int expiresIn = parameters.getInt(EXPIRES_IN);
        String token = jwtLifetime == null
                ? "opaque-" + UUID.randomUUID()
                : newJwt(requestedScope(serveEvent), jwtLifetime);
        issued.add(token);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", expiresIn);
        body.put("access_token", token);
        return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()) // keeps e.g. a fixed delay
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(Json.write(body))
                .build();
    }

    /** Every token issued since the last {@link #reset()}, oldest first. */
    List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    void reset() {
        issued.clear();
    }

    private static String newJwt(String scope, int lifetimeSeconds) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://" + TestHosts.AUTH);
        claims.put("sub", "it-client");
        claims.put("iat", now);
        claims.put("exp", now + lifetimeSeconds);
        claims.put("scope", scope);
        claims.put("jti", UUID.randomUUID().toString());
        return Jwt.create(claims);
    }

    @SuppressWarnings("unchecked")
    private static String requestedScope(ServeEvent serveEvent) {
        try {
            Object scope = Json.read(serveEvent.getRequest().getBodyAsString(), Map.class).get("scope");
            return scope == null ? "" : scope.toString();
        } catch (RuntimeException notJson) {
            return "";
        }
    }
}
