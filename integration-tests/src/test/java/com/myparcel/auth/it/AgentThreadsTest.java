package com.myparcel.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent adds one thread to the application, its own, and nothing else: not the JDK's shared delay
 * scheduler (which a CompletableFuture timeout would start), not a pool. The same app, the same
 * requests, with the agent active and with it disabled ({@code myparcel.enabled=false}); the live
 * threads compared by name after the token request and the application's requests.
 */
class AgentThreadsTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HttpURLConnection", "HttpClient"})
    void theAgentAddsOneThreadOfItsOwn(String client) {
        List<String> active = threadsAfterRequests(client, true);
        List<String> disabled = threadsAfterRequests(client, false);

        List<String> added = new ArrayList<>(active);
        added.removeAll(disabled);
        List<String> missing = new ArrayList<>(disabled);
        missing.removeAll(active);
        assertEquals(List.of("myparcel-auth-agent"), added, "threads only with the agent: " + active);
        assertEquals(List.of(), missing, "threads only without the agent");
    }

    private static List<String> threadsAfterRequests(String client, boolean agentActive) {
        ShipmentsAppLauncher launcher = client.equals("HttpClient") ? myParcel.httpClientApp() : myParcel.app();
        if (!agentActive) {
            launcher.setting("myparcel.enabled", "false");
        }
        AppRun run = launcher.run("list", "list", "threads").assertCompleted();
        assertEquals(List.of("200", "200"), run.statuses(), run::describe);
        List<String> names = new ArrayList<>();
        for (String line : run.lines("THREAD")) {
            names.add(line.replaceAll("\\d+", "#")); // pool threads are numbered
        }
        return names;
    }
}
