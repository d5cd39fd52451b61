package com.myparcel.auth.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.myparcel.auth.it.FakeMyParcel;
import com.myparcel.auth.it.TestHosts;
import com.myparcel.auth.it.TokenIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both clients under load in one JVM while the token rotates every few seconds and the API now and then refuses a
 * fresh token, as MyParcel.com's token-age check does.
 *
 * <p>The {@code LoadDriver} runs {@value #HUC_THREADS} HttpURLConnection threads and {@value #HC_THREADS} threads
 * sharing one HttpClient (alternating send and sendAsync), 64 in all, back to back for {@link #SECONDS} seconds. Tokens
 * are JWTs whose {@code exp} lies 5 s after issue. The API ({@link TokenAgeCheck}, no request journal) refuses each
 * token with probability {@link #REFUSAL_RATE} when it first sees it, and then answers every request carrying it 401
 * (code 14002); a request without a token, or with an expired one, gets 401 too.
 *
 * <p>Isolated: its 64 threads keep both cores busy, so no other test class runs beside it.
 */
@Isolated
class LoadWhileRotatingTest {

    /** 30 s in the suite; {@code scripts/reliability-report} runs it for 60 s ({@code -Dreliability.load-seconds}). */
    static final int SECONDS = Integer.getInteger("reliability.load-seconds", 30);
    static final int HUC_THREADS = 32;
    static final int HC_THREADS = 32;
    static final int SAMPLE_EVERY_MS = 5_000;
    /** Samples before this are warm-up (connections, JIT, thread pools filling). */
    static final long WARM_UP_MS = 10_000;
    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(5);
    static final double REFUSAL_RATE = Double.parseDouble(System.getProperty("reliability.refusal-rate", "0.01"));
    static final long SEED = Long.getLong("reliability.seed", System.nanoTime());

    /**
     * A token's {@code exp} is its issue second + 5, so it lives more than 4 s from the agent's request; the agent
     * renews at half its lifetime, so rotations are at least 2 s apart.
     */
    static final long SHORTEST_ROTATION_MS = 2_000;
    /**
     * Live threads other than the HttpClient's own workers may differ from the first sample after warm-up by a
     * timer thread coming or going, not more. The HttpClient's default executor is a cached pool that grows with the
     * number of requests in flight (it went from 11 to 24 workers in the middle of a JDK 25 run), so its workers are
     * counted apart: at most two per HttpClient thread of the driver. So are threads named {@code Thread-#}: on
     * JDK 17, when the common pool has parallelism 1 (two cores), CompletableFuture's default executor starts a new
     * thread per task, and HttpClient's public sendAsync completes every response through it; a sample catches those
     * that are running, at most one per HttpClient thread of the driver.
     */
    static final int THREAD_GROWTH_ALLOWED = 2;
    static final String HTTP_CLIENT_WORKERS = "HttpClient-#-Worker-#";
    static final String ASYNC_COMPLETIONS = "Thread-#";
    /** Used heap after a full GC may grow by this much (a leak of 1 KiB per request would be tens of MiB). */
    static final long HEAP_GROWTH_ALLOWED = 16L << 20;

    static final String SECTION = "3-load";
    static final String TITLE = "## 3. Load while the token rotates\n\n"
            + "One JVM, " + HUC_THREADS + " HttpURLConnection threads and " + HC_THREADS + " threads sharing one"
            + " HttpClient (send and sendAsync), 64 in all, sending GETs back to back for " + SECONDS + " s against"
            + " the API over HTTPS. Tokens are JWTs living 5 s (`exp`); the API refuses a token with the given"
            + " probability when it first sees it (MyParcel's token-age check) and then answers 401 (code 14002) to"
            + " every request carrying it; a request without a token or with an expired one gets 401 as well."
            + " Threads and used heap are sampled by the app after `System.gc()` every 5 s (the first two samples are"
            + " warm-up); the HttpClient's own workers (a cached pool that follows the requests in flight) are counted"
            + " apart from the other live threads.";
    static final List<String> COLUMNS = List.of("refusal rate (seed)", "requests HttpURLConnection / HttpClient",
            "requests/s", "latency p99 / max (ms)", "tokens refused by API / requests answered 401 / 401s seen by app",
            "requests with expired token / without token", "token requests (rotations + after refusal; bound)",
            "live threads (others + HttpClient workers)", "used heap after GC (MiB)");

    static final TokenAgeCheck CHECK = new TokenAgeCheck(REFUSAL_RATE, SEED);

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel().withApiExtensions(CHECK).withoutApiRequestJournal();

    private static final Pattern LOAD = Pattern.compile(
            "LOAD (\\w+) requests=(\\d+) ok=(\\d+) unauthorized=(\\d+) other=(\\d+) errors=(\\d+) maxMs=(\\d+) p99Ms=(\\d+)");
    private static final Pattern SAMPLE = Pattern.compile("SAMPLE (\\d+) (\\d+) (\\d+) (\\d+) (\\d+)");

    record Sample(long elapsedMs, int threads, int activeThreads, long heapBytes, long requests) {
    }

    /** Live threads by name (digits as #), from a THREADS line. */
    record ThreadGroups(long elapsedMs, Map<String, Integer> counts) {

        int workers() {
            return counts.getOrDefault(HTTP_CLIENT_WORKERS, 0);
        }

        int asyncCompletions() {
            return counts.getOrDefault(ASYNC_COMPLETIONS, 0);
        }

        int others() {
            return counts.values().stream().mapToInt(Integer::intValue).sum() - workers() - asyncCompletions();
        }
    }

    record ClientLoad(long requests, long ok, long unauthorized, long other, long errors, long maxMs, long p99Ms) {
    }

    @Test
    void bothClientsUnderLoadWhileTokensRotateAndSomeAreRefused() throws Exception {
        CHECK.reset();
        myParcel.apiServer().stubFor(get(urlPathMatching("/load/(huc|hc)/shipments")).willReturn(TokenAgeCheck.checked()));
        myParcel.issueTokens(TokenIssuer.jwts(TOKEN_LIFETIME, TOKEN_LIFETIME));

        ProcessBuilder process = myParcel.launcherFor("com.example.reliability.LoadDriver")
                .appProperty("driver.base-url", myParcel.apiUrl("/load"))
                .appProperty("driver.warm-up-url", myParcel.foreignUrl(TestHosts.OTHER, "/warm-up"))
                .processBuilder(List.of(), "load", String.valueOf(SECONDS), String.valueOf(HUC_THREADS),
                        String.valueOf(HC_THREADS), String.valueOf(SAMPLE_EVERY_MS));
        WatchedJvm jvm = WatchedJvm.start(process);
        int exitCode;
        try {
            exitCode = jvm.awaitExit(SECONDS + 90);
        } finally {
            jvm.close();
        }
        Supplier<String> context = jvm::describe;
        String dump = System.getProperty("reliability.dump");
        if (dump != null) {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(dump));
            java.nio.file.Files.writeString(java.nio.file.Path.of(dump, "load.txt"), jvm.describe());
        }

        // ---------------- what happened
        Map<String, ClientLoad> load = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        List<ThreadGroups> threadGroups = new ArrayList<>();
        for (WatchedJvm.Line line : jvm.stdout()) {
            if (line.text().startsWith("THREADS ")) {
                String[] fields = line.text().split(" ", 3);
                Map<String, Integer> counts = new HashMap<>();
                for (String group : fields.length > 2 ? fields[2].split(",") : new String[0]) {
                    int at = group.lastIndexOf('=');
                    counts.put(group.substring(0, at), Integer.parseInt(group.substring(at + 1)));
                }
                threadGroups.add(new ThreadGroups(Long.parseLong(fields[1]), counts));
            }
            Matcher m = LOAD.matcher(line.text());
            if (m.matches()) {
                load.put(m.group(1), new ClientLoad(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                        Long.parseLong(m.group(7)), Long.parseLong(m.group(8))));
            }
            Matcher s = SAMPLE.matcher(line.text());
            if (s.matches()) {
                samples.add(new Sample(Long.parseLong(s.group(1)), Integer.parseInt(s.group(2)),
                        Integer.parseInt(s.group(3)), Long.parseLong(s.group(4)), Long.parseLong(s.group(5))));
            }
        }
        ClientLoad huc = load.getOrDefault("huc", new ClientLoad(0, 0, 0, 0, 0, 0, 0));
        ClientLoad hc = load.getOrDefault("hc", new ClientLoad(0, 0, 0, 0, 0, 0, 0));

        List<LoggedRequest> tokenRequests = myParcel.tokenRequests();
        List<Long> tokenRequestTimes = tokenRequests.stream().map(r -> r.getLoggedDate().getTime()).sorted()
                .collect(Collectors.toList());
        List<Map.Entry<String, Long>> refusedTokens = CHECK.refusedTokens();
        // a token request within 1.5 s after the API refused a token is the agent's answer to that refusal
        int afterRefusal = 0;
        for (long at : tokenRequestTimes) {
            if (refusedTokens.stream().anyMatch(refusal -> at >= refusal.getValue() && at - refusal.getValue() <= 1_500)) {
                afterRefusal++;
            }
        }
        int rotations = Math.max(0, tokenRequestTimes.size() - 1 - afterRefusal);
        long span = tokenRequestTimes.isEmpty() ? 0 : tokenRequestTimes.get(tokenRequestTimes.size() - 1)
                - tokenRequestTimes.get(0);
        long rotationBound = span / SHORTEST_ROTATION_MS + 1;
        long tokenRequestBound = 1 + rotationBound + refusedTokens.size();

        Map<String, List<TokenAgeCheck.Attempt>> unauthorized = CHECK.attemptsOfUnauthorized();
        long refusedTwice = unauthorized.values().stream()
                .filter(attempts -> attempts.stream().filter(a -> a.status() == 401).count() >= 2).count();
        long agentInvalidations = jvm.agentLines().stream()
                .filter(line -> line.text().contains("was refused by the API (401)")).count();

        List<Sample> afterWarmUp = samples.stream().filter(s -> s.elapsedMs() >= WARM_UP_MS).collect(Collectors.toList());
        double seconds = SECONDS;
        ReliabilityReport.row(SECTION, TITLE, COLUMNS, List.of(
                String.format(Locale.ROOT, "%.0f%% (%d)", REFUSAL_RATE * 100, SEED),
                huc.requests() + " / " + hc.requests(),
                Math.round((huc.requests() + hc.requests()) / seconds),
                "HttpURLConnection " + huc.p99Ms() + " / " + huc.maxMs() + "; HttpClient " + hc.p99Ms() + " / " + hc.maxMs(),
                refusedTokens.size() + " / " + CHECK.refusedRequests() + " / " + (huc.unauthorized() + hc.unauthorized()),
                CHECK.expiredUses().size() + " / " + CHECK.withoutToken(),
                tokenRequestTimes.size() + " (" + rotations + " + " + afterRefusal + "; ≤ " + tokenRequestBound + ")",
                threadGroups.stream().map(g -> g.others() + " + " + g.workers()).collect(Collectors.joining(", ")),
                samples.stream().map(s -> String.format(Locale.ROOT, "%.1f", s.heapBytes() / 1048576.0))
                        .collect(Collectors.joining(", "))));

        // ---------------- never break
        assertEquals(0, exitCode, () -> "exit code\n" + context.get());
        assertTrue(jvm.stdout().stream().anyMatch(line -> line.text().equals("DONE")), () -> "no DONE\n" + context.get());
        assertTrue(huc.requests() > 0 && hc.requests() > 0, () -> "both clients ran\n" + context.get());
        assertEquals(0, huc.errors() + hc.errors(), () -> "requests that failed with an exception\n" + context.get());
        assertEquals(0, huc.other() + hc.other(), () -> "answers other than 200 and 401\n" + context.get());
        long replays = unauthorized.values().stream().mapToLong(attempts -> attempts.size() - 1).sum();
        assertEquals(huc.requests() + hc.requests(), CHECK.requests() - replays,
                () -> "the API saw every request once, plus the replays after 401s (" + replays + ")\n" + context.get());

        // ---------------- no expired token, no request without one
        Map<String, String> slow = new HashMap<>();
        jvm.stdout().stream().map(WatchedJvm.Line::text).filter(line -> line.startsWith("SLOW "))
                .map(line -> line.split(" ")).forEach(f -> slow.put(f[2], "started " + f[3] + ", took " + f[4] + " ms"));
        assertEquals(List.of(), CHECK.expiredUses(), () -> "requests with an expired token: " + CHECK.expiredUses().stream()
                .map(use -> use + " (in the app: " + slow.getOrDefault(use.requestId(), "under 1 s") + ")")
                .collect(Collectors.joining("; ")) + "\ntoken requests at " + tokenRequestTimes);
        assertEquals(0, CHECK.withoutToken(), () -> "requests without a token\n" + context.get());

        // ---------------- every refused request was replayed once, with another token; the app saw a 401 only if
        // the replay was refused too
        for (Map.Entry<String, List<TokenAgeCheck.Attempt>> entry : unauthorized.entrySet()) {
            List<TokenAgeCheck.Attempt> attempts = entry.getValue();
            assertEquals(2, attempts.size(), () -> entry.getKey() + ": one replay after the 401, got " + attempts);
            assertNotEquals(attempts.get(0).token(), attempts.get(1).token(),
                    () -> entry.getKey() + ": the replay carries a new token " + attempts);
        }
        assertEquals(refusedTwice, huc.unauthorized() + hc.unauthorized(),
                () -> "401s that reached the application (only when the replay was refused as well: " + refusedTwice
                        + ")\n" + context.get());

        // ---------------- token requests: rotations plus refusals, no more
        assertTrue(tokenRequestTimes.size() <= tokenRequestBound, () -> tokenRequestTimes.size()
                + " token requests in " + span + " ms; rotations at least " + SHORTEST_ROTATION_MS
                + " ms apart allow " + rotationBound + ", plus the first and one per refused token ("
                + refusedTokens.size() + ")\n" + context.get());
        assertTrue(tokenRequestTimes.size() >= span / TOKEN_LIFETIME.toMillis(),
                () -> "tokens must be renewed before they expire: " + tokenRequestTimes.size() + " in " + span + " ms");
        assertTrue(agentInvalidations <= refusedTokens.size(), () -> "the agent dropped a token " + agentInvalidations
                + " times for " + refusedTokens.size() + " refused tokens (compare-and-invalidate)\n" + context.get());

        // ---------------- no thread growth, no heap growth
        assertFalse(afterWarmUp.size() < 2, () -> "too few samples after warm-up: " + samples + "\n" + context.get());
        Sample first = afterWarmUp.get(0);
        Sample last = afterWarmUp.get(afterWarmUp.size() - 1);
        List<ThreadGroups> groupsAfterWarmUp = threadGroups.stream().filter(g -> g.elapsedMs() >= WARM_UP_MS)
                .collect(Collectors.toList());
        assertFalse(groupsAfterWarmUp.size() < 2, () -> "too few THREADS lines\n" + context.get());
        ThreadGroups firstGroups = groupsAfterWarmUp.get(0);
        ThreadGroups lastGroups = groupsAfterWarmUp.get(groupsAfterWarmUp.size() - 1);
        assertTrue(lastGroups.others() <= firstGroups.others() + THREAD_GROWTH_ALLOWED,
                () -> "live threads (other than HttpClient workers and async completions) grew from " + firstGroups
                        + " to " + lastGroups);
        int mostWorkers = threadGroups.stream().mapToInt(ThreadGroups::workers).max().orElse(0);
        assertTrue(mostWorkers <= 2 * HC_THREADS, () -> mostWorkers + " HttpClient workers for " + HC_THREADS
                + " threads: " + threadGroups);
        int mostCompletions = threadGroups.stream().mapToInt(ThreadGroups::asyncCompletions).max().orElse(0);
        assertTrue(mostCompletions <= HC_THREADS, () -> mostCompletions + " async completion threads for "
                + HC_THREADS + " HttpClient threads: " + threadGroups);
        assertTrue(last.heapBytes() <= first.heapBytes() + HEAP_GROWTH_ALLOWED,
                () -> "used heap after GC grew from " + first.heapBytes() + " to " + last.heapBytes() + ": " + samples);
        if (jvm.stackTraceLines().size() > 0) {
            fail("stack traces on stderr\n" + context.get());
        }
    }
}
