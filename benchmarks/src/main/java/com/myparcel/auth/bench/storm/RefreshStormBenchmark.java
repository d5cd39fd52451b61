package com.myparcel.auth.bench.storm;

import com.myparcel.auth.bench.Benchmark;
import com.myparcel.auth.bench.BenchmarkContext;
import com.myparcel.auth.bench.apps.ApiRequester;
import com.myparcel.auth.bench.apps.StormApp;
import com.myparcel.auth.bench.harness.ApiCounts;
import com.myparcel.auth.bench.harness.ArrivalLog;
import com.myparcel.auth.bench.harness.ChildFailure;
import com.myparcel.auth.bench.harness.ChildJvm;
import com.myparcel.auth.bench.harness.ChildProcess;
import com.myparcel.auth.bench.harness.Figures;
import com.myparcel.auth.bench.harness.LoopbackMyParcel;
import com.myparcel.auth.bench.harness.MarkdownTable;
import com.myparcel.auth.bench.harness.OutputLine;
import com.myparcel.auth.bench.harness.ResultReport;
import com.myparcel.auth.bench.harness.Samples;
import com.myparcel.auth.bench.harness.Stats;
import com.myparcel.auth.bench.harness.ThisAgent;
import com.myparcel.auth.bench.harness.TokenHold;
import java.time.Duration;
import java.util.List;

/**
 * Refresh storm: 256 threads of a fresh JVM with the agent all send their first API request while there
 * is no token yet; the token endpoint holds its answer until every one of them is held inside the
 * agent. There must be exactly one token request; the figure is how soon after the token answer was
 * written the 256 API requests reach the server. The baseline (no agent, the app sets the header, its
 * threads released by the runner's GO) shows what 256 simultaneous cold TLS requests cost on this
 * machine anyway.
 */
public final class RefreshStormBenchmark implements Benchmark {

    static final int THREADS = 256;
    private static final String TOKEN_WAIT = "-Dmyparcel.token-wait=30s";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> CLIENTS = List.of("urlconnection", "httpclient");
    private static final String BASELINE = "baseline";
    private static final String AGENT = "agent";

    @Override
    public String name() {
        return "refresh-storm";
    }

    @Override
    public String title() {
        return "Refresh storm: " + THREADS + " threads waiting for the first token";
    }

    @Override
    public void run(BenchmarkContext context, ResultReport report) throws Exception {
        int rounds = context.rounds(3, 1);
        report.fact("Measured: `" + StormApp.class.getName() + " <client> " + THREADS + " https://localhost:<port>/shipments"
                        + " agent` in a fresh JVM with " + context.agent().describe() + " and `" + TOKEN_WAIT + "`: "
                        + THREADS + " threads parked on one gate, released together, each sends one GET (HttpURLConnection:"
                        + " a connection each; HttpClient: one shared client, HTTP/1.1). The token endpoint holds its"
                        + " answer until the app reports every thread held inside the agent (a frame of"
                        + " `com.myparcel.auth.agent` on each thread's stack; no API request seen yet), then writes it")
                .fact("Figures: arrival of each API request at the server (handler entry: TCP, TLS handshake and"
                        + " request headers done) minus the instant the token answer was written and flushed; p50 and"
                        + " last of the " + THREADS + "; medians over " + rounds + " round(s), baseline and agent"
                        + " alternating")
                .fact("Baseline: no agent, the app sets the header itself; its threads are parked on the gate and"
                        + " released by a GO the runner writes to its stdin; offsets from just before that write")
                .fact("Valid agent run: exactly 1 token request, " + THREADS + " API requests all with the expected"
                        + " token, none without, every thread got 200, no ERROR/WARN line of the agent. Valid baseline"
                        + " run: " + THREADS + " authorized API requests, all 200");

        Samples tokenRequests = new Samples();
        Samples p50 = new Samples();
        Samples last = new Samples();
        for (int round = 0; round < rounds; round++) {
            for (String client : CLIENTS) {
                List<String> order = round % 2 == 0 ? List.of(BASELINE, AGENT) : List.of(AGENT, BASELINE);
                for (String mode : order) {
                    String configuration = client + ", " + mode;
                    try {
                        StormRun run = mode.equals(AGENT) ? runWithAgent(context, client) : runBaseline(context, client);
                        long[] sorted = Stats.sortedCopy(run.arrivalOffsetsNanos());
                        tokenRequests.add(configuration, run.tokenRequests());
                        p50.add(configuration, Stats.percentile(sorted, 0.5));
                        last.add(configuration, sorted[sorted.length - 1]);
                    } catch (ChildFailure e) {
                        last.invalidRun(configuration);
                        report.invalid(configuration + ", round " + round + ": " + e.getMessage());
                    }
                }
            }
        }

        MarkdownTable table = new MarkdownTable("client", "run", "token requests", "p50 arrival after release",
                "last arrival after release", "valid runs");
        for (String client : CLIENTS) {
            for (String mode : List.of(BASELINE, AGENT)) {
                String configuration = client + ", " + mode;
                table.row(client, mode.equals(AGENT) ? "agent (release = token answer written)"
                                : "baseline, no agent (release = GO)",
                        mode.equals(AGENT) ? tokenCount(tokenRequests, configuration) : "–",
                        Figures.millis(p50.median(configuration)), Figures.millis(last.median(configuration)),
                        last.runs(configuration));
            }
        }
        report.table(table);
        StringBuilder summary = new StringBuilder("Added by the agent (median of last arrival, agent minus baseline): ");
        for (String client : CLIENTS) {
            double added = last.median(client + ", " + AGENT) - last.median(client + ", " + BASELINE);
            summary.append(client).append(' ').append(Figures.millis(added)).append(" (ratio ")
                    .append(Figures.ratio(last.median(client + ", " + AGENT) / last.median(client + ", " + BASELINE)))
                    .append(client.equals(CLIENTS.get(CLIENTS.size() - 1)) ? ")." : "); ");
        }
        report.paragraph(summary.toString());
    }

