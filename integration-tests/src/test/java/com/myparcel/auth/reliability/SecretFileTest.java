package com.myparcel.auth.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.myparcel.auth.it.FakeMyParcel.CREATED_BODY;
import static com.myparcel.auth.it.FakeMyParcel.FOREIGN_BODY;
import static com.myparcel.auth.it.FakeMyParcel.SHIPMENTS_BODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.myparcel.auth.it.AppRun;
import com.myparcel.auth.it.FakeMyParcel;
import com.myparcel.auth.it.Requests;
import com.myparcel.auth.it.ShipmentsAppLauncher;
import com.myparcel.auth.it.TestHosts;
import com.myparcel.auth.it.WorkDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A secret file that other users can write (it could hold anyone's credentials) or that does not exist: the agent
 * says so in one stderr line naming {@code myparcel.client-secret-file}, without a stack trace, and stays passive;
 * the application runs all its requests (none carries an Authorization, no token is requested) and exits 0. A file
 * that others may only read is accepted (Kubernetes mounts secrets 0644): the control that shows the same run does
 * get the token when the file is fine. (Tests run as root, who can read a chmod 000 file, so unreadable files are
 * not among the cases.)
 *
 * <p>All runs go side by side: each has its own client id and its own path prefix on the API.
 */
class SecretFileTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    private static final String SETTING = "myparcel.client-secret-file";

    /** {@code permissions} null: the file does not exist. */
    record FileCase(String name, String permissions, boolean refused, String fix) {
        String description() {
            return permissions == null ? "secret file missing" : "secret file " + permissions + " (" + name + ")";
        }
    }

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

    record Run(FileCase file, Client client) {
        String id() {
            return "sf-" + file.name() + "-" + client.prefix;
        }
    }

    private static final List<FileCase> CASES = List.of(
            new FileCase("world-writable", "rw-rw-rw-", true, "chmod 600"),
            new FileCase("group-writable", "rw-rw-r--", true, "chmod 600"),
            new FileCase("missing", null, true, null),
            new FileCase("others-may-read", "rw-r--r--", false, null));

    @Test
    void aWritableOrMissingSecretFileLeavesTheAgentPassiveAndTheApplicationRunning() {
        myParcel.apiServer().stubFor(get(urlPathMatching("/sf-[^/]+/shipments"))
                .willReturn(FakeMyParcel.jsonApi(200, SHIPMENTS_BODY)));
        myParcel.apiServer().stubFor(post(urlPathMatching("/sf-[^/]+/shipments"))
                .willReturn(FakeMyParcel.jsonApi(201, CREATED_BODY)));

        Map<Run, String> secrets = new LinkedHashMap<>();
        Map<Run, CompletableFuture<AppRun>> started = new LinkedHashMap<>();
        for (FileCase file : CASES) {
            for (Client client : Client.values()) {
                Run run = new Run(file, client);
                String secret = "secret-file-" + UUID.randomUUID();
                secrets.put(run, secret);
                Path path = secretFile(run, secret);
                started.put(run, CompletableFuture.supplyAsync(() -> launch(run, path),
                        runnable -> new Thread(runnable, run.id()).start()));
            }
        }

        List<String> failures = new ArrayList<>();
        for (Map.Entry<Run, CompletableFuture<AppRun>> entry : started.entrySet()) {
            Run run = entry.getKey();
            AppRun app = entry.getValue().join();
            String checked = "3 requests (GET, POST, GET elsewhere), agent log, exit code, token requests";
            try {
                String result = check(run, app, secrets.get(run));
                SecretsAndRobustness.row(List.of(run.file().description(), run.client().label, "info (default)",
                        checked, result));
            } catch (AssertionError e) {
                failures.add(run.id() + ": " + e.getMessage() + "\n" + app.describe());
                SecretsAndRobustness.row(List.of(run.file().description(), run.client().label, "info (default)",
                        checked, "**FAILED**: " + e.getMessage()));
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " runs failed:\n" + String.join("\n\n", failures));
        }
    }

    private static AppRun launch(Run run, Path secretFile) {
        ShipmentsAppLauncher launcher = (run.client() == Client.URL_CONNECTION ? myParcel.app() : myParcel.httpClientApp())
                .setting("myparcel.client-id", clientId(run))
                .setting(SETTING, secretFile.toString())
                .appProperty("shipments.base-url", myParcel.apiUrl("/" + run.id()));
        String elsewhere = myParcel.foreignUrl(TestHosts.OTHER, "/" + run.id());
        return run.client() == Client.URL_CONNECTION
                ? launcher.run("list", "create", "get", elsewhere)
                : launcher.run("list", "create", "string", "get", elsewhere);
    }

    private static String check(Run run, AppRun app, String secret) {
        app.assertCompleted();
        assertEquals(List.of("200", "201", "200"), app.statuses(), "list, create, get elsewhere");
        assertEquals(List.of(SHIPMENTS_BODY.length(), CREATED_BODY.length(), FOREIGN_BODY.length()),
                app.results().stream().map(AppRun.AppResult::bodyLength).collect(Collectors.toList()),
                "the servers' answers reached the application");
        List<LoggedRequest> api = myParcel.apiRequests().stream()
                .filter(request -> request.getUrl().startsWith("/" + run.id() + "/"))
                .collect(Collectors.toList());
        assertEquals(2, api.size(), "API requests");
        long tokenRequests = myParcel.tokenRequests().stream()
                .filter(request -> clientId(run).equals(clientIdOf(request))).count();
        assertFalse(app.stdout().contains(secret) || app.stderr().contains(secret), "the secret was printed");
        assertEquals(List.of(), app.stackTraceLines(), "stack trace lines");

        if (!run.file().refused()) {
            api.forEach(request -> assertTrue(myParcel.issuedTokens().contains(Requests.bearerToken(request)),
                    "the token on " + Requests.describe(request)));
            assertTrue(app.agentLogLines().stream().anyMatch(line -> line.contains(" INFO active ")),
                    "the agent is active");
            assertTrue(app.agentLogLines().stream().noneMatch(line -> line.contains(SETTING)), "a complaint about "
                    + SETTING + ": " + app.agentLogLines());
            return "accepted: agent active, both API requests carried the token, exit 0";
        }

        List<String> agentLines = app.agentLogLines();
        assertEquals(1, agentLines.size(), "agent lines: " + agentLines);
        String line = agentLines.get(0);
        assertTrue(line.contains(SETTING), "the line names " + SETTING + ": " + line);
        if (run.file().fix() != null) {
            assertTrue(line.contains(run.file().fix()), "the line says how to fix it (" + run.file().fix() + "): " + line);
        }
        api.forEach(request -> assertNull(Requests.authorization(request), "Authorization on "
                + Requests.describe(request)));
        assertEquals(0, tokenRequests, "token requests of a passive agent");
        return "refused, agent passive: 1 stderr line (`" + line.substring(AppRun.AGENT_LOG_PREFIX.length()).trim()
                .replace(WorkDir.get().toString(), "…") + "`), no stack trace, 3 of 3 requests completed without"
                + " Authorization, no token request, exit 0";
    }

    private static Path secretFile(Run run, String secret) {
        Path file = WorkDir.get().resolve(run.id() + ".secret");
        if (run.file().permissions() == null) {
            return file;
        }
        try {
            Files.writeString(file, secret);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(run.file().permissions()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String clientId(Run run) {
        return "client-" + run.id();
    }

    private static String clientIdOf(LoggedRequest tokenRequest) {
        try {
            Object clientId = Json.read(tokenRequest.getBodyAsString(), Map.class).get("client_id");
            return clientId == null ? null : clientId.toString();
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
