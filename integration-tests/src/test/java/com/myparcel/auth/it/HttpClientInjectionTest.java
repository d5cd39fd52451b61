package com.myparcel.auth.it;

import static java.util.Collections.nCopies;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way the HttpClient app talks to the API ({@code send}, both {@code sendAsync} overloads, an {@code ofFile}
 * download; any client, HTTP/1.1 or HTTP/2 over TLS) gets {@code Authorization: Bearer <issued token>}, and the
 * app's own {@code HttpRequest} objects never change.
 */
class HttpClientInjectionTest {

    private static final String[] EVERY_WAY = {
            "list", "list-async", "list-push", "create", "string", "create-async", "bytes", "download", "label-1"};
    private static final List<String> EVERY_WAY_RESULTS = List.of("GET /shipments 200", "GET /shipments 200",
            "GET /shipments 200", "POST /shipments 201", "POST /shipments 201", "GET /files/label-1 200");

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    /**
     * {@code default} without a version is {@code HttpClient.newHttpClient()}, which prefers HTTP/2; {@code custom} is
     * a client from {@code newBuilder()} with its own fixed thread pool, {@code SSLContext.getDefault()}, no proxy.
     */
    @ParameterizedTest(name = "client {0}, version {1}")
    @CsvSource(value = {"default, (newHttpClient)", "default, HTTP_1_1", "default, HTTP_2", "custom, HTTP_1_1",
            "custom, HTTP_2"})
    void everyApiRequestCarriesTheIssuedToken(String client, String version) {
        ShipmentsAppLauncher app = myParcel.httpClientApp().appProperty("shipments.client", client);
        if (version.startsWith("HTTP")) {
            app.appProperty("shipments.http-version", version);
        }

        AppRun run = app.run(EVERY_WAY).assertCompleted();

        assertEquals(EVERY_WAY_RESULTS, run.summaries(), run::describe);
        String expectedVersion = version.equals("HTTP_1_1") ? "HTTP_1_1" : "HTTP_2";
        assertEquals(nCopies(6, expectedVersion), run.versions(), "protocol the responses report");
        assertEquals(nCopies(6, expectedVersion.equals("HTTP_2") ? "HTTP/2.0" : "HTTP/1.1"),
                protocols(myParcel.apiRequests()), "protocol the API server saw");
        String token = myParcel.onlyIssuedToken();
        assertEquals(nCopies(6, token), Requests.bearerTokens(myParcel.apiRequests()));
        assertEquals(run.sentBodyHashes(), myParcel.apiPostBodyHashes(), "SHA-256 of POST bodies sent vs received");
        assertEquals(nCopies(6, "none"), appRequestAuthorizations(run),
                "Authorization on the app's own HttpRequest objects after sending them");
    }

    /** A client built with {@code Version.HTTP_2} negotiates h2 with the API (ALPN) and is authorized. */
    @Test
    void http2OverTlsIsAuthorized() {
        AppRun run = myParcel.httpClientApp().run("http2").assertCompleted();

        assertEquals(List.of("GET /shipments 200", "POST /shipments 201"), run.summaries(), run::describe);
        assertEquals(List.of("HTTP_2", "HTTP_2"), run.versions(), "protocol the responses report");
        assertEquals(List.of("HTTP/2.0", "HTTP/2.0"), protocols(myParcel.apiRequests()), "protocol the API server saw");
        String token = myParcel.onlyIssuedToken();
        assertEquals(List.of(token, token), Requests.bearerTokens(myParcel.apiRequests()));
        assertEquals(run.sentBodyHashes(), myParcel.apiPostBodyHashes(), "SHA-256 of POST bodies sent vs received");
    }

    /** The token server answers after 2 s: all 32 requests sent at once wait for, and share, that one token. */
    @Test
    void thirtyTwoConcurrentAsyncRequestsShareOneToken() {
        myParcel.issueTokens(TokenIssuer.jwts(FakeMyParcel.ONE_DAY, FakeMyParcel.ONE_DAY).withFixedDelay(2000));

        AppRun run = myParcel.httpClientApp().run("parallel-async", "32").assertCompleted();

        assertEquals(nCopies(32, "200"), run.statuses(), run::describe);
        assertEquals(1, myParcel.tokenRequests().size(), "token requests");
        assertEquals(nCopies(32, myParcel.onlyIssuedToken()), Requests.bearerTokens(myParcel.apiRequests()));
    }

    private static List<String> protocols(List<LoggedRequest> requests) {
        return requests.stream().map(LoggedRequest::getProtocol).collect(Collectors.toList());
    }

    /** The last field of each {@code APP-REQUEST <method> <path> <authorization|none>} line. */
    static List<String> appRequestAuthorizations(AppRun run) {
        return run.lines("APP-REQUEST").stream()
                .map(line -> line.split(" ", 3)[2])
                .collect(Collectors.toList());
    }
}
