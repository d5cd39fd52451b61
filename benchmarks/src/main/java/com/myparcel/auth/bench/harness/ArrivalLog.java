package com.myparcel.auth.bench.harness;

import java.util.Arrays;

/** When API requests reached the server (System.nanoTime() of this JVM), for the refresh storm. */
public final class ArrivalLog {

    private long[] arrivals = new long[512];
    private int size;

    synchronized void add(long nanos) {
        if (size == arrivals.length) {
            arrivals = Arrays.copyOf(arrivals, size * 2);
        }
        arrivals[size++] = nanos;
    }

    public synchronized long[] arrivals() {
        return Arrays.copyOf(arrivals, size);
    }
}
