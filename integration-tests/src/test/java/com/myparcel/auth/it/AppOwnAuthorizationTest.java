package com.myparcel.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A request whose Authorization the app set itself is left alone, unless override-authorization is on. */
class AppOwnAuthorizationTest {

    private static final String APP_OWN = "Bearer app-own-token";

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @Test
    void appsOwnAuthorizationIsSentUnchanged() {
        AppRun run = myParcel.app().run("own-auth").assertCompleted();

        assertEquals("200", run.onlyResult().status(), run::describe);
        assertEquals(List.of(APP_OWN), authorizationsReceivedByApi());
    }

    @Test
    void appsOwnAuthorizationIsNotReplayedAfter401() {
        myParcel.rejectAllRequests("/shipments");

        AppRun run = myParcel.app().run("own-auth").assertCompleted();

        assertEquals("401", run.onlyResult().status(), run::describe);
        assertEquals(List.of(APP_OWN), authorizationsReceivedByApi(), "exactly one attempt, the app's own");
    }

    @Test
    void overrideAuthorizationReplacesTheAppsOwn() {
        AppRun run = myParcel.app()
                .setting("myparcel.override-authorization", "true")
                .run("own-auth")
                .assertCompleted();

        assertEquals("200", run.onlyResult().status(), run::describe);
        assertEquals(List.of("Bearer " + myParcel.onlyIssuedToken()), authorizationsReceivedByApi());
    }

    private static List<String> authorizationsReceivedByApi() {
        return myParcel.apiRequests().stream().map(Requests::authorization).collect(Collectors.toList());
    }
}
