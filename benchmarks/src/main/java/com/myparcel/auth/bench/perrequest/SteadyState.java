package com.myparcel.auth.bench.perrequest;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether a JVM under load has stopped speeding up: its last {@value #WINDOWS} warm-up windows' rates
 * lie within {@value #SPREAD} of each other (highest / lowest - 1). A fixed warm-up was not enough on this
 * machine: after 30 s, one baseline JVM still went from 5,471 to 17,655 requests/s over its measured
 * windows.
 */
final class SteadyState {

    static final int WINDOWS = 3;
    static final double SPREAD = 0.05;

    private final Deque<Double> lastRates = new ArrayDeque<>();

    void add(double requestsPerSecond) {
        lastRates.addLast(requestsPerSecond);
        if (lastRates.size() > WINDOWS) {
            lastRates.removeFirst();
        }
    }

    boolean steady() {
        if (lastRates.size() < WINDOWS) {
            return false;
        }
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (double rate : lastRates) {
            lowest = Math.min(lowest, rate);
            highest = Math.max(highest, rate);
        }
        return lowest > 0 && highest / lowest - 1 <= SPREAD;
    }
}
