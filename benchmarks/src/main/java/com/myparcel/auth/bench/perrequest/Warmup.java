package com.myparcel.auth.bench.perrequest;

import java.util.ArrayList;
import java.util.List;

/**
 * A warm-up under load: 1 s windows, verified and discarded, the JVMs taking turns, until each is
 * {@link SteadyState steady} and at least {@code minMillis} have passed, or {@code maxMillis} have.
 */
record Warmup(long minMillis, long maxMillis) {

    static final long WINDOW_MILLIS = 1000;

    /** Runs it; says how long it took: "12 s", or "90 s, baseline not steady" when it hit the limit. */
    String run(List<LoadJvm> jvms, String where) throws Exception {
        List<SteadyState> rates = new ArrayList<>();
        jvms.forEach(jvm -> rates.add(new SteadyState()));
        long spent = 0;
        while (spent < maxMillis && (spent < minMillis || !rates.stream().allMatch(SteadyState::steady))) {
            for (int i = 0; i < jvms.size(); i++) {
                rates.get(i).add(jvms.get(i).window(WINDOW_MILLIS).requestsPerSecond());
            }
            spent += WINDOW_MILLIS;
        }
        StringBuilder took = new StringBuilder(spent / 1000 + " s");
        for (int i = 0; i < jvms.size(); i++) {
            if (!rates.get(i).steady()) {
                took.append(", ").append(jvms.get(i).label()).append(" not steady");
            }
        }
        System.err.println("per-request: " + where + ", warm-up: " + took);
        return took.toString();
    }
}
