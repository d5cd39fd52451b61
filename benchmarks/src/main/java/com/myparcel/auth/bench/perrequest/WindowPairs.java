package com.myparcel.auth.bench.perrequest;

import com.myparcel.auth.bench.harness.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The measured windows of one case, kept in pairs: window i of the baseline JVM and window i of the agent
 * JVM ran one right after the other. A ratio is the median of the pairs' ratios, so that a drift of the
 * machine (or of a JIT still at work) over the run cancels out instead of favouring whichever JVM ran
 * its windows later. A pair with an INVALID window counts for neither side.
 */
final class WindowPairs {

    private final List<LoadWindow> baseline = new ArrayList<>();
    private final List<LoadWindow> agent = new ArrayList<>();
    private int windows;

    /** One window index's results; null for a side whose window was INVALID. */
    void add(LoadWindow baselineWindow, LoadWindow agentWindow) {
        windows++;
        if (baselineWindow != null && agentWindow != null) {
            baseline.add(baselineWindow);
            agent.add(agentWindow);
        }
    }

    /** Adds another run's pairs (its valid ones, and its window count). */
    void addAll(WindowPairs other) {
        windows += other.windows;
        baseline.addAll(other.baseline);
        agent.addAll(other.agent);
    }

    double baselineMedian(ToDoubleFunction<LoadWindow> figure) {
        return median(baseline, figure);
    }

    double agentMedian(ToDoubleFunction<LoadWindow> figure) {
        return median(agent, figure);
    }

    /** The valid pairs' baseline windows. */
    List<LoadWindow> baselineWindows() {
        return List.copyOf(baseline);
    }

    /** The valid pairs' agent windows. */
    List<LoadWindow> agentWindows() {
        return List.copyOf(agent);
    }

    /** Median over the pairs of agent / baseline. */
    double ratio(ToDoubleFunction<LoadWindow> figure) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < baseline.size(); i++) {
            ratios.add(figure.applyAsDouble(agent.get(i)) / figure.applyAsDouble(baseline.get(i)));
        }
        return Stats.median(ratios);
    }

    /** "valid pairs/windows". */
    String validPairs() {
        return baseline.size() + "/" + windows;
    }

    private static double median(List<LoadWindow> windows, ToDoubleFunction<LoadWindow> figure) {
        List<Double> values = new ArrayList<>();
        windows.forEach(window -> values.add(figure.applyAsDouble(window)));
        return Stats.median(values);
    }
}
