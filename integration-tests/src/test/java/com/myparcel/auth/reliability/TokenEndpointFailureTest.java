package com.myparcel.auth.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.myparcel.auth.it.FakeMyParcel;
import com.myparcel.auth.it.Jwt;
import com.myparcel.auth.it.TestHosts;
import com.myparcel.auth.it.TokenIssuer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The token endpoint misbehaves in every way we know of, and the application must not notice beyond waiting at most
 * {@code myparcel.token-wait}: its requests complete with the API's answer, token or not; the agent retries on its
 * backoff schedule, logs what happened, and recovers soon after the endpoint is healthy again.
 *
 * <p>One child JVM per scenario runs the {@code LoadDriver} in {@code paced} mode: every 200 ms one GET through
 * HttpURLConnection and one through {@code HttpClient.sendAsync}, each on its own thread, so both clients meet the
 * failure at the same time in one JVM. The token endpoint fails from the start; {@value #WINDOW_MS} ms after the
 * driver's {@code STARTED} line the test switches it to a good answer (a JWT living one day) and watches for the
 * first API request of each client that carries a token. Scenarios whose answer is usable (an odd {@code expires_in},
 * a JWT without {@code exp}, a token that is not a JWT) are not switched: their token must be used.
 *
 * <p>Scenarios run in parallel child JVMs (each on its own token URL path and API path, so the WireMock journals tell
 * them apart); the checks and the report rows follow per scenario and client. Isolated: it runs its own
 * {@value #PARALLEL} child JVMs at once, and its timing bounds assume no other test class beside them.
 */
@Isolated
class TokenEndpointFailureTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    static final String SECTION = "2-token-endpoint";
    static final String TITLE = "## 2. Token endpoint failures\n\n"
            + "Per scenario one JVM runs both clients (HttpURLConnection, and HttpClient through sendAsync), one GET each"
            + " every 200 ms, with `myparcel.token-wait=2s`. The token endpoint fails from the start; 5 s after the app"
            + " started it is switched to a good answer (a JWT living one day). *Longest wait*: the slowest request, from"
            + " the call until its body was read. *Token requests*: the agent's attempts from the first one to the switch"
            + " (per minute extrapolated from that window). *Recovery*: seconds from the switch to that client's first API"
            + " request carrying a token. Scenarios marked *usable* answer with a token the agent must use (no switch)."
            + " *Connection refused*: a closed port (reopened at the switch); *accepts and never answers*: a TCP socket"
            + " that accepts and never answers, not even the TLS handshake (forwards to the token server after the"
            + " switch).";
    static final List<String> COLUMNS = List.of("scenario", "client", "requests completed", "longest wait (ms)",
            "token requests/min", "recovery (s)", "logged");

    static final String TOKEN_WAIT = "2s";
    static final long TOKEN_WAIT_MS = 2_000;
    /** What a request may take on top of token-wait: TLS set-up and the API's answer on a busy 2-core machine. */
    static final long REQUEST_ALLOWANCE_MS = 5_000;
    /** How long the endpoint fails before it is switched to a good answer, counted from the driver's start. */
    static final long WINDOW_MS = 5_000;
    static final long USABLE_RUN_MS = 4_000;
    static final long PACE_MS = 200;
    /** Child JVMs at the same time: most of their time is spent waiting. */
    static final int PARALLEL = 7;

    /** The agent's timeouts (contract): read timeout and whole-exchange deadline of a token request. */
    static final long READ_TIMEOUT_MS = 10_000;
    static final long DEADLINE_MS = 20_000;
    /** Slack on upper time bounds (scheduling, TLS handshakes, JVMs starting next door on 2 cores). */
    static final long LATE_MS = 2_000;
    /**
     * The JDK runs every {@code CompletableFuture.orTimeout}/{@code completeOnTimeout} of the JVM on one shared
     * thread; the driver probes it (a 100 ms timeout every 250 ms). Lateness beyond scheduling noise means something
     * holds that thread, and the application's own timeouts fire late.
     */
    static final long DELAYER_LATE_ALLOWED_MS = 1_000;
    static final long DELAYER_LATE_REPORTED_MS = 500;
    /** Slack on lower time bounds (clock and timer granularity). */
    static final long EARLY_MS = 100;

    private static final java.util.concurrent.Semaphore START_GATE = new java.util.concurrent.Semaphore(2, true);

    static final String CLIENT_HUC = "huc";
    static final String CLIENT_HC = "hc";
    static final Map<String, String> CLIENT_NAMES = Map.of(CLIENT_HUC, "HttpURLConnection", CLIENT_HC, "HttpClient");

    private static final Pattern RETRYING_IN = Pattern.compile("retrying in (\\d+) ms");
    private static final Pattern NEW_TOKEN = Pattern.compile("new token \\S+, expires (\\S+),");
    private static final Pattern REQ = Pattern.compile(
            "REQ (\\w+) (\\S+) (\\d+) (\\d+) (\\S+) (-?\\d+)(?: (.*))?");

    // ------------------------------------------------------------------ scenarios

    /** Where the failing answer comes from. */
    enum Front { WIREMOCK, REFUSED, BLACKHOLE }

    /** One way the token endpoint misbehaves, and what to expect of the agent. */
    static final class Scenario {
        final String name;
        final String id;
        Front front = Front.WIREMOCK;
        /** The token server's answer while failing (or, for a usable scenario, always). */
        Supplier<ResponseDefinitionBuilder> answer;
        /** The Retry-After the agent must honour after a failure at the given epoch millis, in millis (0: none). */
        LongFunction<Long> retryAfterMillis = failedAt -> 0L;
        /** How long one failing attempt may take (the agent's timeouts), and at least takes. */
        long attemptMaxMillis = 1_000;
        long attemptMinMillis = 0;
        /** A pattern the WARN line of each failure must contain (null for refusals). */
        Pattern warning;
        /** MyParcel refusal (403): code and title the single ERROR line must show. */
        String refusalCode;
        String refusalTitle;
        /** Usable answers: the token the requests must carry and the lifetime the agent must give it. */
        String usableToken;
        Duration usableLifetime;

        Scenario(String name) {
            this.name = name;
            this.id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        }

        /** Stays failing for the whole run (its next attempt would come after the run): no switch, no recovery. */
        long nextAttemptAfterMillis;

        boolean usable() {
            return usableToken != null;
        }

        /** Runs for a fixed time without a switch to a good answer. */
        boolean unswitched() {
            return usable() || nextAttemptAfterMillis > 0;
        }

        String authPath() {
            return "/s/" + id + "/access-token";
        }

        String apiPrefix() {
            return "/s/" + id;
        }
    }

    static Scenario failing(String name, Supplier<ResponseDefinitionBuilder> answer, String warning) {
        Scenario scenario = new Scenario(name);
        scenario.answer = answer;
        scenario.warning = Pattern.compile(warning);
        return scenario;
    }

    static Scenario usable(String name, String token, String body, Duration lifetime) {
        Scenario scenario = new Scenario(name);
        scenario.answer = () -> aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
        scenario.usableToken = token;
        scenario.usableLifetime = lifetime;
        return scenario;
    }

    static ResponseDefinitionBuilder jsonApiError(int status, String code, String title, String detail) {
        return FakeMyParcel.jsonApi(status, "{\"errors\":[{\"status\":\"" + status + "\",\"code\":\"" + code
                + "\",\"title\":\"" + title + "\",\"detail\":\"" + detail + "\"}]}");
    }

    static ResponseDefinitionBuilder json200(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        String unique = UUID.randomUUID().toString().substring(0, 8);

        // the slow ones first, so that they overlap with the rest
        Scenario dribble = failing("answers byte by byte (a chunk a second for 30 s)", () -> json200(
                        "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"dribbled-" + unique + "\"}")
                        .withChunkedDribbleDelay(30, 30_000),
                "did not answer within");
        dribble.attemptMaxMillis = DEADLINE_MS;
        dribble.attemptMinMillis = DEADLINE_MS - 1_000;
        all.add(dribble);
        // the same, slower: each piece comes just before the read timeout would end the read
        Scenario slowDribble = failing("answers a few bytes every 9 s for 45 s", () -> json200(
                        "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"dribbled-" + unique + "\"}")
                        .withChunkedDribbleDelay(5, 45_000),
                "did not answer within");
        slowDribble.attemptMaxMillis = DEADLINE_MS;
        slowDribble.attemptMinMillis = DEADLINE_MS - 1_000;
        all.add(slowDribble);

        Scenario blackhole = failing("accepts and never answers", null, "did not answer within|[Tt]imed? ?out");
        blackhole.front = Front.BLACKHOLE;
        blackhole.attemptMaxMillis = DEADLINE_MS;
        blackhole.attemptMinMillis = READ_TIMEOUT_MS - 1_000; // a second connection while one hangs: two in flight
        all.add(blackhole);

        all.add(failing("500", () -> aResponse().withStatus(500).withBody("Internal Server Error"), "HTTP 500"));
        all.add(failing("503 without Retry-After", () -> aResponse().withStatus(503).withBody("Service Unavailable"),
                "HTTP 503"));
        Scenario retryAfter = failing("503 Retry-After: 4",
                () -> aResponse().withStatus(503).withHeader("Retry-After", "4").withBody("Service Unavailable"),
                "HTTP 503");
        retryAfter.retryAfterMillis = failedAt -> 4_000L;
        all.add(retryAfter);
        Scenario retryAfterDate = failing("503 Retry-After: HTTP date", null, "HTTP 503");
        retryAfterDate.answer = () -> {
            ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
            long atMillis = at.toInstant().toEpochMilli();
            retryAfterDate.retryAfterMillis = failedAt -> Math.max(0L, atMillis - failedAt);
            return aResponse().withStatus(503).withHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(at))
                    .withBody("Service Unavailable");
        };
        all.add(retryAfterDate);
        Scenario longRetryAfter = failing("503 Retry-After: 3600 (capped at 5 min)",
                () -> aResponse().withStatus(503).withHeader("Retry-After", "3600").withBody("Service Unavailable"),
                "HTTP 503");
        longRetryAfter.nextAttemptAfterMillis = Duration.ofMinutes(5).toMillis();
        all.add(longRetryAfter);
        all.add(failing("429 code 10011", () -> jsonApiError(429, "10011", "Too Many Requests",
                "Too many requests, slow down."), "HTTP 429.*10011"));
        Scenario invalidClient = failing("403 code 14000", () -> jsonApiError(403, "14000", "Invalid OAuth Client",
                "The client credentials are invalid."), "");
        invalidClient.warning = null;
        invalidClient.refusalCode = "14000";
        invalidClient.refusalTitle = "Invalid OAuth Client";
        all.add(invalidClient);
        Scenario invalidScope = failing("403 code 14001", () -> jsonApiError(403, "14001", "Invalid Scope",
                "The requested scope is invalid."), "");
        invalidScope.warning = null;
        invalidScope.refusalCode = "14001";
        invalidScope.refusalTitle = "Invalid Scope";
        all.add(invalidScope);
        Scenario refused = failing("connection refused", null, "Connect");
        refused.front = Front.REFUSED;
        all.add(refused);
        all.add(failing("invalid JSON", () -> json200("{\"token_type\":\"Bearer\",\"access_token\":"),
                "not valid JSON|not a JSON object"));
        all.add(failing("200 without access_token", () -> json200("{\"token_type\":\"Bearer\",\"expires_in\":3600}"),
                "without an access_token"));
        all.add(failing("token_type mac", () -> json200(
                "{\"token_type\":\"mac\",\"expires_in\":3600,\"access_token\":\"mac-" + unique + "\"}"),
                "token_type 'mac'"));
        all.add(failing("expires_in 0 (opaque)", () -> json200(
                "{\"token_type\":\"Bearer\",\"expires_in\":0,\"access_token\":\"opaque-zero-" + unique + "\"}"),
                "already expired"));
        all.add(failing("expires_in -5 (opaque)", () -> json200(
                "{\"token_type\":\"Bearer\",\"expires_in\":-5,\"access_token\":\"opaque-minus-" + unique + "\"}"),
                "already expired"));

        String missing = "opaque-no-expires-in-" + unique;
        all.add(usable("usable: expires_in missing (opaque)", missing,
                "{\"token_type\":\"Bearer\",\"access_token\":\"" + missing + "\"}", Duration.ofMinutes(5)));
        String huge = "opaque-huge-" + unique;
        all.add(usable("usable: expires_in 999999999 (opaque)", huge,
                "{\"token_type\":\"Bearer\",\"expires_in\":999999999,\"access_token\":\"" + huge + "\"}",
                Duration.ofHours(24)));
        String huger = "opaque-huger-" + unique;
        all.add(usable("usable: expires_in 10^17 (opaque)", huger,
                "{\"token_type\":\"Bearer\",\"expires_in\":100000000000000000,\"access_token\":\"" + huger + "\"}",
                Duration.ofHours(24)));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://" + TestHosts.AUTH);
        claims.put("sub", "it-client");
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("scope", "*");
        claims.put("jti", unique);
        String jwtWithoutExp = Jwt.create(claims);
        all.add(usable("usable: JWT without exp, expires_in 3600", jwtWithoutExp,
                "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"" + jwtWithoutExp + "\"}",
                Duration.ofHours(1)));
        String notJwt = "mp_live.9f8e7d6c5b4a.opaque-" + unique;
        all.add(usable("usable: not a JWT (three dot-separated parts), expires_in 3600", notJwt,
                "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"" + notJwt + "\"}",
                Duration.ofHours(1)));
        return all;
    }

    // ------------------------------------------------------------------ the run of one scenario

    /** What one scenario's child JVM did, and what the servers saw. */
    record Outcome(Scenario scenario, WatchedJvm jvm, int exitCode, long startedAt, long switchedAt,
            List<Long> frontAccepts, List<LoggedRequest> tokenRequests, List<LoggedRequest> apiRequests,
            List<String> issuedTokens, String problem) {

        List<WatchedJvm.Line> agentLines() {
            return jvm.agentLines();
        }
    }

    @TestFactory
    Stream<DynamicNode> tokenEndpointFailures() {
        myParcel.apiServer().stubFor(get(urlPathMatching("/s/[^/]+/(huc|hc)/shipments"))
                .willReturn(FakeMyParcel.jsonApi(200, FakeMyParcel.SHIPMENTS_BODY)));
        // -Dreliability.scenarios=<regex> runs only the matching scenarios (when looking into one)
        Pattern only = Pattern.compile(System.getProperty("reliability.scenarios", ".*"));
        List<Scenario> scenarios = scenarios().stream().filter(s -> only.matcher(s.name).find())
                .collect(Collectors.toList());
        ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("reliability.parallel", PARALLEL));
        Map<Scenario, CompletableFuture<Outcome>> runs = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            runs.put(scenario, CompletableFuture.supplyAsync(() -> run(scenario), pool));
        }
        pool.shutdown();
        return runs.entrySet().stream().map(entry -> dynamicContainer(entry.getKey().name, Stream.of(
                dynamicTest(CLIENT_NAMES.get(CLIENT_HUC), () -> check(outcome(entry.getValue()), CLIENT_HUC)),
                dynamicTest(CLIENT_NAMES.get(CLIENT_HC), () -> check(outcome(entry.getValue()), CLIENT_HC)))));
    }

    private static Outcome outcome(CompletableFuture<Outcome> run) throws Exception {
        return run.get(240, TimeUnit.SECONDS);
    }

    private static Outcome run(Scenario scenario) {
        SwitchableTcpFront front = null;
        String authUrl;
        if (scenario.front == Front.WIREMOCK) {
            myParcel.authServer().stubFor(post(scenario.authPath()).willReturn(scenario.answer.get()));
            authUrl = myParcel.authServerUrl(scenario.authPath());
        } else {
            myParcel.authServer().stubFor(post(scenario.authPath()).willReturn(goodTokens()));
            front = new SwitchableTcpFront(scenario.front == Front.REFUSED
                    ? SwitchableTcpFront.Mode.REFUSE : SwitchableTcpFront.Mode.BLACKHOLE,
                    myParcel.authServer().httpsPort());
            authUrl = "https://" + TestHosts.AUTH + ":" + front.port() + scenario.authPath();
        }
        ProcessBuilder process = myParcel.launcherFor("com.example.reliability.LoadDriver")
                .setting("myparcel.auth-url", authUrl)
                .setting("myparcel.token-wait", TOKEN_WAIT)
                .appProperty("driver.base-url", myParcel.apiUrl(scenario.apiPrefix()))
                .appProperty("driver.warm-up-url", myParcel.foreignUrl(TestHosts.OTHER, "/warm-up"))
                .processBuilder(List.of(), "paced", String.valueOf(PACE_MS), "120");
        long startedAt = -1;
        long switchedAt = -1;
        String problem = null;
        int exitCode = -1;
        WatchedJvm jvm;
        Optional<WatchedJvm.Line> started;
        try {
            // Two JVMs start at a time (one per core): start-up is what costs CPU, and a JVM starving next to six
            // others would measure the machine, not the agent. The scenarios' waiting phases overlap.
            START_GATE.acquire();
            try {
                jvm = WatchedJvm.start(process);
                started = jvm.awaitStdout(line -> line.startsWith("STARTED "), 60_000);
            } finally {
                START_GATE.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            if (started.isEmpty()) {
                problem = "the driver did not start";
            } else {
                startedAt = started.get().at();
                if (scenario.unswitched()) {
                    sleepUntil(startedAt + USABLE_RUN_MS);
                } else {
                    sleepUntil(startedAt + WINDOW_MS);
                    if (front != null) {
                        front.forward();
                    } else {
                        myParcel.authServer().stubFor(post(scenario.authPath()).willReturn(goodTokens()));
                    }
                    switchedAt = System.currentTimeMillis();
                    long giveUp = switchedAt + scenario.attemptMaxMillis + 60_000 + 2 * LATE_MS;
                    while (System.currentTimeMillis() < giveUp && jvm.isAlive()
                            && !(firstWithToken(apiRequests(scenario), CLIENT_HUC, switchedAt).isPresent()
                                    && firstWithToken(apiRequests(scenario), CLIENT_HC, switchedAt).isPresent())) {
                        Thread.sleep(100);
                    }
                    Thread.sleep(1_000); // a few more requests with the token
                }
            }
            jvm.tell("STOP");
            exitCode = jvm.awaitExit(90);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        } finally {
            jvm.close();
            if (front != null) {
                front.close();
            }
        }
        List<LoggedRequest> tokenRequests = myParcel.authServer().findAll(postRequestedFor(urlEqualTo(scenario.authPath())));
        dump(scenario, jvm, startedAt, switchedAt, tokenRequests, front == null ? List.of() : front.acceptedAt());
        return new Outcome(scenario, jvm, exitCode, startedAt, switchedAt,
                front == null ? List.of() : front.acceptedAt(), tokenRequests, apiRequests(scenario),
                myParcel.issuedTokens(), problem);
    }

    /** With -Dreliability.dump=<dir>: the child's output with arrival times and the token requests, per scenario. */
    private static void dump(Scenario scenario, WatchedJvm jvm, long startedAt, long switchedAt,
            List<LoggedRequest> tokenRequests, List<Long> accepts) {
        String dir = System.getProperty("reliability.dump");
        if (dir == null) {
            return;
        }
        StringBuilder text = new StringBuilder("started " + startedAt + " switched " + switchedAt + "\n");
        tokenRequests.forEach(r -> text.append("token request ").append(r.getLoggedDate().getTime()).append('\n'));
        accepts.forEach(at -> text.append("accepted ").append(at).append('\n'));
        jvm.stdout().forEach(l -> text.append(l.at()).append(" OUT ").append(l.text()).append('\n'));
        jvm.stderr().forEach(l -> text.append(l.at()).append(" ERR ").append(l.text()).append('\n'));
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
            java.nio.file.Files.writeString(java.nio.file.Path.of(dir, scenario.id + ".txt"), text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ResponseDefinitionBuilder goodTokens() {
        return TokenIssuer.jwts(FakeMyParcel.ONE_DAY, FakeMyParcel.ONE_DAY);
    }

    private static List<LoggedRequest> apiRequests(Scenario scenario) {
        return myParcel.apiServer().findAll(anyRequestedFor(urlPathMatching(scenario.apiPrefix() + "/.*")));
    }

    private static String clientOf(LoggedRequest request) {
        return request.getUrl().contains("/huc/") ? CLIENT_HUC : CLIENT_HC;
    }

    private static Optional<LoggedRequest> firstWithToken(List<LoggedRequest> requests, String client, long after) {
        return requests.stream()
                .filter(request -> clientOf(request).equals(client))
                .filter(request -> request.getLoggedDate().getTime() >= after)
                .filter(request -> request.containsHeader("Authorization"))
                .findFirst();
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long left = epochMillis - System.currentTimeMillis();
        if (left > 0) {
            Thread.sleep(left);
        }
    }

    // ------------------------------------------------------------------ the checks

    /** A REQ line of the driver. */
    record Req(String client, String id, long start, long totalMs, String status, long callReturnedMs, String error) {
    }

    private static List<Req> requests(Outcome outcome, String client) {
        List<Req> result = new ArrayList<>();
        for (WatchedJvm.Line line : outcome.jvm().stdout()) {
            Matcher m = REQ.matcher(line.text());
            if (m.matches() && m.group(1).equals(client)) {
                result.add(new Req(m.group(1), m.group(2), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                        m.group(5), Long.parseLong(m.group(6)), m.group(7)));
            }
        }
        return result;
    }

    private static void check(Outcome outcome, String client) {
        Scenario scenario = outcome.scenario();
        WatchedJvm jvm = outcome.jvm();
        Supplier<String> context = () -> scenario.name + " / " + CLIENT_NAMES.get(client) + "\n" + jvm.describe();
        if (outcome.problem() != null) {
            fail(outcome.problem() + "\n" + context.get());
        }

        // --- the application's requests
        List<Req> requests = requests(outcome, client);
        String summary = jvm.stdout().stream().map(WatchedJvm.Line::text)
                .filter(line -> line.startsWith("SUMMARY " + client + " ")).findFirst().orElse("");
        long completed = requests.stream().filter(req -> req.status().matches("\\d+")).count();
        long longestWait = requests.stream().mapToLong(Req::totalMs).max().orElse(-1);
        long longestCall = requests.stream().mapToLong(Req::callReturnedMs).max().orElse(-1);
        List<LoggedRequest> api = outcome.apiRequests().stream().filter(r -> clientOf(r).equals(client))
                .collect(Collectors.toList());
        long withoutToken = api.stream().filter(r -> !r.containsHeader("Authorization")).count();

        // --- the agent's token requests: when each attempt started, oldest first
        List<Long> attempts = attempts(outcome);
        long firstAttempt = attempts.isEmpty() ? -1 : attempts.get(0);
        long windowEnd = scenario.unswitched() ? lastTime(outcome) : outcome.switchedAt();
        List<Long> inWindow = attempts.stream().filter(t -> t < windowEnd).collect(Collectors.toList());
        double windowSeconds = firstAttempt < 0 ? 0 : (windowEnd - firstAttempt) / 1000.0;
        String perMinute = inWindow.size() + " in " + oneDecimal(windowSeconds) + " s"
                + (windowSeconds > 0 ? " (" + Math.round(inWindow.size() * 60 / windowSeconds) + "/min)" : "");

        // --- recovery
        Optional<LoggedRequest> firstAuthorized = firstWithToken(outcome.apiRequests(), client,
                scenario.usable() ? 0 : outcome.switchedAt());
        Double recoverySeconds = scenario.unswitched() || firstAuthorized.isEmpty() ? null
                : (firstAuthorized.get().getLoggedDate().getTime() - outcome.switchedAt()) / 1000.0;

        // --- the log
        List<String> agentLines = outcome.agentLines().stream().map(WatchedJvm.Line::text).collect(Collectors.toList());
        List<String> failureWarnings = agentLines.stream().filter(l -> l.contains("WARN token request failed"))
                .collect(Collectors.toList());
        List<String> errors = agentLines.stream().filter(l -> l.contains(" ERROR ")).collect(Collectors.toList());
        long noTokenWarnings = agentLines.stream().filter(l -> l.contains("no valid token within myparcel.token-wait")
                && l.contains("/" + client + "/")).count();
        long delayerLate = jvm.stdout().stream().map(WatchedJvm.Line::text)
                .filter(line -> line.startsWith("DELAYER maxLateMs=")).mapToLong(line -> Long.parseLong(line.substring(18)))
                .findFirst().orElse(-1);
        String logged = logged(scenario, failureWarnings, errors, agentLines, noTokenWarnings, outcome)
                + (delayerLate >= DELAYER_LATE_REPORTED_MS ? "; the app's CompletableFuture.orTimeout fired up to "
                        + oneDecimal(delayerLate / 1000.0) + " s late" : "");

        ReliabilityReport.row(SECTION, TITLE, COLUMNS, List.of(
                scenario.name,
                CLIENT_NAMES.get(client),
                completed + "/" + requests.size() + (client.equals(CLIENT_HC) && longestCall >= 0
                        ? " (sendAsync returned after ≤ " + longestCall + " ms)" : ""),
                longestWait,
                perMinute,
                scenario.usable() ? "n/a (usable)" : scenario.unswitched() ? "n/a (not switched)"
                        : recoverySeconds == null ? "none" : oneDecimal(recoverySeconds),
                logged));

        // ---------------- assertions
        assertEquals(0, outcome.exitCode(), () -> "exit code\n" + context.get());
        assertTrue(jvm.stdout().stream().anyMatch(line -> line.text().equals("DONE")), () -> "no DONE\n" + context.get());
        assertTrue(!requests.isEmpty(), () -> "no requests\n" + context.get());
        assertEquals(requests.size(), completed, () -> "requests that did not complete\n" + context.get());
        assertTrue(summary.contains("completed=" + requests.size() + " failed=0")
                        && summary.contains("launched=" + requests.size()),
                () -> "every launched request completes: " + summary + "\n" + context.get());
        assertTrue(requests.stream().allMatch(req -> req.status().equals("200")),
                () -> "every request gets the API's answer (200)\n" + context.get());
        List<String> reachedApi = api.stream().map(r -> r.getHeader("X-Request-Id")).distinct().sorted()
                .collect(Collectors.toList());
        assertEquals(requests.stream().map(Req::id).sorted().collect(Collectors.toList()), reachedApi,
                () -> "every request reached the API\n" + context.get());
        assertTrue(longestWait <= TOKEN_WAIT_MS + REQUEST_ALLOWANCE_MS,
                () -> "longest wait " + longestWait + " ms > token-wait + " + REQUEST_ALLOWANCE_MS + " ms\n" + context.get());
        assertEquals(List.of(), jvm.stackTraceLines(), () -> "stack traces on stderr\n" + context.get());
        assertTrue(delayerLate >= 0 && delayerLate <= DELAYER_LATE_ALLOWED_MS, () -> "the app's own"
                + " CompletableFuture.orTimeout(100 ms) fired " + delayerLate + " ms late: something holds the JDK's"
                + " shared delay thread\n" + context.get());

        // never leak, never use a broken token: a request carries nothing, or a token the agent may use
        List<String> allowedTokens = scenario.usable() ? List.of(scenario.usableToken) : outcome.issuedTokens();
        for (LoggedRequest request : api) {
            String authorization = request.getHeader("Authorization");
            if (authorization == null) {
                continue;
            }
            assertTrue(authorization.startsWith("Bearer ") && allowedTokens.contains(authorization.substring(7)),
                    () -> "unexpected Authorization " + authorization + "\n" + context.get());
            assertTrue(scenario.usable()
                            || !scenario.unswitched() && request.getLoggedDate().getTime() >= outcome.switchedAt(),
                    () -> "a token before the endpoint gave one, at " + request.getLoggedDate() + "\n" + context.get());
        }

        if (scenario.usable()) {
            checkUsable(outcome, api, context);
        } else if (scenario.unswitched()) {
            checkNoNextAttempt(outcome, attempts, failureWarnings, context);
        } else {
            checkBackoff(outcome, attempts, failureWarnings, context);
            assertTrue(firstAuthorized.isPresent(), () -> "no request carried a token after the switch\n" + context.get());
            long recoveryBound = recoveryBound(scenario, outcome, inWindow);
            long recoveryMillis = firstAuthorized.get().getLoggedDate().getTime() - outcome.switchedAt();
            assertTrue(recoveryMillis <= recoveryBound, () -> "recovery took " + recoveryMillis + " ms, more than "
                    + recoveryBound + " ms (the backoff ceiling after " + inWindow.size() + " failures)\n" + context.get());
            checkLog(scenario, failureWarnings, errors, attempts, outcome, context);
        }
    }

    /** When each token request started (epoch millis), oldest first: from WireMock's journal or the TCP front. */
    private static List<Long> attempts(Outcome outcome) {
        List<Long> fromJournal = outcome.tokenRequests().stream().map(r -> r.getLoggedDate().getTime()).sorted()
                .collect(Collectors.toList());
        switch (outcome.scenario().front) {
            case BLACKHOLE:
                return outcome.frontAccepts(); // every connection, held ones and forwarded ones
            case REFUSED: {
                // refused connections leave no trace on a server: the agent's WARN lines mark them (a refusal is
                // immediate, so the failure time is the attempt time)
                List<Long> result = outcome.agentLines().stream()
                        .filter(line -> line.text().contains("WARN token request failed"))
                        .map(WatchedJvm.Line::at).collect(Collectors.toList());
                result.addAll(fromJournal);
                result.sort(null);
                return result;
            }
            default:
                return fromJournal;
        }
    }

    private static long lastTime(Outcome outcome) {
        List<WatchedJvm.Line> out = outcome.jvm().stdout();
        return out.isEmpty() ? System.currentTimeMillis() : out.get(out.size() - 1).at();
    }

    /** The backoff ceiling after {@code failures} consecutive failures: min(1 s × 2^(n-1), 60 s). */
    static long ceilingMillis(int failures) {
        return Math.min(1000L << Math.min(Math.max(failures, 1) - 1, 16), 60_000L);
    }

    /**
     * The gaps between token requests follow the schedule: after the n-th consecutive failure the next request
     * starts no sooner than the failing attempt took plus ½ × ceiling(n) (or the Retry-After, if longer), and no
     * later than the longest an attempt may take plus ceiling(n) (or the Retry-After) plus slack. The delays the
     * agent reports ("retrying in N ms") lie in [½, 1] × ceiling(n), lengthened to the Retry-After.
     */
    private static void checkBackoff(Outcome outcome, List<Long> attempts, List<String> failureWarnings,
            Supplier<String> context) {
        Scenario scenario = outcome.scenario();
        assertTrue(attempts.size() >= 2, () -> "expected failed attempts and a good one, got " + attempts + "\n"
                + context.get());
        // every attempt up to the first one after the switch failed; the gap after the n-th failure is checked
        int lastChecked = attempts.size() - 1;
        for (int i = 0; i < attempts.size() - 1; i++) {
            if (attempts.get(i) >= outcome.switchedAt()) {
                lastChecked = i;
                break;
            }
        }
        for (int n = 1; n <= lastChecked; n++) {
            long failedAt = attempts.get(n - 1) + scenario.attemptMinMillis;
            long retryAfter = scenario.retryAfterMillis.apply(failedAt);
            long lower = scenario.attemptMinMillis + Math.max(ceilingMillis(n) / 2, retryAfter) - EARLY_MS;
            long upper = scenario.attemptMaxMillis + Math.max(ceilingMillis(n), retryAfter) + LATE_MS;
            long gap = attempts.get(n) - attempts.get(n - 1);
            int failures = n;
            assertTrue(gap >= lower && gap <= upper, () -> "token request " + (failures + 1) + " came " + gap
                    + " ms after request " + failures + "; the schedule allows " + lower + ".." + upper + " ms\n"
                    + "attempts: " + attempts + "\n" + context.get());
        }
        // the delays the agent chose, from its WARN lines (refusals are logged once, so they have none)
        for (int n = 1; n <= failureWarnings.size(); n++) {
            Matcher m = RETRYING_IN.matcher(failureWarnings.get(n - 1));
            if (!m.find()) {
                continue;
            }
            long delay = Long.parseLong(m.group(1));
            long ceiling = ceilingMillis(n);
            long failedAt = n - 1 < attempts.size() ? attempts.get(n - 1) + scenario.attemptMinMillis : 0;
            long retryAfter = scenario.retryAfterMillis.apply(failedAt);
            // a Retry-After date is read against the agent's clock when the failure arrives: allow 1 s either way
            long slack = retryAfter > 0 && scenario.name.contains("date") ? 1_000 : 0;
            long lower = Math.max(ceiling / 2, retryAfter - slack);
            long upper = Math.max(ceiling, retryAfter + slack);
            int failures = n;
            assertTrue(delay >= lower && delay <= upper, () -> "after failure " + failures + " the agent waits " + delay
                    + " ms; the schedule allows " + lower + ".." + upper + " ms\n" + context.get());
        }
    }

    /** After the switch the next attempt comes within the rest of one attempt plus the backoff ceiling. */
    private static long recoveryBound(Scenario scenario, Outcome outcome, List<Long> inWindow) {
        int failures = Math.max(1, inWindow.size());
        long retryAfter = scenario.retryAfterMillis.apply(outcome.switchedAt());
        return scenario.attemptMaxMillis + Math.max(ceilingMillis(failures), retryAfter) + PACE_MS + LATE_MS;
    }

    private static void checkLog(Scenario scenario, List<String> failureWarnings, List<String> errors,
            List<Long> attempts, Outcome outcome, Supplier<String> context) {
        long failedAttempts = attempts.stream().filter(t -> t < outcome.switchedAt()).count();
        if (scenario.refusalCode != null) {
            List<String> refusals = errors.stream().filter(l -> l.contains(scenario.refusalCode)).collect(Collectors.toList());
            assertEquals(1, refusals.size(), () -> "one ERROR line with code " + scenario.refusalCode + " for "
                    + failedAttempts + " refused requests\n" + context.get());
            assertTrue(refusals.get(0).contains(scenario.refusalTitle),
                    () -> "the ERROR line shows the server's title \"" + scenario.refusalTitle + "\"\n" + context.get());
            assertTrue(failedAttempts >= 2, () -> "the refusal must repeat for 'once' to mean something\n" + context.get());
            assertEquals(List.of(), failureWarnings, () -> "refusals are not repeated as WARN\n" + context.get());
            return;
        }
        assertEquals(List.of(), errors, () -> "no ERROR line for a passing failure\n" + context.get());
        assertTrue(!failureWarnings.isEmpty() && failureWarnings.stream().allMatch(l -> scenario.warning.matcher(l).find()),
                () -> "a WARN line per failure matching /" + scenario.warning + "/\n" + context.get());
        // one WARN per failure: every attempt before the good one failed (an attempt in flight at the switch
        // may have got the good answer, or failed)
        long warnings = failureWarnings.size();
        assertTrue(warnings >= failedAttempts - 1 && warnings <= failedAttempts + 1 && warnings <= attempts.size() - 1,
                () -> warnings + " WARN lines for " + failedAttempts + " failed attempts (" + attempts.size()
                        + " in all)\n" + context.get());
    }

    /** One failure, and the next attempt announced (and kept) for after the run: a long Retry-After, capped. */
    private static void checkNoNextAttempt(Outcome outcome, List<Long> attempts, List<String> failureWarnings,
            Supplier<String> context) {
        Scenario scenario = outcome.scenario();
        assertEquals(1, attempts.size(), () -> "one token request, the next one " + scenario.nextAttemptAfterMillis
                + " ms later\n" + context.get());
        assertEquals(1, failureWarnings.size(), () -> "one WARN line\n" + context.get());
        assertTrue(scenario.warning.matcher(failureWarnings.get(0)).find(), context);
        Matcher m = RETRYING_IN.matcher(failureWarnings.get(0));
        assertTrue(m.find(), () -> "the WARN line says when the agent retries\n" + context.get());
        assertEquals(scenario.nextAttemptAfterMillis, Long.parseLong(m.group(1)),
                () -> "the agent's delay before the next token request\n" + context.get());
    }

    private static void checkUsable(Outcome outcome, List<LoggedRequest> api, Supplier<String> context) {
        Scenario scenario = outcome.scenario();
        assertEquals(1, outcome.tokenRequests().size(), () -> "one token request for a token that lives on\n"
                + context.get());
        for (LoggedRequest request : api) {
            assertEquals("Bearer " + scenario.usableToken, request.getHeader("Authorization"),
                    () -> "every request carries the usable token: " + request.getUrl() + " at "
                            + request.getLoggedDate() + "\n" + context.get());
        }
        Optional<Instant> expiry = expiryLogged(outcome);
        assertTrue(expiry.isPresent(), () -> "no 'new token ..., expires ...' line\n" + context.get());
        Instant requested = outcome.tokenRequests().get(0).getLoggedDate().toInstant();
        Duration lifetime = Duration.between(requested, expiry.get());
        assertTrue(lifetime.minus(scenario.usableLifetime).abs().compareTo(Duration.ofSeconds(5)) <= 0,
                () -> "the agent gives the token " + lifetime + ", expected " + scenario.usableLifetime + "\n"
                        + context.get());
    }

    private static Optional<Instant> expiryLogged(Outcome outcome) {
        for (WatchedJvm.Line line : outcome.agentLines()) {
            Matcher m = NEW_TOKEN.matcher(line.text());
            if (m.find()) {
                return Optional.of(Instant.parse(m.group(1)));
            }
        }
        return Optional.empty();
    }

    private static String logged(Scenario scenario, List<String> failureWarnings, List<String> errors,
            List<String> agentLines, long noTokenWarnings, Outcome outcome) {
        StringBuilder text = new StringBuilder();
        if (!errors.isEmpty()) {
            text.append("ERROR ×").append(errors.size()).append(": ").append(shorten(errors.get(0)));
        }
        if (!failureWarnings.isEmpty()) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append("WARN ×").append(failureWarnings.size()).append(": ").append(shorten(failureWarnings.get(0)));
        }
        if (scenario.nextAttemptAfterMillis > 0 && !failureWarnings.isEmpty()) {
            Matcher m = RETRYING_IN.matcher(failureWarnings.get(0));
            if (m.find()) {
                text.append("; next attempt announced in ").append(m.group(1)).append(" ms");
            }
        }
        if (scenario.usable()) {
            Optional<Instant> expiry = expiryLogged(outcome);
            if (expiry.isPresent() && !outcome.tokenRequests().isEmpty()) {
                Duration lifetime = Duration.between(outcome.tokenRequests().get(0).getLoggedDate().toInstant(),
                        expiry.get());
                text.append(text.length() > 0 ? "; " : "").append("token lifetime taken as ")
                        .append(humanDuration(lifetime));
            }
        }
        if (scenario.front == Front.BLACKHOLE || scenario.name.startsWith("answers ")) {
            List<Long> attempts = attempts(outcome);
            Optional<WatchedJvm.Line> firstFailure = outcome.agentLines().stream()
                    .filter(line -> line.text().contains("WARN token request failed")).findFirst();
            if (!attempts.isEmpty() && firstFailure.isPresent()) {
                text.append("; first attempt ended after ")
                        .append(oneDecimal((firstFailure.get().at() - attempts.get(0)) / 1000.0)).append(" s");
            }
        }
        text.append(text.length() > 0 ? "; " : "").append(noTokenWarnings)
                .append(noTokenWarnings == 1 ? " request" : " requests").append(" logged as sent without a token");
        return text.toString();
    }

    private static String shorten(String agentLine) {
        String text = agentLine.replace(WatchedJvm.AGENT_LOG_PREFIX + " ", "")
                .replaceAll("retrying in \\d+ ms", "retrying in … ms");
        return "\"" + (text.length() > 170 ? text.substring(0, 170) + "…" : text) + "\"";
    }

    private static String humanDuration(Duration duration) {
        long seconds = Math.round(duration.toMillis() / 1000.0);
        if (seconds % 3600 == 0 || Math.abs(seconds - Math.round(seconds / 3600.0) * 3600) <= 5) {
            return Math.round(seconds / 3600.0) + " h";
        }
        if (Math.abs(seconds - Math.round(seconds / 60.0) * 60) <= 5) {
            return Math.round(seconds / 60.0) + " min";
        }
        return seconds + " s";
    }

    static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
