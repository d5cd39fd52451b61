package com.myparcel.auth.bench.apps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time of this JVM's threads, summed by kind of thread, from Linux's {@code /proc/self/task}: a
 * thread's name without its number ({@code C2 CompilerThre}, {@code HttpClient-1-Wo}, {@code load-}), its
 * time on a CPU ({@code schedstat}, nanoseconds) and how many times it was put on one (timeslices: a
 * thread that waits for another and is woken again counts one more). The JVM's own threads, which
 * {@code ThreadMXBean} does not show, are included. Empty where there is no {@code /proc}.
 */
final class ThreadCpu {

    private ThreadCpu() {
    }

    /** Kind of thread to {nanoseconds on a CPU, timeslices}, summed over the threads alive now. */
    static Map<String, long[]> snapshot() {
        Map<String, long[]> byKind = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
                    String[] schedstat = Files.readString(task.resolve("schedstat"), StandardCharsets.UTF_8)
                            .strip().split(" ");
                    long[] sum = byKind.computeIfAbsent(kind(name), k -> new long[2]);
                    sum[0] += Long.parseLong(schedstat[0]);
                    sum[1] += Long.parseLong(schedstat[2]);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read: its time is lost to both snapshots alike
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return byKind;
    }

    /**
     * What {@code after} adds to {@code before}, as {@code kind:nanos:slices,...} with spaces in names as
     * {@code _} (the window line is split at spaces). A thread that ended in between loses its time.
     */
    static String delta(Map<String, long[]> before, Map<String, long[]> after) {
        StringBuilder out = new StringBuilder();
        after.forEach((kind, now) -> {
            long[] then = before.getOrDefault(kind, new long[2]);
            long nanos = now[0] - then[0];
            long slices = now[1] - then[1];
            if (nanos > 0 || slices > 0) {
                out.append(out.length() == 0 ? "" : ",").append(kind.replace(' ', '_')).append(':').append(nanos)
                        .append(':').append(slices);
            }
        });
        return out.length() == 0 ? "none" : out.toString();
    }

    /** "GC Thread#1" and "GC Thread#0" are one kind; so are "load-3" and "load-0". */
    private static String kind(String name) {
        int end = name.length();
        while (end > 0 && (Character.isDigit(name.charAt(end - 1)) || name.charAt(end - 1) == '#')) {
            end--;
        }
        return end == 0 ? name : name.substring(0, end);
    }
}
