package com.myparcel.auth.bench.harness;

import com.myparcel.auth.bench.apps.EmptyAgent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** A jar holding only {@link EmptyAgent}, with the manifest that makes it a {@code -javaagent}. */
public final class EmptyAgentJar {

    private final Path jar;
    private final String agentArguments;

    private EmptyAgentJar(Path jar, String agentArguments) {
        this.jar = jar;
        this.agentArguments = agentArguments;
    }

    /** Writes the jar of an agent whose premain returns at once into {@code directory}. */
    public static EmptyAgentJar create(Path directory) throws IOException {
        return write(directory.resolve("empty-agent.jar"), false, "");
    }

    /**
     * Writes the jar of an agent that registers a retransform-capable transformer returning null, and does
     * nothing else, into {@code directory}: the JVM's agent mode as this agent puts it in.
     */
    public static EmptyAgentJar createTransforming(Path directory) throws IOException {
        return write(directory.resolve("empty-agent-transforming.jar"), true, "=" + EmptyAgent.WITH_TRANSFORMER);
    }

    private static EmptyAgentJar write(Path jar, boolean canRetransform, String agentArguments) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), EmptyAgent.class.getName());
        if (canRetransform) {
            manifest.getMainAttributes().put(new Attributes.Name("Can-Retransform-Classes"), "true");
        }
        String entry = EmptyAgent.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream classFile = EmptyAgent.class.getResourceAsStream("/" + entry)) {
            if (classFile == null) {
                throw new IOException("no class file for " + EmptyAgent.class.getName());
            }
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return new EmptyAgentJar(jar, agentArguments);
    }

    public List<String> options() {
        return List.of("-javaagent:" + jar + agentArguments);
    }
}