    private static String tokenCount(Samples tokenRequests, String configuration) {
        List<Double> counts = tokenRequests.values(configuration);
        return counts.isEmpty() ? "n/a" : counts.stream().map(count -> String.valueOf(count.longValue()))
                .distinct().reduce((a, b) -> a + ", " + b).orElse("n/a");
    }

    private StormRun runWithAgent(BenchmarkContext context, String client) throws Exception {
        LoopbackMyParcel myParcel = context.myParcel();
        TokenHold hold = myParcel.holdNextTokenAnswer();
        long tokenRequestsBefore = myParcel.tokenRequests();
        ApiCounts before = myParcel.apiCounts();
        ArrivalLog arrivals = myParcel.recordApiArrivals();
        ChildJvm jvm = ChildJvm.of(StormApp.class, client, String.valueOf(THREADS), myParcel.apiUrl(), "agent")
                .with(context.commonOptions()).with(context.agent().options(TOKEN_WAIT));
        try (ChildProcess child = jvm.start()) {
            OutputLine state = child.awaitLine("STORM_", TIMEOUT);
            if (!state.text().startsWith(StormApp.WAITING + " ")) {
                throw new ChildFailure("not every thread was held by the agent before the token came: " + state.text());
            }
            if (!hold.awaitRequest(TIMEOUT.toMillis())) {
                throw new ChildFailure("the agent sent no token request" + child.describeOutput());
            }
            ApiCounts early = myParcel.apiCounts().minus(before);
            if (early.authorized() + early.unauthorized() != 0) {
                throw new ChildFailure("API requests went out before the token answer: " + early);
            }
            myParcel.endHold(hold);
            OutputLine done = child.awaitLine(StormApp.DONE, TIMEOUT);
            int code = child.awaitExit(TIMEOUT);
            long tokenRequests = myParcel.tokenRequests() - tokenRequestsBefore;
            StormRun run = verified(child, done, code, myParcel.apiCounts().minus(before), tokenRequests,
                    offsets(arrivals, hold.answerWrittenNanos()));
            if (tokenRequests != 1) {
                throw new ChildFailure(tokenRequests + " token requests instead of exactly 1");
            }
            if (!ThisAgent.complaints(child.stderrLines()).isEmpty()) {
                throw new ChildFailure("the agent complained: " + ThisAgent.complaints(child.stderrLines()));
            }
            return run;
        } finally {
            myParcel.endHold(hold);
            myParcel.stopRecordingApiArrivals();
        }
    }

    private StormRun runBaseline(BenchmarkContext context, String client) throws Exception {
        LoopbackMyParcel myParcel = context.myParcel();
        ApiCounts before = myParcel.apiCounts();
        ArrivalLog arrivals = myParcel.recordApiArrivals();
        ChildJvm jvm = ChildJvm.of(StormApp.class, client, String.valueOf(THREADS), myParcel.apiUrl(), "runner-gate")
                .with(context.commonOptions())
                .with("-D" + ApiRequester.OWN_AUTHORIZATION_PROPERTY + "=" + myParcel.token().authorizationHeader());
        try (ChildProcess child = jvm.start()) {
            OutputLine state = child.awaitLine("STORM_", TIMEOUT);
            if (!state.text().startsWith(StormApp.WAITING + " ")) {
                throw new ChildFailure("not every thread reached the gate: " + state.text());
            }
            long go = System.nanoTime();
            child.send("GO");
            OutputLine done = child.awaitLine(StormApp.DONE, TIMEOUT);
            int code = child.awaitExit(TIMEOUT);
            return verified(child, done, code, myParcel.apiCounts().minus(before), 0, offsets(arrivals, go));
        } finally {
            myParcel.stopRecordingApiArrivals();
        }
    }

    private static StormRun verified(ChildProcess child, OutputLine done, int exitCode, ApiCounts requests,
            long tokenRequests, long[] offsets) throws ChildFailure {
        if (exitCode != 0 || !done.text().startsWith(StormApp.DONE + " ok=" + THREADS + " failed=0")) {
            throw new ChildFailure("exit code " + exitCode + ", " + done.text() + child.describeOutput());
        }
        if (requests.authorized() != THREADS || requests.unauthorized() != 0 || offsets.length != THREADS) {
            throw new ChildFailure("the API saw " + requests + " (" + offsets.length + " arrivals) instead of "
                    + THREADS + " authorized requests");
        }
        return new StormRun(tokenRequests, requests.authorized(), requests.unauthorized(), offsets);
    }

    private static long[] offsets(ArrivalLog arrivals, long releaseNanos) {
        long[] times = arrivals.arrivals();
        long[] offsets = new long[times.length];
        for (int i = 0; i < times.length; i++) {
            offsets[i] = times[i] - releaseNanos;
        }
        return offsets;
    }
}
