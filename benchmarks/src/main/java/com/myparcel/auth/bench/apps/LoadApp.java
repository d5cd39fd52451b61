package com.myparcel.auth.bench.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Phaser;

/**
 * The per-request benchmark's application: {@code <threads>} threads sending GETs back to back through
 * one client, in measurement windows the runner asks for on stdin, so that the runner can alternate
 * windows between a baseline JVM and an agent JVM that are both warm. Arguments:
 * {@code <urlconnection|httpclient> <threads> <url>}.
 *
 * <p>Protocol: prints {@value #READY}; then for each line {@code RUN <millis>} every thread sends
 * requests until the window ends (finishing the one in flight) and the app prints
 * {@code WINDOW requests=<n> errors=<n> elapsedNanos=<n> cpuNanos=<n> p50=<ns> p99=<ns> max=<ns> firstError=<text>
 * threads=<kind:ns:slices,...>} (cpuNanos: the CPU time the whole JVM used during the window, all threads, or -1
 * if the OS does not say; threads: the same by kind of thread, see {@link ThreadCpu}, or none);
 * {@code EXIT} ends it.
 */
public final class LoadApp {

    public static final String READY = "READY";
    public static final String WINDOW = "WINDOW";

    private final ApiRequester requester;
    private final LatencyRecorder[] recorders;
    private final Phaser phaser;
    private volatile long windowEndNanos;

    private LoadApp(ApiRequester requester, int threads) {
        this.requester = requester;
        this.recorders = new LatencyRecorder[threads];
        this.phaser = new Phaser(threads + 1);
        for (int i = 0; i < threads; i++) {
            recorders[i] = new LatencyRecorder();
            LatencyRecorder recorder = recorders[i];
            Thread worker = new Thread(() -> work(recorder), "load-" + i);
            worker.setDaemon(true);
            worker.start();
        }
    }

    public static void main(String[] args) throws Exception {
        LoadApp app = new LoadApp(ApiRequester.create(args[0], URI.create(args[2])), Integer.parseInt(args[1]));
        System.out.println(READY);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null && !command.equals("EXIT")) {
            if (command.startsWith("RUN ")) {
                System.out.println(app.runWindow(Long.parseLong(command.substring(4).trim())));
            }
        }
    }

    private String runWindow(long millis) {
        Map<String, long[]> threadsBefore = ThreadCpu.snapshot();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        windowEndNanos = start + millis * 1_000_000;
        phaser.arriveAndAwaitAdvance(); // workers start
        phaser.arriveAndAwaitAdvance(); // workers have finished their last request
        long elapsed = System.nanoTime() - start;
        long cpuEnd = processCpuNanos();
        Map<String, long[]> threadsAfter = ThreadCpu.snapshot();
        int total = 0;
        long errors = 0;
        String firstError = null;
        for (LatencyRecorder recorder : recorders) {
            total += recorder.size();
            errors += recorder.errors();
            firstError = firstError != null ? firstError : recorder.firstError();
        }
        long[] all = new long[total];
        int offset = 0;
        for (LatencyRecorder recorder : recorders) {
            recorder.copyTo(all, offset);
            offset += recorder.size();
        }
        Arrays.sort(all);
        return WINDOW + " requests=" + total + " errors=" + errors + " elapsedNanos=" + elapsed
                + " cpuNanos=" + (cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart)
                + " p50=" + percentile(all, 0.50) + " p99=" + percentile(all, 0.99)
                + " max=" + (total == 0 ? 0 : all[total - 1])
                + " firstError=" + (firstError == null ? "none" : firstError.replace(' ', '_'))
                + " threads=" + ThreadCpu.delta(threadsBefore, threadsAfter);
    }

    private void work(LatencyRecorder recorder) {
        while (true) {
            phaser.arriveAndAwaitAdvance();
            recorder.reset();
            long end = windowEndNanos;
            while (System.nanoTime() - end < 0) {
                long started = System.nanoTime();
                try {
                    int status = requester.get();
                    if (status != 200) {
                        recorder.error("HTTP " + status);
                    }
                } catch (Exception e) {
                    recorder.error(e.toString());
                }
                recorder.add(System.nanoTime() - started);
            }
            phaser.arriveAndAwaitAdvance();
        }
    }

    /** User and system CPU time of this JVM so far (every thread: the app's, the agent's, the JIT's, the GC's). */
    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }
}
