package com.myparcel.auth.it;

import static com.myparcel.auth.it.FakeMyParcel.FOREIGN_BODY;
import static com.myparcel.auth.it.FakeMyParcel.INVALID_TOKEN_BODY;
import static com.myparcel.auth.it.FakeMyParcel.jsonApi;
import static java.util.Collections.nCopies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spring's {@code RestTemplate} with its default request factory (HttpURLConnection underneath), used the way legacy
 * Spring code uses it: every API request carries the issued token, a 401 is replayed with a fresh token and the same
 * body without the app ever seeing it, and another host gets no token.
 */
class SpringRestTemplateTest {

    private static final String APP = "com.example.spring.RestTemplateShipmentsApp";
    private static final String REPLAYED_BODY = "{\"data\":{\"type\":\"shipments\",\"id\":\"after-token-refresh\"}}";

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @Test
    void everyApiRequestCarriesTheIssuedToken() {
        AppRun run = myParcel.launcherFor(APP).run("list", "create", "list").assertCompleted();

        assertEquals(List.of("GET /shipments 200", "POST /shipments 201", "GET /shipments 200"), run.summaries(),
                run::describe);
        assertEquals(nCopies(3, myParcel.onlyIssuedToken()), Requests.bearerTokens(myParcel.apiRequests()));
        assertEquals(run.sentBodyHashes(), myParcel.apiPostBodyHashes(), "SHA-256 of the POST body sent vs received");
    }

    @Test
    void replaysGetWithAFreshToken() {
        myParcel.rejectFirstRequest("GET", "/shipments", jsonApi(200, REPLAYED_BODY));

        AppRun run = myParcel.launcherFor(APP).run("list").assertCompleted();

        run.assertOnlyResult("200", REPLAYED_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
        myParcel.assertExactlyOneNewTokenAfterThe401();
    }

    /** RestTemplate sends a String body in fixed-length streaming mode: the agent keeps it for the replay. */
    @Test
    void replaysPostWithAFreshTokenAndTheSameBody() {
        myParcel.rejectFirstRequest("POST", "/shipments", jsonApi(201, REPLAYED_BODY));

        AppRun run = myParcel.launcherFor(APP).run("create").assertCompleted();

        run.assertOnlyResult("201", REPLAYED_BODY);
        myParcel.assertTwoAttemptsWithTwoDifferentIssuedTokens();
        myParcel.assertExactlyOneNewTokenAfterThe401();
        String sent = run.sentBodyHashes().get(0);
        assertEquals(List.of(sent, sent), myParcel.apiPostBodyHashes(),
                "SHA-256 of the body the app sent vs of the two bodies the API received");
    }

    /** The app does report a 401 it sees (RestTemplate throws it): so the tests above would catch a leaked one. */
    @Test
    void persistent401ReachesTheAppAfterExactlyTwoAttempts() {
        myParcel.rejectAllRequests("/shipments");

        AppRun run = myParcel.launcherFor(APP).run("list", "create").assertCompleted();

        assertEquals(List.of("GET /shipments 401", "POST /shipments 401"), run.summaries(), run::describe);
        assertEquals(INVALID_TOKEN_BODY.length(), run.results().get(0).bodyLength(), run::describe);
        // No body check for the POST: HttpURLConnection in streaming mode (RestTemplate's way of sending a body)
        // throws away a 401's body, with or without the agent.
        List<String> sent = Requests.bearerTokens(myParcel.apiRequests());
        assertEquals(4, sent.size(), "two attempts for each request");
        assertTrue(myParcel.issuedTokens().containsAll(sent), "every attempt carries an issued token");
        assertNotEquals(sent.get(0), sent.get(1), "the GET's replay carries a new token");
        assertNotEquals(sent.get(2), sent.get(3), "the POST's replay carries a new token");
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
}
