package com.myparcel.auth.it;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;

/**
 * The README's demo: the unmodified legacy app with the agent, against the local stand-in for
 * MyParcel.com that the integration tests use (HTTPS on loopback under the real host names). Prints a
 * short transcript: what the agent logged, what the app saw, what the API received.
 * Run with {@code mvn -B -ntp -q -Pdemo -DskipTests verify}.
 */
public final class Demo {

    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(8);

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        FakeMyParcel myParcel = new FakeMyParcel();
        myParcel.beforeAll(null);
        try {
            myParcel.beforeEach(null);
            myParcel.issueTokens(TokenIssuer.jwts(TOKEN_LIFETIME, Duration.ofDays(1)));
            ResponseDefinitionBuilder created = FakeMyParcel.jsonApi(201, FakeMyParcel.CREATED_BODY);
            myParcel.rejectFirstRequest("POST", "/shipments", created);

            say("myparcel-auth-agent demo");
            say("  stand-in for MyParcel.com: token endpoint " + myParcel.authUrl());
            say("                             API            " + myParcel.apiUrl(""));
            say("  tokens are JWTs living " + TOKEN_LIFETIME.toSeconds() + " s (so a refresh happens during the demo);");
            say("  the API refuses each app's first POST /shipments with 401, code 14002, as MyParcel.com does for a");
            say("  token it rejects");
            say("  the apps (test-apps, no token code in them), each started as");
            say("    java -javaagent:myparcel-auth-agent.jar -Dmyparcel.client-id=… -Dmyparcel.client-secret-file=… <app> <commands>");

            show("ShipmentsApp (HttpURLConnection): list create download label-1 loop 5 1000",
                    myParcel.app().run("list", "create", "download", "label-1", "loop", "5", "1000"));
            myParcel.api().resetScenarios(); // the first POST of the next app is refused again
            show("ShipmentsHttpClientApp (java.net.http.HttpClient): list-async create string http2",
                    myParcel.httpClientApp().run("list-async", "create", "string", "http2"));

            say("\n-- what the API received");
            for (LoggedRequest request : myParcel.apiRequests()) {
                String authorization = request.getHeader("Authorization");
                say(String.format("  %-5s %-18s Authorization: %s", request.getMethod(), request.getUrl(),
                        authorization == null ? "(none)" : "Bearer <token " + fingerprint(authorization) + ">"));
            }
            List<LoggedRequest> apiRequests = myParcel.apiRequests();
            long authorized = apiRequests.stream().filter(request -> request.containsHeader("Authorization")).count();
            say("\n-- " + myParcel.issuedTokens().size() + " token requests; " + authorized + " of " + apiRequests.size()
                    + " API requests carried a token; the apps saw " + unauthorizedSeenByApps + " 401s");
            System.exit(failedRuns == 0 ? 0 : 1);
        } finally {
            myParcel.afterAll(null);
        }
    }

    private static int unauthorizedSeenByApps;
    private static int failedRuns;

    /** One app run: what the agent logged and what the application saw. */
    private static void show(String what, AppRun run) {
        say("\n== " + what);
        say("-- the agent's log (stderr)");
        run.stderr().lines().filter(line -> line.startsWith(AppRun.AGENT_LOG_PREFIX)).forEach(Demo::say);
        say("-- what the application saw (stdout)");
        run.stdout().lines().filter(line -> line.startsWith("RESULT") || line.startsWith("VERSION"))
                .forEach(line -> say("  " + line));
        unauthorizedSeenByApps += run.statuses().stream().filter("401"::equals).count();
        failedRuns += run.exitCode() == 0 ? 0 : 1;
    }

    private static void say(String line) {
        System.out.println(line);
    }

    /** The same short fingerprint the agent logs: the first 8 hex digits of the token's SHA-256. */
    private static String fingerprint(String authorization) throws Exception {
        String token = authorization.substring("Bearer ".length());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            hex.append(String.format("%02x", digest[i]));
        }
        return hex.toString();
    }
}
