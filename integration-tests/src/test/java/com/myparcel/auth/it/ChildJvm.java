package com.myparcel.auth.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM of the running JDK for the operator-tool tests: either the agent's own command line
 * ({@code java -jar myparcel-auth-agent.jar <command>}) or a main class from test-apps.jar, with or without
 * {@code -javaagent} (and its argument string). Every child gets the test hosts file and truststore, and an
 * environment without any {@code MYPARCEL_*} variable of the Maven JVM's (tests add their own).
 *
 * <p>{@link #run()} waits for the child to exit; {@link #start()} returns a {@link Running} child whose output lines
 * can be awaited as they come and whose stdin can be written (for {@code com.example.legacy.ShipmentsShell}).
 */
final class ChildJvm {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String SHELL = "com.example.legacy.ShipmentsShell";
    static final String OWN_LOGGING_APP = "com.example.logging.OwnLoggingApp";
    static final String CUSTOM_LOG_MANAGER = "com.example.logging.CustomLogManager";

    private static final Path SECRET_FILE = writeSecretFile();

    private final List<String> main;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> arguments = new ArrayList<>();
    private String javaAgentOption;

    private ChildJvm(List<String> main) {
        this.main = main;
    }

    /** {@code java -jar myparcel-auth-agent.jar <arguments>}. */
    static ChildJvm agentCommandLine(String... arguments) {
        return new ChildJvm(List.of("-jar", Artifacts.agentJar().toString())).arguments(arguments)
                .jvmOption("-XX:TieredStopAtLevel=1").jvmOption("-XX:+UseSerialGC");
    }

    /** {@code java -cp test-apps.jar <mainClass> <arguments>}, without the agent unless {@link #withAgent} is called. */
    static ChildJvm testApp(String mainClass, String... arguments) {
        return new ChildJvm(List.of("-cp", Artifacts.testAppsClassPath(), mainClass)).arguments(arguments)
                .jvmOption("-XX:TieredStopAtLevel=1").jvmOption("-XX:+UseSerialGC");
    }

    /** {@code -javaagent:myparcel-auth-agent.jar}. */
    ChildJvm withAgent() {
        javaAgentOption = "-javaagent:" + Artifacts.agentJar();
        return this;
    }

    /** {@code -javaagent:myparcel-auth-agent.jar=<agentArguments>}. */
    ChildJvm withAgent(String agentArguments) {
        javaAgentOption = "-javaagent:" + Artifacts.agentJar() + "=" + agentArguments;
        return this;
    }

    ChildJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** A {@code -D} option (a setting such as {@code myparcel.scope} or an app property). */
    ChildJvm property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    ChildJvm withoutProperty(String name) {
        properties.remove(name);
        return this;
    }

    /** An environment variable of the child. */
    ChildJvm env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    ChildJvm arguments(String... more) {
        arguments.addAll(List.of(more));
        return this;
    }

    /**
     * The settings of a working configuration against {@code myParcel} as {@code -D} options: client id, secret
     * file, token endpoint; and the apps' {@code shipments.base-url}.
     */
    ChildJvm settingsFor(FakeMyParcel myParcel) {
        return property("myparcel.client-id", FakeMyParcel.CLIENT_ID)
                .property("myparcel.client-secret-file", secretFile().toString())
                .property("myparcel.auth-url", myParcel.authUrl())
                .property("shipments.base-url", myParcel.apiUrl(""));
    }

    /** A file holding {@link FakeMyParcel#CLIENT_SECRET}, writable by its owner only. */
    static Path secretFile() {
        return SECRET_FILE;
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (javaAgentOption != null) {
            command.add(javaAgentOption);
        }
        command.add("-Djdk.net.hosts.file=" + TestHosts.hostsFile());
        command.addAll(TestCertificates.trustStoreOptions());
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(main);
        command.addAll(arguments);
        return command;
    }

    private ProcessBuilder processBuilder() {
        ProcessBuilder builder = new ProcessBuilder(command()).directory(WorkDir.get().toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MYPARCEL_"));
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs the child to its end (at most {@link #TIMEOUT}; fails the test if it takes longer). */
    AppRun run() {
        try (Running running = start()) {
            return running.awaitExit();
        }
    }

    /** Starts the child; close the result to make sure it is gone. */
    Running start() {
        try {
            return new Running(command(), processBuilder().start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A child JVM that is running: its output so far, its stdin, its end. */
    static final class Running implements AutoCloseable {

        private final List<String> command;
        private final Process process;
        private final Lines stdout;
        private final Lines stderr;
        private final Writer stdin;
        private int commandLinesSent;

        private Running(List<String> command, Process process) {
            this.command = command;
            this.process = process;
            this.stdout = new Lines(process.getInputStream(), "stdout of " + process.pid());
            this.stderr = new Lines(process.getErrorStream(), "stderr of " + process.pid());
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        long pid() {
            return process.pid();
        }

        /** The first stdout line (so far or within {@link #TIMEOUT}) that matches; fails the test if none comes. */
        String awaitStdout(Predicate<String> condition, String what) {
            return await(stdout, condition, what);
        }

        /** The first stderr line (so far or within {@link #TIMEOUT}) that matches; fails the test if none comes. */
        String awaitStderr(Predicate<String> condition, String what) {
            return await(stderr, condition, what);
        }

        private String await(Lines lines, Predicate<String> condition, String what) {
            String line = lines.await(condition, System.nanoTime() + TIMEOUT.toNanos());
            if (line == null) {
                fail("no " + what + " within " + TIMEOUT.toSeconds() + " s (or the child ended)\n" + describe());
            }
            return line;
        }

        /**
         * ShipmentsShell: sends one line of commands and waits until the shell has run them ({@code READY <n>}).
         * Returns the stdout lines the commands printed.
         */
        List<String> shell(String commands) {
            int before = stdout.size();
            try {
                stdin.write(commands + "\n");
                stdin.flush();
            } catch (IOException e) {
                fail("cannot write to the child's stdin: " + e + "\n" + describe());
            }
            String ready = "READY " + ++commandLinesSent;
            awaitStdout(ready::equals, "'" + ready + "' after '" + commands + "'");
            List<String> lines = stdout.snapshot();
            return lines.subList(before, lines.indexOf(ready));
        }

        List<String> stdoutLines() {
            return stdout.snapshot();
        }

        List<String> stderrLines() {
            return stderr.snapshot();
        }

        /** Closes stdin and waits for the child to exit (at most {@link #TIMEOUT}). */
        AppRun awaitExit() {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // it may have exited already
            }
            boolean exited;
            try {
                exited = process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (!exited) {
                process.destroyForcibly();
                fail("child JVM did not exit within " + TIMEOUT.toSeconds() + " s and was killed\n" + describe());
            }
            stdout.awaitEnd();
            stderr.awaitEnd();
            return new AppRun(command, process.exitValue(), stdout.text(), stderr.text());
        }

        String describe() {
            return "command: " + String.join(" ", command)
                    + "\n--- stdout so far ---\n" + stdout.text()
                    + "--- stderr so far ---\n" + stderr.text();
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
    }

    /** The lines of one output stream of the child, read as they come by a thread of their own. */
    private static final class Lines {

        private final List<String> lines = new ArrayList<>();
        private final Thread reader;
        private boolean ended;

        Lines(InputStream stream, String name) {
            reader = new Thread(() -> read(stream), "read " + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream stream) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the child is gone
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        /** The first line matching, waiting until {@code deadlineNanos}; null if none came before the end. */
        synchronized String await(Predicate<String> condition, long deadlineNanos) {
            int checked = 0;
            while (true) {
                for (; checked < lines.size(); checked++) {
                    if (condition.test(lines.get(checked))) {
                        return lines.get(checked);
                    }
                }
                long left = deadlineNanos - System.nanoTime();
                if (ended || left <= 0) {
                    return null;
                }
                try {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }

        synchronized int size() {
            return lines.size();
        }

        synchronized List<String> snapshot() {
            return new ArrayList<>(lines);
        }

        synchronized String text() {
            StringBuilder text = new StringBuilder();
            lines.forEach(line -> text.append(line).append('\n'));
            return text.toString();
        }

        void awaitEnd() {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Path writeSecretFile() {
        Path file = WorkDir.get().resolve("operator-client-secret.txt");
        try {
            Files.writeString(file, FakeMyParcel.CLIENT_SECRET);
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // nothing to tighten
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
