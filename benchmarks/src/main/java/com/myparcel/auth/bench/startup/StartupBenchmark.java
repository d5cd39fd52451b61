package com.myparcel.auth.bench.startup;

import com.myparcel.auth.bench.Benchmark;
import com.myparcel.auth.bench.BenchmarkContext;
import com.myparcel.auth.bench.apps.ApiRequester;
import com.myparcel.auth.bench.apps.FirstRequestApp;
import com.myparcel.auth.bench.apps.HelloApp;
import com.myparcel.auth.bench.harness.ApiCounts;
import com.myparcel.auth.bench.harness.ChildFailure;
import com.myparcel.auth.bench.harness.ChildJvm;
import com.myparcel.auth.bench.harness.ChildProcess;
import com.myparcel.auth.bench.harness.EmptyAgentJar;
import com.myparcel.auth.bench.harness.Figures;
import com.myparcel.auth.bench.harness.MarkdownTable;
import com.myparcel.auth.bench.harness.OpenTelemetryAgent;
import com.myparcel.auth.bench.harness.OutputLine;
import com.myparcel.auth.bench.harness.ResultReport;
import com.myparcel.auth.bench.harness.Samples;
import com.myparcel.auth.bench.harness.ThisAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up cost: the wall time from just before the runner spawns a JVM to the arrival of the line
 * {@link HelloApp} prints at the end of main, and to the process's end; without an agent, with an empty
 * agent (the JVM's price of any agent), with this agent (and an earlier build of it, if given), with the
 * OpenTelemetry agent; alternating, the order rotated every round. Then the time to the
 * first authorized response ({@link FirstRequestApp}) with the agent against the same app setting the
 * header itself.
 */
public final class StartupBenchmark implements Benchmark {

    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);
    private static final String NONE = "no agent";
    private static final String EMPTY = "empty agent";
    private static final String THIS = "this agent";
    private static final String EARLIER = "earlier build of this agent";
    private static final String OTEL = "OpenTelemetry agent";
    private static final List<String> CLIENTS = List.of("urlconnection", "httpclient");

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String title() {
        return "Start-up: wall time to the end of main, and to the first authorized response";
    }

    @Override
    public void run(BenchmarkContext context, ResultReport report) throws Exception {
        int rounds = context.rounds(10, 3);
        OpenTelemetryAgent otel = context.openTelemetry();
        EmptyAgentJar emptyAgent = EmptyAgentJar.create(context.workDirectory());
        List<String> configurations = new ArrayList<>(List.of(NONE, EMPTY, THIS));
        if (context.earlierAgent() != null) {
            configurations.add(EARLIER);
        }
        if (otel != null) {
            configurations.add(OTEL);
        }
        report.fact("Measured: wall time from `System.nanoTime()` in the runner just before it spawns `java ... "
                + HelloApp.class.getName() + "` (prints one line in main and returns) to the arrival of that line on"
                + " the runner's pipe (end of main), and to the process's end (process exit, seen by the JDK's"
                + " process reaper)")
                .fact("Rounds: " + rounds + " (plus one discarded warm-up round); each round runs every configuration"
                        + " once, the order rotated every round; figures are medians over rounds, min–max in brackets")
                .fact("Configurations: no agent; an empty agent (a one-class jar whose premain returns at once: the"
                        + " JVM's own price of any `-javaagent`); this agent, " + context.agent().describe() + " (token endpoint on"
                        + " loopback, every JVM with the loopback trust store); "
                        + (otel == null ? "OpenTelemetry not measured (no --otel-jar)"
                                : "OpenTelemetry Java agent " + otel.version() + " with"
                                        + " `-Dotel.traces.exporter=none -Dotel.metrics.exporter=none"
                                        + " -Dotel.logs.exporter=none`")
                        + (context.earlierAgent() == null ? "" : "; the earlier build of this agent, "
                                + context.earlierJarInfo().describe() + ", with the same settings")
                        + "; default JVM options otherwise")
                .fact("Valid runs: exit code 0 and the marker seen; with this agent, no ERROR or WARN line of the agent"
                        + " on stderr; with OpenTelemetry, its version line on stderr (proof it was loaded)");

        Samples endOfMain = new Samples();
        Samples exit = new Samples();
        for (int round = -1; round < rounds; round++) {
            for (int i = 0; i < configurations.size(); i++) {
                String configuration = configurations.get(Math.floorMod(round + i, configurations.size()));
                try {
                    long[] times = runHello(context, configuration, emptyAgent);
                    if (round >= 0) {
                        endOfMain.add(configuration, times[0]);
                        exit.add(configuration, times[1]);
                    }
                } catch (ChildFailure e) {
                    endOfMain.invalidRun(configuration);
                    exit.invalidRun(configuration);
                    report.invalid(configuration + ", hello round " + round + ": " + e.getMessage());
                }
            }
        }
        Samples firstResponse = new Samples();
        for (int round = -1; round < rounds; round++) {
            for (String client : CLIENTS) {
                List<Boolean> order = round % 2 == 0 ? List.of(false, true) : List.of(true, false);
                for (boolean withAgent : order) {
                    String configuration = firstRequestConfiguration(client, withAgent);
                    try {
                        long nanos = runFirstRequest(context, client, withAgent);
                        if (round >= 0) {
                            firstResponse.add(configuration, nanos);
                        }
                    } catch (ChildFailure e) {
                        firstResponse.invalidRun(configuration);
                        report.invalid(configuration + ", round " + round + ": " + e.getMessage());
                    }
                }
            }
        }
        // A hello run cannot show that the agent works (it makes no request): the first-request runs, with the
        // same settings, do. Without a single valid one, the start-up figure is not that of a working agent.
        for (String client : CLIENTS) {
            String agent = firstRequestConfiguration(client, true);
            if (firstResponse.values(agent).isEmpty()) {
                report.invalid(THIS + ", hello: no valid first-request run with the agent (" + client + "), so the"
                        + " agent's start-up figure is not that of a working agent");
                endOfMain.discard(THIS);
                exit.discard(THIS);
            }
        }
        reportHello(report, configurations, endOfMain, exit);
        reportFirstResponse(report, firstResponse);
    }

    /** {end of main, process exit} in nanoseconds after the spawn. */
    private long[] runHello(BenchmarkContext context, String configuration, EmptyAgentJar emptyAgent)
            throws Exception {
        ChildJvm jvm = ChildJvm.of(HelloApp.class).with(context.commonOptions());
        switch (configuration) {
            case EMPTY -> jvm.with(emptyAgent.options());
            case THIS -> jvm.with(context.agent().options());
            case EARLIER -> jvm.with(context.earlierAgent().options());
            case OTEL -> jvm.with(context.openTelemetry().options());
            default -> { }
        }
        try (ChildProcess child = jvm.start()) {
            OutputLine end = child.awaitLine(HelloApp.END_OF_MAIN, CHILD_TIMEOUT);
            int code = child.awaitExit(CHILD_TIMEOUT);
            if (code != 0) {
                throw new ChildFailure("exit code " + code + child.describeOutput());
            }
            if ((configuration.equals(THIS) || configuration.equals(EARLIER)) && !ThisAgent.complaints(child.stderrLines()).isEmpty()) {
                throw new ChildFailure("the agent complained: " + ThisAgent.complaints(child.stderrLines()));
            }
            if (configuration.equals(OTEL) && child.stderrLines().stream()
                    .noneMatch(line -> line.contains(OpenTelemetryAgent.VERSION_LINE))) {
                throw new ChildFailure("no '" + OpenTelemetryAgent.VERSION_LINE + "' line: was OpenTelemetry loaded?"
                        + child.describeOutput());
            }
            return new long[] {end.arrivedNanos() - child.spawnedNanos(), child.exitedNanos() - child.spawnedNanos()};
        }
    }

    /** Nanoseconds from the spawn to the arrival of the first response's line; verified against the server. */
    private long runFirstRequest(BenchmarkContext context, String client, boolean withAgent) throws Exception {
        ChildJvm jvm = ChildJvm.of(FirstRequestApp.class, client, context.myParcel().apiUrl())
                .with(context.commonOptions());
        if (withAgent) {
            jvm.with(context.agent().options());
        } else {
            jvm.with("-D" + ApiRequester.OWN_AUTHORIZATION_PROPERTY + "="
                    + context.myParcel().token().authorizationHeader());
        }
        ApiCounts before = context.myParcel().apiCounts();
        try (ChildProcess child = jvm.start()) {
            OutputLine response = child.awaitLine(FirstRequestApp.FIRST_RESPONSE, CHILD_TIMEOUT);
            int code = child.awaitExit(CHILD_TIMEOUT);
            ApiCounts requests = context.myParcel().apiCounts().minus(before);
            if (code != 0 || !response.rest(FirstRequestApp.FIRST_RESPONSE).equals("200")) {
                throw new ChildFailure("exit code " + code + ", " + response.text() + child.describeOutput());
            }
            if (requests.authorized() != 1 || requests.unauthorized() != 0) {
                throw new ChildFailure("the API saw " + requests + " instead of one authorized request");
            }
            if (withAgent && !ThisAgent.complaints(child.stderrLines()).isEmpty()) {
                throw new ChildFailure("the agent complained: " + ThisAgent.complaints(child.stderrLines()));
            }
            return response.arrivedNanos() - child.spawnedNanos();
        }
    }

    private static String firstRequestConfiguration(String client, boolean withAgent) {
        return client + (withAgent ? ", agent" : ", own header");
    }

    private static void reportHello(ResultReport report, List<String> configurations, Samples endOfMain, Samples exit) {
        MarkdownTable table = new MarkdownTable("configuration", "valid runs", "end of main", "added (end of main)",
                "process exit", "added (exit)");
        for (String configuration : configurations) {
            table.row(configuration, endOfMain.runs(configuration), withRange(endOfMain, configuration),
                    added(endOfMain, configuration), withRange(exit, configuration), added(exit, configuration));
        }
        report.table(table);
        double agentAdded = endOfMain.median(THIS) - endOfMain.median(NONE);
        double otelAdded = endOfMain.median(OTEL) - endOfMain.median(NONE);
        double share = agentAdded / otelAdded;
        if (Double.isNaN(agentAdded)) {
            report.paragraph("This agent's start-up cost: INVALID (no valid run).");
            return;
        }
        report.paragraph("This agent adds " + Figures.millis(agentAdded) + " to the end of main (target at most 100 ms: "
                + Figures.yesNo(agentAdded <= 100e6) + ")"
                + (configurations.contains(OTEL) ? "; OpenTelemetry adds " + Figures.millis(otelAdded)
                        + "; this agent's share of that: " + Figures.ratio(share) + " (target at most 0.1: "
                        + Figures.yesNo(share <= 0.1) + ")." : ".")
                + " Of that, " + Figures.millis(endOfMain.median(EMPTY) - endOfMain.median(NONE)) + " is what an empty"
                + " agent adds, the JVM's price of any agent; this agent's own part is "
                + Figures.millis(endOfMain.median(THIS) - endOfMain.median(EMPTY)) + "."
                + (configurations.contains(EARLIER) ? " The earlier build adds "
                        + Figures.millis(endOfMain.median(EARLIER) - endOfMain.median(NONE)) + "." : ""));
    }

    private static void reportFirstResponse(ResultReport report, Samples firstResponse) {
        report.paragraph("Time to the first authorized response: `" + FirstRequestApp.class.getName()
                + " <client> https://localhost:<port>/shipments` sends one GET as soon as main starts and prints the"
                + " status; measured from the spawn to the arrival of that line. Without the agent the app sets"
                + " `Authorization: Bearer <token>` itself (it has the token already: no token request); with the"
                + " agent it sets nothing and the agent fetches the token (client-credentials POST to the loopback"
                + " token endpoint) before the request goes out. Valid runs: status 200, and the API server counted"
                + " exactly one request, carrying the expected token. Same number of rounds as above (plus one"
                + " discarded), the order of the two runs alternating; medians, min–max in brackets.");
        MarkdownTable table = new MarkdownTable("client", "app sets the header, no agent", "agent adds the header",
                "added by the agent", "valid runs (no agent / agent)");
        for (String client : CLIENTS) {
            String own = firstRequestConfiguration(client, false);
            String agent = firstRequestConfiguration(client, true);
            table.row(client, withRange(firstResponse, own), withRange(firstResponse, agent),
                    Figures.millis(firstResponse.median(agent) - firstResponse.median(own)),
                    firstResponse.runs(own) + " / " + firstResponse.runs(agent));
        }
        report.table(table);
    }

    private static String withRange(Samples samples, String configuration) {
        return Figures.millis(samples.median(configuration)) + " (" + Figures.millis(samples.min(configuration))
                .replace(" ms", "") + "–" + Figures.millis(samples.max(configuration)) + ")";
    }

    private static String added(Samples samples, String configuration) {
        return configuration.equals(NONE) ? "–" : Figures.millis(samples.median(configuration) - samples.median(NONE));
    }
}
