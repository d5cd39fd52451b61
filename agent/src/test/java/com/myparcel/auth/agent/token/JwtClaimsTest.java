package com.myparcel.auth.agent.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JwtClaimsTest {

    @Test
    void readsExpOfAJwt() {
        String jwt = TestJwts.withPayload("{\"iat\":1700000000,\"exp\":1700003600,\"scope\":\"*\","
                + "\"nested\":{\"a\":[1,2]}}");
        assertEquals(Instant.ofEpochSecond(1700003600), JwtClaims.expiry(jwt));
    }

    @Test
    void readsTheScopeOfAJwt() {
        assertEquals("shipments.manage files.show",
                JwtClaims.scope(TestJwts.withPayload("{\"scope\":\"shipments.manage files.show\"}")));
        assertNull(JwtClaims.scope("opaque"));
    }

    @Test
    void aJwtWithoutExpHasNoExpiry() {
        assertNull(JwtClaims.expiry(TestJwts.withPayload("{\"sub\":\"1234567890\",\"iat\":1516239022}")));
    }

    @Test
    void opaqueAndMalformedTokensHaveNoExpiry() {
        assertNull(JwtClaims.expiry("opaque-token-123"));
        assertNull(JwtClaims.expiry("a.b"));
        assertNull(JwtClaims.expiry("a.b.c.d.e"));
        assertNull(JwtClaims.expiry("eyJhbGciOiJIUzI1NiJ9.!!!not-base64!!!.sig"));
        assertNull(JwtClaims.expiry(TestJwts.withPayload("[1,2,3]")));
        assertNull(JwtClaims.expiry(TestJwts.withPayload("{\"exp\":\"tomorrow\"}")));
    }
}
