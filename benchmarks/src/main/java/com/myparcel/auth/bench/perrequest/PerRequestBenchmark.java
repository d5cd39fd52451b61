package com.myparcel.auth.bench.perrequest;

import com.myparcel.auth.bench.Benchmark;
import com.myparcel.auth.bench.BenchmarkContext;
import com.myparcel.auth.bench.apps.ApiRequester;
import com.myparcel.auth.bench.apps.LoadApp;
import com.myparcel.auth.bench.harness.ChildFailure;
import com.myparcel.auth.bench.harness.ChildJvm;
import com.myparcel.auth.bench.harness.EmptyAgentJar;
import com.myparcel.auth.bench.harness.Figures;
import com.myparcel.auth.bench.harness.MarkdownTable;
import com.myparcel.auth.bench.harness.ResultReport;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Per-request cost with both JDK clients over keep-alive HTTPS on loopback, 1 and 8 client threads: an
 * application that sets {@code Authorization: Bearer <token>} itself without an agent (baseline), against
 * the same application setting nothing with the agent injecting the header. Both JVMs run side by side,
 * warm up in turn until both are steady, and measure short windows in turn (B A, A B, B A, ...), so that
 * the machine's drifts hit both. The control run ({@code per-request-control}) measures the same way with
 * no agent on either side: how far from 1.000 the machine's noise alone moves the ratios. The agent-mode run
 * ({@code per-request-agent-mode}) puts the baseline application under an agent that only registers a
 * retransform-capable transformer: what the JVM's agent mode costs a request, without this agent's work.
 * The idle-agent run ({@code per-request-agent-idle}) puts the baseline application under this agent,
 * configured for other API hosts: the agent started, its classes loaded and the JDK's classes
 * instrumented, its hooks called on every request, but no request authorized.
 */
public final class PerRequestBenchmark implements Benchmark {

    private static final String BASELINE = "baseline";
    static final List<String> CLIENTS = List.of("urlconnection", "httpclient");
    static final List<Integer> THREADS = List.of(1, 8);
    /** More than 8 threads' connections, so that HttpURLConnection's keep-alive cache never closes one. */
    static final String KEEP_ALIVE_CONNECTIONS = "-Dhttp.maxConnections=32";
    /** The idle agent's settings, given after the agent's usual ones (the last -D of a name wins). */
    private static final String AUTH_URL_OPTION = "-Dmyparcel.auth-url=";
    private static final String IDLE_AGENT_API_HOSTS = "-Dmyparcel.api-hosts=api.example.invalid";

    /** What the second JVM of each pair is. */
    public enum Second {
        /** This agent, the application setting no header. */
        AGENT("per-request", "agent",
                "Per request: keep-alive HTTPS throughput and latency, header set by the app vs. added by the agent"),
        /** A second baseline: an A/A run. */
        CONTROL("per-request-control", "control",
                "Per request, control: the same method with no agent on either side (the noise of the ratios)"),
        /** The baseline under an agent that only registers a retransform-capable transformer changing nothing. */
        AGENT_MODE("per-request-agent-mode", "agent mode",
                "Per request, agent mode: the baseline under an agent that only registers a no-op transformer"),
        /** The baseline under this agent, configured so that no request is its to authorize. */
        IDLE_AGENT("per-request-agent-idle", "idle agent",
                "Per request, idle agent: the baseline under this agent, configured for other API hosts");

        private final String benchmarkName;
        private final String label;
        private final String title;

        Second(String benchmarkName, String label, String title) {
            this.benchmarkName = benchmarkName;
            this.label = label;
            this.title = title;
        }
    }

    private final Second second;

    public PerRequestBenchmark(Second second) {
        this.second = second;
    }

    @Override
    public String name() {
        return second.benchmarkName;
    }

    @Override
    public String title() {
        return second.title;
    }

    /** The control runs are for judging the ratios of a real one; they run when named. */
    @Override
    public boolean inDefaultRun() {
        return second == Second.AGENT;
    }

