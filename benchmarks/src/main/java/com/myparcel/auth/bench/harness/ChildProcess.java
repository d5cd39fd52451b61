package com.myparcel.auth.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running child JVM. Every line of its stdout is stamped with System.nanoTime() the moment the
 * runner reads it, so "the child printed X" is a timed signal; {@link #spawnedNanos()} is taken just
 * before the process is created and {@link #exitedNanos()} by the JDK's process reaper when it ends.
 */
public final class ChildProcess implements AutoCloseable {

    private static final OutputLine END_OF_OUTPUT = new OutputLine("", 0);

    private final List<String> command;
    private final Process process;
    private final long spawnedNanos;
    private final CompletableFuture<Long> exitedNanos;
    private final BlockingQueue<OutputLine> unreadStdout = new LinkedBlockingQueue<>();
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Writer stdin;

    private ChildProcess(List<String> command, Process process, long spawnedNanos) {
        this.command = command;
        this.process = process;
        this.spawnedNanos = spawnedNanos;
        this.exitedNanos = process.onExit().thenApply(done -> System.nanoTime());
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        startReader(process.getInputStream(), "stdout", true);
        startReader(process.getErrorStream(), "stderr", false);
    }

    static ChildProcess start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        // Settings come from -D options only: none of the runner's MYPARCEL_* variables may leak in.
        builder.environment().keySet().removeIf(name -> name.startsWith("MYPARCEL_"));
        long spawned = System.nanoTime();
        Process process = builder.start();
        return new ChildProcess(command, process, spawned);
    }

    public long pid() {
        return process.pid();
    }

    public long spawnedNanos() {
        return spawnedNanos;
    }

    /** The next stdout line starting with {@code marker}; lines before it are kept but skipped. */
    public OutputLine awaitLine(String marker, Duration timeout) throws ChildFailure, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            OutputLine line = left <= 0 ? null : unreadStdout.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new ChildFailure("no '" + marker + "' from the child within " + timeout.toSeconds() + " s"
                        + describeOutput());
            }
            if (line == END_OF_OUTPUT) {
                unreadStdout.add(END_OF_OUTPUT);
                throw new ChildFailure("the child closed its output before printing '" + marker + "'"
                        + describeOutput());
            }
            if (line.text().startsWith(marker)) {
                return line;
            }
        }
    }

    /** Writes one line to the child's stdin. */
    public void send(String line) throws IOException {
        stdin.write(line);
        stdin.write('\n');
        stdin.flush();
    }

    /** Waits for the child to end; its exit code. */
    public int awaitExit(Duration timeout) throws ChildFailure, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ChildFailure("the child did not end within " + timeout.toSeconds() + " s" + describeOutput());
        }
        return process.exitValue();
    }

    /** System.nanoTime() when the JDK's reaper saw the process end; call after {@link #awaitExit}. */
    public long exitedNanos() {
        return exitedNanos.join();
    }

    public List<String> stdoutLines() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    public List<String> stderrLines() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** The command and the end of both outputs, for a failure message. */
    public String describeOutput() {
        return "\n  command: " + String.join(" ", command)
                + "\n  stdout (last lines): " + tail(stdoutLines())
                + "\n  stderr (last lines): " + tail(stderrLines());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startReader(InputStream stream, String name, boolean timed) {
        List<String> all = timed ? stdout : stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String text;
                while ((text = lines.readLine()) != null) {
                    long now = System.nanoTime();
                    synchronized (all) {
                        all.add(text);
                    }
                    if (timed) {
                        unreadStdout.add(new OutputLine(text, now));
                    }
                }
            } catch (IOException e) {
                // the child is gone; what was read is kept
            } finally {
                if (timed) {
                    unreadStdout.add(END_OF_OUTPUT);
                }
            }
        }, name + "-of-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    private static String tail(List<String> lines) {
        List<String> last = lines.subList(Math.max(0, lines.size() - 8), lines.size());
        return last.isEmpty() ? "(none)" : "\n    " + String.join("\n    ", last);
    }
}
