package com.myparcel.auth.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid measurements per configuration (a label), and how many runs of each were INVALID. */
public final class Samples {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final Map<String, Integer> invalidRuns = new LinkedHashMap<>();

    public void add(String configuration, double value) {
        values.computeIfAbsent(configuration, key -> new ArrayList<>()).add(value);
    }

    public void invalidRun(String configuration) {
        invalidRuns.merge(configuration, 1, Integer::sum);
    }

    /** Turns every valid measurement of {@code configuration} into an INVALID one. */
    public void discard(String configuration) {
        List<Double> dropped = values.remove(configuration);
        if (dropped != null) {
            invalidRuns.merge(configuration, dropped.size(), Integer::sum);
        }
    }

    public List<Double> values(String configuration) {
        return values.getOrDefault(configuration, List.of());
    }

    public double median(String configuration) {
        return Stats.median(values(configuration));
    }

    public double min(String configuration) {
        return values(configuration).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double max(String configuration) {
        return values(configuration).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** "valid/all", for a table's runs column. */
    public String runs(String configuration) {
        int valid = values(configuration).size();
        return valid + "/" + (valid + invalidRuns.getOrDefault(configuration, 0));
    }
}