    @Override
    public void run(BenchmarkContext context, ResultReport report) throws Exception {
        int windows = context.rounds(10, 3);
        double measuredSeconds = context.seconds(10, 1.5);
        long windowMillis = Math.round(measuredSeconds * 1000 / windows);
        int forks = context.forks();
        // At least long enough for the JIT (HttpClient with 8 threads still sped up after 8 s); at most long
        // enough that a JVM that never settles does not hold up the run.
        Warmup warmup = context.quick() ? new Warmup(1000, 3000) : new Warmup(10_000, 90_000);
        report.fact("Measured: `" + LoadApp.class.getName() + " <client> <threads> https://localhost:<port>/shipments`:"
                        + " each thread sends GETs back to back through one client (one shared HttpClient, HTTP/1.1;"
                        + " or a new HttpURLConnection per request, body read to the end so the connection is reused),"
                        + " latency of each request from `System.nanoTime()` before the call to the end of the body;"
                        + " the loopback server (JDK HttpsServer in the runner, TCP_NODELAY, 200 with a 46-byte JSON"
                        + " body) answers on kept-alive TLS connections")
                .fact("Baseline: no agent, the app sets `Authorization: Bearer <token>` itself. "
                        + describeSecond(context)
                        + " Both JVMs: `" + KEEP_ALIVE_CONNECTIONS + "`,"
                        + " the loopback trust store, default JVM options otherwise")
                .fact("Method: both JVMs started, then warmed up in turn (B A B A ..., one JVM at a time) in windows of "
                        + Warmup.WINDOW_MILLIS + " ms, verified and discarded, until each JVM's last " + SteadyState.WINDOWS
                        + " windows agree within " + Math.round(SteadyState.SPREAD * 100) + " % (at least "
                        + warmup.minMillis() / 1000 + " s, at most " + warmup.maxMillis() / 1000 + " s per JVM; the"
                        + " warm-up column says how long it took, and \"not steady\" if it hit the limit); then "
                        + windows + " windows of " + windowMillis + " ms per JVM, in pairs ordered B A, A B, B A, ... (one"
                        + " JVM at a time). Requests/s, p50 and p99: medians over each JVM's windows. Ratios ("
                        + second.label + " / baseline): medians over the pairs of the pair's ratio, so that the"
                        + " machine's drift cancels."
                        + (forks == 1 ? "" : " All of this " + forks + " times per case, each time with two fresh"
                                + " JVMs (forks, since each JVM's JIT makes its own code and more windows of one pair"
                                + " do not average that out): the ratios are medians over the forks of each fork's"
                                + " ratio (listed per fork), the absolute figures medians over all forks' windows.")
                        + " CPU per request: the JVM's CPU time in the window (all its threads, from the OS) over its"
                        + " requests. " + sharing(context))
                .fact("Valid window: every request answered 200, and the API server counted exactly as many requests"
                        + " with the expected token as the app made, none without. Targets: throughput ratio at least"
                        + " 0.98, p99 ratio at most 1.05");

        String other = second.label;
        List<String> columns = new ArrayList<>(List.of("client", "threads", "baseline req/s", other + " req/s",
                "throughput ratio", "baseline p50", other + " p50", "baseline p99", other + " p99", "p99 ratio",
                "baseline CPU/request", other + " CPU/request", "CPU ratio", "valid pairs", "warm-up", "targets met"));
        if (forks > 1) {
            columns.addAll(4, List.of("throughput ratio per fork", "p99 ratio per fork"));
        }
        MarkdownTable table = new MarkdownTable(columns.toArray(new String[0]));
        CpuByThread byThread = new CpuByThread(other);
        boolean profiling = context.profilesPerRequest() && context.profiler() != null;
        if (context.profilesPerRequest() && !profiling) {
            report.invalid("--profile: no async-profiler (the runner fetches it from Maven Central)");
        }
        FrameDifference frames = new FrameDifference(other, PairProfile.INTERVAL_MILLIS * 1_000_000L);
        Set<String> profilerEvents = new TreeSet<>();
        if (profiling) {
            Files.createDirectories(context.resultsDirectory());
        }
        List<String> agentModeOptions = second == Second.AGENT_MODE
                ? EmptyAgentJar.createTransforming(context.workDirectory()).options() : List.of();
        for (String client : CLIENTS) {
            for (int threads : THREADS) {
                if (!context.measuresCase(client, threads)) {
                    continue;
                }
                ForkedPairs pairs = new ForkedPairs();
                List<String> warmups = new ArrayList<>();
                FrameDifference.CaseProfiles profiles = new FrameDifference.CaseProfiles();
                for (int fork = 1; fork <= forks; fork++) {
                    String where = client + ", " + threads + " thread(s)" + (forks == 1 ? "" : ", fork " + fork);
                    PairProfile profile = !profiling ? null : new PairProfile(context.profiler(),
                            context.resultsDirectory(), name() + "-" + client + "-" + threads + "-fork" + fork
                                    + "-jdk" + Runtime.version().feature(), profiles, profilerEvents);
                    Measured measured = measure(context, report, new Case(client, threads, where), windows,
                            windowMillis, warmup, agentModeOptions, profile);
                    pairs.add(measured.pairs());
                    warmups.add(measured.warmup());
                }
                double throughputRatio = pairs.ratio(LoadWindow::requestsPerSecond);
                double p99Ratio = pairs.ratio(LoadWindow::p99Nanos);
                List<Object> cells = new ArrayList<>(List.of(client, threads,
                        Figures.perSecond(pairs.baselineMedian(LoadWindow::requestsPerSecond)),
                        Figures.perSecond(pairs.agentMedian(LoadWindow::requestsPerSecond)),
                        Figures.ratio(throughputRatio), Figures.micros(pairs.baselineMedian(LoadWindow::p50Nanos)),
                        Figures.micros(pairs.agentMedian(LoadWindow::p50Nanos)),
                        Figures.micros(pairs.baselineMedian(LoadWindow::p99Nanos)),
                        Figures.micros(pairs.agentMedian(LoadWindow::p99Nanos)), Figures.ratio(p99Ratio),
                        Figures.microsOneDecimal(pairs.baselineMedian(LoadWindow::cpuNanosPerRequest)),
                        Figures.microsOneDecimal(pairs.agentMedian(LoadWindow::cpuNanosPerRequest)),
                        Figures.ratio(pairs.ratio(LoadWindow::cpuNanosPerRequest)),
                        pairs.validPairs(), String.join("; ", warmups),
                        Double.isNaN(throughputRatio) || Double.isNaN(p99Ratio) ? "INVALID"
                                : "throughput " + Figures.yesNo(throughputRatio >= 0.98) + ", p99 "
                                        + Figures.yesNo(p99Ratio <= 1.05)));
                if (forks > 1) {
                    cells.addAll(4, List.of(pairs.describeForkRatios(LoadWindow::requestsPerSecond),
                            pairs.describeForkRatios(LoadWindow::p99Nanos)));
                }
                table.row(cells.toArray());
                byThread.add(client, threads, pairs.pooled());
                frames.addRows(client, threads, profiles);
            }
        }
        report.table(table);
        report.paragraph(CpuByThread.DESCRIPTION).table(byThread.table());
        if (profiling) {
            report.paragraph(FrameDifference.DESCRIPTION + "; async-profiler " + context.profiler().version()
                    + ", event `" + String.join("`, `", profilerEvents) + "`, every " + PairProfile.INTERVAL_MILLIS
                    + " ms.").table(frames.table());
        }
    }

