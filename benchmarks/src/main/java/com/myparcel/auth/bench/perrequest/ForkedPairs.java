package com.myparcel.auth.bench.perrequest;

import com.myparcel.auth.bench.harness.Figures;
import com.myparcel.auth.bench.harness.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One case measured with several fresh pairs of JVMs (forks). Each JVM compiles the hot code its own way, so
 * two JVMs can differ by a few percent for as long as they run, and more windows of the same pair do not
 * average that out; more pairs do. A ratio is the median over the forks of each fork's ratio (itself the
 * median over its window pairs); the absolute figures are medians over all forks' windows.
 */
final class ForkedPairs {

    private final List<WindowPairs> forks = new ArrayList<>();
    private final WindowPairs pooled = new WindowPairs();

    void add(WindowPairs fork) {
        forks.add(fork);
        pooled.addAll(fork);
    }

    /** Median over the forks of agent / baseline; NaN if no fork had a valid pair. */
    double ratio(ToDoubleFunction<LoadWindow> figure) {
        return Stats.median(forkRatios(figure));
    }

    /** Each fork's ratio, in the order they ran, as "0.991, 1.004, 0.987". */
    String describeForkRatios(ToDoubleFunction<LoadWindow> figure) {
        return forkRatios(figure).stream().map(Figures::ratio).collect(Collectors.joining(", "));
    }

    double baselineMedian(ToDoubleFunction<LoadWindow> figure) {
        return pooled.baselineMedian(figure);
    }

    double agentMedian(ToDoubleFunction<LoadWindow> figure) {
        return pooled.agentMedian(figure);
    }

    /** Every fork's valid pairs together. */
    WindowPairs pooled() {
        return pooled;
    }

    String validPairs() {
        return pooled.validPairs();
    }

    private List<Double> forkRatios(ToDoubleFunction<LoadWindow> figure) {
        List<Double> ratios = new ArrayList<>();
        for (WindowPairs fork : forks) {
            double ratio = fork.ratio(figure);
            if (!Double.isNaN(ratio)) {
                ratios.add(ratio);
            }
        }
        return ratios;
    }
}
