package com.myparcel.auth.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * async-profiler (Maven Central's {@code tools.profiler:async-profiler}, linux-x64), loaded into a running
 * child JVM with {@code jcmd JVMTI.agent_load}, so that it samples only the measured part of a run.
 */
public final class AsyncProfiler {

    private static final String LIBRARY_ENTRY = "linux-x64/libasyncProfiler.so";

    private final Path library;
    private final String version;

    private AsyncProfiler(Path library, String version) {
        this.library = library;
        this.version = version;
    }

    /** Takes the native library out of the Maven jar into {@code workDirectory}. */
    public static AsyncProfiler extract(Path jar, Path workDirectory) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(LIBRARY_ENTRY);
            if (entry == null) {
                throw new IOException(jar + " holds no " + LIBRARY_ENTRY);
            }
            Path library = workDirectory.resolve("libasyncProfiler.so");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            }
            String name = jar.getFileName().toString();
            String version = name.replaceFirst("^async-profiler-", "").replaceFirst("-linux-x64\\.jar$", "");
            return new AsyncProfiler(library, version);
        }
    }

    public String version() {
        return version;
    }

    /**
     * Starts sampling the JVM's CPU time every {@code intervalMillis} ms, all threads; returns the event
     * used: {@code cpu} (perf_events, exact intervals) where the kernel allows it, else {@code itimer}
     * (no permission needed, but the kernel's tick limits it to about a hundred samples a second per core).
     */
    public String start(long pid, int intervalMillis) throws IOException, InterruptedException {
        return start(pid, intervalMillis, "");
    }

    /** As {@link #start}, each stack led by its thread's frame, {@code [name tid=N]}. */
    public String startByThread(long pid, int intervalMillis) throws IOException, InterruptedException {
        return start(pid, intervalMillis, ",threads");
    }

    private String start(long pid, int intervalMillis, String options) throws IOException, InterruptedException {
        try {
            load(pid, "start,event=cpu,interval=" + intervalMillis + "ms" + options);
            return "cpu";
        } catch (IOException perfEventsRefused) {
            load(pid, "start,event=itimer,interval=" + intervalMillis + "ms" + options);
            return "itimer";
        }
    }

    /** Stops and writes the samples as collapsed stacks (one line per stack: frames;joined;by;semicolons count). */
    public void stop(long pid, Path collapsed) throws IOException, InterruptedException {
        load(pid, "stop,collapsed,file=" + collapsed);
    }

    /**
     * Quoted, or the diagnostic command would take {@code event=...} for an option of its own; the
     * profiler's refusal comes back as text, with jcmd itself exiting 0.
     */
    private void load(long pid, String profilerCommand) throws IOException, InterruptedException {
        String output = Jcmd.run(pid, "JVMTI.agent_load " + library + " \"" + profilerCommand + "\"");
        if (output.contains("[ERROR]") || !output.contains("return code: 0")) {
            throw new IOException("async-profiler refused '" + profilerCommand + "': " + output.trim());
        }
    }
}
