package com.myparcel.auth.it;

import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.myparcel.auth.it.FakeMyParcel.FOREIGN_BODY;
import static com.myparcel.auth.it.FakeMyParcel.jsonApi;
import static java.util.Collections.nCopies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An unmodified Jersey client app (default connector: HttpURLConnection) gets the token, and its 401s are replayed,
 * including a PATCH that Jersey's {@code SET_METHOD_WORKAROUND} put on the connection by reflection, because
 * HttpURLConnection's {@code setRequestMethod} refuses PATCH: the replay must still be a PATCH with the same body.
 */
class JerseyClientTest {

    private static final String JERSEY_APP = "com.example.jersey.JerseyShipmentsApp";
    private static final String SHIPMENT_ID = "shipment-1";
    private static final String SHIPMENT_PATH = "/shipments/" + SHIPMENT_ID;
    private static final String PATCHED_BODY = "{\"data\":{\"type\":\"shipments\",\"id\":\"shipment-1\",\"patched\":true}}";
    private static final String REPLAYED_BODY = "{\"data\":{\"type\":\"shipments\",\"id\":\"after-token-refresh\"}}";

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @BeforeEach
    void apiAcceptsPatch() {
        myParcel.apiServer().stubFor(patch(SHIPMENT_PATH).willReturn(jsonApi(200, PATCHED_BODY)));
    }

    @Test
    void everyApiRequestCarriesTheIssuedToken() {
        AppRun run = jerseyApp().run("list", "create", "patch", SHIPMENT_ID).assertCompleted();

        assertEquals(List.of("GET /shipments 200", "POST /shipments 201", "PATCH " + SHIPMENT_PATH + " 200"),
                run.summaries(), run::describe);
        List<LoggedRequest> received = myParcel.apiRequests();
        assertEquals(List.of("GET /shipments", "POST /shipments", "PATCH " + SHIPMENT_PATH),
                received.stream().map(request -> request.getMethod() + " " + request.getUrl()).collect(Collectors.toList()),
                "what the API received");
        assertEquals(nCopies(3, myParcel.onlyIssuedToken()), Requests.bearerTokens(received));
        assertEquals(run.sentBodyHashes(), bodyHashesOf(received.subList(1, 3)),
                "SHA-256 of the POST and PATCH bodies sent vs received");
    }

    @Test
    void replaysPostAfter401WithTheSameBody() {
        myParcel.rejectFirstRequest("POST", "/shipments", jsonApi(201, REPLAYED_BODY));

        AppRun run = jerseyApp().run("create").assertCompleted();

        run.assertOnlyResult("201", REPLAYED_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
        myParcel.assertExactlyOneNewTokenAfterThe401();
        String sent = run.sentBodyHashes().get(0);
        assertEquals(nCopies(2, "POST /shipments " + FakeMyParcel.JSON_API + " " + sent), attempts(),
                "method, path, media type and body SHA-256 of both attempts");
    }

    /**
     * The agent's replay reuses the request line and headers the JDK prepared for the first attempt (only
     * Authorization is replaced), so the PATCH goes out again as it did; a replay that built a new request would need
     * {@code setRequestMethod("PATCH")}, which HttpURLConnection refuses. {@code patch}: the connector leaves the body
     * to HttpURLConnection, which buffers it and sends it again itself; {@code patch-chunked}: streamed, so the agent
     * writes its own copy of the body to the reset connection before the replay.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"patch, length", "patch-chunked, chunked"})
    void replaysPatchSetByReflectionAsPatchWithTheSameBody(String command, String framing) {
        myParcel.rejectFirstRequest("PATCH", SHIPMENT_PATH, jsonApi(200, REPLAYED_BODY));

        AppRun run = jerseyApp().run(command, SHIPMENT_ID).assertCompleted();

        run.assertOnlyResult("200", REPLAYED_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
        myParcel.assertExactlyOneNewTokenAfterThe401();
        String sent = run.sentBodyHashes().get(0);
        assertEquals(nCopies(2, "PATCH " + SHIPMENT_PATH + " " + FakeMyParcel.JSON_API + " " + sent), attempts(),
                "method, path, media type and body SHA-256 of both attempts");
        assertEquals(nCopies(2, framing), myParcel.apiRequests().stream().map(JerseyClientTest::bodyFraming)
                .collect(Collectors.toList()), "how the body was framed on both attempts");
    }

    @Test
    void foreignHostGetsNoToken() {
        String foreignPage = myParcel.foreignUrl(TestHosts.OTHER, "/tracking/page");

        AppRun run = jerseyApp().run("foreign", foreignPage, "list").assertCompleted();

        assertEquals(List.of("GET /tracking/page 200", "GET /shipments 200"), run.summaries(), run::describe);
        assertEquals(FOREIGN_BODY, run.results().get(0).bodyStart(), "the app read the foreign page");
        List<LoggedRequest> foreign = myParcel.foreignRequests();
        assertEquals(1, foreign.size(), "requests to the foreign host");
        assertNull(Requests.authorization(foreign.get(0)), "the foreign host got an Authorization header");
        assertEquals(List.of(myParcel.onlyIssuedToken()), Requests.bearerTokens(myParcel.apiRequests()),
                "the API itself, in the same run, does get the token");
    }

    /**
     * The Jersey app as its operator runs it: Jersey's PATCH workaround sets a private JDK field by reflection,
     * which Java 17+ allows only with these opens.
     */
    private static ShipmentsAppLauncher jerseyApp() {
        return myParcel.launcherFor(JERSEY_APP)
                .jvmOption("--add-opens=java.base/java.net=ALL-UNNAMED")
                .jvmOption("--add-opens=java.base/sun.net.www.protocol.https=ALL-UNNAMED");
    }

    /** Each API request as {@code <method> <path> <media type> <body SHA-256>}, oldest first. */
    private static List<String> attempts() {
        return myParcel.apiRequests().stream()
                .map(request -> request.getMethod() + " " + request.getUrl() + " " + Requests.mediaType(request) + " "
                        + Requests.bodySha256(request))
                .collect(Collectors.toList());
    }

    /** {@code chunked} for a body sent with Transfer-Encoding: chunked, {@code length} for one with Content-Length. */
    private static String bodyFraming(LoggedRequest request) {
        String transferEncoding = request.getHeader("Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.contains("chunked")) {
            return "chunked";
        }
        return request.containsHeader("Content-Length") ? "length" : "none";
    }

    private static List<String> bodyHashesOf(List<LoggedRequest> requests) {
        return requests.stream().map(Requests::bodySha256).collect(Collectors.toList());
    }
}
