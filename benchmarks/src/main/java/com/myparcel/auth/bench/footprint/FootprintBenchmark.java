package com.myparcel.auth.bench.footprint;

import com.myparcel.auth.bench.Benchmark;
import com.myparcel.auth.bench.BenchmarkContext;
import com.myparcel.auth.bench.apps.ApiRequester;
import com.myparcel.auth.bench.apps.FootprintApp;
import com.myparcel.auth.bench.harness.ChildFailure;
import com.myparcel.auth.bench.harness.ChildJvm;
import com.myparcel.auth.bench.harness.Figures;
import com.myparcel.auth.bench.harness.MarkdownTable;
import com.myparcel.auth.bench.harness.ResultReport;
import com.myparcel.auth.bench.harness.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What the agent costs a running application: jar size, classes loaded, threads, heap. The same small
 * application ({@link FootprintApp}: a few requests with each client, then idle) without the agent
 * (setting the header itself) and with it, measured after its requests and, in a full run, again after
 * a minute of running.
 */
public final class FootprintBenchmark implements Benchmark {

    private static final int REQUESTS_PER_CLIENT = 5;
    private static final long LATE_SECONDS = 65;
    private static final String NONE = "no agent";
    private static final String AGENT = "agent";

    @Override
    public String name() {
        return "footprint";
    }

    @Override
    public String title() {
        return "Footprint: jar, classes, threads and heap the agent adds to a running application";
    }

