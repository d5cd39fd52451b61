package com.myparcel.auth.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CPUs the runner may run on, when they are fewer than the machine's: it was started under
 * {@code taskset} ({@code scripts/benchmarks --cpus}), and every child JVM inherits the same CPUs. Read
 * from Linux rather than taken from an option, so that a report never claims a pinning that did not happen.
 */
public final class CpuAffinity {

    private static final String ALLOWED = "Cpus_allowed_list:";

    private CpuAffinity() {
    }

    /** The runner's CPU list as taskset writes it ({@code 0}, {@code 0-1}), or empty when it may use them all. */
    public static Optional<String> pinnedCpus() {
        try {
            String online = Files.readString(Path.of("/sys/devices/system/cpu/online")).strip();
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith(ALLOWED))
                    .map(line -> line.substring(ALLOWED.length()).strip())
                    .filter(allowed -> !allowed.equals(online))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no Linux /proc: nothing to report
        }
    }
}
