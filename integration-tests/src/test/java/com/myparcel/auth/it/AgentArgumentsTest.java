package com.myparcel.auth.it;

import static com.myparcel.auth.it.AttachCommandTest.authorizations;
import static com.myparcel.auth.it.FakeMyParcel.CLIENT_ID;
import static com.myparcel.auth.it.FakeMyParcel.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code -javaagent:myparcel-auth-agent.jar=key=value,...}: settings as agent arguments (the {@code myparcel.}
 * prefix optional, a piece without {@code =} continuing the previous value), below system properties and above
 * environment variables.
 */
class AgentArgumentsTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    private static final String LEGACY_APP = "com.example.legacy.ShipmentsApp";

    @Test
    void everySettingCanBeAnAgentArgumentAndAListKeepsItsCommas() {
        String arguments = String.join(",", "client-id=" + CLIENT_ID,
                "myparcel.client-secret-file=" + ChildJvm.secretFile(),
                "auth-url=" + myParcel.authUrl(),
                "scope=shipments.manage",
                "api-hosts=" + TestHosts.API, TestHosts.CDN);

        AppRun run = ChildJvm.testApp(LEGACY_APP, "list",
                        "get", myParcel.apiServerUrl(TestHosts.CDN, "/shipments"),
                        "get", myParcel.apiServerUrl(TestHosts.OTHER, "/shipments"))
                .withAgent(arguments)
                .property("shipments.base-url", myParcel.apiUrl(""))
                .run()
                .assertCompleted();

        assertEquals(List.of("200", "200", "200"), run.statuses(), run::describe);
        String token = myParcel.onlyIssuedToken();
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                "scope", "shipments.manage"), Requests.jsonBody(myParcel.tokenRequests().get(0)));
        assertEquals(Arrays.asList("Bearer " + token, "Bearer " + token, null), authorizations(myParcel.apiRequests()),
                "api and cdn (the second API host) get the token, other.example.test does not");
        assertTrue(run.agentLogLines().stream().anyMatch(line -> line.contains(
                "API hosts [" + TestHosts.API + ", " + TestHosts.CDN + "]")), run::describe);
    }

    @Test
    void systemPropertiesBeatAgentArgumentsWhichBeatTheEnvironment() {
        AppRun run = ChildJvm.testApp(LEGACY_APP, "list")
                .withAgent("client-id=client-from-arguments,scope=scope.from-arguments,token-wait=not-a-duration")
                .property("myparcel.client-id", CLIENT_ID)
                .property("myparcel.token-wait", "5s")
                .property("myparcel.client-secret-file", ChildJvm.secretFile().toString())
                .env("MYPARCEL_SCOPE", "scope.from-environment")
                .env("MYPARCEL_AUTH_URL", myParcel.authUrl())
                .property("shipments.base-url", myParcel.apiUrl(""))
                .run()
                .assertCompleted();

        assertEquals(List.of("200"), run.statuses(), run::describe);
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                        "scope", "scope.from-arguments"), Requests.jsonBody(myParcel.tokenRequests().get(0)),
                "client id from the property over the argument; scope from the argument over the environment; "
                        + "token endpoint from the environment");
        assertEquals(List.of("Bearer " + myParcel.onlyIssuedToken()), authorizations(myParcel.apiRequests()),
                "the malformed token-wait argument is overridden by the property: the agent is active");
    }

    @Test
    void malformedAgentArgumentsLeaveTheAgentPassiveWithOneLine() {
        AppRun run = ChildJvm.testApp(LEGACY_APP, "list")
                .withAgent("scope")
                .settingsFor(myParcel)
                .run()
                .assertCompleted();

        assertEquals(List.of("200"), run.statuses(), run::describe);
        List<String> agentLines = run.agentLogLines();
        assertEquals(1, agentLines.size(), run::describe);
        assertTrue(agentLines.get(0).contains("agent argument") && agentLines.get(0).contains("'scope'"), run::describe);
        assertEquals(List.of(), run.stackTraceLines(), run::describe);
        assertEquals(List.of(), myParcel.tokenRequests(), "a passive agent fetches no token");
        assertEquals(Arrays.asList((String) null), authorizations(myParcel.apiRequests()));
    }
}
