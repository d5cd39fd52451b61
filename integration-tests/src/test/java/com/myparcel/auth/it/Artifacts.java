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

    private static Path jar(String property, String defaultPath) {
        return Path.of(System.getProperty(property, defaultPath)).toAbsolutePath().normalize();
    }
}
