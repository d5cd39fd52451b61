package com.myparcel.auth.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A child JVM watched while it runs: every line of its stdout and stderr is kept with the time it arrived here
 * (the agent's log lines carry no time of their own), it can be told things on stdin, and it is killed if it
 * outlives its time.
 */
final class WatchedJvm implements AutoCloseable {

    static final String AGENT_LOG_PREFIX = "[myparcel-auth-agent]";

    /** One line of output and when the parent read it (epoch millis). */
    record Line(long at, String text) {
    }

    private final List<String> command;
    private final Process process;
    private final List<Line> stdout = new ArrayList<>();
    private final List<Line> stderr = new ArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private WatchedJvm(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.stdoutReader = reader(process.getInputStream(), stdout, "stdout");
        this.stderrReader = reader(process.getErrorStream(), stderr, "stderr");
    }

    static WatchedJvm start(ProcessBuilder builder) {
        try {
            return new WatchedJvm(builder.command(), builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a line to the child's stdin. */
    void tell(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            // the child has exited already: nothing to tell
        }
    }

    /** The first stdout line matching {@code condition}, waiting up to {@code timeoutMillis} for it. */
    Optional<Line> awaitStdout(Predicate<String> condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            Optional<Line> found = find(stdout, condition);
            if (found.isPresent() || System.currentTimeMillis() > deadline || !process.isAlive() && !stdoutReader.isAlive()) {
                return found.isPresent() ? found : find(stdout, condition);
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the child to exit; kills it (and returns -1) if it does not within {@code timeoutSeconds}. */
    int awaitExit(long timeoutSeconds) throws InterruptedException {
        boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        stdoutReader.join(5_000);
        stderrReader.join(5_000);
        return exited ? process.exitValue() : -1;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<Line> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    List<Line> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** The agent's log lines (stderr lines with its prefix), with their arrival times. */
    List<Line> agentLines() {
        return stderr().stream().filter(line -> line.text().startsWith(AGENT_LOG_PREFIX)).collect(Collectors.toList());
    }

    /** stderr lines that look like a stack trace or an exception outside the agent's own log lines. */
    List<String> stackTraceLines() {
        return stderr().stream().map(Line::text)
                .filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by:")
                        || line.contains("Exception") && !line.startsWith(AGENT_LOG_PREFIX))
                .collect(Collectors.toList());
    }

    String describe() {
        StringBuilder text = new StringBuilder("command: ").append(String.join(" ", command)).append("\n--- stdout ---\n");
        List<Line> out = stdout();
        int shown = 0;
        for (Line line : out) {
            if (shown++ < 400) {
                text.append(line.text()).append('\n');
            }
        }
        if (out.size() > 400) {
            text.append("... ").append(out.size() - 400).append(" more lines\n");
        }
        text.append("--- stderr ---\n");
        stderr().forEach(line -> text.append(line.at()).append(' ').append(line.text()).append('\n'));
        return text.append("--------------").toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static Optional<Line> find(List<Line> lines, Predicate<String> condition) {
        synchronized (lines) {
            return lines.stream().filter(line -> condition.test(line.text())).findFirst();
        }
    }

    private static Thread reader(InputStream stream, List<Line> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String text;
                while ((text = reader.readLine()) != null) {
                    Line line = new Line(System.currentTimeMillis(), text);
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        }, "watched-jvm-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
