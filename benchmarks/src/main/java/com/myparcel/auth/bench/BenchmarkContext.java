package com.myparcel.auth.bench;

import com.myparcel.auth.bench.harness.AgentJarInfo;
import com.myparcel.auth.bench.harness.AsyncProfiler;
import com.myparcel.auth.bench.harness.CpuAffinity;
import com.myparcel.auth.bench.harness.LoopbackMyParcel;
import com.myparcel.auth.bench.harness.OpenTelemetryAgent;
import com.myparcel.auth.bench.harness.ResultReport;
import com.myparcel.auth.bench.harness.SelfSignedCertificate;
import com.myparcel.auth.bench.harness.ThisAgent;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What every benchmark shares: options, the loopback MyParcel.com, the agents, a work directory. */
public final class BenchmarkContext {

    private final BenchmarkOptions options;
    private final Path workDirectory;
    private final SelfSignedCertificate certificate;
    private final LoopbackMyParcel myParcel;
    private final ThisAgent agent;
    private final AgentJarInfo agentJarInfo;
    private final ThisAgent earlierAgent;
    private final AgentJarInfo earlierJarInfo;
    private final OpenTelemetryAgent openTelemetry;
    private final AsyncProfiler profiler;
    private final Optional<String> pinnedCpus = CpuAffinity.pinnedCpus();

    BenchmarkContext(BenchmarkOptions options, Path workDirectory, SelfSignedCertificate certificate,
            LoopbackMyParcel myParcel, ThisAgent agent, AgentJarInfo agentJarInfo, AgentJarInfo earlierJarInfo,
            OpenTelemetryAgent openTelemetry, AsyncProfiler profiler) {
        this.options = options;
        this.workDirectory = workDirectory;
        this.certificate = certificate;
        this.myParcel = myParcel;
        this.agent = agent;
        this.agentJarInfo = agentJarInfo;
        this.earlierAgent = earlierJarInfo == null ? null : agent.withJar(earlierJarInfo.path());
        this.earlierJarInfo = earlierJarInfo;
        this.openTelemetry = openTelemetry;
        this.profiler = profiler;
    }

    public boolean quick() {
        return options.quick();
    }

    /** {@code --rounds} if given, else the benchmark's default for a full or a quick run. */
    public int rounds(int full, int quick) {
        return options.rounds() != null ? options.rounds() : quick() ? quick : full;
    }

    /** {@code --forks} if given, else 1. */
    public int forks() {
        return options.forks() != null ? Math.max(1, options.forks()) : 1;
    }

    /** {@code --profile}: whether per-request samples both JVMs while it measures. */
    public boolean profilesPerRequest() {
        return options.profile();
    }

    /** Whether per-request measures {@code client} with {@code threads}: all cases unless {@code --case} names some. */
    public boolean measuresCase(String client, int threads) {
        return options.cases().isEmpty() || options.cases().contains(client + "-" + threads);
    }

    /** {@code --seconds} if given, else the benchmark's default for a full or a quick run. */
    public double seconds(double full, double quick) {
        return options.seconds() != null ? options.seconds() : quick() ? quick : full;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    /** Where reports go, and any raw data a benchmark keeps beside its report. */
    public Path resultsDirectory() {
        return options.resultsDirectory();
    }

    public LoopbackMyParcel myParcel() {
        return myParcel;
    }

    public ThisAgent agent() {
        return agent;
    }

    public AgentJarInfo agentJarInfo() {
        return agentJarInfo;
    }

    /** Another build of the agent, with the same settings; null when the runner was given no {@code --earlier-jar}. */
    public ThisAgent earlierAgent() {
        return earlierAgent;
    }

    /** Null when the runner was given no {@code --earlier-jar}. */
    public AgentJarInfo earlierJarInfo() {
        return earlierJarInfo;
    }

    /** Null when the runner was given no {@code --otel-jar}. */
    public OpenTelemetryAgent openTelemetry() {
        return openTelemetry;
    }

    /** Null when the runner was given no {@code --profiler-jar}. */
    public AsyncProfiler profiler() {
        return profiler;
    }

    /** The CPUs the runner and its child JVMs are pinned to ({@code --cpus}), or empty when not pinned. */
    public Optional<String> pinnedCpus() {
        return pinnedCpus;
    }

    /** Options every child gets, with or without an agent: trust in the loopback certificate. */
    public List<String> commonOptions() {
        return certificate.trustOptions();
    }

    /** A report whose first lines say on what it ran and how to run it again. */
    ResultReport newReport(Benchmark benchmark, String title) {
        String cores = cores();
        return new ResultReport(benchmark.name(), title + " (JDK " + System.getProperty("java.vm.version") + ", "
                + cores + ")")
                .fact("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                        + " (`" + System.getProperty("java.home") + "`), " + cores + " available"
                        + pinnedCpus.map(cpus -> " (runner and child JVMs pinned to CPU " + cpus + " by taskset)").orElse("")
                        + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                        + "; run " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .fact("Agent jar: " + agentJarInfo.describe())
                .fact("Reproduce: `scripts/benchmarks" + options.describeForCommand()
                        + pinnedCpus.map(cpus -> " --cpus " + cpus).orElse("") + " --jdk "
                        + System.getProperty("java.home") + " --agent-jar " + agentJarInfo.path()
                        + (earlierJarInfo == null ? "" : " --earlier-jar " + earlierJarInfo.path()) + " "
                        + benchmark.name() + "`");
    }

    /** The cores the JVMs see ({@code 1 core}, {@code 2 cores}): the machine's, or those the run is pinned to. */
    public String cores() {
        int count = Runtime.getRuntime().availableProcessors();
        return count == 1 ? "1 core" : count + " cores";
    }
}
