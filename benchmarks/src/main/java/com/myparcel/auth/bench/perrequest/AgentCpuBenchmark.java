package com.myparcel.auth.bench.perrequest;

import com.myparcel.auth.bench.Benchmark;
import com.myparcel.auth.bench.BenchmarkContext;
import com.myparcel.auth.bench.apps.LoadApp;
import com.myparcel.auth.bench.harness.AsyncProfiler;
import com.myparcel.auth.bench.harness.ChildFailure;
import com.myparcel.auth.bench.harness.ChildJvm;
import com.myparcel.auth.bench.harness.Figures;
import com.myparcel.auth.bench.harness.MarkdownTable;
import com.myparcel.auth.bench.harness.ResultReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent's own CPU cost per request, where the per-request A/B ratios cannot resolve it: the agent JVM
 * of {@link PerRequestBenchmark} runs the same load alone, and async-profiler samples its CPU time after
 * the warm-up. The agent's share is the fraction of samples with an agent frame on the stack (the JDK
 * methods it calls included), and its time per request that share of the JVM's CPU time per request.
 */
public final class AgentCpuBenchmark implements Benchmark {

    private static final int INTERVAL_MILLIS = 1;

    @Override
    public String name() {
        return "agent-cpu";
    }

    @Override
    public String title() {
        return "Agent CPU per request: the agent's share of a sampled CPU profile under the per-request load";
    }

    @Override
    public void run(BenchmarkContext context, ResultReport report) throws Exception {
        AsyncProfiler profiler = context.profiler();
        if (profiler == null) {
            report.invalid("no async-profiler (the runner fetches tools.profiler:async-profiler from Maven Central)");
            return;
        }
        int windows = context.rounds(10, 3);
        long windowMillis = Math.round(context.seconds(20, 3) * 1000 / windows);
        Warmup warmup = context.quick() ? new Warmup(1000, 3000) : new Warmup(10_000, 90_000);
        report.fact("Measured: the agent JVM of per-request (`" + LoadApp.class.getName()
                        + " <client> <threads> https://localhost:<port>/shipments`, the app sets no header, "
                        + context.agent().describe() + ") alone, warmed up as there (1 s windows until the last "
                        + SteadyState.WINDOWS + " agree within " + Math.round(SteadyState.SPREAD * 100) + " %, "
                        + warmup.minMillis() / 1000 + " to " + warmup.maxMillis() / 1000 + " s), then " + windows
                        + " windows of " + windowMillis + " ms sampled by async-profiler " + profiler.version()
                        + " (the JVM's CPU time, every thread, every " + INTERVAL_MILLIS + " ms: event `cpu` where"
                        + " perf_events are allowed, else `itimer`), loaded and stopped with"
                        + " `jcmd <pid> JVMTI.agent_load`")
                .fact("Agent share: samples with a frame of `com.myparcel.auth.agent` (its shaded libraries included)"
                        + " on the stack, over all samples, so that a JDK method the agent calls counts as the agent's;"
                        + " not where the agent only hands a response on (`CompletableFuture.postComplete` below its"
                        + " last frame: the application's dependents, and waking the thread in `send`, which the JDK's"
                        + " own future does without the agent). Of it, setting the header: the agent's samples in the"
                        + " JDK's `setRequestProperty`, which the baseline application calls itself with the same"
                        + " header. Agent CPU/request: the share of the JVM's CPU time per request (from the OS, over"
                        + " the sampled windows); beyond the header: without that part. The per-request throughput"
                        + " target (within 2 %) holds when the share stays under 2 %")
                .fact("Valid: every request answered 200 and reached the API server with the expected token")
                .fact("The samples are kept beside this report (`agent-cpu-<client>-<threads>-jdk<N>.collapsed`, one"
                        + " stack per line with its count), for a flame graph or a closer look");

        MarkdownTable table = new MarkdownTable("client", "threads", "samples", "agent share",
                "of it, setting the header", "JVM CPU/request", "agent CPU/request",
                "agent CPU/request beyond the header", "agent methods with the most samples", "warm-up");
        Files.createDirectories(context.resultsDirectory());
        Set<String> events = new TreeSet<>();
        for (String client : PerRequestBenchmark.CLIENTS) {
            for (int threads : PerRequestBenchmark.THREADS) {
                String where = client + ", " + threads + " thread(s)";
                ChildJvm jvm = ChildJvm.of(LoadApp.class, client, String.valueOf(threads), context.myParcel().apiUrl())
                        .with(context.commonOptions()).with(PerRequestBenchmark.KEEP_ALIVE_CONNECTIONS)
                        .with(context.agent().options());
                Path collapsed = context.resultsDirectory().toAbsolutePath().resolve(
                        "agent-cpu-" + client + "-" + threads + "-jdk" + Runtime.version().feature() + ".collapsed");
                try (LoadJvm agent = LoadJvm.start("agent", jvm, context.myParcel())) {
                    String warmedUp = warmup.run(List.of(agent), where);
                    long requests = 0;
                    long cpuNanos = 0;
                    events.add(profiler.start(agent.pid(), INTERVAL_MILLIS));
                    for (int window = 0; window < windows; window++) {
                        LoadWindow measured = agent.window(windowMillis);
                        requests += measured.requests();
                        // -1: the OS did not say; the per-request figures are then n/a
                        cpuNanos = cpuNanos < 0 || measured.cpuNanos() < 0 ? -1 : cpuNanos + measured.cpuNanos();
                    }
                    profiler.stop(agent.pid(), collapsed);
                    agent.finish();
                    CollapsedStacks stacks = CollapsedStacks.read(collapsed);
                    double cpuPerRequest = cpuNanos < 0 ? Double.NaN : (double) cpuNanos / requests;
                    System.err.println("agent-cpu: " + where + ": " + Figures.percent(stacks.agentShare()) + " of "
                            + stacks.samples() + " samples");
                    double beyondHeader = stacks.agentShare() - stacks.headerShare();
                    table.row(client, threads, stacks.samples(), Figures.percent(stacks.agentShare()),
                            Figures.percent(stacks.headerShare()), Figures.microsTwoDecimals(cpuPerRequest),
                            Figures.microsTwoDecimals(stacks.agentShare() * cpuPerRequest),
                            Figures.microsTwoDecimals(beyondHeader * cpuPerRequest),
                            stacks.topAgentMethods(3), warmedUp);
                } catch (ChildFailure e) {
                    report.invalid(where + ": " + e.getMessage());
                }
            }
        }
        report.fact("Sampled with async-profiler's `" + String.join("`, `", events) + "` event").table(table);
    }
}
