package com.myparcel.auth.agent.token;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.Decoders;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the claims the agent uses from a token that is a JWT: {@code exp} and {@code scope}. The
 * signature is the API's to verify, not ours: the agent only needs to know when the API will stop
 * accepting the token. JJWT's parser insists on verifying signed tokens, so the payload is decoded here
 * and JJWT's {@link Claims} interprets it (NumericDate rules included).
 */
final class JwtClaims {

    private JwtClaims() {
    }

    /** The {@code exp} of a JWT, or null when the token is opaque, malformed, or has no {@code exp}. */
    static Instant expiry(String token) {
        Claims claims = claims(token);
        if (claims == null) {
            return null;
        }
        try {
            Date expiration = claims.getExpiration();
            return expiration == null ? null : expiration.toInstant();
        } catch (RuntimeException e) {
            return null; // an exp that is not a date: fall back to expires_in
        }
    }

    /** The space-separated {@code scope} of a JWT, or null. */
    static String scope(String token) {
        Claims claims = claims(token);
        Object scope = claims == null ? null : claims.get("scope");
        return scope instanceof String ? (String) scope : null;
    }

    private static Claims claims(String token) {
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            return null; // a JWS has exactly three parts
        }
        try {
            byte[] payload = Decoders.BASE64URL.decode(token.substring(firstDot + 1, secondDot));
            Map<String, Object> topLevelClaims = readTopLevelScalars(payload);
            if (topLevelClaims == null) {
                return null;
            }
            return Jwts.claims().add(topLevelClaims).build();
        } catch (RuntimeException | IOException e) {
            return null; // not a JWT after all
        }
    }

    private static Map<String, Object> readTopLevelScalars(byte[] payload) throws IOException {
        Map<String, Object> claims = new LinkedHashMap<>();
        try (JsonParser json = TokenJson.FACTORY.createParser(payload)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                    claims.put(name, json.getNumberValue());
                } else if (value == JsonToken.VALUE_STRING) {
                    claims.put(name, json.getText());
                } else {
                    json.skipChildren();
                }
            }
        }
        return claims;
    }
}
