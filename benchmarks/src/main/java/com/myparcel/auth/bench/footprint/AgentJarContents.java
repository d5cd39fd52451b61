package com.myparcel.auth.bench.footprint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;

/** What the agent jar holds: its classes, and how many of them are shaded dependencies. */
record AgentJarContents(long classes, long shadedClasses) {

    static AgentJarContents of(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            long classes = file.stream().filter(entry -> entry.getName().endsWith(".class")).count();
            String shadedPath = ClassLoadLog.SHADED_PACKAGE.replace('.', '/');
            long shaded = file.stream()
                    .filter(entry -> entry.getName().endsWith(".class") && entry.getName().startsWith(shadedPath))
                    .count();
            return new AgentJarContents(classes, shaded);
        }
    }
}
