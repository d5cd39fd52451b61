package com.myparcel.auth.it;

import static java.util.Collections.nCopies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way the legacy app talks to the API gets {@code Authorization: Bearer <issued token>}. */
class InjectionTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @ParameterizedTest(name = "app installs its own SSLSocketFactory and HostnameVerifier: {0}")
    @ValueSource(booleans = {false, true})
    void everyApiRequestCarriesTheIssuedToken(boolean customTls) {
        AppRun run = myParcel.app()
                .appProperty("shipments.custom-tls", String.valueOf(customTls))
                .run("list", "create", "create-fixed", "create-chunked", "download", "label-1", "headers")
                .assertCompleted();

        assertEquals(List.of("GET /shipments 200", "POST /shipments 201", "POST /shipments 201",
                        "POST /shipments 201", "GET /files/label-1 OK", "GET /shipments 200"),
                run.summaries(), run::describe);
        String token = myParcel.onlyIssuedToken();
        assertEquals(nCopies(6, token), Requests.bearerTokens(myParcel.apiRequests()));
        assertEquals(run.sentBodyHashes(), myParcel.apiPostBodyHashes(), "SHA-256 of POST bodies sent vs received");
    }

    @Test
    void injectsWhenHttpUrlConnectionWasLoadedBeforeTheAgent() {
        AppRun run = myParcel.app()
                .withEarlyLoader()
                .run("list", "create-fixed")
                .assertCompleted();

        assertTrue(run.stdout().contains("EARLY sun.net.www.protocol.http.HttpURLConnection"), run::describe);
        assertTrue(run.stdout().contains("EARLY sun.net.www.protocol.https.HttpsURLConnectionImpl"), run::describe);
        assertEquals(List.of("200", "201"), run.statuses(), run::describe);
        String token = myParcel.onlyIssuedToken();
        assertEquals(nCopies(2, token), Requests.bearerTokens(myParcel.apiRequests()));
        assertEquals(run.sentBodyHashes(), myParcel.apiPostBodyHashes(), "SHA-256 of POST bodies sent vs received");
    }

    /**
     * Loaded after the agent, the JDK's HttpURLConnection carries each connection's state in a field the
     * agent adds (no weak map beside it); loaded before, it cannot gain one, and the agent works without.
     */
    @Test
    void connectionStateIsAFieldOfTheConnectionWhenTheClassLoadsAfterTheAgent() {
        AppRun after = myParcel.app().run("list", "jdk-fields").assertCompleted();
        assertEquals(List.of("myparcel$exchange java.lang.Object volatile"), agentFields(after), after::describe);
        assertEquals(List.of("200"), after.statuses(), after::describe);

        AppRun before = myParcel.app().withEarlyLoader().run("list", "jdk-fields").assertCompleted();
        assertEquals(List.of(), agentFields(before), before::describe);
        assertEquals(List.of("200"), before.statuses(), before::describe);
        assertEquals(2, Requests.bearerTokens(myParcel.apiRequests()).size(), "both runs' requests carried a token");
    }

    /** The synthetic fields the agent added (the JDK's own, such as $assertionsDisabled, left out). */
    private static List<String> agentFields(AppRun run) {
        return run.lines("FIELD").stream().filter(field -> field.startsWith("myparcel$")).toList();
    }

    /**
     * An agent that appends itself to the bootstrap class path turns class data sharing off for every
     * application class, and the JVM says so on stderr: this one defines only its hooks there.
     */
    @Test
    void leavesClassDataSharingOn() {
        AppRun run = myParcel.app().run("list").assertCompleted();

        assertEquals(List.of("200"), run.statuses(), run::describe);
        assertFalse(run.stderr().contains("Sharing is only supported for boot loader classes"), run::describe);
        assertEquals(List.of(myParcel.onlyIssuedToken()), Requests.bearerTokens(myParcel.apiRequests()));
    }
}
