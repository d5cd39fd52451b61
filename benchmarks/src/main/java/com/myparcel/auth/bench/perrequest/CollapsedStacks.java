package com.myparcel.auth.bench.perrequest;

import com.myparcel.auth.bench.harness.Figures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * async-profiler's collapsed output, read for one question: how many samples were in the agent's code. A
 * sample counts as the agent's when a frame of its stack is in the agent's package (its shaded
 * dependencies included), so a JDK method the agent calls counts too; except where the agent only hands
 * a result on: below its last frame, {@code CompletableFuture.postComplete} runs the application's
 * dependents and wakes the thread waiting in {@code send}, which the JDK's own future does without the agent.
 * Of the agent's samples, those in the JDK's {@code setRequestProperty} are counted apart: the baseline
 * application sets the same header through the same method itself.
 */
final class CollapsedStacks {

    /** How async-profiler names the agent's frames (its shaded libraries included). */
    static final String AGENT_PACKAGE = "com/myparcel/auth/agent/";
    private static final String HAND_OFF = "java/util/concurrent/CompletableFuture.postComplete";
    private static final String SET_HEADER = "HttpURLConnection.setRequestProperty";

    private final long samples;
    private final long agentSamples;
    private final long headerSamples;
    /** Per agent method (short name), the samples with it on the stack. */
    private final Map<String, Long> byAgentMethod;

    private CollapsedStacks(long samples, long agentSamples, long headerSamples, Map<String, Long> byAgentMethod) {
        this.samples = samples;
        this.agentSamples = agentSamples;
        this.headerSamples = headerSamples;
        this.byAgentMethod = byAgentMethod;
    }

    /** One line of collapsed output: the frames joined by {@code ;}, and how many samples had them. */
    record Stack(String frames, long count) {
    }

    /** Every line of a collapsed file. */
    static List<Stack> stacks(Path file) throws IOException {
        List<Stack> stacks = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int space = line.lastIndexOf(' ');
            if (space >= 0) {
                stacks.add(new Stack(line.substring(0, space), Long.parseLong(line.substring(space + 1).trim())));
            }
        }
        return stacks;
    }

    static CollapsedStacks read(Path file) throws IOException {
        long samples = 0;
        long agentSamples = 0;
        long headerSamples = 0;
        Map<String, Long> byAgentMethod = new HashMap<>();
        for (Stack stack : stacks(file)) {
            long count = stack.count();
            samples += count;
            Set<String> agentMethods = new HashSet<>();
            boolean handedOn = false;
            boolean settingHeader = false;
            for (String frame : stack.frames().split(";")) {
                if (frame.startsWith(AGENT_PACKAGE)) {
                    agentMethods.add(shortName(frame));
                    handedOn = false;
                    settingHeader = false;
                } else if (!agentMethods.isEmpty()) {
                    handedOn |= frame.startsWith(HAND_OFF);
                    settingHeader |= frame.endsWith(SET_HEADER);
                }
            }
            if (!agentMethods.isEmpty() && !handedOn) {
                agentSamples += count;
                headerSamples += settingHeader ? count : 0;
                agentMethods.forEach(method -> byAgentMethod.merge(method, count, Long::sum));
            }
        }
        return new CollapsedStacks(samples, agentSamples, headerSamples, byAgentMethod);
    }

    long samples() {
        return samples;
    }

    /** The agent's share of all samples; NaN without samples. */
    double agentShare() {
        return samples == 0 ? Double.NaN : (double) agentSamples / samples;
    }

    /** The share of all samples in which the agent was setting the header through the JDK's setRequestProperty. */
    double headerShare() {
        return samples == 0 ? Double.NaN : (double) headerSamples / samples;
    }

    /** The {@code limit} agent methods with the most samples, as "Class.method 0.4 %". */
    String topAgentMethods(int limit) {
        List<String> top = byAgentMethod.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .map(entry -> "`" + entry.getKey() + "` " + Figures.percent((double) entry.getValue() / samples))
                .collect(Collectors.toList());
        return top.isEmpty() ? "none" : String.join(", ", top);
    }

    /** {@code com/myparcel/auth/agent/token/TokenManager.usableToken} to {@code TokenManager.usableToken}. */
    private static String shortName(String frame) {
        int dot = frame.lastIndexOf('.');
        int slash = frame.lastIndexOf('/', dot < 0 ? frame.length() : dot);
        return frame.substring(slash + 1);
    }
}
