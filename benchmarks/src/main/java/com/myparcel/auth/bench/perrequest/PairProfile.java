package com.myparcel.auth.bench.perrequest;

import com.myparcel.auth.bench.harness.AsyncProfiler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code --profile}: async-profiler on both JVMs of one fork, over its measured windows only; the samples go
 * to one collapsed file per JVM and into the case's {@link FrameDifference.CaseProfiles}.
 */
final class PairProfile {

    static final int INTERVAL_MILLIS = 1;

    private final AsyncProfiler profiler;
    private final Path baselineFile;
    private final Path secondFile;
    private final FrameDifference.CaseProfiles profiles;
    private final Set<String> events;

    /** @param events collects the sampling events used (cpu or itimer), for the report */
    PairProfile(AsyncProfiler profiler, Path directory, String name, FrameDifference.CaseProfiles profiles,
            Set<String> events) {
        this.profiler = profiler;
        this.baselineFile = directory.toAbsolutePath().resolve(name + "-baseline.collapsed");
        this.secondFile = directory.toAbsolutePath().resolve(name + "-second.collapsed");
        this.profiles = profiles;
        this.events = events;
    }

    void start(LoadJvm baseline, LoadJvm second) throws IOException, InterruptedException {
        events.add(profiler.startByThread(baseline.pid(), INTERVAL_MILLIS));
        events.add(profiler.startByThread(second.pid(), INTERVAL_MILLIS));
    }

    /** Stops both; each side's requests are those of its windows sampled since {@link #start}. */
    void stop(LoadJvm baseline, long baselineRequests, LoadJvm second, long secondRequests)
            throws IOException, InterruptedException {
        profiler.stop(baseline.pid(), baselineFile);
        profiler.stop(second.pid(), secondFile);
        profiles.add(0, baselineFile, baselineRequests);
        profiles.add(1, secondFile, secondRequests);
    }
}
