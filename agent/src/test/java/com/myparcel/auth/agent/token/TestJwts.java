package com.myparcel.auth.agent.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Unsigned-looking JWTs for tests: the agent reads claims, it never verifies signatures. */
final class TestJwts {

    private TestJwts() {
    }

    static String withPayload(String payloadJson) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }
}
