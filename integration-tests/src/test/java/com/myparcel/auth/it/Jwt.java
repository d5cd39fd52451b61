package com.myparcel.auth.it;

import com.github.tomakehurst.wiremock.common.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Unsigned test JWTs: {@code header.payload.fakesignature}, base64url without padding. */
public final class Jwt {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

    private Jwt() {
    }

    public static String create(Map<String, Object> claims) {
        return encode(HEADER) + "." + encode(Json.write(claims)) + ".fakesignature";
    }

    static boolean isJwt(String token) {
        return token.split("\\.").length == 3;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWT: " + jwt);
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return new LinkedHashMap<>(Json.read(payload, Map.class));
    }

    public static Instant expiry(String jwt) {
        return Instant.ofEpochSecond(((Number) claims(jwt).get("exp")).longValue());
    }

    private static String encode(String json) {
        return ENCODER.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
