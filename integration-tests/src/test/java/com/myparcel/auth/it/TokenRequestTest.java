package com.myparcel.auth.it;

import static com.myparcel.auth.it.FakeMyParcel.CLIENT_ID;
import static com.myparcel.auth.it.FakeMyParcel.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent fetches its token with the OAuth2 client-credentials grant, as JSON. */
class TokenRequestTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @Test
    void postsClientCredentialsAsJsonWithDefaultScope() {
        AppRun run = myParcel.app().run("list").assertCompleted();

        assertEquals("200", run.onlyResult().status(), run::describe);
        LoggedRequest tokenRequest = onlyTokenRequest(run);
        assertEquals(RequestMethod.POST, tokenRequest.getMethod());
        assertEquals("/access-token", tokenRequest.getUrl());
        assertEquals("application/json", Requests.mediaType(tokenRequest));
        assertEquals(Map.of(
                        "grant_type", "client_credentials",
                        "client_id", CLIENT_ID,
                        "client_secret", CLIENT_SECRET,
                        "scope", "*"),
                Requests.jsonBody(tokenRequest));
    }

    @Test
    void sendsConfiguredScopeAndInlineSecret() {
        AppRun run = myParcel.app()
                .withoutSetting("myparcel.client-secret-file")
                .setting("myparcel.client-secret", "inline-secret-0815")
                .setting("myparcel.scope", "shipments.show shipments.manage")
                .run("list")
                .assertCompleted();

        assertEquals(Map.of(
                        "grant_type", "client_credentials",
                        "client_id", CLIENT_ID,
                        "client_secret", "inline-secret-0815",
                        "scope", "shipments.show shipments.manage"),
                Requests.jsonBody(onlyTokenRequest(run)));
    }

    private static LoggedRequest onlyTokenRequest(AppRun run) {
        List<LoggedRequest> tokenRequests = myParcel.tokenRequests();
        assertEquals(1, tokenRequests.size(), () -> "token requests: " + tokenRequests + "\n" + run.describe());
        return tokenRequests.get(0);
    }
}
