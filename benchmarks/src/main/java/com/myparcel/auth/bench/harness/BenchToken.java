package com.myparcel.auth.bench.harness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The one access token the loopback token endpoint issues: a JWT shaped like MyParcel.com's (RS256
 * header, {@code exp}, {@code iat}, {@code scope}) with a fake signature, which the agent never checks.
 * A JWT rather than an opaque string so that the agent does the claim parsing it does in production.
 */
public final class BenchToken {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String value;
    private final Duration lifetime;

    private BenchToken(String value, Duration lifetime) {
        this.value = value;
        this.lifetime = lifetime;
    }

    /** A token valid for {@code lifetime} from now: long enough that no benchmark sees a refresh. */
    public static BenchToken issue(Duration lifetime) {
        return issue(lifetime, "bench");
    }

    /** The same for another subject: a token of its own, unlike any issued for another subject. */
    public static BenchToken issue(Duration lifetime, String subject) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"bench\",\"sub\":\"" + subject + "\",\"iat\":" + now
                + ",\"exp\":" + (now + lifetime.getSeconds()) + ",\"scope\":\"*\"}";
        String signature = BASE64URL.encodeToString("not-a-real-signature".getBytes(StandardCharsets.US_ASCII));
        return new BenchToken(encode(header) + "." + encode(claims) + "." + signature, lifetime);
    }

    public String value() {
        return value;
    }

    /** The exact header value the API expects, and the one a baseline application sets itself. */
    public String authorizationHeader() {
        return "Bearer " + value;
    }

    /** The token endpoint's answer to a client-credentials request. */
    public String tokenResponseJson() {
        return "{\"token_type\":\"Bearer\",\"expires_in\":" + lifetime.getSeconds() + ",\"access_token\":\"" + value
                + "\"}";
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
