package com.myparcel.auth.bench.perrequest;

import java.util.HashMap;
import java.util.Map;

/** One measurement window as {@code LoadApp} reports it: {@code WINDOW requests=... p99=...}. */
record LoadWindow(long requests, long errors, long elapsedNanos, long cpuNanos, long p50Nanos, long p99Nanos,
        long maxNanos, String firstError) {

    static LoadWindow parse(String fields) {
        Map<String, String> values = new HashMap<>();
        for (String field : fields.trim().split(" ")) {
            int equals = field.indexOf('=');
            values.put(field.substring(0, equals), field.substring(equals + 1));
        }
        return new LoadWindow(Long.parseLong(values.get("requests")), Long.parseLong(values.get("errors")),
                Long.parseLong(values.get("elapsedNanos")), Long.parseLong(values.get("cpuNanos")),
                Long.parseLong(values.get("p50")),
                Long.parseLong(values.get("p99")), Long.parseLong(values.get("max")), values.get("firstError"));
    }

    double requestsPerSecond() {
        return requests * 1e9 / elapsedNanos;
    }

    /** The JVM's CPU time per request, all threads; NaN when the OS did not report it. */
    double cpuNanosPerRequest() {
        return cpuNanos < 0 ? Double.NaN : (double) cpuNanos / requests;
    }
}
