package com.myparcel.auth.agent.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JwtExpiryTest {

    @Test
    void readsExpOfAJwt() {
        String jwt = TestJwts.withPayload("{\"iat\":1700000000,\"exp\":1700003600,\"scope\":\"*\","
                + "\"nested\":{\"a\":[1,2]}}");
        assertEquals(Instant.ofEpochSecond(1700003600), JwtExpiry.of(jwt));
    }

    @Test
    void aJwtWithoutExpHasNoExpiry() {
        assertNull(JwtExpiry.of(TestJwts.withPayload("{\"sub\":\"1234567890\",\"iat\":1516239022}")));
    }

    @Test
    void opaqueAndMalformedTokensHaveNoExpiry() {
        assertNull(JwtExpiry.of("opaque-token-123"));
        assertNull(JwtExpiry.of("a.b"));
        assertNull(JwtExpiry.of("a.b.c.d.e"));
        assertNull(JwtExpiry.of("eyJhbGciOiJIUzI1NiJ9.!!!not-base64!!!.sig"));
        assertNull(JwtExpiry.of(TestJwts.withPayload("[1,2,3]")));
        assertNull(JwtExpiry.of(TestJwts.withPayload("{\"exp\":\"tomorrow\"}")));
    }
}
