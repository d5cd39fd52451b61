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
import com.myparcel.auth.bench.harness.Samples;
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
        int windows = context.rounds(5, 3);
        double measuredSeconds = context.seconds(10, 1.5);
        long windowMillis = Math.round(measuredSeconds * 1000 / windows);
        // Long enough on two cores for HttpClient with 8 threads to stop speeding up between windows.
        long warmupMillis = context.quick() ? 1000 : 8000;
        report.fact("Measured: `" + LoadApp.class.getName() + " <client> <threads> https://localhost:<port>/shipments`:"
                        + " each thread sends GETs back to back through one client (one shared HttpClient, HTTP/1.1;"
                        + " or a new HttpURLConnection per request, body read to the end so the connection is reused),"
                        + " latency of each request from `System.nanoTime()` before the call to the end of the body;"
                        + " the loopback server (JDK HttpsServer in the runner, TCP_NODELAY, 200 with a 46-byte JSON body) answers"
                        + " on kept-alive TLS connections")
                .fact("Baseline: no agent, the app sets `Authorization: Bearer <token>` itself. Agent: the app sets"
                        + " nothing, " + context.agent().describe() + ". Both JVMs: `" + KEEP_ALIVE_CONNECTIONS + "`,"
                        + " the loopback trust store, default JVM options otherwise")
                .fact("Method: both JVMs started and warmed up (" + warmupMillis + " ms each, verified, discarded), then "
                        + windows + " windows of " + windowMillis + " ms per JVM, alternating B A, A B, ... (one JVM"
                        + " at a time); figures are medians over windows of each window's requests/s, p50 and p99")
                .fact("Valid window: every request answered 200, and the API server counted exactly as many requests"
                        + " with the expected token as the app made, none without. Targets: throughput ratio (agent /"
                        + " baseline) at least 0.98, p99 ratio at most 1.05");

        MarkdownTable table = new MarkdownTable("client", "threads", "baseline req/s", "agent req/s",
                "throughput ratio", "baseline p50", "agent p50", "baseline p99", "agent p99", "p99 ratio",
                "valid windows (B / A)", "targets met");
        for (String client : CLIENTS) {
            for (int threads : THREADS) {
                Samples rate = new Samples();
                Samples p50 = new Samples();
                Samples p99 = new Samples();
                measure(context, report, client, threads, windows, windowMillis, warmupMillis, rate, p50, p99);
                double throughputRatio = rate.median(AGENT) / rate.median(BASELINE);
                double p99Ratio = p99.median(AGENT) / p99.median(BASELINE);
                table.row(client, threads, Figures.perSecond(rate.median(BASELINE)), Figures.perSecond(rate.median(AGENT)),
                        Figures.ratio(throughputRatio), Figures.micros(p50.median(BASELINE)),
                        Figures.micros(p50.median(AGENT)), Figures.micros(p99.median(BASELINE)),
                        Figures.micros(p99.median(AGENT)), Figures.ratio(p99Ratio),
                        rate.runs(BASELINE) + " / " + rate.runs(AGENT),
                        Double.isNaN(throughputRatio) || Double.isNaN(p99Ratio) ? "INVALID"
                                : "throughput " + Figures.yesNo(throughputRatio >= 0.98) + ", p99 "
                                        + Figures.yesNo(p99Ratio <= 1.05));
            }
        }
        report.table(table);
    }

    private static void measure(BenchmarkContext context, ResultReport report, String client, int threads, int windows,
            long windowMillis, long warmupMillis, Samples rate, Samples p50, Samples p99) throws Exception {
        String url = context.myParcel().apiUrl();
        ChildJvm baselineJvm = ChildJvm.of(LoadApp.class, client, String.valueOf(threads), url)
                .with(context.commonOptions()).with(KEEP_ALIVE_CONNECTIONS)
                .with("-D" + ApiRequester.OWN_AUTHORIZATION_PROPERTY + "="
                        + context.myParcel().token().authorizationHeader());
        ChildJvm agentJvm = ChildJvm.of(LoadApp.class, client, String.valueOf(threads), url)
                .with(context.commonOptions()).with(KEEP_ALIVE_CONNECTIONS).with(context.agent().options());
        String where = client + ", " + threads + " thread(s)";
        try (LoadJvm baseline = LoadJvm.start(BASELINE, baselineJvm, context.myParcel());
                LoadJvm agent = LoadJvm.start(AGENT, agentJvm, context.myParcel())) {
            baseline.window(warmupMillis);
            agent.window(warmupMillis);
            for (int window = 0; window < windows; window++) {
                List<LoadJvm> order = window % 2 == 0 ? List.of(baseline, agent) : List.of(agent, baseline);
                for (LoadJvm jvm : order) {
                    try {
                        LoadWindow measured = jvm.window(windowMillis);
                        System.err.println("per-request: " + where + ", " + jvm.label() + ", window " + window + ": "
                                + Figures.perSecond(measured.requestsPerSecond()) + ", p50 "
                                + Figures.micros(measured.p50Nanos()) + ", p99 " + Figures.micros(measured.p99Nanos()));
                        rate.add(jvm.label(), measured.requestsPerSecond());
                        p50.add(jvm.label(), measured.p50Nanos());
                        p99.add(jvm.label(), measured.p99Nanos());
                    } catch (ChildFailure e) {
                        rate.invalidRun(jvm.label());
                        report.invalid(where + ", window " + window + ": " + e.getMessage());
                    }
                }
            }
            baseline.finish();
            agent.finish();
        } catch (ChildFailure e) {
            report.invalid(where + ": " + e.getMessage());
        }
    }
}
