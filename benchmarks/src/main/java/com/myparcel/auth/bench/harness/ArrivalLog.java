package com.myparcel.auth.bench.harness;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * When API requests reached the server (System.nanoTime() of this JVM) and over which connection (the
 * client's port), for the refresh storm. Requests before {@link #markStorm()} are the application's
 * warm-up; after it, the storm's requests, each known to come over a connection the warm-up opened or
 * over a new one.
 */
public final class ArrivalLog {

    private final Set<Integer> warmUpPorts = new HashSet<>();
    private long[] arrivals = new long[512];
    private int size;
    private int onNewConnections;
    private boolean storm;

    synchronized void add(long nanos, int clientPort) {
        if (!storm) {
            warmUpPorts.add(clientPort);
            return;
        }
        if (size == arrivals.length) {
            arrivals = Arrays.copyOf(arrivals, size * 2);
        }
        arrivals[size++] = nanos;
        if (!warmUpPorts.contains(clientPort)) {
            onNewConnections++;
        }
    }

    /** Requests from now on are the storm's. */
    public synchronized void markStorm() {
        storm = true;
    }

    /** Arrival instants of the storm's requests. */
    public synchronized long[] arrivals() {
        return Arrays.copyOf(arrivals, size);
    }

    /** How many of the storm's requests came over a connection the warm-up had not used. */
    public synchronized int onNewConnections() {
        return onNewConnections;
    }
}
