package com.myparcel.auth.bench.perrequest;

import java.util.HashMap;
import java.util.Map;

/** One measurement window as {@code LoadApp} reports it: {@code WINDOW requests=... p99=...}. */
record LoadWindow(long requests, long errors, long elapsedNanos, long p50Nanos, long p99Nanos, long maxNanos,
        String firstError) {

    static LoadWindow parse(String fields) {
        Map<String, String> values = new HashMap<>();
        for (String field : fields.trim().split(" ")) {
            int equals = field.indexOf('=');
            values.put(field.substring(0, equals), field.substring(equals + 1));
        }
        return new LoadWindow(Long.parseLong(values.get("requests")), Long.parseLong(values.get("errors")),
                Long.parseLong(values.get("elapsedNanos")), Long.parseLong(values.get("p50")),
                Long.parseLong(values.get("p99")), Long.parseLong(values.get("max")), values.get("firstError"));
    }

    double requestsPerSecond() {
        return requests * 1e9 / elapsedNanos;
    }
}
