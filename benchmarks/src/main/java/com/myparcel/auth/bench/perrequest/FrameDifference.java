package com.myparcel.auth.bench.perrequest;

import com.myparcel.auth.bench.harness.Figures;
import com.myparcel.auth.bench.harness.MarkdownTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code --profile}: where the two JVMs' application threads spend their CPU per request, frame by frame.
 * Both JVMs of each fork are sampled by async-profiler (thread names on) over the same measured windows;
 * each frame's self samples on the {@code load-} threads, times the sampling interval, over the requests
 * of those windows, is its CPU per request. The table shows the frames that differ most between the two.
 */
final class FrameDifference {

    static final String DESCRIPTION = "Frames of the application's threads (`load-`) whose CPU per request differs"
            + " most between the two JVMs (`--profile`): both JVMs of every fork sampled by async-profiler over the"
            + " measured windows (CPU time, every thread, with thread names); a frame's self samples times the"
            + " sampling interval, over the requests of those windows, summed over the forks. Kernel frames end in"
            + " `_[k]`; lambda and address suffixes are dropped so that the two JVMs' names match. \"Under a frame of"
            + " this agent\": the samples with one of its frames anywhere on the stack. The samples are"
            + " kept beside this report (`<benchmark>-<client>-<threads>-fork<N>-jdk<N>-<baseline|second>.collapsed`)";

    private static final String APPLICATION_THREAD = "[load-";
    private static final int INCREASES_SHOWN = 8;
    private static final int DECREASES_SHOWN = 3;

    private final MarkdownTable table;
    private final long intervalNanos;

    FrameDifference(String secondLabel, long intervalNanos) {
        this.table = new MarkdownTable("client", "threads", "frame (self)", "baseline CPU/request",
                secondLabel + " CPU/request", "difference");
        this.intervalNanos = intervalNanos;
    }

    MarkdownTable table() {
        return table;
    }

    /** One case's profiles, both JVMs of every fork: collected by {@link #add}, then shown by {@link #addRows}. */
    static final class CaseProfiles {

        private final Map<String, long[]> selfSamples = new HashMap<>();
        private final long[] samples = new long[2];
        /** Samples with a frame of this agent anywhere on the stack (the JDK methods it calls included). */
        private final long[] agentSamples = new long[2];
        private final long[] requests = new long[2];

        /** @param side 0 for the baseline, 1 for the second JVM */
        void add(int side, Path collapsed, long sideRequests) throws IOException {
            requests[side] += sideRequests;
            for (CollapsedStacks.Stack stack : CollapsedStacks.stacks(collapsed)) {
                String frames = stack.frames();
                if (!frames.startsWith(APPLICATION_THREAD)) {
                    continue;
                }
                long count = stack.count();
                String frame = normalized(frames.substring(frames.lastIndexOf(';') + 1));
                selfSamples.computeIfAbsent(frame, f -> new long[2])[side] += count;
                samples[side] += count;
                agentSamples[side] += frames.contains(";" + CollapsedStacks.AGENT_PACKAGE) ? count : 0;
            }
        }
    }

    /** The case's largest increases and decreases, and the application threads' total. */
    void addRows(String client, int threads, CaseProfiles profiles) {
        if (profiles.requests[0] == 0 || profiles.requests[1] == 0) {
            return;
        }
        List<Map.Entry<String, double[]>> byDifference = profiles.selfSamples.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), perRequest(entry.getValue(), profiles.requests)))
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> entry) ->
                        entry.getValue()[1] - entry.getValue()[0]).reversed())
                .collect(Collectors.toList());
        List<Map.Entry<String, double[]>> shown = new ArrayList<>(
                byDifference.subList(0, Math.min(INCREASES_SHOWN, byDifference.size())));
        for (int i = Math.max(shown.size(), byDifference.size() - DECREASES_SHOWN); i < byDifference.size(); i++) {
            shown.add(byDifference.get(i));
        }
        for (Map.Entry<String, double[]> entry : shown) {
            row(client, threads, "`" + entry.getKey() + "`", entry.getValue());
        }
        row(client, threads, "under a frame of this agent (inclusive)",
                perRequest(profiles.agentSamples, profiles.requests));
        row(client, threads, "all frames of the application's threads",
                perRequest(profiles.samples, profiles.requests));
    }

    private double[] perRequest(long[] samples, long[] requests) {
        return new double[] {(double) samples[0] * intervalNanos / requests[0],
                (double) samples[1] * intervalNanos / requests[1]};
    }

    private void row(String client, int threads, String frame, double[] nanosPerRequest) {
        table.row(client, threads, frame, Figures.microsTwoDecimals(nanosPerRequest[0]),
                Figures.microsTwoDecimals(nanosPerRequest[1]),
                Figures.microsTwoDecimals(nanosPerRequest[1] - nanosPerRequest[0]));
    }

    /**
     * {@code Foo$$Lambda$123.0x00007f947c0d8000.run} (async-profiler's spelling of the hidden class
     * {@code Foo$$Lambda$123/0x...}; JDK 21 and later leave out the number) to {@code Foo$$Lambda.run}: the
     * numbers and addresses differ between two JVMs that load other classes.
     */
    static String normalized(String frame) {
        return frame.replaceAll("\\$\\$Lambda(\\$\\d+)?[./]0x[0-9a-f]+", "\\$\\$Lambda")
                .replaceAll("0x[0-9a-f]+", "0x");
    }
}
