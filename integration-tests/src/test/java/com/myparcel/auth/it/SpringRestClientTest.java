package com.myparcel.auth.it;

import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.myparcel.auth.it.FakeMyParcel.FOREIGN_BODY;
import static com.myparcel.auth.it.FakeMyParcel.INVALID_TOKEN_BODY;
import static com.myparcel.auth.it.FakeMyParcel.jsonApi;
import static java.util.Collections.nCopies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spring's {@code RestClient} on a {@code JdkClientHttpRequestFactory} (java.net.http.HttpClient underneath, the body
 * sent through Spring's own {@code Flow.Publisher}): every API request carries the issued token, a 401 on a POST or
 * PATCH is replayed with a fresh token and the same body without the app ever seeing it, and another host gets no
 * token.
 */
class SpringRestClientTest {

    private static final String APP = "com.example.spring.RestClientShipmentsApp";
    private static final String SHIPMENT_PATH = "/shipments/shipment-1";
    private static final String UPDATED_BODY = "{\"data\":{\"type\":\"shipments\",\"id\":\"shipment-1\"}}";
    private static final String REPLAYED_BODY = "{\"data\":{\"type\":\"shipments\",\"id\":\"after-token-refresh\"}}";

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    /** The fake API answers GET and POST /shipments; PATCH of one shipment only this client sends. */
    @BeforeEach
    void apiAcceptsShipmentUpdates() {
        myParcel.apiServer().stubFor(patch(urlEqualTo(SHIPMENT_PATH)).willReturn(jsonApi(200, UPDATED_BODY)));
    }

    @Test
    void everyApiRequestCarriesTheIssuedToken() {
        AppRun run = myParcel.launcherFor(APP).run("list", "create", "patch", "shipment-1").assertCompleted();

        assertEquals(List.of("GET /shipments 200", "POST /shipments 201", "PATCH " + SHIPMENT_PATH + " 200"),
                run.summaries(), run::describe);
        assertEquals(nCopies(3, myParcel.onlyIssuedToken()), Requests.bearerTokens(myParcel.apiRequests()));
        assertEquals(run.sentBodyHashes(), bodyHashesReceived(RequestMethod.POST, RequestMethod.PATCH),
                "SHA-256 of the POST and PATCH bodies sent vs received");
    }

    @Test
    void replaysPostWithAFreshTokenAndTheSameBody() {
        myParcel.rejectFirstRequest("POST", "/shipments", jsonApi(201, REPLAYED_BODY));

        AppRun run = myParcel.launcherFor(APP).run("create").assertCompleted();

        run.assertOnlyResult("201", REPLAYED_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
        myParcel.assertExactlyOneNewTokenAfterThe401();
        String sent = run.sentBodyHashes().get(0);
        assertEquals(List.of(sent, sent), bodyHashesReceived(RequestMethod.POST),
                "SHA-256 of the body the app sent vs of the two bodies the API received");
    }

    @Test
    void replaysPatchWithAFreshTokenAndTheSameBody() {
        myParcel.rejectFirstRequest("PATCH", SHIPMENT_PATH, jsonApi(200, REPLAYED_BODY));

        AppRun run = myParcel.launcherFor(APP).run("patch", "shipment-1").assertCompleted();

        run.assertOnlyResult("200", REPLAYED_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
        myParcel.assertExactlyOneNewTokenAfterThe401();
        String sent = run.sentBodyHashes().get(0);
        assertEquals(List.of(sent, sent), bodyHashesReceived(RequestMethod.PATCH),
                "SHA-256 of the body the app sent vs of the two bodies the API received");
    }

    /** The app does report a 401 it sees (retrieve() throws it): so the tests above would catch a leaked one. */
    @Test
    void persistent401ReachesTheAppAfterExactlyTwoAttempts() {
        myParcel.rejectAllRequests("/shipments");

        AppRun run = myParcel.launcherFor(APP).run("create").assertCompleted();

        run.assertOnlyResult("401", INVALID_TOKEN_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
    }

    @Test
    void foreignHostGetsNoToken() {
        String foreignUrl = myParcel.foreignUrl(TestHosts.OTHER, "/tracking/42");

        AppRun run = myParcel.launcherFor(APP).run("foreign", foreignUrl, "list").assertCompleted();

        assertEquals(List.of("GET /tracking/42 200", "GET /shipments 200"), run.summaries(), run::describe);
        assertEquals(FOREIGN_BODY, run.results().get(0).bodyStart(), run::describe);
        List<LoggedRequest> foreignRequests = myParcel.foreignRequests();
        assertEquals(List.of("/tracking/42"), foreignRequests.stream().map(LoggedRequest::getUrl).collect(Collectors.toList()));
        assertNull(Requests.authorization(foreignRequests.get(0)), "the foreign host got an Authorization");
        assertEquals(List.of(myParcel.onlyIssuedToken()), Requests.bearerTokens(myParcel.apiRequests()),
                "the API itself, in the same run, does get the token");
    }

    /** The SHA-256 of each body the API received with one of {@code methods}, oldest first. */
    private static List<String> bodyHashesReceived(RequestMethod... methods) {
        List<RequestMethod> wanted = List.of(methods);
        return myParcel.apiRequests().stream()
                .filter(request -> wanted.contains(request.getMethod()))
                .map(Requests::bodySha256)
                .collect(Collectors.toList());
    }
}
