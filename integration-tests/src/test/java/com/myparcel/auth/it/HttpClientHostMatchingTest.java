package com.myparcel.auth.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.myparcel.auth.it.FakeMyParcel.FILE_BODY;
import static com.myparcel.auth.it.FakeMyParcel.FOREIGN_BODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HttpClient: the token goes only to the configured API hosts; never to other hosts, plain http, or a redirect hop
 * to another host (the JDK 17 HttpClient copies the request's headers, Authorization included, onto redirects).
 */
class HttpClientHostMatchingTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @Test
    void otherHostsAndPlainHttpGetNoToken() {
        String otherHost = myParcel.foreignUrl(TestHosts.OTHER, "/x");
        String cdn = myParcel.foreignUrl(TestHosts.CDN, "/x");
        String sandboxHostOnApiServer = myParcel.apiServerUrl(TestHosts.SANDBOX_API_ALT, "/shipments");
        String plainHttpApi = myParcel.apiPlainHttpOrigin() + "/shipments";

        AppRun run = myParcel.httpClientApp()
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

        AppRun run = myParcel.httpClientApp()
                .setting("myparcel.api-hosts", myParcel.apiPlainHttpOrigin())
                .run("get", plainHttpApi, "list")
                .assertCompleted();

        assertEquals(List.of("200", "200"), run.statuses(), run::describe);
        List<LoggedRequest> apiRequests = myParcel.apiRequests();
        assertEquals(myParcel.onlyIssuedToken(), Requests.bearerToken(apiRequests.get(0)));
        assertNull(Requests.authorization(apiRequests.get(1)),
                "the HTTPS API is no longer a configured host once api-hosts names only the http origin");
    }

    @ParameterizedTest(name = "redirect {0}, {1}")
    @CsvSource({"NORMAL, HTTP_1_1", "NORMAL, HTTP_2", "ALWAYS, HTTP_1_1", "ALWAYS, HTTP_2"})
    void redirectToAnotherHostDoesNotCarryTheToken(String redirect, String version) {
        String redirectTarget = myParcel.foreignUrl(TestHosts.OTHER, "/landing");
        myParcel.api().stubFor(get("/labels/redirect")
                .willReturn(aResponse().withStatus(302).withHeader("Location", redirectTarget)));

        AppRun run = myParcel.httpClientApp()
                .appProperty("shipments.redirect", redirect)
                .appProperty("shipments.http-version", version)
                .run("get", myParcel.apiUrl("/labels/redirect"))
                .assertCompleted();

        assertEquals("200", run.onlyResult().status(), run::describe);
        assertEquals(FOREIGN_BODY, run.onlyResult().bodyStart(), "the app followed the redirect");
        List<LoggedRequest> apiRequests = myParcel.apiRequests();
        assertEquals(1, apiRequests.size());
        assertEquals(myParcel.onlyIssuedToken(), Requests.bearerToken(apiRequests.get(0)));
        List<LoggedRequest> foreignRequests = myParcel.foreignRequests();
        assertEquals(List.of("/landing"), foreignRequests.stream().map(LoggedRequest::getUrl).collect(Collectors.toList()));
        assertNull(Requests.authorization(foreignRequests.get(0)), "the redirect target got the token");
    }

    /** Stripping the token from other hosts' hops must not strip it from a hop that stays on the API. */
    @Test
    void redirectWithinTheApiKeepsTheToken() {
        myParcel.api().stubFor(get("/labels/moved")
                .willReturn(aResponse().withStatus(301).withHeader("Location", myParcel.apiUrl("/files/label-1"))));

        AppRun run = myParcel.httpClientApp()
                .appProperty("shipments.redirect", "NORMAL")
                .run("get", myParcel.apiUrl("/labels/moved"))
                .assertCompleted();

        assertEquals("200", run.onlyResult().status(), run::describe);
        assertEquals(FILE_BODY, run.onlyResult().bodyStart(), "the app followed the redirect");
        assertEquals(List.of("/labels/moved", "/files/label-1"),
                myParcel.apiRequests().stream().map(LoggedRequest::getUrl).collect(Collectors.toList()));
        String token = myParcel.onlyIssuedToken();
        assertEquals(List.of(token, token), Requests.bearerTokens(myParcel.apiRequests()));
    }

    private static List<String> authorizations(List<LoggedRequest> requests) {
        return requests.stream().map(Requests::authorization).collect(Collectors.toList());
    }
}
