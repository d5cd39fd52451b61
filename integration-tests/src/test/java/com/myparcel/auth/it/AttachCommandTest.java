package com.myparcel.auth.it;

import static com.myparcel.auth.it.FakeMyParcel.CLIENT_ID;
import static com.myparcel.auth.it.FakeMyParcel.CLIENT_SECRET;
import static com.myparcel.auth.it.OperatorOutput.assertShowsNoSecret;
import static com.myparcel.auth.it.OperatorOutput.fingerprint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code java -jar myparcel-auth-agent.jar attach <pid> [key=value ...]}: loads the agent into a running JVM
 * (test-apps' ShipmentsShell, started without the agent, which has already made requests with HttpURLConnection and
 * with the one HttpClient it holds). From then on its requests carry the token; attaching again changes nothing.
 */
class AttachCommandTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    private static final String AGENT_ACTIVE = AppRun.AGENT_LOG_PREFIX + " INFO active ";

    @Test
    void attachedAgentAuthorizesTheRunningAppsRequestsAndASecondAttachIsHarmless() {
        try (ChildJvm.Running app = startShell()) {
            long pid = shellPid(app);
            app.shell("list http-client-list");
            assertEquals(List.of(), myParcel.tokenRequests(), "no agent yet");
            assertEquals(Collections.nCopies(2, null), authorizations(myParcel.apiRequests()), "no agent yet");

            AppRun attach = attach(pid, "client-id=" + CLIENT_ID, "myparcel.client-secret-file=" + ChildJvm.secretFile(),
                    "auth-url=" + myParcel.authUrl(), "scope=shipments.manage").run();

            assertEquals(0, attach.exitCode(), attach::describe);
            assertTrue(attach.stdout().startsWith("agent loaded into " + pid), attach::describe);
            String active = app.awaitStderr(line -> line.startsWith(AGENT_ACTIVE), "the agent's start-up line");
            assertTrue(active.contains("token endpoint " + myParcel.authUrl()), active);

            List<String> results = app.shell("list http-client-list create");
            assertEquals(List.of("RESULT GET /shipments 200", "RESULT GET /shipments 200", "RESULT POST /shipments 201"),
                    summaries(results), app::describe);
            String token = myParcel.onlyIssuedToken();
            assertEquals(Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret",
                    CLIENT_SECRET, "scope", "shipments.manage"), Requests.jsonBody(myParcel.tokenRequests().get(0)));
            assertEquals(Collections.nCopies(3, "Bearer " + token), afterFirst(2, authorizations(myParcel.apiRequests())),
                    "HttpURLConnection and the HttpClient built before the attach carry the token");

            AppRun again = attach(pid, "client-id=" + CLIENT_ID, "client-secret-file=" + ChildJvm.secretFile(),
                    "auth-url=" + myParcel.authUrl()).run();

            assertEquals(0, again.exitCode(), again::describe);
            app.awaitStderr(line -> line.contains("already active in this JVM"), "'already active' after the second attach");
            app.shell("list http-client-list");
            assertEquals(List.of(token), myParcel.issuedTokens(), "the second attach fetched no token");
            assertEquals(Collections.nCopies(5, "Bearer " + token), afterFirst(2, authorizations(myParcel.apiRequests())));

            AppRun exited = app.awaitExit();
            assertEquals(0, exited.exitCode(), exited::describe);
            List<String> agentLines = exited.agentLogLines();
            assertEquals(1, agentLines.stream().filter(line -> line.startsWith(AGENT_ACTIVE)).count(), exited::describe);
            assertTrue(agentLines.stream().noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN ")),
                    exited::describe);
            assertEquals(List.of(), exited.stackTraceLines(), exited::describe);
            assertShowsNoSecret(exited, myParcel.issuedTokens());
            assertShowsNoSecret(attach, myParcel.issuedTokens());
        }
    }

    @Test
    void settingsComeFromTheArgumentsThenTheAttachingShellsPropertiesThenItsEnvironment() {
        try (ChildJvm.Running app = startShell()) {
            long pid = shellPid(app);

            AppRun attach = attach(pid, "scope=scope.from-arguments", "api-hosts=" + TestHosts.API + "," + TestHosts.CDN)
                    .property("myparcel.scope", "scope.from-property")
                    .property("myparcel.client-id", CLIENT_ID)
                    .env("MYPARCEL_CLIENT_ID", "client-from-environment")
                    .env("MYPARCEL_CLIENT_SECRET_FILE", ChildJvm.secretFile().toString())
                    .env("MYPARCEL_AUTH_URL", myParcel.authUrl())
                    .run();

            assertEquals(0, attach.exitCode(), attach::describe);
            app.awaitStderr(line -> line.startsWith(AGENT_ACTIVE), "the agent's start-up line");
            List<String> results = app.shell("list get " + myParcel.apiServerUrl(TestHosts.CDN, "/shipments"));
            assertEquals(List.of("RESULT GET /shipments 200", "RESULT GET /shipments 200"), summaries(results),
                    app::describe);
            assertEquals(Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret",
                            CLIENT_SECRET, "scope", "scope.from-arguments"),
                    Requests.jsonBody(myParcel.tokenRequests().get(0)),
                    "scope from the argument over the property, client id from the property over the environment, "
                            + "secret file and token endpoint from the environment");
            String token = myParcel.onlyIssuedToken();
            assertEquals(List.of("Bearer " + token, "Bearer " + token), authorizations(myParcel.apiRequests()),
                    "both hosts of the api-hosts list (with its comma) get the token");
            assertEquals(fingerprint(myParcel.onlyIssuedToken()), newTokenFingerprint(app));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static ChildJvm.Running startShell() {
        return ChildJvm.testApp(ChildJvm.SHELL).property("shipments.base-url", myParcel.apiUrl("")).start();
    }

    private static long shellPid(ChildJvm.Running app) {
        long pid = Long.parseLong(app.awaitStdout(line -> line.startsWith("PID "), "PID line").substring(4));
        assertEquals(app.pid(), pid, "the shell's own pid");
        app.awaitStdout("READY 0"::equals, "READY 0");
        return pid;
    }

    private static ChildJvm attach(long pid, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("attach", String.valueOf(pid)));
        arguments.addAll(List.of(settings));
        return ChildJvm.agentCommandLine(arguments.toArray(new String[0]));
    }

    /** The fingerprint in the agent's {@code new token <fingerprint>, ...} line. */
    private static String newTokenFingerprint(ChildJvm.Running app) {
        String line = app.awaitStderr(text -> text.contains(" INFO new token "), "the agent's new-token line");
        return line.substring(line.indexOf(" INFO new token ") + " INFO new token ".length()).split(",")[0];
    }

    /** Each request's Authorization header (null where it had none), in order. */
    static List<String> authorizations(List<LoggedRequest> requests) {
        List<String> values = new ArrayList<>();
        requests.forEach(request -> values.add(Requests.authorization(request)));
        return values;
    }

    private static List<String> afterFirst(int count, List<String> values) {
        return values.subList(count, values.size());
    }

    /**
     * {@code "RESULT <method> <path> <status>"} of each RESULT line (the rest of the line dropped), and each ERROR
     * line whole, in order.
     */
    static List<String> summaries(List<String> lines) {
        List<String> summaries = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split(" ");
            if (line.startsWith("RESULT ") && fields.length >= 4) {
                summaries.add(String.join(" ", fields[0], fields[1], fields[2], fields[3]));
            } else if (line.startsWith("ERROR ")) {
                summaries.add(line);
            }
        }
        return summaries;
    }
}
