package com.myparcel.auth.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.myparcel.auth.it.FakeMyParcel.FOREIGN_BODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token goes only to the configured API hosts: never to other hosts, plain http, or redirect targets. */
class HostMatchingTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @Test
    void otherHostsAndPlainHttpGetNoToken() {
        String otherHost = myParcel.foreignUrl(TestHosts.OTHER, "/x");
        String cdn = myParcel.foreignUrl(TestHosts.CDN, "/x");
        String sandboxHostOnApiServer = myParcel.apiServerUrl(TestHosts.SANDBOX_API_ALT, "/shipments");
        String plainHttpApi = myParcel.apiPlainHttpOrigin() + "/shipments";

        AppRun run = myParcel.app()
                .run("get", otherHost, "get", cdn, "get", sandboxHostOnApiServer, "get", plainHttpApi, "list")
                .assertCompleted();

        assertEquals(List.of("200", "200", "200", "200", "200"), run.statuses(), run::describe);
        assertEquals(Arrays.asList(null, null), authorizations(myParcel.foreignRequests()), "other.example.test, cdn");
        List<LoggedRequest> apiRequests = myParcel.apiRequests();
        assertEquals(List.of(sandboxHostOnApiServer, plainHttpApi, myParcel.apiUrl("/shipments")),
                apiRequests.stream().map(LoggedRequest::getAbsoluteUrl).collect(Collectors.toList()));
        assertNull(Requests.authorization(apiRequests.get(0)), "sandbox-api.myparcel.com is not a configured host");
        assertNull(Requests.authorization(apiRequests.get(1)), "plain http is not allowed by a bare host");
        assertEquals(myParcel.onlyIssuedToken(), Requests.bearerToken(apiRequests.get(2)),
                "the API itself, in the same run, does get the token");
    }

    @Test
    void plainHttpGetsTheTokenWhenItsOriginIsConfigured() {
        String plainHttpApi = myParcel.apiPlainHttpOrigin() + "/shipments";

        AppRun run = myParcel.app()
                .setting("myparcel.api-hosts", myParcel.apiPlainHttpOrigin())
                .run("get", plainHttpApi, "list")
                .assertCompleted();

        assertEquals(List.of("200", "200"), run.statuses(), run::describe);
        List<LoggedRequest> apiRequests = myParcel.apiRequests();
        assertEquals(myParcel.onlyIssuedToken(), Requests.bearerToken(apiRequests.get(0)));
        assertNull(Requests.authorization(apiRequests.get(1)),
                "the HTTPS API is no longer a configured host once api-hosts names only the http origin");
    }

    @Test
    void redirectToAnotherHostDoesNotCarryTheToken() {
        String redirectTarget = myParcel.foreignUrl(TestHosts.OTHER, "/landing");
        myParcel.api().stubFor(get("/labels/redirect")
                .willReturn(aResponse().withStatus(302).withHeader("Location", redirectTarget)));

        AppRun run = myParcel.app().run("get", myParcel.apiUrl("/labels/redirect")).assertCompleted();

        assertEquals("200", run.onlyResult().status(), run::describe);
        assertEquals(FOREIGN_BODY, run.onlyResult().bodyStart(), "the app followed the redirect");
        List<LoggedRequest> apiRequests = myParcel.apiRequests();
        assertEquals(1, apiRequests.size());
        assertEquals(myParcel.onlyIssuedToken(), Requests.bearerToken(apiRequests.get(0)));
        List<LoggedRequest> foreignRequests = myParcel.foreignRequests();
        assertEquals(List.of("/landing"), foreignRequests.stream().map(LoggedRequest::getUrl).collect(Collectors.toList()));
        assertNull(Requests.authorization(foreignRequests.get(0)), "the redirect target got the token");
    }

    private static List<String> authorizations(List<LoggedRequest> requests) {
        return requests.stream().map(Requests::authorization).collect(Collectors.toList());
    }
}
