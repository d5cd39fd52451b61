package com.myparcel.auth.agent.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenEndpointClientTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static WireMockServer server;
    private TokenEndpointClient client;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        client = new TokenEndpointClient(URI.create("http://127.0.0.1:" + server.port() + "/access-token"),
                "client-1", "s3cret \"quoted\"", "shipments.manage files.show", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void answer(int status, String body) {
        server.stubFor(post(urlEqualTo("/access-token")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void postsTheClientCredentialsGrantAsJson() throws Exception {
        answer(200, "{\"token_type\":\"Bearer\",\"expires_in\":86400,\"access_token\":\"opaque\"}");
        client.fetch();
        server.verify(postRequestedFor(urlEqualTo("/access-token"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"grant_type\":\"client_credentials\",\"client_id\":\"client-1\","
                        + "\"client_secret\":\"s3cret \\\"quoted\\\"\",\"scope\":\"shipments.manage files.show\"}")));
    }

    @Test
    void jwtExpWinsOverExpiresIn() throws Exception {
        long exp = NOW.plus(Duration.ofMinutes(30)).getEpochSecond();
        answer(200, "{\"token_type\":\"Bearer\",\"expires_in\":86400,\"access_token\":\""
                + TestJwts.withPayload("{\"exp\":" + exp + "}") + "\"}");
        assertEquals(Instant.ofEpochSecond(exp), client.fetch().expiresAt());
    }

    @Test
    void expiresInCountsFromWhenTheRequestWasSent() throws Exception {
        answer(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\""
                + TestJwts.withPayload("{\"sub\":\"no exp here\"}") + "\"}");
        AccessToken token = client.fetch();
        assertEquals(NOW.plusSeconds(3600), token.expiresAt());
        assertFalse(token.toString().contains("no exp"), "toString shows no token");
    }

    @Test
    void aRefusalCarriesMyParcelsCodeAndTitle() {
        answer(403, "{\"errors\":[{\"status\":\"403\",\"code\":\"14000\",\"title\":\"Invalid OAuth Client\","
                + "\"detail\":\"Client authentication failed.\"}]}");
        TokenEndpointException error = assertThrows(TokenEndpointException.class, client::fetch);
        assertTrue(error.isRefusal());
        assertEquals("14000", error.code());
        assertEquals("Invalid OAuth Client", error.title());
        assertFalse(error.getMessage().contains("s3cret"));
    }

    @Test
    void retryAfterIsKept() {
        server.stubFor(post(urlEqualTo("/access-token"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));
        TokenEndpointException error = assertThrows(TokenEndpointException.class, client::fetch);
        assertEquals(503, error.status());
        assertEquals(Duration.ofSeconds(7), error.retryAfter());
        assertFalse(error.isRefusal());
        assertNull(error.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "{\"token_type\":\"Bearer\",\"expires_in\":3600}",
        "{\"token_type\":\"mac\",\"expires_in\":3600,\"access_token\":\"x\"}",
        "{\"token_type\":\"Bearer\",\"expires_in\":0,\"access_token\":\"x\"}",
        "{\"token_type\":\"Bearer\",\"expires_in\":-5,\"access_token\":\"x\"}",
        "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"line\\nbreak\"}"})
    void unusableAnswersAreFailures(String body) {
        answer(200, body);
        TokenEndpointException error = assertThrows(TokenEndpointException.class, client::fetch);
        assertEquals(200, error.status());
    }

    @Test
    void anEndpointThatAnswersTooSlowlyIsCutOffAtTheDeadline() {
        // 10 chunks 500 ms apart: every read returns well within the read timeout, the whole takes 5 s.
        server.stubFor(post(urlEqualTo("/access-token")).willReturn(aResponse().withStatus(200)
                .withBody(" ".repeat(40) + "{\"access_token\":\"opaque\",\"expires_in\":60}")
                .withChunkedDribbleDelay(10, 5_000)));
        TokenEndpointClient withOneSecondDeadline = new TokenEndpointClient(
                URI.create("http://127.0.0.1:" + server.port() + "/access-token"), "client-1", "secret", "*",
                Clock.systemUTC(), 1_000);
        TokenEndpointException error = assertThrows(TokenEndpointException.class, withOneSecondDeadline::fetch);
        assertTrue(error.getMessage().contains("did not answer within"), error.getMessage());
    }

    /**
     * Over https the deadline holds in the TLS handshake too, with no thread to enforce it: a server that
     * says nothing is cut off at the 1 s deadline, long before the 10 s read timeout; one that sends a TLS
     * record a byte at a time (each read well within the read timeout) is cut off too.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anHttpsEndpointStuckInTheHandshakeIsCutOffAtTheDeadline(boolean dribbling) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
                    // A TLS handshake record header announcing 16 KiB, then its body a byte at a time.
                    byte[] header = {0x16, 0x03, 0x03, 0x40, 0x00};
                    out.write(header);
                    for (int i = 0; i < 100 && dribbling; i++) {
                        Thread.sleep(200);
                        out.write(0);
                        out.flush();
                    }
                    Thread.sleep(15_000);
                } catch (Exception e) {
                    // the client hung up
                }
            });
            answering.setDaemon(true);
            answering.start();
            TokenEndpointClient withOneSecondDeadline = new TokenEndpointClient(
                    URI.create("https://127.0.0.1:" + server.getLocalPort() + "/access-token"), "client-1", "secret",
                    "*", Clock.systemUTC(), 1_000);
            long started = System.nanoTime();
            TokenEndpointException error = assertThrows(TokenEndpointException.class, withOneSecondDeadline::fetch);
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(error.getMessage().contains("did not answer within"), error.getMessage());
            assertTrue(tookMillis < TokenEndpointClient.READ_TIMEOUT_MILLIS / 2,
                    "cut off after " + tookMillis + " ms: by the read timeout, not the deadline");
            answering.interrupt();
        }
    }

    @Test
    void anExpiresInBeyondWhatAnInstantHoldsIsCappedToADay() throws Exception {
        answer(200, "{\"token_type\":\"Bearer\",\"expires_in\":100000000000000000,\"access_token\":\"opaque\"}");
        assertEquals(NOW.plus(Duration.ofHours(24)), client.fetch().expiresAt());
    }

    @Test
    void aHugeLifetimeIsCappedToADay() throws Exception {
        answer(200, "{\"token_type\":\"Bearer\",\"expires_in\":999999999,\"access_token\":\"opaque\"}");
        assertEquals(NOW.plus(Duration.ofHours(24)), client.fetch().expiresAt());
    }

    @Test
    void theRequestIsMarkedAsTheAgentsOwn() throws Exception {
        server.stubFor(post(urlEqualTo("/access-token")).willReturn(aResponse().withStatus(200)
                .withBody("{\"access_token\":\"opaque\",\"expires_in\":60}")));
        assertFalse(AgentRequests.inProgress());
        client.fetch();
        assertFalse(AgentRequests.inProgress(), "the marker does not outlive the request");
    }
}