    /** How client and server share the CPUs, which decides what moves the throughput and latency figures. */
    private static String sharing(BenchmarkContext context) {
        boolean oneCore = Runtime.getRuntime().availableProcessors() == 1;
        return context.pinnedCpus()
                .map(cpus -> "Client, server and runner are pinned to CPU " + cpus + " (`--cpus`, taskset); the JVMs"
                        + " see " + context.cores() + " and pick their defaults for that (on one core, the Serial GC)"
                        + (oneCore ? ". On one core they take turns: no request waits for a thread to be woken on"
                                + " another core, so throughput and latency follow the CPU each request costs" : ""))
                .orElse("The client and the server share the machine's " + context.cores() + ", so throughput and"
                        + " latency move with the machine's scheduling (on which core a thread is woken), CPU per"
                        + " request much less; `--cpus` pins them all to the same CPUs");
    }

    private String describeSecond(BenchmarkContext context) {
        return switch (second) {
            case AGENT -> "Agent: the app sets nothing, " + context.agent().describe() + ".";
            case CONTROL -> "Control: a second JVM exactly like the baseline, in the agent's place, so that any ratio"
                    + " away from 1.000 is the machine's noise.";
            case IDLE_AGENT -> "Idle agent: a second JVM like the baseline (the app sets its own header) with "
                    + context.agent().describe() + " and after it `" + AUTH_URL_OPTION
                    + "https://127.0.0.1:<port>/oauth/other-token " + IDLE_AGENT_API_HOSTS + "` (the later settings"
                    + " win: a token the API refuses, and API hosts the app never calls), in the agent's place: the"
                    + " agent started, the JDK's classes instrumented and its hooks called on every request, which it"
                    + " leaves as the application made it.";
            case AGENT_MODE -> "Agent mode: a second JVM like the baseline, with"
                    + " `-javaagent:<empty agent jar>=transformer` (`Can-Retransform-Classes: true`; premain"
                    + " registers a retransform-capable transformer that returns null), in the agent's place: the"
                    + " JVM's agent mode without this agent's work.";
        };
    }

