package com.myparcel.auth.bench.perrequest;

import com.myparcel.auth.bench.apps.LoadApp;
import com.myparcel.auth.bench.harness.ApiCounts;
import com.myparcel.auth.bench.harness.ChildFailure;
import com.myparcel.auth.bench.harness.ChildJvm;
import com.myparcel.auth.bench.harness.ChildProcess;
import com.myparcel.auth.bench.harness.LoopbackMyParcel;
import com.myparcel.auth.bench.harness.ThisAgent;
import java.io.IOException;
import java.time.Duration;

/**
 * A running {@link LoadApp} (baseline or agent) that measures windows on request. Every window is
 * checked against the API server's counts: each request the app made must have reached the server
 * with exactly the expected token, none without. Only one LoadJvm runs a window at a time, so the
 * server's counts over a window are that JVM's requests.
 */
final class LoadJvm implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String label;
    private final ChildProcess process;
    private final LoopbackMyParcel myParcel;

    private LoadJvm(String label, ChildProcess process, LoopbackMyParcel myParcel) {
        this.label = label;
        this.process = process;
        this.myParcel = myParcel;
    }

    static LoadJvm start(String label, ChildJvm jvm, LoopbackMyParcel myParcel)
            throws IOException, ChildFailure, InterruptedException {
        ChildProcess process = jvm.start();
        try {
            process.awaitLine(LoadApp.READY, START_TIMEOUT);
        } catch (ChildFailure | InterruptedException e) {
            process.close();
            throw e;
        }
        return new LoadJvm(label, process, myParcel);
    }

    String label() {
        return label;
    }

    long pid() {
        return process.pid();
    }

    /** Runs one window and verifies it; a ChildFailure says why it is INVALID. */
    LoadWindow window(long millis) throws IOException, ChildFailure, InterruptedException {
        ApiCounts before = myParcel.apiCounts();
        process.send("RUN " + millis);
        LoadWindow window = LoadWindow.parse(process.awaitLine(LoadApp.WINDOW,
                Duration.ofMillis(millis).plusSeconds(60)).rest(LoadApp.WINDOW));
        ApiCounts seen = myParcel.apiCounts().minus(before);
        if (window.errors() != 0 || seen.unauthorized() != 0 || seen.authorized() != window.requests()) {
            throw new ChildFailure(label + ": the app made " + window.requests() + " requests with " + window.errors()
                    + " errors (first: " + window.firstError() + "); the API server saw " + seen.authorized()
                    + " with the expected token and " + seen.unauthorized() + " without");
        }
        if (window.requests() == 0) {
            throw new ChildFailure(label + ": no request completed in the window");
        }
        return window;
    }

    /** Ends the app; a ChildFailure if the agent complained on stderr meanwhile. */
    void finish() throws IOException, ChildFailure, InterruptedException {
        process.send("EXIT");
        int code = process.awaitExit(Duration.ofSeconds(30));
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
