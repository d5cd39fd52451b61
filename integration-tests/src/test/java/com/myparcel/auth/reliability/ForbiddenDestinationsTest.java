package com.myparcel.auth.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.myparcel.auth.it.AppRun;
import com.myparcel.auth.it.FakeMyParcel;
import com.myparcel.auth.it.Requests;
import com.myparcel.auth.it.ShipmentsAppLauncher;
import com.myparcel.auth.it.TestHosts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where the token goes, seen from the servers that receive the requests: for each destination, one GET from an
 * unmodified client (test-apps' {@code DestinationProbe}, one child JVM per client and agent configuration, many
 * URLs per JVM), then the WireMock journal says whether an Authorization arrived. Every host name used resolves
 * to 127.0.0.1 and is in the test certificate, so each request really arrives: a case that never reached a server
 * fails, unless it is one the JDK itself refuses to send (listed in {@link Case#jdkMayRefuse}).
 *
 * <p>Redirect cases: the API answers {@code /probe/<id>} with a redirect; its hop must carry the token, the
 * target ({@code /probe/<id>/target}) must not (unless it is the API itself). HttpURLConnection never follows a
 * change of protocol and the JDK decides which statuses it follows; what happened is recorded, and whatever hop
 * arrived is checked. The HttpClient probe follows with {@code Redirect.ALWAYS}, so it does follow HTTPS to HTTP.
 */
class ForbiddenDestinationsTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    private static final String SECTION = "1-destinations";
    private static final String TITLE = "## 1. Destinations: who receives the token\n\n"
            + "For each destination, an unmodified application sent one GET through each JDK client with the agent"
            + " active, and the receiving WireMock server's journal says whether an `Authorization` header arrived"
            + " (redirects: for each hop).";
    private static final List<String> COLUMNS = List.of("destination", "client", "expected", "Authorization arrived");
    private static final String PROBE = "com.example.reliability.DestinationProbe";
    private static final String API_PROBE_BODY = "api probe";

    enum Client {
        URL_CONNECTION("HttpURLConnection", "urlconnection", "u"),
        HTTP_CLIENT("HttpClient (Redirect.ALWAYS)", "httpclient", "h");

        final String label;
        final String argument;
        final String idPrefix;

        Client(String label, String argument, String idPrefix) {
            this.label = label;
            this.argument = argument;
            this.idPrefix = idPrefix;
        }
    }

    /** Where a redirect sends the client, and whether the target should get the token. */
    record Redirect(int status, String locationTemplate, boolean targetGetsToken) {
    }

    /**
     * One destination. {@code template} is the URL with {@code {id}} (made unique per client), {@code {api}} (the
     * API server's HTTPS port), {@code {api-http}} (its plain-HTTP port) and {@code {other}} (the foreign server's
     * HTTPS port).
     */
    record Case(String id, String template, boolean tokenExpected, Redirect redirect, String jdkMayRefuse,
            Client onlyFor) {

        static Case token(String id, String template) {
            return new Case(id, template, true, null, null, null);
        }

        static Case none(String id, String template) {
            return new Case(id, template, false, null, null, null);
        }

        static Case redirect(String id, int status, String location, boolean targetGetsToken) {
            return new Case(id, "https://api.myparcel.com:{api}/probe/{id}", true,
                    new Redirect(status, location, targetGetsToken), null, null);
        }

        /**
         * The request may fail before anything reaches the journal, for a reason outside the agent (say which):
         * then that is recorded instead of the arrival. Any other case that arrives nowhere fails.
         */
        Case jdkMayRefuse(String why) {
            return new Case(id, template, tokenExpected, redirect, why, onlyFor);
        }

        /** The HttpClient probe sends ids ending in -h1 over HTTP/1.1 only. */
        Case overHttp11() {
            return new Case(id + "-h1", template, tokenExpected, redirect, jdkMayRefuse, Client.HTTP_CLIENT);
        }

        boolean runsOn(Client client) {
            return onlyFor == null || onlyFor == client;
        }
    }

    /**
     * Over HTTP/2, the JDK 17 HttpClient sends the URL's user-info in :authority and Jetty refuses such a stream,
     * with or without the agent (JDK 25 leaves the user-info out).
     */
    private static final String USER_INFO_OVER_HTTP2 = "over HTTP/2 the JDK 17 HttpClient sends the user-info in"
            + " `:authority` and the server (Jetty) answers GOAWAY, with or without the agent; see the HTTP/1.1 row";

    // ------------------------------------------------------------------ the cases

    private static List<Case> productionCases() {
        List<Case> cases = new ArrayList<>();
        // Must match: the API host however it is spelled, on any port.
        cases.add(Case.token("p01", "https://api.myparcel.com:{api}/probe/{id}"));
        cases.add(Case.token("p02", "https://API.MYPARCEL.COM:{api}/probe/{id}"));
        cases.add(Case.token("p03", "https://Api.MyParcel.Com:{api}/probe/{id}"));
        cases.add(Case.token("p04", "https://api.myparcel.com.:{api}/probe/{id}")
                .jdkMayRefuse("the JDK HttpClient refuses a name with a trailing dot as TLS server name (SNI),"
                        + " with or without the agent"));
        cases.add(Case.token("p05", "https://api.myparcel.com:{other}/probe/{id}"));
        Case userInfoOnApi = Case.token("p06", "https://evil.test@api.myparcel.com:{api}/probe/{id}");
        cases.add(userInfoOnApi.jdkMayRefuse(USER_INFO_OVER_HTTP2));
        cases.add(userInfoOnApi.overHttp11());
        // Look-alikes, served by the API server itself: only the name differs.
        int n = 7;
        for (String host : TestHosts.LOOK_ALIKES) {
            if (!host.equals("evil.test")) {
                cases.add(Case.none(String.format("p%02d", n++), "https://" + host + ":{api}/probe/{id}"));
            }
        }
        for (String host : List.of(TestHosts.CDN, TestHosts.AUTH, TestHosts.SANDBOX_API, TestHosts.SANDBOX_API_ALT,
                TestHosts.SANDBOX_AUTH, "localhost", "127.0.0.1")) {
            cases.add(Case.none(String.format("p%02d", n++), "https://" + host + ":{api}/probe/{id}"));
        }
        if (apiServerListensOnIpv6Loopback()) {
            cases.add(Case.none(String.format("p%02d", n++), "https://[::1]:{api}/probe/{id}"));
        }
        cases.add(Case.none(String.format("p%02d", n++), "http://api.myparcel.com:{api-http}/probe/{id}"));
        // Parser tricks: the real host is evil.test.
        for (String userInfo : List.of("api.myparcel.com", "api.myparcel.com:443")) {
            Case userInfoTrick = Case.none(String.format("p%02d", n++), "https://" + userInfo + "@evil.test:{other}/probe/{id}");
            cases.add(userInfoTrick.jdkMayRefuse(USER_INFO_OVER_HTTP2));
            cases.add(userInfoTrick.overHttp11());
        }
        cases.add(Case.none(String.format("p%02d", n++), "https://evil.test:{other}/probe/{id}#@api.myparcel.com/"));
        cases.add(Case.none(String.format("p%02d", n++), "https://evil.test:{other}?probe={id}@api.myparcel.com/"));
        // Redirects from the API elsewhere.
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            cases.add(Case.redirect(String.format("r%d", status), status,
                    "https://other.example.test:{other}/probe/{id}/target", false));
        }
        cases.add(Case.redirect("r302x", 302, "https://api.myparcel.com.evil.test:{api}/probe/{id}/target", false));
        Case redirectWithUserInfo = Case.redirect("r302u", 302,
                "https://api.myparcel.com@evil.test:{other}/probe/{id}/target", false);
        cases.add(redirectWithUserInfo.jdkMayRefuse(USER_INFO_OVER_HTTP2));
        cases.add(redirectWithUserInfo.overHttp11());
        cases.add(Case.redirect("r302a", 302, "https://api.myparcel.com:{api}/probe/{id}/target", true));
        // HTTPS -> HTTP downgrades, to the API host itself and to another host.
        cases.add(Case.redirect("d301", 301, "http://api.myparcel.com:{api-http}/probe/{id}/target", false));
        cases.add(Case.redirect("d302", 302, "http://api.myparcel.com:{api-http}/probe/{id}/target", false));
        cases.add(Case.redirect("d307", 307, "http://api.myparcel.com:{api-http}/probe/{id}/target", false));
        cases.add(Case.redirect("d308", 308, "http://other.example.test:{api-http}/probe/{id}/target", false));
        return cases;
    }

    /** {@code myparcel.api-hosts=http://api.myparcel.com:<api-http>}: an explicit plain-HTTP origin. */
    private static List<Case> originCases() {
        return List.of(
                Case.token("o01", "http://api.myparcel.com:{api-http}/probe/{id}"),
                Case.token("o02", "http://API.MYPARCEL.COM:{api-http}/probe/{id}"),
                Case.token("o03", "http://api.myparcel.com.:{api-http}/probe/{id}"),
                Case.none("o04", "https://api.myparcel.com:{api}/probe/{id}"),
                Case.none("o05", "http://other.example.test:{api-http}/probe/{id}"),
                Case.none("o06", "http://127.0.0.1:{api-http}/probe/{id}"),
                Case.none("o07", "http://localhost:{api-http}/probe/{id}"),
                Case.none("o08", "http://xapi.myparcel.com:{api-http}/probe/{id}"));
    }

    /** {@code myparcel.environment=sandbox}: the sandbox hosts, not production. */
    private static List<Case> sandboxCases() {
        return List.of(
                Case.token("s01", "https://api.sandbox.myparcel.com:{api}/probe/{id}"),
                Case.token("s02", "https://sandbox-api.myparcel.com:{api}/probe/{id}"),
                Case.none("s03", "https://api.myparcel.com:{api}/probe/{id}"),
                Case.none("s04", "https://auth.sandbox.myparcel.com:{api}/probe/{id}"),
                Case.none("s05", "http://api.sandbox.myparcel.com:{api-http}/probe/{id}"));
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void production() {
        probe("production (default API host)", productionCases(), launcher -> launcher);
    }

    @Test
    void explicitPlainHttpOrigin() {
        probe("api-hosts = http://api.myparcel.com:<api-http>", originCases(),
                launcher -> launcher.setting("myparcel.api-hosts", myParcel.apiPlainHttpOrigin()));
    }

    @Test
    void sandbox() {
        probe("sandbox", sandboxCases(), launcher -> launcher.setting("myparcel.environment", "sandbox"));
    }

    // ------------------------------------------------------------------ plumbing

    private void probe(String configuration, List<Case> cases, UnaryOperator<ShipmentsAppLauncher> configure) {
        myParcel.apiServer().stubFor(get(urlPathMatching("/probe/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withBody(API_PROBE_BODY)));
        for (Client client : Client.values()) {
            for (Case c : cases) {
                if (c.redirect() != null && c.runsOn(client)) {
                    myParcel.apiServer().stubFor(get(urlEqualTo("/probe/" + id(client, c))).atPriority(1)
                            .willReturn(aResponse().withStatus(c.redirect().status())
                                    .withHeader("Location", url(c.redirect().locationTemplate(), id(client, c)))));
                }
            }
        }

        // One child JVM per client, both at once: every request is told apart by its id.
        Map<Client, CompletableFuture<AppRun>> runs = new LinkedHashMap<>();
        for (Client client : Client.values()) {
            List<String> arguments = new ArrayList<>();
            arguments.add(client.argument);
            cases.stream().filter(c -> c.runsOn(client))
                    .forEach(c -> arguments.add(id(client, c) + "=" + url(c.template(), id(client, c))));
            ShipmentsAppLauncher launcher = configure.apply(myParcel.launcherFor(PROBE));
            runs.put(client, CompletableFuture.supplyAsync(() -> launcher.run(arguments.toArray(new String[0])),
                    runnable -> new Thread(runnable, "probe-" + client).start()));
        }

        List<String> failures = new ArrayList<>();
        for (Client client : Client.values()) {
            AppRun run = runs.get(client).join();
            assertEquals(0, run.exitCode(), run::describe);
            assertTrue(run.stdout().lines().anyMatch("DONE"::equals), run::describe);
            assertTrue(run.agentLogLines().stream().anyMatch(line -> line.contains(" INFO active ")),
                    () -> "the agent is not active: every case would pass for nothing\n" + run.describe());
            Map<String, String> probeLines = probeLines(run);
            for (Case c : cases) {
                if (!c.runsOn(client)) {
                    continue;
                }
                try {
                    String arrived = check(client, c, probeLines.get(id(client, c)));
                    ReliabilityReport.row(SECTION, TITLE, COLUMNS,
                            List.of(destination(c, configuration), label(client, c), expected(c), arrived));
                } catch (AssertionError e) {
                    failures.add(label(client, c) + " " + destination(c, configuration) + ": " + e.getMessage());
                    ReliabilityReport.row(SECTION, TITLE, COLUMNS, List.of(destination(c, configuration),
                            label(client, c), expected(c), "**FAILED**: " + e.getMessage()));
                }
            }
            if (!failures.isEmpty()) {
                failures.add("--- " + client.label + " run ---\n" + run.describe());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures));
        }
    }

    /** Checks one case from the servers' side; returns the report's "Authorization arrived" cell. */
    private String check(Client client, Case c, String probeLine) {
        String id = id(client, c);
        assertNotNull(probeLine, "the probe printed nothing for " + id);
        List<LoggedRequest> hop = requests(id, false);
        if (c.redirect() == null) {
            if (hop.isEmpty()) {
                if (c.jdkMayRefuse() != null && probeLine.contains(" ERROR ")) {
                    return "not sent: " + c.jdkMayRefuse() + " (`" + probeLine.substring(probeLine.indexOf("ERROR ")
                            + 6) + "`)";
                }
                fail("no request arrived, the case proves nothing; the probe says: " + probeLine);
            }
            assertEquals(1, hop.size(), "requests that arrived");
            return describeArrival(hop.get(0), c.tokenExpected());
        }

        assertEquals(1, hop.size(), "requests that arrived at the API's redirecting hop; the probe says: " + probeLine);
        String first = describeArrival(hop.get(0), true);
        List<LoggedRequest> target = requests(id, true);
        if (target.isEmpty() && c.jdkMayRefuse() != null && probeLine.contains(" ERROR ")) {
            return "API hop: " + first + "; target not sent: " + c.jdkMayRefuse() + " (`"
                    + probeLine.substring(probeLine.indexOf("ERROR ") + 6) + "`)";
        }
        if (target.isEmpty()) {
            assertTrue(probeLine.startsWith("PROBE " + id + " " + c.redirect().status() + " "),
                    "the target was never asked, so the app must have been given the redirect itself: " + probeLine);
            return "API hop: " + first + "; not followed (the application got the " + c.redirect().status() + ")";
        }
        assertEquals(1, target.size(), "requests that arrived at the redirect target");
        assertTrue(probeLine.startsWith("PROBE " + id + " 200 "), "the app got the target's answer: " + probeLine);
        return "API hop: " + first + "; target (followed): " + describeArrival(target.get(0), c.redirect().targetGetsToken());
    }

    /** Asserts what arrived with {@code request}; returns "yes" or "no". */
    private String describeArrival(LoggedRequest request, boolean tokenExpected) {
        List<String> issued = myParcel.issuedTokens();
        assertTrue(!issued.isEmpty(), "no token was ever issued: the case proves nothing");
        String authorization = Requests.authorization(request);
        if (tokenExpected) {
            assertNotNull(authorization, "expected the token at " + Requests.describe(request));
            assertTrue(issued.contains(Requests.bearerToken(request)), "not an issued token: " + authorization);
            return "yes";
        }
        assertNull(authorization, "the token arrived at " + Requests.describe(request));
        for (HttpHeader header : request.getHeaders().all()) {
            for (String value : header.values()) {
                for (String token : issued) {
                    assertTrue(!value.contains(token), "the token arrived in " + header.key() + " at "
                            + Requests.describe(request));
                }
            }
        }
        return "no";
    }

    /** The requests of case {@code id} on any server: its own ({@code /probe/<id>}) or its redirect target. */
    private static List<LoggedRequest> requests(String id, boolean target) {
        List<LoggedRequest> all = new ArrayList<>(myParcel.apiRequests());
        all.addAll(myParcel.foreignRequests());
        return all.stream().filter(request -> {
            String url = request.getUrl();
            if (target) {
                return url.equals("/probe/" + id + "/target");
            }
            return url.equals("/probe/" + id) || url.startsWith("/probe/" + id + "?")
                    || url.contains("probe=" + id + "@");
        }).collect(Collectors.toList());
    }

    private static Map<String, String> probeLines(AppRun run) {
        Map<String, String> lines = new LinkedHashMap<>();
        run.stdout().lines().filter(line -> line.startsWith("PROBE "))
                .forEach(line -> lines.put(line.split(" ", 3)[1], line));
        return lines;
    }

    private static String destination(Case c, String configuration) {
        return "`" + display(c.template()) + "` (" + configuration + ")" + (c.redirect() == null ? ""
                : ": " + c.redirect().status() + " to `" + display(c.redirect().locationTemplate()) + "`");
    }

    private static String label(Client client, Case c) {
        return c.id().endsWith("-h1") ? "HttpClient (Redirect.ALWAYS, HTTP/1.1 only)" : client.label;
    }

    private static String expected(Case c) {
        if (c.redirect() != null) {
            return c.redirect().targetGetsToken() ? "token on both hops" : "token on the API hop only";
        }
        return c.tokenExpected() ? "token" : "no token";
    }

    private static String id(Client client, Case c) {
        return client.idPrefix + c.id();
    }

    private static String url(String template, String id) {
        return template.replace("{id}", id)
                .replace("{api}", String.valueOf(myParcel.apiHttpsPort()))
                .replace("{api-http}", String.valueOf(myParcel.apiPlainHttpOrigin().replaceAll(".*:", "")))
                .replace("{other}", String.valueOf(myParcel.foreignHttpsPort()));
    }

    private static String display(String template) {
        return template.replace("{id}", "…").replace("{api}", "<api>").replace("{api-http}", "<api-http>")
                .replace("{other}", "<other>");
    }

    private static boolean apiServerListensOnIpv6Loopback() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("::1", myParcel.apiHttpsPort()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