    @Override
    public void run(BenchmarkContext context, ResultReport report) throws Exception {
        int rounds = context.rounds(3, 1);
        boolean late = !context.quick();
        report.fact("Measured: `" + FootprintApp.class.getName() + " https://localhost:<port>/shipments "
                        + REQUESTS_PER_CLIENT + "`: " + REQUESTS_PER_CLIENT + " GETs with HttpURLConnection and "
                        + REQUESTS_PER_CLIENT + " with one HttpClient (kept referenced), then idle. Without the agent the"
                        + " app sets the header itself; with it, " + context.agent().describe()
                        + ". Both with `-Xlog:class+load=info:file=...` and default JVM options otherwise")
                .fact("After the requests (\"early\"): the app runs System.gc() three times, reports heap used"
                        + " (Runtime total − free: what MemoryMXBean calls heap used, without"
                        + " loading java.lang.management, so that measuring adds nothing to what is measured) and the names of its live threads; then the runner reads the class-load log, runs"
                        + " `jcmd <pid> VM.metaspace` (metaspace used, CDS-archived classes not included) and `jcmd <pid> GC.class_histogram` (a full GC, then"
                        + " the live heap by class)"
                        + (late ? "; the same again " + LATE_SECONDS + " s after the JVM started (\"late\", first round"
                                + " only), to show what a minute of running adds" : "; no late measurement in"
                                + " --quick"))
                .fact("Rounds: " + rounds + " (both JVMs alive side by side, measured in turn, the order alternating);"
                        + " numbers are medians over rounds; thread and class names are from the first round")
                .fact("Valid run: every request answered 200 and the API server counted " + 2 * REQUESTS_PER_CLIENT
                        + " requests with the expected token per JVM, none without; no ERROR/WARN line of the agent");

        List<FootprintSnapshot> noneEarly = new ArrayList<>();
        List<FootprintSnapshot> agentEarly = new ArrayList<>();
        FootprintSnapshot noneLate = null;
        FootprintSnapshot agentLate = null;
        for (int round = 0; round < rounds; round++) {
            boolean agentFirst = round % 2 == 1;
            List<FootprintJvm> started = new ArrayList<>();
            try {
                for (boolean withAgent : agentFirst ? List.of(true, false) : List.of(false, true)) {
                    started.add(start(context, withAgent, round));
                }
                FootprintJvm none = started.get(agentFirst ? 1 : 0);
                FootprintJvm agent = started.get(agentFirst ? 0 : 1);
                for (FootprintJvm jvm : started) {
                    (jvm == agent ? agentEarly : noneEarly).add(jvm.snapshot());
                }
                if (late && round == 0) {
                    long lateAt = Math.max(none.spawnedNanos(), agent.spawnedNanos()) + LATE_SECONDS * 1_000_000_000L;
                    long wait = lateAt - System.nanoTime();
                    if (wait > 0) {
                        // A measurement instant, not a synchronisation: what is alive at 65 s is what we report.
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    noneLate = none.snapshot();
                    agentLate = agent.snapshot();
                }
                for (FootprintJvm jvm : started) {
                    jvm.finish();
                }
            } catch (ChildFailure e) {
                report.invalid("round " + round + ": " + e.getMessage());
            } finally {
                started.forEach(FootprintJvm::close);
            }
        }
        if (noneEarly.isEmpty() || agentEarly.isEmpty()) {
            report.invalid("no valid measurement of both configurations");
            return;
        }
        AgentJarContents jar = AgentJarContents.of(context.agent().jar());
        MarkdownTable table = new MarkdownTable("measure", NONE + " (app sets header)", "with the agent",
                "added by the agent", "target");
        table.row("agent jar", "–", Figures.bytes(context.agentJarInfo().size()) + " (" + context.agentJarInfo().size()
                + " bytes; " + jar.classes() + " classes, " + jar.shadedClasses() + " of them shaded)", "", "");
        addRows(table, "early", noneEarly, agentEarly);
        if (noneLate != null && agentLate != null) {
            addRows(table, "late (" + LATE_SECONDS + " s)", List.of(noneLate), List.of(agentLate));
        }
        report.table(table);
        report.paragraph(namesParagraph("early", noneEarly.get(0), agentEarly.get(0)));
        if (noneLate != null && agentLate != null) {
            report.paragraph(namesParagraph("late (" + LATE_SECONDS + " s)", noneLate, agentLate));
        }
        report.paragraph("The agent's largest classes on the heap (early, first round): "
                + String.join("; ", agentEarly.get(0).histogram().largestAgentClasses()) + ".");
        report.paragraph("Where the live heap grows with the agent (early, first round; the JDK's objects included,"
                + " such as the `Class` mirrors of the classes it loads and the agent jar's central directory): "
                + String.join("; ", ClassHistogram.largestGrowth(noneEarly.get(0).histogram(),
                        agentEarly.get(0).histogram(), 10)) + ".");
    }

    private static FootprintJvm start(BenchmarkContext context, boolean withAgent, int round) throws Exception {
        ChildJvm jvm = ChildJvm.of(FootprintApp.class, context.myParcel().apiUrl(), String.valueOf(REQUESTS_PER_CLIENT))
                .with(context.commonOptions());
        if (withAgent) {
            jvm.with(context.agent().options());
        } else {
            jvm.with("-D" + ApiRequester.OWN_AUTHORIZATION_PROPERTY + "="
                    + context.myParcel().token().authorizationHeader());
        }
        String label = withAgent ? AGENT : NONE;
        return FootprintJvm.start(label, jvm,
                context.workDirectory().resolve("class-load-" + (withAgent ? "agent" : "none") + "-" + round + ".log"),
                2 * REQUESTS_PER_CLIENT, context.myParcel());
    }

    private static void addRows(MarkdownTable table, String when, List<FootprintSnapshot> none,
            List<FootprintSnapshot> agent) {
        double noneClasses = median(none, s -> s.classes().total());
        double agentClasses = median(agent, s -> s.classes().total());
        table.row(when + ": classes loaded (class+load log lines)", count(noneClasses), count(agentClasses),
                count(agentClasses - noneClasses), "");
        table.row(when + ": of which the agent's own (`com.myparcel.auth.agent.*`)", count(median(none,
                s -> s.classes().agentClasses())), count(median(agent, s -> s.classes().agentClasses())), "", "");
        table.row(when + ": of which shaded (`com.myparcel.auth.agent.shaded.*`)", count(median(none,
                s -> s.classes().shadedClasses())), count(median(agent, s -> s.classes().shadedClasses())), "", "");
        Set<String> onlyWithAgent = difference(agent.get(0).threads(), none.get(0).threads());
        table.row(when + ": live threads", count(median(none, s -> s.threads().size())),
                count(median(agent, s -> s.threads().size())),
                onlyWithAgent.size() + (onlyWithAgent.isEmpty() ? "" : ": " + String.join(", ", onlyWithAgent)),
                "one thread");
        double heapNone = median(none, FootprintSnapshot::heapUsed);
        double heapAgent = median(agent, FootprintSnapshot::heapUsed);
        table.row(when + ": heap used after 3× System.gc() (Runtime total − free)", Figures.bytes(heapNone),
                Figures.bytes(heapAgent), Figures.bytes(heapAgent - heapNone),
                "< 2 MiB: " + Figures.yesNo(heapAgent - heapNone < 2 * 1024 * 1024));
        double liveNone = median(none, s -> s.histogram().totalBytes());
        double liveAgent = median(agent, s -> s.histogram().totalBytes());
        table.row(when + ": live heap after full GC (class histogram total)", Figures.bytes(liveNone),
                Figures.bytes(liveAgent), Figures.bytes(liveAgent - liveNone),
                "< 2 MiB: " + Figures.yesNo(liveAgent - liveNone < 2 * 1024 * 1024));
        table.row(when + ": instances of the agent's classes (class histogram)", "–",
                count(median(agent, s -> s.histogram().agentInstances())) + " instances, "
                        + Figures.bytes(median(agent, s -> s.histogram().agentBytes())) + " shallow", "", "");
        double metaspaceNone = median(none, FootprintSnapshot::metaspaceUsed);
        double metaspaceAgent = median(agent, FootprintSnapshot::metaspaceUsed);
        table.row(when + ": metaspace used (jcmd VM.metaspace)", Figures.bytes(metaspaceNone),
                Figures.bytes(metaspaceAgent), Figures.bytes(metaspaceAgent - metaspaceNone), "");
        table.row(when + ": platform MBean server exists", yes(none.get(0).histogram().platformMBeanServer()),
                yes(agent.get(0).histogram().platformMBeanServer()), "", "");
    }

    /** Threads and classes by name: what is there only with the agent (and only without it). */
    private static String namesParagraph(String when, FootprintSnapshot none, FootprintSnapshot agent) {
        Set<String> threadsOnlyWith = difference(agent.threads(), none.threads());
        Set<String> threadsOnlyWithout = difference(none.threads(), agent.threads());
        Set<String> noneClasses = comparableNames(none.classes());
        Set<String> otherClassesOnlyWith = new TreeSet<>();
        for (String name : comparableNames(agent.classes())) {
            if (!noneClasses.contains(name) && !name.startsWith(ClassLoadLog.AGENT_PACKAGE)) {
                otherClassesOnlyWith.add(name);
            }
        }
        Map<String, Long> byPackage = otherClassesOnlyWith.stream().collect(Collectors.groupingBy(
                FootprintBenchmark::packageOf, TreeMap::new, Collectors.counting()));
        String packages = byPackage.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", "));
        return "Names, " + when + ": threads only with the agent: " + quoted(threadsOnlyWith)
                + "; threads only without it: " + quoted(threadsOnlyWithout) + ". Classes other than the agent's own"
                + " loaded only with the agent (names compared without hidden-class addresses): "
                + otherClassesOnlyWith.size() + (packages.isEmpty() ? "" : ", by package: " + packages) + ".";
    }

    private static Set<String> comparableNames(ClassLoadLog log) {
        return log.classNames().stream().map(ClassLoadLog::comparable).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "(default)" : className.substring(0, dot);
    }

    private static Set<String> difference(Set<String> from, Set<String> minus) {
        Set<String> result = new TreeSet<>(from);
        result.removeAll(minus);
        return result;
    }

    private static String quoted(Set<String> names) {
        return names.isEmpty() ? "none" : names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
    }

    private static double median(List<FootprintSnapshot> snapshots, ToDoubleFunction<FootprintSnapshot> value) {
        return Stats.median(snapshots.stream().map(s -> value.applyAsDouble(s)).toList());
    }

    private static String count(double value) {
        return Double.isNaN(value) ? "n/a" : String.valueOf(Math.round(value));
    }

    private static String yes(boolean value) {
        return value ? "yes" : "no";
    }
}
