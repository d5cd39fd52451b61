package com.myparcel.auth.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the shipments apps from {@code test-apps.jar} ({@link #LEGACY_APP}, the HttpURLConnection client, or
 * {@link #HTTP_CLIENT_APP}) in a child JVM of the running JDK, with {@code -javaagent:myparcel-auth-agent.jar}, the
 * agent settings as {@code -D} options, the test hosts file and truststore. Fails the test if the child does not
 * exit within {@link #TIMEOUT_SECONDS}.
 */
public final class ShipmentsAppLauncher {

    static final String LEGACY_APP = "com.example.legacy.ShipmentsApp";
    static final String HTTP_CLIENT_APP = "com.example.modern.ShipmentsHttpClientApp";
    static final long TIMEOUT_SECONDS = 60;

    private static final List<String> FAST_STARTUP = List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseSerialGC");

    private final String mainClass;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, String> appProperties = new LinkedHashMap<>();
    private boolean earlyLoader;
    private String secondAgentArgument;
    private final List<String> agentsBefore = new ArrayList<>();
    private final List<String> agentsAfter = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();

    /** @param mainClass {@link #LEGACY_APP} or {@link #HTTP_CLIENT_APP} */
    ShipmentsAppLauncher(String mainClass) {
        this.mainClass = mainClass;
    }

    /** Sets (or replaces) an agent setting, e.g. {@code myparcel.scope}. */
    public ShipmentsAppLauncher setting(String name, String value) {
        settings.put(name, value);
        return this;
    }

    public ShipmentsAppLauncher withoutSetting(String name) {
        settings.remove(name);
        return this;
    }

    /** Sets a system property of the app itself, e.g. {@code shipments.custom-tls}. */
    public ShipmentsAppLauncher appProperty(String name, String value) {
        appProperties.put(name, value);
        return this;
    }

    /** Puts {@code -javaagent:test-apps.jar} (the EarlyLoader) before the agent. */
    ShipmentsAppLauncher withEarlyLoader() {
        earlyLoader = true;
        return this;
    }

    /**
     * Puts {@code -javaagent:test-apps.jar=<argument>} AFTER the agent, for example {@code fault=authorizer} (see
     * test-apps' {@code com.example.reliability.FaultInjector}).
     */
    public ShipmentsAppLauncher withSecondAgent(String argument) {
        secondAgentArgument = argument;
        return this;
    }

    /** Another {@code -javaagent} option (with its argument, if any) placed before this agent's. */
    public ShipmentsAppLauncher withAgentBefore(String javaagentOption) {
        agentsBefore.add(javaagentOption);
        return this;
    }

    /** Another {@code -javaagent} option (with its argument, if any) placed after this agent's. */
    public ShipmentsAppLauncher withAgentAfter(String javaagentOption) {
        agentsAfter.add(javaagentOption);
        return this;
    }

    /** A JVM option of the application, e.g. {@code --add-opens=java.base/java.net=ALL-UNNAMED}. */
    public ShipmentsAppLauncher jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    public AppRun run(String... commands) {
        List<String> command = commandLine(commands);
        Path stdout = WorkDir.newFile("stdout-", ".txt");
        Path stderr = WorkDir.newFile("stderr-", ".txt");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(WorkDir.get().toFile()) // so a crashing child leaves no hs_err file in the module
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            AppRun run = new AppRun(command, exited ? process.exitValue() : -1, read(stdout), read(stderr));
            if (!exited) {
                fail("child JVM did not exit within " + TIMEOUT_SECONDS + " s and was killed\n" + run.describe());
            }
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            delete(stdout);
            delete(stderr);
        }
    }

    /**
     * The child JVM's process, not started, for callers that watch it while it runs (read its output as it comes,
     * write to its stdin): the same command line and working directory as {@link #run}; {@code jvmOptions} go
     * before the {@code -javaagent} option.
     */
    public ProcessBuilder processBuilder(List<String> jvmOptions, String... commands) {
        List<String> command = commandLine(commands);
        command.addAll(1, jvmOptions);
        return new ProcessBuilder(command).directory(WorkDir.get().toFile());
    }

    private List<String> commandLine(String... commands) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FAST_STARTUP);
        if (earlyLoader) {
            command.add("-javaagent:" + Artifacts.testAppsJar());
        }
        command.addAll(agentsBefore);
        command.add("-javaagent:" + Artifacts.agentJar());
        command.addAll(agentsAfter);
        command.addAll(jvmOptions);
        if (secondAgentArgument != null) {
            command.add("-javaagent:" + Artifacts.testAppsJar() + "=" + secondAgentArgument);
        }
        command.add("-Djdk.net.hosts.file=" + TestHosts.hostsFile());
        command.addAll(TestCertificates.trustStoreOptions());
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        appProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-cp");
        command.add(Artifacts.testAppsClassPath());
        command.add(mainClass);
        command.addAll(List.of(commands));
        return command;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the work dir is removed at JVM exit anyway
        }
    }
}
