package com.myparcel.auth.bench.footprint;

import com.myparcel.auth.bench.harness.Jcmd;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metaspace used by the JVM's class loaders, from {@code jcmd <pid> VM.metaspace} (its "Total Usage"
 * section, line "Both: ... 77.67 KB ( 2%) used"; the same on JDK 17 and 25, unlike GC.heap_info). Classes
 * mapped from the CDS archive are not in it.
 */
final class Metaspace {

    private static final Pattern USED = Pattern.compile(
            "Total Usage[^\\n]*\\n(?:[^\\n]*\\n)*?\\s*Both:.*?committed,\\s+([\\d.]+)\\s+(bytes|KB|MB|GB)\\s+\\([^)]*\\)\\s+used");

    private Metaspace() {
    }

    static long usedBytes(long pid) throws IOException, InterruptedException {
        String output = Jcmd.run(pid, "VM.metaspace");
        Matcher used = USED.matcher(output);
        if (!used.find()) {
            throw new IOException("no 'Total Usage ... Both: ... used' in VM.metaspace:\n" + output);
        }
        double amount = Double.parseDouble(used.group(1));
        long unit = switch (used.group(2)) {
            case "KB" -> 1024L;
            case "MB" -> 1024L * 1024;
            case "GB" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Math.round(amount * unit);
    }
}