    /** @param profile null unless {@code --profile} */
    private Measured measure(BenchmarkContext context, ResultReport report, Case measuredCase, int windows,
            long windowMillis, Warmup warmup, List<String> agentModeOptions, PairProfile profile) throws Exception {
        String client = measuredCase.client();
        String threads = String.valueOf(measuredCase.threads());
        String where = measuredCase.where();
        String url = context.myParcel().apiUrl();
        String ownAuthorization = "-D" + ApiRequester.OWN_AUTHORIZATION_PROPERTY + "="
                + context.myParcel().token().authorizationHeader();
        ChildJvm baselineJvm = ChildJvm.of(LoadApp.class, client, threads, url)
                .with(context.commonOptions()).with(KEEP_ALIVE_CONNECTIONS).with(ownAuthorization);
        ChildJvm secondJvm = ChildJvm.of(LoadApp.class, client, threads, url)
                .with(context.commonOptions()).with(KEEP_ALIVE_CONNECTIONS)
                .with(second == Second.AGENT ? context.agent().options() : List.of(ownAuthorization))
                .with(agentModeOptions);
        if (second == Second.IDLE_AGENT) {
            secondJvm.with(context.agent().options(AUTH_URL_OPTION + context.myParcel().otherTokenAuthUrl(),
                    IDLE_AGENT_API_HOSTS));
        }
        WindowPairs pairs = new WindowPairs();
        String warmedUp = "INVALID";
        try (LoadJvm baseline = LoadJvm.start(BASELINE, baselineJvm, context.myParcel());
                LoadJvm other = LoadJvm.start(second.label, secondJvm, context.myParcel())) {
            warmedUp = warmup.run(List.of(baseline, other), where);
            if (profile != null) {
                profile.start(baseline, other);
            }
            long[] requests = new long[2];
            for (int window = 0; window < windows; window++) {
                boolean baselineFirst = window % 2 == 0;
                LoadWindow earlier = measured(baselineFirst ? baseline : other, windowMillis, where, window, report);
                LoadWindow later = measured(baselineFirst ? other : baseline, windowMillis, where, window, report);
                LoadWindow baselineWindow = baselineFirst ? earlier : later;
                LoadWindow otherWindow = baselineFirst ? later : earlier;
                pairs.add(baselineWindow, otherWindow);
                requests[0] += baselineWindow == null ? 0 : baselineWindow.requests();
                requests[1] += otherWindow == null ? 0 : otherWindow.requests();
            }
            if (profile != null) {
                profile.stop(baseline, requests[0], other, requests[1]);
            }
            baseline.finish();
            other.finish();
        } catch (ChildFailure e) {
            report.invalid(where + ": " + e.getMessage());
        }
        return new Measured(pairs, warmedUp);
    }

    /** One client and thread count, in one fork ({@code where} names it in the log and the report). */
    private record Case(String client, int threads, String where) {
    }

    /** One case's measured windows, and how long its warm-up took. */
    private record Measured(WindowPairs pairs, String warmup) {
    }

    /** One verified window, or null (and an INVALID line in the report). */
    private static LoadWindow measured(LoadJvm jvm, long windowMillis, String where, int window, ResultReport report)
            throws Exception {
        try {
            LoadWindow measured = jvm.window(windowMillis);
            System.err.println("per-request: " + where + ", " + jvm.label() + ", window " + window + ": "
                    + Figures.perSecond(measured.requestsPerSecond()) + ", p50 " + Figures.micros(measured.p50Nanos())
                    + ", p99 " + Figures.micros(measured.p99Nanos()));
            return measured;
        } catch (ChildFailure e) {
            report.invalid(where + ", " + jvm.label() + ", window " + window + ": " + e.getMessage());
            return null;
        }
    }
}
