package com.myparcel.auth.bench;

import com.myparcel.auth.bench.harness.ResultReport;

/** One child-JVM benchmark: runs, and writes what it measured into its report. */
public interface Benchmark {

    /** The name on the command line and in the result file ({@code <name>-jdk<feature>.md}). */
    String name();

    /** The report's title. */
    String title();

    /** Whether a run that names no benchmark includes this one. */
    default boolean inDefaultRun() {
        return true;
    }

    /** Runs and fills {@code report}; runs in which the agent did not do its job are marked INVALID there. */
    void run(BenchmarkContext context, ResultReport report) throws Exception;
}
