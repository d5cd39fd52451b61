package com.myparcel.auth.bench.apps;

import java.util.Arrays;

/** One thread's request latencies in nanoseconds: a growing long array, no boxing, no locking. */
final class LatencyRecorder {

    private long[] nanos = new long[1 << 14];
    private int size;
    private long errors;
    private String firstError;

    void reset() {
        size = 0;
        errors = 0;
        firstError = null;
    }

    void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    void error(String description) {
        errors++;
        if (firstError == null) {
            firstError = description;
        }
    }

    int size() {
        return size;
    }

    long errors() {
        return errors;
    }

    String firstError() {
        return firstError;
    }

    void copyTo(long[] target, int offset) {
        System.arraycopy(nanos, 0, target, offset, size);
    }
}
