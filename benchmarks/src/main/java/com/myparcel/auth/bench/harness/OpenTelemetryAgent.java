package com.myparcel.auth.bench.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * The OpenTelemetry Java agent as the start-up yardstick: every exporter off, so it never tries the
 * network and its cost is instrumentation and its own start-up only.
 */
public final class OpenTelemetryAgent {

    /** What the agent logs at start (its VersionLogger): proof that it was loaded. */
    public static final String VERSION_LINE = "opentelemetry-javaagent - version";

    private final Path jar;

    public OpenTelemetryAgent(Path jar) {
        this.jar = jar;
    }

    public Path jar() {
        return jar;
    }

    public List<String> options() {
        return List.of("-javaagent:" + jar, "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
                "-Dotel.logs.exporter=none");
    }

    /** The version from the jar name (opentelemetry-javaagent-2.31.0.jar). */
    public String version() {
        String name = jar.getFileName().toString();
        return name.replaceFirst("^opentelemetry-javaagent-?", "").replaceFirst("\\.jar$", "");
    }
}
