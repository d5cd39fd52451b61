package com.myparcel.auth.bench.perrequest;

import com.myparcel.auth.bench.Benchmark;
import com.myparcel.auth.bench.BenchmarkContext;
import com.myparcel.auth.bench.apps.ApiRequester;
import com.myparcel.auth.bench.apps.LoadApp;
import com.myparcel.auth.bench.harness.ChildFailure;
import com.myparcel.auth.bench.harness.ChildJvm;
import com.myparcel.auth.bench.harness.Figures;
import com.myparcel.auth.bench.harness.MarkdownTable;
import com.myparcel.auth.bench.harness.ResultReport;
import java.util.List;

/**
 * Per-request cost with both JDK clients over keep-alive HTTPS on loopback, 1 and 8 client threads: an
 * application that sets {@code Authorization: Bearer <token>} itself without an agent (baseline), against
 * the same application setting nothing with the agent injecting the header. Both JVMs run side by side,
 * warmed up, and measure short windows in turn (B A, A B, B A, ...), so that the machine's drifts hit both.
 */
public final class PerRequestBenchmark implements Benchmark {

    private static final String BASELINE = "baseline";
    private static final String AGENT = "agent";
    private static final List<String> CLIENTS = List.of("urlconnection", "httpclient");
    private static final List<Integer> THREADS = List.of(1, 8);
    /** More than 8 threads' connections, so that HttpURLConnection's keep-alive cache never closes one. */
    private static final String KEEP_ALIVE_CONNECTIONS = "-Dhttp.maxConnections=32";

    @Override
    public String name() {
        return "per-request";
    }

    @Override
    public String title() {
        return "Per request: keep-alive HTTPS throughput and latency, header set by the app vs. added by the agent";
    }

    @Override
    public void run(BenchmarkContext context, ResultReport report) throws Exception {
        int windows = context.rounds(10, 3);
        double measuredSeconds = context.seconds(10, 1.5);
        long windowMillis = Math.round(measuredSeconds * 1000 / windows);
        // Long enough on two cores for HttpClient with 8 threads to stop speeding up between windows: after
        // 8 s both JVMs still went from about 3,000 to 11,000 requests/s during the measured windows.
        long warmupMillis = context.quick() ? 1000 : 30_000;
        report.fact("Measured: `" + LoadApp.class.getName() + " <client> <threads> https://localhost:<port>/shipments`:"
                        + " each thread sends GETs back to back through one client (one shared HttpClient, HTTP/1.1;"
                        + " or a new HttpURLConnection per request, body read to the end so the connection is reused),"
                        + " latency of each request from `System.nanoTime()` before the call to the end of the body;"
                        + " the loopback server (JDK HttpsServer in the runner, TCP_NODELAY, 200 with a 46-byte JSON"
                        + " body) answers on kept-alive TLS connections")
                .fact("Baseline: no agent, the app sets `Authorization: Bearer <token>` itself. Agent: the app sets"
                        + " nothing, " + context.agent().describe() + ". Both JVMs: `" + KEEP_ALIVE_CONNECTIONS + "`,"
                        + " the loopback trust store, default JVM options otherwise")
                .fact("Method: both JVMs started and warmed up (" + warmupMillis + " ms each, verified, discarded), then "
                        + windows + " windows of " + windowMillis + " ms per JVM, in pairs ordered B A, A B, B A, ... (one"
                        + " JVM at a time). Requests/s, p50 and p99: medians over each JVM's windows. Ratios (agent /"
                        + " baseline): medians over the pairs of the pair's ratio, so that the machine's drift cancels")
                .fact("Valid window: every request answered 200, and the API server counted exactly as many requests"
                        + " with the expected token as the app made, none without. Targets: throughput ratio at least"
                        + " 0.98, p99 ratio at most 1.05");

        MarkdownTable table = new MarkdownTable("client", "threads", "baseline req/s", "agent req/s",
                "throughput ratio", "baseline p50", "agent p50", "baseline p99", "agent p99", "p99 ratio",
                "valid pairs", "targets met");
        for (String client : CLIENTS) {
            for (int threads : THREADS) {
                WindowPairs pairs = measure(context, report, client, threads, windows, windowMillis, warmupMillis);
                double throughputRatio = pairs.ratio(LoadWindow::requestsPerSecond);
                double p99Ratio = pairs.ratio(LoadWindow::p99Nanos);
                table.row(client, threads, Figures.perSecond(pairs.baselineMedian(LoadWindow::requestsPerSecond)),
                        Figures.perSecond(pairs.agentMedian(LoadWindow::requestsPerSecond)),
                        Figures.ratio(throughputRatio), Figures.micros(pairs.baselineMedian(LoadWindow::p50Nanos)),
                        Figures.micros(pairs.agentMedian(LoadWindow::p50Nanos)),
                        Figures.micros(pairs.baselineMedian(LoadWindow::p99Nanos)),
                        Figures.micros(pairs.agentMedian(LoadWindow::p99Nanos)), Figures.ratio(p99Ratio),
                        pairs.validPairs(),
                        Double.isNaN(throughputRatio) || Double.isNaN(p99Ratio) ? "INVALID"
                                : "throughput " + Figures.yesNo(throughputRatio >= 0.98) + ", p99 "
                                        + Figures.yesNo(p99Ratio <= 1.05));
            }
        }
        report.table(table);
    }

    private static WindowPairs measure(BenchmarkContext context, ResultReport report, String client, int threads,
            int windows, long windowMillis, long warmupMillis) throws Exception {
        String url = context.myParcel().apiUrl();
        ChildJvm baselineJvm = ChildJvm.of(LoadApp.class, client, String.valueOf(threads), url)
                .with(context.commonOptions()).with(KEEP_ALIVE_CONNECTIONS)
                .with("-D" + ApiRequester.OWN_AUTHORIZATION_PROPERTY + "="
                        + context.myParcel().token().authorizationHeader());
        ChildJvm agentJvm = ChildJvm.of(LoadApp.class, client, String.valueOf(threads), url)
                .with(context.commonOptions()).with(KEEP_ALIVE_CONNECTIONS).with(context.agent().options());
        String where = client + ", " + threads + " thread(s)";
        WindowPairs pairs = new WindowPairs();
        try (LoadJvm baseline = LoadJvm.start(BASELINE, baselineJvm, context.myParcel());
                LoadJvm agent = LoadJvm.start(AGENT, agentJvm, context.myParcel())) {
            baseline.window(warmupMillis);
            agent.window(warmupMillis);
            for (int window = 0; window < windows; window++) {
                boolean baselineFirst = window % 2 == 0;
                LoadWindow first = measured(baselineFirst ? baseline : agent, windowMillis, where, window, report);
                LoadWindow second = measured(baselineFirst ? agent : baseline, windowMillis, where, window, report);
                pairs.add(baselineFirst ? first : second, baselineFirst ? second : first);
            }
            baseline.finish();
            agent.finish();
        } catch (ChildFailure e) {
            report.invalid(where + ": " + e.getMessage());
        }
        return pairs;
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
