package com.myparcel.auth.bench;

import com.myparcel.auth.bench.footprint.FootprintBenchmark;
import com.myparcel.auth.bench.harness.AgentJarInfo;
import com.myparcel.auth.bench.harness.AsyncProfiler;
import com.myparcel.auth.bench.harness.BenchToken;
import com.myparcel.auth.bench.harness.LoopbackMyParcel;
import com.myparcel.auth.bench.harness.OpenTelemetryAgent;
import com.myparcel.auth.bench.harness.ResultReport;
import com.myparcel.auth.bench.harness.SelfSignedCertificate;
import com.myparcel.auth.bench.harness.ThisAgent;
import com.myparcel.auth.bench.perrequest.AgentCpuBenchmark;
import com.myparcel.auth.bench.perrequest.PerRequestBenchmark;
import com.myparcel.auth.bench.startup.StartupBenchmark;
import com.myparcel.auth.bench.storm.RefreshStormBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the child-JVM benchmarks named on the command line (all by default) against one loopback
 * MyParcel.com, and publishes each one's Markdown table. Exit code 2 when any run was INVALID.
 * Started by {@code scripts/benchmarks}; see {@link BenchmarkOptions} for the arguments.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmarks: " + e.getMessage());
            System.exit(64);
            return;
        }
        Map<String, Benchmark> known = new LinkedHashMap<>();
        for (Benchmark benchmark : List.of(new PerRequestBenchmark(PerRequestBenchmark.Second.AGENT),
                new PerRequestBenchmark(PerRequestBenchmark.Second.CONTROL),
                new PerRequestBenchmark(PerRequestBenchmark.Second.AGENT_MODE),
                new PerRequestBenchmark(PerRequestBenchmark.Second.IDLE_AGENT),
                new AgentCpuBenchmark(), new StartupBenchmark(),
                new RefreshStormBenchmark(), new FootprintBenchmark())) {
            known.put(benchmark.name(), benchmark);
        }
        List<Benchmark> selected = new ArrayList<>();
        List<String> names = new ArrayList<>(options.benchmarks());
        if (names.isEmpty()) {
            known.values().stream().filter(Benchmark::inDefaultRun).forEach(benchmark -> names.add(benchmark.name()));
        }
        for (String name : names) {
            if (!known.containsKey(name)) {
                System.err.println("benchmarks: unknown benchmark '" + name + "' (known: " + known.keySet() + ")");
                System.exit(64);
            }
            selected.add(known.get(name));
        }
        if (!Files.isRegularFile(options.agentJar())) {
            System.err.println("benchmarks: no agent jar at " + options.agentJar());
            System.exit(64);
        }

        Path work = Files.createTempDirectory("myparcel-bench-");
        boolean anyInvalid = false;
        try {
            SelfSignedCertificate certificate = SelfSignedCertificate.create(work);
            try (LoopbackMyParcel myParcel = LoopbackMyParcel.start(certificate, BenchToken.issue(Duration.ofHours(1)))) {
                BenchmarkContext context = new BenchmarkContext(options, work, certificate, myParcel,
                        ThisAgent.create(options.agentJar(), work, myParcel), AgentJarInfo.of(options.agentJar()),
                        options.earlierJar() == null ? null : AgentJarInfo.of(options.earlierJar()),
                        options.otelJar() == null ? null : new OpenTelemetryAgent(options.otelJar()),
                        options.profilerJar() == null ? null : AsyncProfiler.extract(options.profilerJar(), work));
                for (Benchmark benchmark : selected) {
                    anyInvalid |= runAndPublish(benchmark, context, options);
                }
            }
        } finally {
            deleteRecursively(work);
        }
        System.exit(anyInvalid ? 2 : 0);
    }

    /** Runs one benchmark and publishes its report; whether it holds INVALID runs. */
    private static boolean runAndPublish(Benchmark benchmark, BenchmarkContext context, BenchmarkOptions options)
            throws IOException {
        ResultReport report = context.newReport(benchmark, benchmark.title());
        System.err.println("benchmarks: running " + benchmark.name() + (options.quick() ? " (quick)" : ""));
        try {
            benchmark.run(context, report);
        } catch (Exception e) {
            report.invalid("the benchmark stopped: " + stackTrace(e));
        }
        Path file = report.publish(options.resultsDirectory());
        System.err.println("benchmarks: wrote " + file);
        return report.isInvalid();
    }

    private static String stackTrace(Exception e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
