package com.myparcel.auth.bench.harness;

/** A child JVM did not do what the benchmark needs (no marker, wrong exit, ...): the run is INVALID. */
public final class ChildFailure extends Exception {

    public ChildFailure(String message) {
        super(message);
    }
}
