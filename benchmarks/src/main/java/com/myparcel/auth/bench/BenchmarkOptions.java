package com.myparcel.auth.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner's command line: {@code --agent-jar PATH [--earlier-jar PATH] [--otel-jar PATH]
 * [--profiler-jar PATH] [--results DIR]
 * [--quick] [--rounds N] [--seconds S] [--forks N] [--case CLIENT-THREADS ...] [--profile] [benchmark ...]}.
 * {@code --earlier-jar}: another build of the agent that start-up measures in the same run, so that a before
 * and after are not two runs on a machine whose speed drifts. {@code --rounds} overrides the number of alternating
 * rounds (per-request: measurement windows per configuration), {@code --seconds} the per-request
 * measured time per configuration, {@code --forks} how many fresh pairs of JVMs per-request measures each case
 * with (each JVM's JIT decisions are its own, and no number of windows in one pair averages them out).
 * {@code --profiler-jar}: async-profiler's Maven jar, for agent-cpu and {@code --profile}. {@code --case} (repeatable, such as
 * {@code httpclient-1}): the per-request cases to measure, when not all of them, so that one case can be given
 * many forks. {@code --profile}: per-request also samples both JVMs of each fork with async-profiler while it
 * measures, and shows the frames of the application's threads whose CPU per request differs most.
 */
record BenchmarkOptions(Path agentJar, Path earlierJar, Path otelJar, Path profilerJar, Path resultsDirectory,
        boolean quick, Integer rounds, Double seconds, Integer forks, List<String> cases, boolean profile,
        List<String> benchmarks) {

    static BenchmarkOptions parse(String[] args) {
        Path agentJar = null;
        Path earlierJar = null;
        Path otelJar = null;
        Path profilerJar = null;
        Path results = Path.of("benchmarks", "target", "results");
        boolean quick = false;
        Integer rounds = null;
        Double seconds = null;
        Integer forks = null;
        List<String> cases = new ArrayList<>();
        boolean profile = false;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--agent-jar" -> agentJar = Path.of(args[++i]).toAbsolutePath();
                case "--earlier-jar" -> earlierJar = Path.of(args[++i]).toAbsolutePath();
                case "--otel-jar" -> otelJar = Path.of(args[++i]).toAbsolutePath();
                case "--profiler-jar" -> profilerJar = Path.of(args[++i]).toAbsolutePath();
                case "--results" -> results = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--forks" -> forks = Integer.parseInt(args[++i]);
                case "--case" -> cases.add(args[++i]);
                case "--profile" -> profile = true;
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    names.add(args[i]);
                }
            }
        }
        if (agentJar == null) {
            throw new IllegalArgumentException("--agent-jar PATH is required");
        }
        return new BenchmarkOptions(agentJar, earlierJar, otelJar, profilerJar, results, quick, rounds, seconds,
                forks, List.copyOf(cases), profile, List.copyOf(names));
    }

    /** The runner options that change figures, as a reproduce command shows them. */
    String describeForCommand() {
        StringBuilder out = new StringBuilder();
        if (quick) {
            out.append(" --quick");
        }
        if (rounds != null) {
            out.append(" --rounds ").append(rounds);
        }
        if (seconds != null) {
            out.append(" --seconds ").append(seconds);
        }
        if (forks != null) {
            out.append(" --forks ").append(forks);
        }
        cases.forEach(selected -> out.append(" --case ").append(selected));
        if (profile) {
            out.append(" --profile");
        }
        return out.toString();
    }
}
