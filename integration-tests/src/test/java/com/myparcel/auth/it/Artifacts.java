package com.myparcel.auth.it;

import java.nio.file.Path;

/** The jars under test, passed in by surefire as system properties {@code agent.jar} and {@code test-apps.jar}. */
final class Artifacts {

    private Artifacts() {
    }

    static Path agentJar() {
        return jar("agent.jar", "../agent/target/myparcel-auth-agent.jar");
    }

    static Path testAppsJar() {
        return jar("test-apps.jar", "../test-apps/target/test-apps.jar");
    }

    /** test-apps.jar and the libraries its library apps use (test-apps/target/lib), as a class path. */
    static String testAppsClassPath() {
        return testAppsJar() + java.io.File.pathSeparator + testAppsJar().resolveSibling("lib") + "/*";
    }

    /** The OpenTelemetry Java agent, copied from Maven Central by the build. */
    static Path openTelemetryAgentJar() {
        return jar("opentelemetry-javaagent.jar", "target/otel/opentelemetry-javaagent.jar");
    }

    private static Path jar(String property, String defaultPath) {
        return Path.of(System.getProperty(property, defaultPath)).toAbsolutePath().normalize();
    }
}
