package com.myparcel.auth.bench.perrequest;

import com.myparcel.auth.bench.harness.Figures;
import com.myparcel.auth.bench.harness.MarkdownTable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where each JVM's CPU per request goes, by kind of thread (the load threads, the HttpClient's selector and
 * workers, the JIT's compilers, the GC, ...): the sum over all of a case's valid windows, over its requests.
 * A difference the CPU ratio shows, placed on the threads that spend it, without a profiler.
 */
final class CpuByThread {

    /** Kinds below this on both sides are left out of the table (their sum stays in "all threads"). */
    private static final double SHOWN_NANOS_PER_REQUEST = 100;

    static final String DESCRIPTION = "CPU per request by kind of thread: each JVM's threads' time on a CPU (Linux"
            + " `schedstat`), summed by thread name without its number over all valid windows of the case (all forks),"
            + " over their requests; timeslices: how often such a thread was put on a CPU, per request (each time a"
            + " thread waits for another and is woken, one more). Kinds under "
            + Figures.microsTwoDecimals(SHOWN_NANOS_PER_REQUEST) + " per request on both sides are left out;"
            + " \"all threads\" sums every kind (threads that ended within a window are missing from it).";

    private final MarkdownTable table;

    CpuByThread(String secondLabel) {
        this.table = new MarkdownTable("client", "threads", "kind of thread", "baseline CPU/request",
                secondLabel + " CPU/request", "difference", "baseline timeslices/request",
                secondLabel + " timeslices/request");
    }

    MarkdownTable table() {
        return table;
    }

    /** Adds one case's rows; none if the app did not report its threads. */
    void add(String client, int threads, WindowPairs pairs) {
        Totals baseline = Totals.of(pairs.baselineWindows());
        Totals second = Totals.of(pairs.agentWindows());
        Set<String> kinds = new TreeSet<>(baseline.byKind().keySet());
        kinds.addAll(second.byKind().keySet());
        if (kinds.isEmpty()) {
            return;
        }
        double[] baselineAll = new double[2];
        double[] secondAll = new double[2];
        for (String kind : kinds) {
            double[] b = baseline.perRequest(kind);
            double[] s = second.perRequest(kind);
            for (int i = 0; i < 2; i++) {
                baselineAll[i] += b[i];
                secondAll[i] += s[i];
            }
            if (b[0] >= SHOWN_NANOS_PER_REQUEST || s[0] >= SHOWN_NANOS_PER_REQUEST) {
                row(client, threads, kind, b, s);
            }
        }
        row(client, threads, "all threads", baselineAll, secondAll);
    }

    /** {@code baseline} and {@code second}: {nanoseconds, timeslices} per request. */
    private void row(String client, int threads, String kind, double[] baseline, double[] second) {
        table.row(client, threads, kind, Figures.microsTwoDecimals(baseline[0]), Figures.microsTwoDecimals(second[0]),
                Figures.microsTwoDecimals(second[0] - baseline[0]), String.format(Locale.ROOT, "%.2f", baseline[1]),
                String.format(Locale.ROOT, "%.2f", second[1]));
    }

    /** One side's windows summed: kind to {nanoseconds, timeslices}, and the requests they served. */
    private record Totals(Map<String, long[]> byKind, long requests) {

        static Totals of(List<LoadWindow> windows) {
            Map<String, long[]> byKind = new TreeMap<>();
            long requests = 0;
            for (LoadWindow window : windows) {
                requests += window.requests();
                window.threadCpu().forEach((kind, values) -> {
                    long[] sum = byKind.computeIfAbsent(kind, k -> new long[2]);
                    sum[0] += values[0];
                    sum[1] += values[1];
                });
            }
            return new Totals(byKind, requests);
        }

        /** {nanoseconds, timeslices} per request of one kind; zeros if it never ran. */
        double[] perRequest(String kind) {
            long[] sum = byKind.getOrDefault(kind, new long[2]);
            return requests == 0 ? new double[2]
                    : new double[] {(double) sum[0] / requests, (double) sum[1] / requests};
        }
    }
}
