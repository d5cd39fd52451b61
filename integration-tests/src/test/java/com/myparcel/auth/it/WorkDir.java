package com.myparcel.auth.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** One temporary directory per test JVM, deleted when the JVM exits. */
public final class WorkDir {

    private static final Path DIR = create();

    private WorkDir() {
    }

    public static Path get() {
        return DIR;
    }

    public static Path newFile(String prefix, String suffix) {
        try {
            return Files.createTempFile(DIR, prefix, suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path create() {
        try {
            Path dir = Files.createTempDirectory("myparcel-it-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
