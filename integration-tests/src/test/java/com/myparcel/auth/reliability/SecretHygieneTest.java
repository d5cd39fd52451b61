package com.myparcel.auth.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.myparcel.auth.it.AppRun;
import com.myparcel.auth.it.FakeMyParcel;
import com.myparcel.auth.it.Requests;
import com.myparcel.auth.it.ShipmentsAppLauncher;
import com.myparcel.auth.it.TokenIssuer;
import com.myparcel.auth.it.WorkDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Neither the client secret nor any token the token server issued ever appears in anything a child JVM printed
 * (stdout and stderr) or in its thread names, at any log level, with either client, through a run that covers the
 * agent's whole token life: a refused token request (403, MyParcel's code 14000), a JWT, a 401 replay, short-lived
 * opaque tokens refreshed while requests go on, a POST. Complements {@code it.SecretHygieneTest} (debug level, the
 * legacy app, an inline secret next to an invalid setting).
 *
 * <p>The ten runs (5 levels x 2 clients) run side by side; each has its own client id (the token server's
 * answers are scripted per client id) and its own path prefix on the API (its own 401 scenario).
 */
class SecretHygieneTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();


    /** MyParcel.com's answer when the client credentials are refused. */
    static final String INVALID_CLIENT_BODY = "{\"errors\":[{\"status\":\"403\",\"code\":\"14000\","
            + "\"title\":\"Invalid OAuth Client\",\"detail\":\"Client authentication failed.\"}]}";

    /** A secret whose URL-encoded, JSON-escaped and base64 forms all differ from it. */
    private static final String SECRET = "hyg+" + UUID.randomUUID() + "/s=cr&t%\"";
    private static final Path SECRET_FILE = writeSecretFile();

    private static final List<String> LEVELS = List.of("off", "error", "warn", "info", "debug");

    enum Client {
        URL_CONNECTION("HttpURLConnection", "u"),
        HTTP_CLIENT("HttpClient", "h");

        final String label;
        final String prefix;

        Client(String label, String prefix) {
            this.label = label;
            this.prefix = prefix;
        }
    }

    record Run(String level, Client client) {
        String id() {
            return "hyg-" + level + "-" + client.prefix;
        }

        String clientId() {
            return "client-" + id();
        }
    }

    @Test
    void noSecretAndNoTokenInAnyOutputAtAnyLevel() {
        List<Run> runs = new ArrayList<>();
        LEVELS.forEach(level -> List.of(Client.values()).forEach(client -> runs.add(new Run(level, client))));
        runs.forEach(SecretHygieneTest::script);

        ExecutorService pool = Executors.newFixedThreadPool(5);
        Map<Run, CompletableFuture<AppRun>> started = new LinkedHashMap<>();
        Map<Run, Double> seconds = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            runs.forEach(run -> started.put(run, CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                AppRun app = launch(run);
                seconds.put(run, (System.nanoTime() - start) / 1e9);
                return app;
            }, pool)));
            CompletableFuture.allOf(started.values().toArray(new CompletableFuture<?>[0])).join();
        } finally {
            pool.shutdown();
        }

        List<String> issued = myParcel.issuedTokens();
        Map<String, List<String>> forbidden = forbiddenForms(issued);
        List<String> failures = new ArrayList<>();
        for (Run run : runs) {
            AppRun app = started.get(run).join();
            try {
                String checked = check(run, app, forbidden) + String.format(Locale.ROOT, "; the run took %.1f s",
                        seconds.get(run));
                SecretsAndRobustness.row(List.of(
                        "secret and tokens in the output: refused token request (403 14000), JWT, 401 replay,"
                                + " 1 s tokens refreshed, POST",
                        run.client().label, run.level(), checked, "none found"));
            } catch (AssertionError e) {
                failures.add(run.id() + String.format(Locale.ROOT, " (%.1f s): ", seconds.get(run)) + e.getMessage()
                        + "\n" + app.describe());
                SecretsAndRobustness.row(List.of("secret and tokens in the output",
                        run.client().label, run.level(), "", "**FAILED**: " + e.getMessage()));
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " runs failed:\n" + String.join("\n\n", failures));
        }
    }

    /** The token server's answers to this run's client id: 403 14000, then a JWT, then 1-second opaque tokens. */
    private static void script(Run run) {
        String scenario = "token life of " + run.id();
        myParcel.authServer().stubFor(post("/access-token").atPriority(1)
                .withRequestBody(matchingJsonPath("$.client_id", equalTo(run.clientId())))
                .inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(FakeMyParcel.jsonApi(403, INVALID_CLIENT_BODY))
                .willSetStateTo("refused once"));
        myParcel.authServer().stubFor(post("/access-token").atPriority(1)
                .withRequestBody(matchingJsonPath("$.client_id", equalTo(run.clientId())))
                .inScenario(scenario).whenScenarioStateIs("refused once")
                .willReturn(TokenIssuer.jwts(FakeMyParcel.ONE_DAY, FakeMyParcel.ONE_DAY))
                .willSetStateTo("short-lived"));
        myParcel.authServer().stubFor(post("/access-token").atPriority(1)
                .withRequestBody(matchingJsonPath("$.client_id", equalTo(run.clientId())))
                .inScenario(scenario).whenScenarioStateIs("short-lived")
                .willReturn(TokenIssuer.opaqueTokens(Duration.ofSeconds(1))));
        myParcel.rejectFirstRequest("GET", "/" + run.id() + "/shipments",
                FakeMyParcel.jsonApi(200, FakeMyParcel.SHIPMENTS_BODY));
        myParcel.apiServer().stubFor(post(urlPathMatching("/" + run.id() + "/shipments"))
                .willReturn(FakeMyParcel.jsonApi(201, FakeMyParcel.CREATED_BODY)));
    }

    private static AppRun launch(Run run) {
        ShipmentsAppLauncher launcher = (run.client() == Client.URL_CONNECTION ? myParcel.app() : myParcel.httpClientApp())
                .setting("myparcel.client-id", run.clientId())
                .setting("myparcel.client-secret-file", SECRET_FILE.toString())
                .setting("myparcel.log-level", run.level())
                // Generous: ten JVMs start side by side on a small machine; waiting costs nothing when all is well.
                .setting("myparcel.token-wait", "30s")
                .appProperty("shipments.base-url", myParcel.apiUrl("/" + run.id()));
        // "loop 1 1100" is one list, then 1.1 s without requests: the replay's 1 s token has expired by the last
        // list, which must therefore carry a newer token (refreshed in the background or fetched on demand).
        return run.client() == Client.URL_CONNECTION
                ? launcher.run("list", "create", "loop", "1", "1100", "list", "threads")
                : launcher.run("list", "create", "string", "loop-async", "1", "1", "1100", "list", "threads");
    }

    /** Asserts the run did all it should and leaked nothing; returns the report's "checked" cell. */
    private static String check(Run run, AppRun app, Map<String, List<String>> forbidden) {
        List<ServeEvent> tokenExchanges = myParcel.authServer().getAllServeEvents().stream()
                .filter(event -> run.clientId().equals(clientIdOf(event.getRequest())))
                .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
                .collect(Collectors.toList());
        String history = "token exchanges " + tokenExchanges.stream().map(event -> event.getRequest()
                .getLoggedDate().toInstant() + " " + event.getResponse().getStatus()).collect(Collectors.toList())
                + ", API requests " + myParcel.apiRequests().stream()
                .filter(request -> request.getUrl().startsWith("/" + run.id() + "/"))
                .map(request -> request.getLoggedDate().toInstant() + " " + request.getMethod() + " "
                        + (Requests.authorization(request) == null ? "without token" : "with token"))
                .collect(Collectors.toList());
        try {
            return check(run, app, forbidden, tokenExchanges);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + history, e);
        }
    }

    private static String check(Run run, AppRun app, Map<String, List<String>> forbidden,
            List<ServeEvent> tokenExchanges) {
        app.assertCompleted();
        assertEquals(List.of("200", "201", "200", "200"), app.statuses(), "list (after the replay), create, list, list");

        // What the servers saw: a refused token request, a 401 replayed with a new token, a refresh.
        long refused = tokenExchanges.stream().filter(event -> event.getResponse().getStatus() == 403).count();
        long granted = tokenExchanges.stream().filter(event -> event.getResponse().getStatus() == 200).count();
        assertEquals(1, refused, "token requests refused with 403 14000");
        assertTrue(granted >= 3, "token requests granted (JWT, replay, refresh): " + granted);
        List<LoggedRequest> gets = myParcel.apiRequests().stream()
                .filter(request -> request.getUrl().equals("/" + run.id() + "/shipments")
                        && request.getMethod().getName().equals("GET"))
                .collect(Collectors.toList());
        List<String> sent = Requests.bearerTokens(gets);
        assertNotEquals(sent.get(0), sent.get(1), "the replay after the 401 carried a new token");
        assertNotEquals(sent.get(1), sent.get(sent.size() - 1),
                "the last list, 1.1 s after the replay's 1 s token was issued, carried a newer token");
        Set<String> distinct = new LinkedHashSet<>(sent);
        assertTrue(distinct.size() >= 3, "tokens on this run's requests (JWT, replay's, refreshed): " + distinct.size());
        assertTrue(myParcel.issuedTokens().containsAll(distinct), "every token sent was issued");

        // What the JVM printed.
        List<String> lines = new ArrayList<>(app.stdout().lines().collect(Collectors.toList()));
        lines.addAll(app.stderr().lines().collect(Collectors.toList()));
        List<String> threadNames = app.lines("THREAD");
        assertTrue(threadNames.stream().anyMatch(name -> name.equals("main")), "no thread names printed");
        for (Map.Entry<String, List<String>> secret : forbidden.entrySet()) {
            for (String form : secret.getValue()) {
                for (String line : lines) {
                    assertFalse(line.contains(form), () -> secret.getKey() + " appears in the output as '" + form
                            + "': " + line);
                }
                for (String name : threadNames) {
                    assertFalse(name.contains(form), () -> secret.getKey() + " appears in a thread name: " + name);
                }
            }
        }

        // The log level was what was asked for, and the log talked about the tokens (by fingerprint only).
        List<String> agentLines = app.agentLogLines();
        boolean refusalLogged = agentLines.stream().anyMatch(line -> line.contains(" ERROR ") && line.contains("14000"));
        List<String> fingerprints = distinct.stream().map(SecretHygieneTest::fingerprint).collect(Collectors.toList());
        boolean fingerprintsLogged = agentLines.stream().anyMatch(line -> fingerprints.stream().anyMatch(line::contains));
        // Every agent line is at or above the level asked for, and each level shows what it should: the refusal
        // (an ERROR) from "error" on, the tokens by fingerprint (INFO) from "info" on, DEBUG lines at "debug".
        int asked = LEVELS.indexOf(run.level());
        for (String line : agentLines) {
            String level = line.substring(AppRun.AGENT_LOG_PREFIX.length()).trim().split(" ", 2)[0];
            int index = LEVELS.indexOf(level.toLowerCase(Locale.ROOT));
            assertTrue(index >= 1 && index <= asked, "a " + level + " line at level " + run.level() + ": " + line);
        }
        assertEquals(asked >= LEVELS.indexOf("error"), refusalLogged, "the refusal (14000) logged as an ERROR line");
        assertEquals(asked >= LEVELS.indexOf("info"), fingerprintsLogged,
                "the tokens named by fingerprint " + fingerprints);
        assertEquals(asked >= LEVELS.indexOf("debug"), agentLines.stream().anyMatch(line -> line.contains(" DEBUG ")),
                "DEBUG lines");

        int forms = forbidden.values().stream().mapToInt(List::size).sum();
        return lines.size() + " lines (" + agentLines.size() + " from the agent), " + threadNames.size()
                + " thread names; " + forbidden.size() + " secrets (the client secret, " + (forbidden.size() - 1)
                + " issued tokens) in " + forms + " forms";
    }

    /**
     * Every issued token and the client secret, each with the forms it could leak in: as is, URL-encoded,
     * JSON-escaped, base64 (standard and URL alphabet, with and without padding), its distinctive part (an opaque
     * token's UUID, a JWT's payload), and for the secret the base64 of {@code client-id:secret} (HTTP Basic) for
     * every run's client id.
     */
    private static Map<String, List<String>> forbiddenForms(List<String> issued) {
        Map<String, List<String>> forms = new LinkedHashMap<>();
        Set<String> secretForms = encodings(SECRET);
        secretForms.add(SECRET.substring(4, 40)); // the UUID
        for (String level : LEVELS) {
            for (Client client : Client.values()) {
                String basic = new Run(level, client).clientId() + ":" + SECRET;
                secretForms.add(Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            }
        }
        forms.put("the client secret", List.copyOf(secretForms));
        for (int i = 0; i < issued.size(); i++) {
            String token = issued.get(i);
            Set<String> tokenForms = encodings(token);
            tokenForms.add(token.startsWith("opaque-") ? token.substring("opaque-".length()) : token.split("\\.")[1]);
            forms.put("issued token #" + (i + 1), List.copyOf(tokenForms));
        }
        assertTrue(issued.size() >= 30, "tokens issued to the ten runs: " + issued.size());
        return forms;
    }

    private static Set<String> encodings(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        String json = Json.write(value);
        forms.add(json.substring(1, json.length() - 1));
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        return forms;
    }

    private static String clientIdOf(LoggedRequest tokenRequest) {
        try {
            Object clientId = Json.read(tokenRequest.getBodyAsString(), Map.class).get("client_id");
            return clientId == null ? null : clientId.toString();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** The agent's fingerprint of a token: the first 4 bytes of its SHA-256, in hex. */
    static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writeSecretFile() {
        Path file = WorkDir.get().resolve("hygiene-secret.txt");
        try {
            Files.writeString(file, SECRET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
