package com.myparcel.auth.bench.footprint;

import com.myparcel.auth.bench.apps.FootprintApp;
import com.myparcel.auth.bench.harness.ApiCounts;
import com.myparcel.auth.bench.harness.ChildFailure;
import com.myparcel.auth.bench.harness.ChildJvm;
import com.myparcel.auth.bench.harness.ChildProcess;
import com.myparcel.auth.bench.harness.LoopbackMyParcel;
import com.myparcel.auth.bench.harness.OutputLine;
import com.myparcel.auth.bench.harness.ThisAgent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A running {@link FootprintApp} whose requests were verified (every one reached the API with the
 * expected token), and which can be measured on request.
 */
final class FootprintJvm implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String label;
    private final ChildProcess process;
    private final Path classLog;

    private FootprintJvm(String label, ChildProcess process, Path classLog) {
        this.label = label;
        this.process = process;
        this.classLog = classLog;
    }

    /** Starts the app and waits for its requests; call one at a time, so the API's counts are this app's. */
    static FootprintJvm start(String label, ChildJvm jvm, Path classLog, int requests, LoopbackMyParcel myParcel)
            throws IOException, ChildFailure, InterruptedException {
        ApiCounts before = myParcel.apiCounts();
        ChildProcess process = jvm.with("-Xlog:class+load=info:file=" + classLog).start();
        try {
            OutputLine done = process.awaitLine(FootprintApp.REQUESTS, TIMEOUT);
            ApiCounts seen = myParcel.apiCounts().minus(before);
            if (!done.rest(FootprintApp.REQUESTS).equals("ok=" + requests + " failed=0")
                    || seen.authorized() != requests || seen.unauthorized() != 0) {
                throw new ChildFailure(label + ": " + done.text() + "; the API server saw " + seen.authorized()
                        + " requests with the expected token and " + seen.unauthorized() + " without, expected "
                        + requests + " with" + process.describeOutput());
            }
        } catch (ChildFailure | InterruptedException e) {
            process.close();
            throw e;
        }
        return new FootprintJvm(label, process, classLog);
    }

    long spawnedNanos() {
        return process.spawnedNanos();
    }

    FootprintSnapshot snapshot() throws IOException, ChildFailure, InterruptedException {
        process.send("MEASURE");
        process.awaitLine(FootprintApp.MEASURED, TIMEOUT);
        List<String> lines = process.stdoutLines();
        int measured = lines.lastIndexOf(FootprintApp.MEASURED);
        long heap = -1;
        SortedSet<String> threads = new TreeSet<>();
        for (int i = measured - 1; i >= 0 && heap < 0; i--) {
            String line = lines.get(i);
            if (line.startsWith("THREAD ")) {
                threads.add(line.substring("THREAD ".length()));
            } else if (line.startsWith("HEAP_USED ")) {
                heap = Long.parseLong(line.substring("HEAP_USED ".length()));
            }
        }
        ClassLoadLog classes = ClassLoadLog.read(classLog);
        long metaspace = Metaspace.usedBytes(process.pid());
        return new FootprintSnapshot(heap, metaspace, threads, classes, ClassHistogram.take(process.pid()));
    }

    void finish() throws IOException, ChildFailure, InterruptedException {
        process.send("EXIT");
        int code = process.awaitExit(TIMEOUT);
        if (code != 0) {
            throw new ChildFailure(label + ": exit code " + code + process.describeOutput());
        }
        if (!ThisAgent.complaints(process.stderrLines()).isEmpty()) {
            throw new ChildFailure(label + ": the agent complained: " + ThisAgent.complaints(process.stderrLines()));
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
