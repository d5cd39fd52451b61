package com.myparcel.auth.agent.instrumentation.httpclient.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AuthorizedRequestTest {

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
    void carriesEverythingButTheApplicationsAuthorization() {
        HttpRequest authorized = AuthorizedRequest.withAuthorization(original, "Bearer agent-token");
        assertEquals(original.uri(), authorized.uri());
        assertEquals("POST", authorized.method());
        assertSame(body, authorized.bodyPublisher().orElseThrow());
        assertEquals(List.of("a", "b"), authorized.headers().allValues("X-Trace"));
        assertEquals(List.of("application/vnd.api+json"), authorized.headers().allValues("content-type"));
        assertEquals(List.of("Bearer agent-token"), authorized.headers().allValues("Authorization"));
        assertEquals(Optional.of(Duration.ofSeconds(7)), authorized.timeout());
        assertEquals(Optional.of(HttpClient.Version.HTTP_2), authorized.version());
        assertTrue(authorized.expectContinue());
        assertEquals("https://api.myparcel.com/shipments POST", authorized.toString());
    }

    @Test
    void aRequestWithoutBodyStaysWithoutBody() {
        HttpRequest get = HttpRequest.newBuilder(URI.create("https://api.myparcel.com/shipments")).GET().build();
        HttpRequest authorized = AuthorizedRequest.withAuthorization(get, "Bearer agent-token");
        assertEquals(get.bodyPublisher(), authorized.bodyPublisher());
        assertEquals("GET", authorized.method());
        assertEquals(Optional.empty(), authorized.timeout());
        assertFalse(authorized.expectContinue());
    }

    @Test
    void theApplicationsRequestIsNotChanged() {
        AuthorizedRequest.withAuthorization(original, "Bearer agent-token");
        assertEquals(List.of("Bearer application-own"), original.headers().allValues("Authorization"));
    }

    @Test
    void aRequestWithoutAuthorizationCarriesNone() {
        HttpRequest stripped = AuthorizedRequest.withoutAuthorization(original);
        assertFalse(stripped.headers().firstValue("Authorization").isPresent());
        assertEquals(List.of("a", "b"), stripped.headers().allValues("X-Trace"));
    }

    /** HttpHeaders.of reads the view through forEach; any other reader through entrySet, with the same result. */
    @Test
    void theHeaderViewReadsTheSameEveryWay() {
        Map<String, List<String>> view = new AuthorizedHeaders.WithAuthorization(original.headers().map(),
                "Bearer agent-token");
        Map<String, List<String>> throughForEach = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        view.forEach(throughForEach::put);
        assertEquals(throughForEach, new TreeMap<>(view));
        assertEquals(List.of("Bearer agent-token"), throughForEach.get("Authorization"));
        assertEquals(4, view.size());
    }

    /**
     * An application that sends one immutable request again and again gets the headers built once per token;
     * a new token, or headers that are not the same object, are built anew.
     */
    @Test
    void theSameRequestWithTheSameTokenReusesItsHeaders() {
        HttpHeaders first = AuthorizedRequest.withAuthorization(original, "Bearer agent-token").headers();
        HttpHeaders again = AuthorizedRequest.withAuthorization(original, "Bearer agent-token").headers();
        assertSame(first, again);

        HttpHeaders newToken = AuthorizedRequest.withAuthorization(original, "Bearer next-token").headers();
        assertEquals(List.of("Bearer next-token"), newToken.allValues("Authorization"));
        assertEquals(List.of("a", "b"), newToken.allValues("X-Trace"));

        HttpRequest other = HttpRequest.newBuilder(original.uri()).header("X-Other", "c").build();
        HttpHeaders otherHeaders = AuthorizedRequest.withAuthorization(other, "Bearer next-token").headers();
        assertEquals(List.of("c"), otherHeaders.allValues("X-Other"));
        assertEquals(List.of(), otherHeaders.allValues("X-Trace"));
        assertEquals(List.of("Bearer next-token"), otherHeaders.allValues("Authorization"));
    }

    /**
     * Whether the application set an Authorization of its own is asked before every send. The answer kept
     * with the last headers built belongs to their source alone, not to other headers nor to the built ones.
     */
    @Test
    void tellsWhetherTheApplicationSetAnAuthorizationOfItsOwn() {
        HttpRequest without = HttpRequest.newBuilder(original.uri()).header("Accept", "application/json").build();
        assertTrue(AuthorizedHeaders.hasAuthorization(original.headers()));
        assertFalse(AuthorizedHeaders.hasAuthorization(without.headers()));

        AuthorizedRequest.withAuthorization(original, "Bearer agent-token").headers(); // kept: original's headers
        assertTrue(AuthorizedHeaders.hasAuthorization(original.headers()));
        assertFalse(AuthorizedHeaders.hasAuthorization(without.headers()));

        AuthorizedRequest.withAuthorization(without, "Bearer agent-token").headers(); // kept: without's
        assertFalse(AuthorizedHeaders.hasAuthorization(without.headers()));
        assertTrue(AuthorizedHeaders.hasAuthorization(original.headers()));
    }

    /** HttpRequest's equals compares method, URI and headers: the JDK's own copy of it must be equal. */
    @Test
    void equalsTheSameRequestBuiltThroughTheBuilder() {
        HttpRequest built = HttpRequest.newBuilder(original, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                .header("Authorization", "Bearer agent-token").build();
        assertEquals(built, AuthorizedRequest.withAuthorization(original, "Bearer agent-token"));
    }

    /** As OpenTelemetry does: a JDK request's headers() gains the trace context of the moment it is called. */
    @Test
    void readsTheOriginalsHeadersWhenTheJdkAsksForThem() {
        AtomicReference<String> traceparent = new AtomicReference<>("00-a");
        HttpRequest changing = new HttpRequest() {
            @Override
            public Optional<BodyPublisher> bodyPublisher() {
                return Optional.empty();
            }

            @Override
            public String method() {
                return "GET";
            }

            @Override
            public Optional<Duration> timeout() {
                return Optional.empty();
            }

            @Override
            public boolean expectContinue() {
                return false;
            }

            @Override
            public URI uri() {
                return URI.create("https://api.myparcel.com/shipments");
            }

            @Override
            public Optional<HttpClient.Version> version() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(Map.of("traceparent", List.of(traceparent.get())),
                        (name, value) -> true);
            }
        };
        HttpRequest authorized = AuthorizedRequest.withAuthorization(changing, "Bearer agent-token");
        traceparent.set("00-b");
        assertEquals(List.of("00-b"), authorized.headers().allValues("traceparent"));
        assertEquals(List.of("Bearer agent-token"), authorized.headers().allValues("Authorization"));
    }
}
