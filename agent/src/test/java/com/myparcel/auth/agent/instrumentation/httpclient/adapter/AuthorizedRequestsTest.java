package com.myparcel.auth.agent.instrumentation.httpclient.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizedRequestsTest {

    private final HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{\"data\":{}}");
    private final HttpRequest original = HttpRequest.newBuilder(URI.create("https://api.myparcel.com/shipments"))
            .POST(body)
            .header("Content-Type", "application/vnd.api+json")
            .header("Accept", "application/vnd.api+json")
            .header("X-Trace", "a")
            .header("X-Trace", "b")
            .header("authorization", "Bearer application-own")
            .timeout(Duration.ofSeconds(7))
            .version(HttpClient.Version.HTTP_2)
            .expectContinue(true)
            .build();

    @Test
    void copiesEverythingButAuthorization() {
        HttpRequest copy = AuthorizedRequests.copy(original, "Bearer agent-token");
        assertEquals(original.uri(), copy.uri());
        assertEquals("POST", copy.method());
        assertSame(body, copy.bodyPublisher().orElseThrow());
        assertEquals(List.of("a", "b"), copy.headers().allValues("X-Trace"));
        assertEquals(List.of("Bearer agent-token"), copy.headers().allValues("Authorization"));
        assertEquals(Optional.of(Duration.ofSeconds(7)), copy.timeout());
        assertEquals(Optional.of(HttpClient.Version.HTTP_2), copy.version());
        assertEquals(true, copy.expectContinue());
    }

    @Test
    void theApplicationsRequestIsNotChanged() {
        AuthorizedRequests.copy(original, "Bearer agent-token");
        assertEquals(List.of("Bearer application-own"), original.headers().allValues("Authorization"));
    }

    @Test
    void aCopyWithoutTokenCarriesNoAuthorization() {
        assertFalse(AuthorizedRequests.copy(original, null).headers().firstValue("Authorization").isPresent());
    }
}
