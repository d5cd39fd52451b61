package com.myparcel.auth.it;

import static com.myparcel.auth.it.FakeMyParcel.FOREIGN_BODY;
import static com.myparcel.auth.it.FakeMyParcel.INVALID_TOKEN_BODY;
import static com.myparcel.auth.it.FakeMyParcel.jsonApi;
import static java.util.Collections.nCopies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An unmodified OpenFeign app (default client: HttpURLConnection; a request body goes out in fixed-length streaming
 * mode) gets the token, and its 401s are replayed before Feign's error decoder could turn them into a
 * FeignException.
 */
class OpenFeignTest {

    private static final String FEIGN_APP = "com.example.feign.FeignShipmentsApp";
    private static final String REPLAYED_BODY = "{\"data\":{\"type\":\"shipments\",\"id\":\"after-token-refresh\"}}";

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @Test
    void everyApiRequestCarriesTheIssuedToken() {
        AppRun run = feignApp().run("list", "create").assertCompleted();

        assertEquals(List.of("GET /shipments 200", "POST /shipments 201"), run.summaries(), run::describe);
        assertEquals(nCopies(2, myParcel.onlyIssuedToken()), Requests.bearerTokens(myParcel.apiRequests()));
        assertEquals(run.sentBodyHashes(), myParcel.apiPostBodyHashes(), "SHA-256 of the POST body sent vs received");
    }

    @Test
    void replaysPostAfter401WithTheSameBody() {
        myParcel.rejectFirstRequest("POST", "/shipments", jsonApi(201, REPLAYED_BODY));

        AppRun run = feignApp().run("create").assertCompleted();

        run.assertOnlyResult("201", REPLAYED_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
        myParcel.assertExactlyOneNewTokenAfterThe401();
        String sent = run.sentBodyHashes().get(0);
        assertEquals(nCopies(2, "POST /shipments " + FakeMyParcel.JSON_API + " " + sent), attempts(),
                "method, path, media type and body SHA-256 of both attempts");
    }

    /** The app does report a 401 it sees (through FeignException): the replay test above would catch a leak. */
    @Test
    void persistent401ReachesTheAppAsFeignExceptionAfterTwoAttempts() {
        myParcel.rejectAllRequests("/shipments");

        AppRun run = feignApp().run("list").assertCompleted();

        run.assertOnlyResult("401", INVALID_TOKEN_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
    }

    @Test
    void foreignHostGetsNoToken() {
        String foreignPage = myParcel.foreignUrl(TestHosts.OTHER, "/tracking/page");

        AppRun run = feignApp().run("foreign", foreignPage, "list").assertCompleted();

        assertEquals(List.of("GET /tracking/page 200", "GET /shipments 200"), run.summaries(), run::describe);
        assertEquals(FOREIGN_BODY, run.results().get(0).bodyStart(), "the app read the foreign page");
        List<LoggedRequest> foreign = myParcel.foreignRequests();
        assertEquals(1, foreign.size(), "requests to the foreign host");
        assertNull(Requests.authorization(foreign.get(0)), "the foreign host got an Authorization header");
        assertEquals(List.of(myParcel.onlyIssuedToken()), Requests.bearerTokens(myParcel.apiRequests()),
                "the API itself, in the same run, does get the token");
    }

    private static ShipmentsAppLauncher feignApp() {
        return myParcel.launcherFor(FEIGN_APP);
    }

    /** Each API request as {@code <method> <path> <media type> <body SHA-256>}, oldest first. */
    private static List<String> attempts() {
        return myParcel.apiRequests().stream()
                .map(request -> request.getMethod() + " " + request.getUrl() + " " + Requests.mediaType(request) + " "
                        + Requests.bodySha256(request))
                .collect(Collectors.toList());
    }
}
