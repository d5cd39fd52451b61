package com.myparcel.auth.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fake MyParcel.com for one test class: WireMock servers started once per class and reset before each test.
 * <ul>
 *   <li>token server, HTTPS: {@code https://auth.myparcel.com:<port>/access-token}, answered by {@link TokenIssuer}
 *       (by default JWTs living one day);</li>
 *   <li>API server, HTTPS and plain HTTP: {@code https://api.myparcel.com:<port>}, by default answering
 *       {@code GET /shipments} 200, {@code POST /shipments} 201 and {@code GET /files/<id>} 200 without checking
 *       authorization (tests check the journal instead);</li>
 *   <li>foreign server, HTTPS, for hosts that must never see the token: answers any GET with 200.</li>
 * </ul>
 * Register with {@code @RegisterExtension static final FakeMyParcel myParcel = new FakeMyParcel();}.
 */
public final class FakeMyParcel implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    public static final String CLIENT_ID = "it-client-7c1f";
    public static final String CLIENT_SECRET = "it-secret-" + UUID.randomUUID();
    public static final Duration ONE_DAY = Duration.ofDays(1);

    public static final String JSON_API = "application/vnd.api+json";
    public static final String SHIPMENTS_BODY = "{\"data\":[{\"type\":\"shipments\",\"id\":\"shipment-1\"}]}";
    public static final String CREATED_BODY = "{\"data\":{\"type\":\"shipments\",\"id\":\"shipment-created\"}}";
    public static final String FILE_BODY = "%PDF-1.4 fake shipping label";
    public static final String FOREIGN_BODY = "foreign content";
    public static final String INVALID_TOKEN_BODY = "{\"errors\":[{\"status\":\"401\",\"code\":\"14002\","
            + "\"title\":\"Invalid access token\",\"detail\":\"The access token is invalid or has expired.\"}]}";

    private static final Path SECRET_FILE = writeSecretFile();

    private final TokenIssuer tokenIssuer = new TokenIssuer();
    private WireMockServer auth;
    private WireMockServer api;
    private WireMockServer foreign;
    private final List<Extension> apiExtensions = new ArrayList<>();
    private boolean apiRequestJournal = true;

    /** Adds WireMock extensions (for example a transformer) to the API server; call before the servers start. */
    public FakeMyParcel withApiExtensions(Extension... extensions) {
        apiExtensions.addAll(List.of(extensions));
        return this;
    }

    /** The API server keeps no request journal (long load runs): {@link #apiRequests()} is then unavailable. */
    public FakeMyParcel withoutApiRequestJournal() {
        apiRequestJournal = false;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        auth = start(withTestCertificate().httpDisabled(true).extensions(tokenIssuer));
        api = start(apiConfiguration()); // HTTPS and plain HTTP
        foreign = start(withTestCertificate().httpDisabled(true));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (WireMockServer server : List.of(auth, api, foreign)) {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        auth.resetAll();
        api.resetAll();
        foreign.resetAll();
        tokenIssuer.reset();
        issueTokens(TokenIssuer.jwts(ONE_DAY, ONE_DAY));
        api.stubFor(get("/shipments").willReturn(jsonApi(200, SHIPMENTS_BODY)));
        api.stubFor(post("/shipments").willReturn(jsonApi(201, CREATED_BODY)));
        api.stubFor(get(urlPathMatching("/files/.+")).willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(FILE_BODY)));
        foreign.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody(FOREIGN_BODY)));
    }

    // ------------------------------------------------------------------ the app

    /** A launcher for the legacy ShipmentsApp (HttpURLConnection) against this fake, with a valid agent configuration. */
    public ShipmentsAppLauncher app() {
        return launcher(ShipmentsAppLauncher.LEGACY_APP);
    }

    /** A launcher for the ShipmentsHttpClientApp (java.net.http.HttpClient) against this fake, likewise. */
    public ShipmentsAppLauncher httpClientApp() {
        return launcher(ShipmentsAppLauncher.HTTP_CLIENT_APP);
    }

    /** A launcher for any main class in test-apps.jar (for example a load driver) against this fake. */
    public ShipmentsAppLauncher launcherFor(String mainClass) {
        return launcher(mainClass);
    }

    /** A launcher for {@code mainClass} against this fake, with a valid agent configuration (secret in a file). */
    private ShipmentsAppLauncher launcher(String mainClass) {
        return new ShipmentsAppLauncher(mainClass)
                .setting("myparcel.client-id", CLIENT_ID)
                .setting("myparcel.client-secret-file", SECRET_FILE.toString())
                .setting("myparcel.auth-url", authUrl())
                .appProperty("shipments.base-url", apiUrl(""));
    }

    // ------------------------------------------------------------------ addresses

    /** {@code https://auth.myparcel.com:<port><path>} on the token server (stub {@code path} with {@link #authServer()}). */
    public String authServerUrl(String path) {
        return "https://" + TestHosts.AUTH + ":" + auth.httpsPort() + path;
    }

    String authUrl() {
        return "https://" + TestHosts.AUTH + ":" + auth.httpsPort() + "/access-token";
    }

    public String apiUrl(String path) {
        return "https://" + TestHosts.API + ":" + api.httpsPort() + path;
    }

    /** The API server's plain-HTTP origin, {@code http://api.myparcel.com:<port>}. */
    public String apiPlainHttpOrigin() {
        return "http://" + TestHosts.API + ":" + api.port();
    }

    /** An HTTPS URL on the API server under another host name. */
    public String apiServerUrl(String host, String path) {
        return "https://" + host + ":" + api.httpsPort() + path;
    }

    /** A plain-HTTP URL on the API server, reached under {@code host}: {@code http://<host>:<port><path>}. */
    public String apiPlainHttpUrl(String host, String path) {
        return "http://" + host + ":" + api.port() + path;
    }

    /** The API server's HTTPS port. */
    public int apiHttpsPort() {
        return api.httpsPort();
    }

    /** The foreign server's HTTPS port. */
    public int foreignHttpsPort() {
        return foreign.httpsPort();
    }

    /** An HTTPS URL on the foreign server, reached under {@code host}. */
    public String foreignUrl(String host, String path) {
        return "https://" + host + ":" + foreign.httpsPort() + path;
    }

    // ------------------------------------------------------------------ stubs

    WireMockServer api() {
        return api;
    }

    public WireMockServer apiServer() {
        return api;
    }

    public WireMockServer authServer() {
        return auth;
    }

    /** From now on, the token server answers with {@code tokens} (see {@link TokenIssuer#jwts}, {@code opaqueTokens}). */
    public void issueTokens(ResponseDefinitionBuilder tokens) {
        auth.stubFor(post("/access-token").willReturn(tokens));
    }

    /** The first {@code method path} request gets MyParcel's 401 "Invalid access token", later ones {@code after}. */
    public void rejectFirstRequest(String method, String path, ResponseDefinitionBuilder after) {
        String scenario = "token rejected once: " + method + " " + path;
        api.stubFor(request(method, urlEqualTo(path)).inScenario(scenario)
                .whenScenarioStateIs(STARTED)
                .willReturn(invalidToken())
                .willSetStateTo("rejected"));
        api.stubFor(request(method, urlEqualTo(path)).inScenario(scenario)
                .whenScenarioStateIs("rejected")
                .willReturn(after));
    }

    /** Every request to {@code path} gets MyParcel's 401 "Invalid access token". */
    public void rejectAllRequests(String path) {
        api.stubFor(any(urlEqualTo(path)).willReturn(invalidToken()));
    }

    public static ResponseDefinitionBuilder jsonApi(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON_API).withBody(body);
    }

    static ResponseDefinitionBuilder invalidToken() {
        return jsonApi(401, INVALID_TOKEN_BODY);
    }

    // ------------------------------------------------------------------ what happened

    /** Every token the token server issued in this test, oldest first. */
    public List<String> issuedTokens() {
        return tokenIssuer.issuedTokens();
    }

    /** The one token issued in this test; fails if there were none or several. */
    String onlyIssuedToken() {
        List<String> issued = issuedTokens();
        assertEquals(1, issued.size(), "number of tokens issued");
        return issued.get(0);
    }

    /** The first token issued in this test; fails if there was none. */
    String firstIssuedToken() {
        List<String> issued = issuedTokens();
        assertFalse(issued.isEmpty(), "no token was issued");
        return issued.get(0);
    }

    public List<LoggedRequest> tokenRequests() {
        return auth.findAll(anyRequestedFor(anyUrl()));
    }

    /** Every request the API server received (HTTPS and HTTP), oldest first. */
    public List<LoggedRequest> apiRequests() {
        return api.findAll(anyRequestedFor(anyUrl()));
    }

    /** The SHA-256 (hex) of every POST body the API server received, oldest first. */
    List<String> apiPostBodyHashes() {
        return apiRequests().stream()
                .filter(request -> request.getMethod().equals(RequestMethod.POST))
                .map(Requests::bodySha256)
                .collect(Collectors.toList());
    }

    public List<LoggedRequest> foreignRequests() {
        return foreign.findAll(anyRequestedFor(anyUrl()));
    }

    // ------------------------------------------------------------------ assertions on what happened

    /** Two API requests: the first with the first token issued, the replay with the next (different) one. */
    void assertTwoAttemptsWithTwoDifferentIssuedTokens() {
        List<String> sent = Requests.bearerTokens(apiRequests());
        List<String> issued = issuedTokens();
        assertEquals(2, sent.size(), "attempts");
        assertTrue(issued.size() >= 2, "a new token was fetched after the 401");
        assertEquals(issued.subList(0, 2), sent, "the first attempt carries the first token, the replay the new one");
        assertNotEquals(sent.get(0), sent.get(1));
    }

    /** A 401 answered by a successful replay costs exactly one token request. */
    void assertExactlyOneNewTokenAfterThe401() {
        assertEquals(2, issuedTokens().size(), "tokens issued: the first one, then exactly one new one");
    }

    /** Each API request's token was issued by the token server, and its expiry lies after the request was logged. */
    void assertEveryApiRequestCarriedAnUnexpiredIssuedToken(Function<String, Instant> expiryOf) {
        List<String> issued = issuedTokens();
        for (LoggedRequest request : apiRequests()) {
            String token = Requests.bearerToken(request);
            assertTrue(issued.contains(token), () -> "not an issued token: " + token);
            Instant expiry = expiryOf.apply(token);
            Instant sent = request.getLoggedDate().toInstant();
            assertTrue(expiry.isAfter(sent), () -> "token expired at " + expiry + " but was sent at " + sent);
        }
    }

    // ------------------------------------------------------------------ plumbing

    private static WireMockConfiguration withTestCertificate() {
        return wireMockConfig()
                .dynamicHttpsPort()
                .keystorePath(TestCertificates.keystore().toString())
                .keystorePassword(TestCertificates.PASSWORD)
                .keyManagerPassword(TestCertificates.PASSWORD)
                .keystoreType(TestCertificates.STORE_TYPE)
                .containerThreads(40)
                .gzipDisabled(true);
    }

    private WireMockConfiguration apiConfiguration() {
        WireMockConfiguration configuration = withTestCertificate().dynamicPort();
        if (!apiExtensions.isEmpty()) {
            configuration.extensions(apiExtensions.toArray(new Extension[0]));
        }
        if (!apiRequestJournal) {
            configuration.disableRequestJournal();
        }
        return configuration;
    }

    private static WireMockServer start(WireMockConfiguration configuration) {
        WireMockServer server = new WireMockServer(configuration);
        server.start();
        return server;
    }

    private static Path writeSecretFile() {
        Path file = WorkDir.get().resolve("client-secret.txt");
        try {
            Files.writeString(file, CLIENT_SECRET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
