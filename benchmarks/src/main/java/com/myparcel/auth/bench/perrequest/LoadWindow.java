package com.myparcel.auth.bench.perrequest;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measurement window as {@code LoadApp} reports it: {@code WINDOW requests=... p99=... threads=...}.
 * {@code threadCpu}: kind of thread to {nanoseconds on a CPU, timeslices} in the window (empty if not reported).
 */
record LoadWindow(long requests, long errors, long elapsedNanos, long cpuNanos, long p50Nanos, long p99Nanos,
        long maxNanos, String firstError, Map<String, long[]> threadCpu) {

    static LoadWindow parse(String fields) {
        Map<String, String> values = new HashMap<>();
        for (String field : fields.trim().split(" ")) {
            int equals = field.indexOf('=');
            values.put(field.substring(0, equals), field.substring(equals + 1));
        }
        return new LoadWindow(Long.parseLong(values.get("requests")), Long.parseLong(values.get("errors")),
                Long.parseLong(values.get("elapsedNanos")), Long.parseLong(values.get("cpuNanos")),
                Long.parseLong(values.get("p50")),
                Long.parseLong(values.get("p99")), Long.parseLong(values.get("max")), values.get("firstError"),
                threadCpu(values.getOrDefault("threads", "none")));
    }

    private static Map<String, long[]> threadCpu(String field) {
        Map<String, long[]> byKind = new TreeMap<>();
        if (!field.equals("none")) {
            for (String entry : field.split(",")) {
                String[] parts = entry.split(":");
                byKind.put(parts[0].replace('_', ' '), new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
            }
        }
        return byKind;
    }

    double requestsPerSecond() {
        return requests * 1e9 / elapsedNanos;
    }

    /** The JVM's CPU time per request, all threads; NaN when the OS did not report it. */
    double cpuNanosPerRequest() {
        return cpuNanos < 0 ? Double.NaN : (double) cpuNanos / requests;
    }
}
