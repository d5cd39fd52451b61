package com.myparcel.auth.bench.footprint;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Metaspace used, from {@code jcmd <pid> GC.heap_info} ({@code Metaspace used 6789K, committed ...}). */
final class Metaspace {

    private static final Pattern USED = Pattern.compile("Metaspace\\s+used\\s+(\\d+)K");

    private Metaspace() {
    }

    static long usedBytes(long pid) throws IOException, InterruptedException {
        String output = Jcmd.run(pid, "GC.heap_info");
        Matcher used = USED.matcher(output);
        if (!used.find()) {
            throw new IOException("no 'Metaspace used' in GC.heap_info:\n" + output);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }
}
