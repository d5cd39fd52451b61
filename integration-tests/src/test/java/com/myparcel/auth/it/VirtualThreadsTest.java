package com.myparcel.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application on virtual threads: {@value #TASKS} virtual threads (half HttpURLConnection, half one shared
 * HttpClient) list shipments again and again for {@value #SECONDS} s while the token rotates (JWTs living
 * {@link #TOKEN_LIFETIME}, renewed at half-life), all starting at once, so that at start-up they all wait for the
 * first token. The child JVM records {@value #PINNED} with threshold 0 ms in a JFR recording, read back here.
 *
 * <p>The API is reached over plain HTTP (its loopback origin is the configured API host): a thousand TLS handshakes
 * at once take tens of seconds on a busy two-core machine, longer than the tokens live, and TLS is not what is
 * tested here.
 *
 * <p>Runs from Java 24 on: before JEP 491 (Java 24) a virtual thread that blocks inside {@code synchronized} is
 * pinned, and the JDK's own {@code HttpURLConnection.getInputStream} is synchronized, so any wait in there pins,
 * with or without the agent.
 *
 * <p>Isolated: a thousand threads starting at once, on a machine shared with no other test class.
 */
@Isolated
class VirtualThreadsTest {

    static final int TASKS = 1_000;
    static final int SECONDS = 24;
    static final int PAUSE_MS = 4_000;
    /**
     * The agent renews at half-life and hands a token out until a tenth of its life before expiry: 10 s leaves
     * seconds for a request in flight even when a busy machine delays the renewal.
     */
    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(10);
    static final String AGENT_PACKAGE = "com.myparcel.auth.agent.";
    static final String PINNED = "jdk.VirtualThreadPinned";
    static final String STARTED = "jdk.VirtualThreadStart";

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @Test
    void thousandVirtualThreadsGetValidTokensWhileTheyRotateAndTheAgentNeverPinsThem() throws IOException {
        assumeTrue(Runtime.version().feature() >= 24,
                "virtual threads that block in synchronized code are pinned before Java 24 (JEP 491)");
        myParcel.issueTokens(TokenIssuer.jwts(TOKEN_LIFETIME, TOKEN_LIFETIME));
        Path recording = WorkDir.get().resolve("virtual-threads-" + UUID.randomUUID() + ".jfr");

        AppRun run = myParcel.launcherFor("com.example.modern.VirtualThreadsApp")
                .setting("myparcel.api-hosts", myParcel.apiPlainHttpOrigin())
                .appProperty("shipments.base-url", myParcel.apiPlainHttpOrigin())
                .jvmOption("-XX:StartFlightRecording=filename=" + recording + "," + PINNED + "#enabled=true,"
                        + PINNED + "#threshold=0ms," + STARTED + "#enabled=true")
                .jvmOption("-XX:FlightRecorderOptions=stackdepth=256")
                .run(String.valueOf(TASKS), String.valueOf(SECONDS), String.valueOf(PAUSE_MS))
                .assertCompleted();

        // read first, so that the pinned events are printed whatever fails below
        assertTrue(Files.exists(recording) && Files.size(recording) > 0,
                () -> "no JFR recording at " + recording + "\n" + run.describe());
        Recording recorded = Recording.read(recording);
        System.out.println(run.lines("REQUESTS") + ", " + myParcel.issuedTokens().size() + " tokens issued, "
                + recorded.virtualThreadsStarted() + " virtual threads started");
        System.out.println(recorded.pinned().size() + " " + PINNED + " events" + (recorded.pinned().isEmpty() ? ""
                : ":\n" + recorded.pinned().stream().map(Pinned::description).collect(Collectors.joining("\n"))));

        // ---------------- the app: every task on a virtual thread, every request answered 200
        assertEquals(List.of(String.valueOf(TASKS)), run.lines("VIRTUAL"), run::describe);
        assertEquals(List.of(), run.lines("NOT-OK"), run::describe);
        assertEquals(List.of(), run.lines("TASK-FAILED"), run::describe);
        Map<String, Long> requestsByClient = requestsByClient(run);
        assertTrue(requestsByClient.get("huc") >= TASKS / 2 && requestsByClient.get("hc") >= TASKS / 2,
                () -> "each task made at least one request: " + requestsByClient + "\n" + run.describe());

        // ---------------- the API: each request once, with an issued token that had not expired, rotating
        List<LoggedRequest> received = myParcel.apiRequests();
        long sent = requestsByClient.get("huc") + requestsByClient.get("hc");
        assertEquals(sent, received.size(), "requests the API received vs the app sent (no 401, so no replay)");
        myParcel.assertEveryApiRequestCarriedAnUnexpiredIssuedToken(Jwt::expiry);
        Set<String> tokensUsed = new LinkedHashSet<>(Requests.bearerTokens(received));
        assertTrue(tokensUsed.size() >= 3, () -> "the token rotated during the run: " + tokensUsed.size()
                + " tokens used, " + myParcel.issuedTokens().size() + " issued\n" + run.describe());
        assertEquals(List.of(), run.agentLogLines().stream()
                .filter(line -> line.contains(" ERROR ") || line.contains(" WARN ")).collect(Collectors.toList()),
                run::describe);

        // ---------------- the recording: it worked, and the agent never pinned a virtual thread
        assertEquals("0 ms", recorded.pinnedThreshold(), "the recording's threshold for " + PINNED);
        assertTrue(recorded.virtualThreadsStarted() >= TASKS,
                () -> recorded.virtualThreadsStarted() + " " + STARTED + " events for " + TASKS + " tasks");
        assertEquals(List.of(), recorded.pinned().stream().filter(Pinned::byAgent).map(Pinned::description)
                .collect(Collectors.toList()), "virtual threads pinned by the agent");
    }

    /** The {@code REQUESTS <client> total=<n> ...} lines, after checking that none failed. */
    private static Map<String, Long> requestsByClient(AppRun run) {
        Map<String, Long> totals = new HashMap<>();
        for (String line : run.lines("REQUESTS")) {
            String[] fields = line.split(" ");
            assertEquals("failed=0", fields[3], () -> "requests that failed: " + line + "\n" + run.describe());
            totals.put(fields[0], Long.parseLong(fields[1].substring("total=".length())));
        }
        assertEquals(Set.of("huc", "hc"), totals.keySet(), run::describe);
        return totals;
    }

    /**
     * What the recording holds: the threshold it recorded {@value #PINNED} with (from its {@code jdk.ActiveSetting}
     * events), how many virtual threads started, and each pinned event.
     */
    private record Recording(String pinnedThreshold, long virtualThreadsStarted, List<Pinned> pinned) {

        static Recording read(Path file) throws IOException {
            long pinnedTypeId = -1;
            String threshold = null;
            long started = 0;
            List<Pinned> pinned = new ArrayList<>();
            try (RecordingFile recording = new RecordingFile(file)) {
                for (EventType type : recording.readEventTypes()) {
                    if (type.getName().equals(PINNED)) {
                        pinnedTypeId = type.getId();
                    }
                }
                while (recording.hasMoreEvents()) {
                    RecordedEvent event = recording.readEvent();
                    String name = event.getEventType().getName();
                    if (name.equals("jdk.ActiveSetting") && event.getLong("id") == pinnedTypeId
                            && event.getString("name").equals("threshold")) {
                        threshold = event.getString("value");
                    } else if (name.equals(STARTED)) {
                        started++;
                    } else if (name.equals(PINNED)) {
                        pinned.add(Pinned.of(event));
                    }
                }
            }
            return new Recording(threshold, started, pinned);
        }
    }

    /**
     * One pinned virtual thread, and whether the agent pinned it: an agent frame is on its stack, and the thread was
     * not pinned by the JVM loading, linking or initializing a class. That happens lazily on whichever thread first
     * touches a class, a lambda or a constant, the JDK's and the agent's alike, so the first burst of requests pins
     * virtual threads for microseconds to milliseconds with or without the agent: while the VM resolves (it cannot
     * preempt the thread: "Freeze or preempt failed (2)"), while the thread waits for another thread's static
     * initializer ("Waited for initialization of ..."), or when loading, linking or initializing code above the
     * agent's frames blocks. Anything else with an agent frame, such as a token wait that cannot unmount, is the
     * agent's.
     */
    private record Pinned(String description, boolean byAgent) {

        static Pinned of(RecordedEvent event) {
            List<RecordedFrame> frames = event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames();
            int topAgentFrame = -1;
            for (int i = 0; i < frames.size() && topAgentFrame < 0; i++) {
                if (typeName(frames.get(i)).startsWith(AGENT_PACKAGE)) {
                    topAgentFrame = i;
                }
            }
            String reason = event.hasField("pinnedReason") ? String.valueOf(event.getString("pinnedReason")) : "";
            boolean classLoading = reason.startsWith("Freeze or preempt failed (2)")
                    || reason.startsWith("Waited for initialization of")
                    || frames.subList(0, Math.max(0, topAgentFrame)).stream().anyMatch(Pinned::loadsOrInitializes);
            return new Pinned(describe(event, frames), topAgentFrame >= 0 && !classLoading);
        }

        /** A frame of class loading or initialization, or of the VM's up-call linking a lambda or constant. */
        private static boolean loadsOrInitializes(RecordedFrame frame) {
            String method = frame.getMethod().getName();
            return method.equals("<clinit>") || method.startsWith("loadClass") || method.startsWith("findClass")
                    || method.startsWith("defineClass") || method.startsWith("forName")
                    || method.startsWith("ensureClassInitialized")
                    || typeName(frame).equals("java.lang.invoke.MethodHandleNatives");
        }

        private static String typeName(RecordedFrame frame) {
            return frame.getMethod().getType().getName();
        }

        /** The event as JFR prints it (its fields and top frames), then every frame of its stack. */
        private static String describe(RecordedEvent event, List<RecordedFrame> frames) {
            StringBuilder text = new StringBuilder(event.toString()).append("  whole stack:\n");
            for (RecordedFrame frame : frames) {
                text.append("    ").append(typeName(frame)).append('.').append(frame.getMethod().getName())
                        .append(" line ").append(frame.getLineNumber()).append('\n');
            }
            return text.toString();
        }
    }
}
