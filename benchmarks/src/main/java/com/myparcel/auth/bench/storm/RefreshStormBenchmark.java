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
 * Refresh storm: 256 threads of a fresh JVM with the agent all send an API request while there is no
 * token yet; the token endpoint holds its answer until every one of them is held inside the agent.
 * There must be exactly one token request; the figure is how soon after the token answer was written
 * the 256 API requests reach the server. Two scenarios: over connections the threads already keep
 * alive (what the agent adds, isolated), and over new connections (as at start-up, dominated by 256
 * TLS handshakes). The baseline, no agent, the app setting the header, its threads released by the
 * runner's GO, is what the same storm costs without any token to wait for.
 */
public final class RefreshStormBenchmark implements Benchmark {

    static final int THREADS = 256;
    private static final String TOKEN_WAIT = "-Dmyparcel.token-wait=30s";
    /** Every thread's kept-alive connection stays in HttpURLConnection's cache (default: 5). */
    private static final String KEEP_ALIVE_CONNECTIONS = "-Dhttp.maxConnections=" + (THREADS + 44);
    /** Generous: on a loaded machine the warm-up alone (256 TLS handshakes) can take tens of seconds. */
    private static final Duration TIMEOUT = Duration.ofSeconds(150);
    private static final List<String> SCENARIOS = List.of("warm", "cold");
    private static final List<String> CLIENTS = List.of("urlconnection", "httpclient");

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
                        + " agent <warm|cold>` in a fresh JVM with " + context.agent().describe() + ", `" + TOKEN_WAIT
                        + "` and `" + KEEP_ALIVE_CONNECTIONS + "`: " + THREADS + " threads parked on one gate, released"
                        + " together, each sends one GET without Authorization (HttpURLConnection: a connection object"
                        + " each; HttpClient: one shared client, HTTP/1.1). The token endpoint holds its answer to the"
                        + " agent's first token request until the app reports every thread held inside the agent (a"
                        + " frame of `com.myparcel.auth.agent` on each thread's stack, and no storm request at the"
                        + " server yet), then writes it; \"token answer held\" is how long that took (it must stay"
                        + " below the agent's own token request timeout)")
                .fact("Scenarios: **warm**: before the gate every thread sent one request with its own Authorization"
                        + " (left alone by the agent), so each has a kept-alive TLS connection: the figures are the"
                        + " agent's release of the waiting threads plus one request each; **cold**: before the gate"
                        + " only one request, to the server's IP literal (the TLS stack is initialised, as the agent's"
                        + " token request does), so the storm opens " + THREADS + " new TLS connections at once, as at"
                        + " start-up")
                .fact("Figures: arrival of each storm request at the server (handler entry) minus the instant the"
                        + " token answer was written and flushed; first, p50 and last of the " + THREADS + " (with the"
                        + " agent, the first includes its reading of the token answer); medians over "
                        + rounds + " round(s), the order of the runs reversed every round, after one discarded cold"
                        + " baseline storm. Baseline: no agent, the storm's requests set the header themselves, the gate"
                        + " is opened by a GO the runner writes to the app's stdin; offsets from just before that write."
                        + " Control (cold only): the agent attached with the same settings, but the storm's requests set"
                        + " the header themselves (the agent leaves them alone and nobody waits), released by GO: the"
                        + " cost of the agent being in the JVM, apart from its waiting. Loopback server certificate:"
                        + " EC P-256")
                .fact("Valid agent run: exactly 1 token request; " + THREADS + " storm requests, all with the expected"
                        + " token, none without (warm-up requests included), every thread got 200; no ERROR/WARN line"
                        + " of the agent. Valid baseline and control runs: the same, the token request not counted");

        Samples tokenRequests = new Samples();
        Samples held = new Samples();
        Samples newConnections = new Samples();
        Samples first = new Samples();
        Samples p50 = new Samples();
        Samples last = new Samples();
        try {
            // Discarded: the runner's server, page cache and the like see their first storm here.
            runStorm(context, "cold", CLIENTS.get(0), StormMode.BASELINE);
        } catch (ChildFailure e) {
            report.invalid("warm-up storm (discarded): " + e.getMessage());
        }
        for (int round = 0; round < rounds; round++) {
            for (String scenario : SCENARIOS) {
                for (String client : CLIENTS) {
                    for (StormMode mode : order(scenario, round)) {
                        String configuration = configuration(scenario, client, mode);
                        try {
                            StormRun run = runStorm(context, scenario, client, mode);
                            long[] sorted = Stats.sortedCopy(run.arrivalOffsetsNanos());
                            tokenRequests.add(configuration, run.tokenRequests());
                            held.add(configuration, run.tokenAnswerHeldNanos());
                            newConnections.add(configuration, run.onNewConnections());
                            first.add(configuration, sorted[0]);
                            p50.add(configuration, Stats.percentile(sorted, 0.5));
                            last.add(configuration, sorted[sorted.length - 1]);
                            System.err.println("refresh-storm: " + configuration + ": first "
                                    + Figures.millis(sorted[0]) + ", p50 "
                                    + Figures.millis(Stats.percentile(sorted, 0.5)) + ", last "
                                    + Figures.millis(sorted[sorted.length - 1]) + ", on new connections "
                                    + run.onNewConnections());
                        } catch (ChildFailure e) {
                            last.invalidRun(configuration);
                            report.invalid(configuration + ", round " + round + ": " + e.getMessage());
                        }
                    }
                }
            }
        }

        MarkdownTable table = new MarkdownTable("scenario", "client", "run", "token requests", "token answer held",
                "storm requests on new connections", "first arrival after release", "p50 arrival after release",
                "last arrival after release", "valid runs");
        StringBuilder summary = new StringBuilder("Added by the agent's waiting and release (last arrival, median, agent"
                + " minus baseline; cold also minus the control):");
        for (String scenario : SCENARIOS) {
            for (String client : CLIENTS) {
                for (StormMode mode : modes(scenario)) {
                    String configuration = configuration(scenario, client, mode);
                    table.row(scenario, client, mode.description,
                            mode.agentHoldsThreads ? distinct(tokenRequests, configuration) : "–",
                            mode.agentHoldsThreads ? Figures.millis(held.median(configuration)) : "–",
                            distinct(newConnections, configuration), Figures.millis(first.median(configuration)),
                            Figures.millis(p50.median(configuration)),
                            Figures.millis(last.median(configuration)), last.runs(configuration));
                }
                double agent = last.median(configuration(scenario, client, StormMode.AGENT));
                double baseline = last.median(configuration(scenario, client, StormMode.BASELINE));
                summary.append(' ').append(scenario).append(' ').append(client).append(' ')
                        .append(Figures.millis(agent - baseline)).append(" (ratio ").append(Figures.ratio(agent / baseline));
                if (modes(scenario).contains(StormMode.AGENT_NOT_WAITING)) {
                    double control = last.median(configuration(scenario, client, StormMode.AGENT_NOT_WAITING));
                    summary.append("; minus the control ").append(Figures.millis(agent - control));
                }
                summary.append(");");
            }
        }
        report.table(table);
        report.paragraph(summary.substring(0, summary.length() - 1) + ".");
    }

    /** Cold storms also run the control: there the JVM's own costs dominate and need telling apart. */
    private static List<StormMode> modes(String scenario) {
        return scenario.equals("cold") ? List.of(StormMode.BASELINE, StormMode.AGENT_NOT_WAITING, StormMode.AGENT)
                : List.of(StormMode.BASELINE, StormMode.AGENT);
    }

    /** The modes in the order of this round: forwards in even rounds, backwards in odd ones. */
    private static List<StormMode> order(String scenario, int round) {
        List<StormMode> modes = new java.util.ArrayList<>(modes(scenario));
        if (round % 2 == 1) {
            java.util.Collections.reverse(modes);
        }
        return modes;
    }

    private static String configuration(String scenario, String client, StormMode mode) {
        return scenario + ", " + client + ", " + mode.name();
    }

    /** The values seen over the rounds, each once: "1", or "1, 2" when rounds differed. */
    private static String distinct(Samples samples, String configuration) {
        List<Double> values = samples.values(configuration);
        return values.isEmpty() ? "n/a" : values.stream().map(value -> String.valueOf(value.longValue())).distinct()
                .reduce((a, b) -> a + ", " + b).orElse("n/a");
    }

    private StormRun runStorm(BenchmarkContext context, String scenario, String client, StormMode mode)
            throws Exception {
        boolean withAgent = mode.agentHoldsThreads;
        LoopbackMyParcel myParcel = context.myParcel();
        int warmUpRequests = scenario.equals("warm") ? THREADS : 1;
        ChildJvm jvm = ChildJvm.of(StormApp.class, client, String.valueOf(THREADS), myParcel.apiUrl(),
                        withAgent ? "agent" : "runner-gate", scenario)
                .with(context.commonOptions()).with(KEEP_ALIVE_CONNECTIONS)
                .with("-D" + ApiRequester.OWN_AUTHORIZATION_PROPERTY + "=" + myParcel.token().authorizationHeader());
        if (mode.agentAttached) {
            jvm.with(context.agent().options(TOKEN_WAIT));
        }
        TokenHold hold = withAgent ? myParcel.holdNextTokenAnswer() : null;
        long tokenRequestsBefore = myParcel.tokenRequests();
        ApiCounts before = myParcel.apiCounts();
        ArrivalLog arrivals = myParcel.recordApiArrivals();
        try (ChildProcess child = jvm.start()) {
            OutputLine state = child.awaitLine("STORM_", TIMEOUT);
            // Every warm-up request was answered before the app printed this: from here on, storm requests.
            arrivals.markStorm();
            if (!state.text().startsWith(StormApp.WAITING + " ")) {
                throw new ChildFailure("not every thread was " + (withAgent ? "held by the agent" : "at the gate")
                        + " before the release: " + state.text() + child.describeOutput());
            }
            long release;
            if (withAgent) {
                if (!hold.awaitRequest(TIMEOUT.toMillis())) {
                    throw new ChildFailure("the agent sent no token request" + child.describeOutput());
                }
                ApiCounts early = myParcel.apiCounts().minus(before);
                if (early.unauthorized() != 0 || early.authorized() != warmUpRequests) {
                    throw new ChildFailure("before the token answer the API saw " + early + ", expected only the "
                            + warmUpRequests + " warm-up request(s)");
                }
                myParcel.endHold(hold);
                OutputLine done = child.awaitLine(StormApp.DONE, TIMEOUT);
                release = hold.answerWrittenNanos();
                verifyDone(child, done);
            } else {
                release = System.nanoTime();
                child.send("GO");
                verifyDone(child, child.awaitLine(StormApp.DONE, TIMEOUT));
            }
            ApiCounts seen = myParcel.apiCounts().minus(before);
            long[] times = arrivals.arrivals();
            if (seen.authorized() != warmUpRequests + THREADS || seen.unauthorized() != 0 || times.length != THREADS) {
                throw new ChildFailure("the API saw " + seen + " with " + times.length + " storm arrivals; expected "
                        + (warmUpRequests + THREADS) + " authorized (" + warmUpRequests + " warm-up), none without");
            }
            long tokenRequests = myParcel.tokenRequests() - tokenRequestsBefore;
            if (withAgent && tokenRequests != 1) {
                throw new ChildFailure(tokenRequests + " token requests instead of exactly 1 (the first answer was held "
                        + Figures.millis(hold.heldNanos()) + "; a token request the agent gave up on, at its own"
                        + " timeout, is followed by another: on a machine this slow the storm cannot be set up)");
            }
            if (mode.agentAttached && !ThisAgent.complaints(child.stderrLines()).isEmpty()) {
                throw new ChildFailure("the agent complained: " + ThisAgent.complaints(child.stderrLines()));
            }
            long[] offsets = new long[times.length];
            for (int i = 0; i < times.length; i++) {
                offsets[i] = times[i] - release;
            }
            return new StormRun(tokenRequests, withAgent ? hold.heldNanos() : 0, offsets, arrivals.onNewConnections());
        } finally {
            if (hold != null) {
                myParcel.endHold(hold);
            }
            myParcel.stopRecordingApiArrivals();
        }
    }

    private static void verifyDone(ChildProcess child, OutputLine done) throws ChildFailure, InterruptedException {
        int code = child.awaitExit(TIMEOUT);
        if (code != 0 || !done.text().startsWith(StormApp.DONE + " ok=" + THREADS + " failed=0 ")) {
            throw new ChildFailure("exit code " + code + ", " + done.text() + child.describeOutput());
        }
    }
}
