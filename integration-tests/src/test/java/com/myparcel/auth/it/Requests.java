package com.myparcel.auth.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reading what a WireMock server logged. */
public final class Requests {

    private static final String BEARER = "Bearer ";

    private Requests() {
    }

    /** The request's Authorization header, or null; fails if it arrived more than once. */
    public static String authorization(LoggedRequest request) {
        HttpHeader header = request.header("Authorization");
        if (!header.isPresent()) {
            return null;
        }
        List<String> values = header.values();
        assertTrue(values.size() == 1, () -> "Authorization sent " + values.size() + " times: " + values);
        return values.get(0);
    }

    /** The bearer token the request carried; fails if it carried no {@code Authorization: Bearer ...}. */
    public static String bearerToken(LoggedRequest request) {
        String authorization = authorization(request);
        assertTrue(authorization != null && authorization.startsWith(BEARER),
                () -> "expected Authorization: Bearer <token> on " + describe(request) + " but was " + authorization);
        return authorization.substring(BEARER.length());
    }

    public static List<String> bearerTokens(List<LoggedRequest> requests) {
        return requests.stream().map(Requests::bearerToken).collect(Collectors.toList());
    }

    /** Media type of the Content-Type header, without parameters such as charset. */
    public static String mediaType(LoggedRequest request) {
        String contentType = request.getHeader("Content-Type");
        return contentType == null ? null : contentType.split(";")[0].trim();
    }

    /** The request body parsed as a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonBody(LoggedRequest request) {
        return Json.read(request.getBodyAsString(), Map.class);
    }

    public static String bodySha256(LoggedRequest request) {
        return sha256(request.getBody());
    }

    /** SHA-256 in hex, as the apps print it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String describe(LoggedRequest request) {
        return request.getMethod() + " " + request.getAbsoluteUrl();
    }
}
