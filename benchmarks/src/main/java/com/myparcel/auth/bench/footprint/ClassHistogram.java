package com.myparcel.auth.bench.footprint;

import com.myparcel.auth.bench.harness.Figures;
import com.myparcel.auth.bench.harness.Jcmd;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code jcmd <pid> GC.class_histogram} (which first runs a full GC): the live heap's total, the
 * instances of the agent's own classes ({@code com.myparcel.auth.agent.*}, shaded ones included),
 * whether the platform MBean server exists, and every class's {instances, bytes}.
 */
record ClassHistogram(long totalInstances, long totalBytes, long agentInstances, long agentBytes,
        List<String> largestAgentClasses, boolean platformMBeanServer, Map<String, long[]> byClass) {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final String MBEAN_SERVER = "com.sun.jmx.mbeanserver.JmxMBeanServer";

    static ClassHistogram take(long pid) throws IOException, InterruptedException {
        return parse(Jcmd.run(pid, "GC.class_histogram"));
    }

    static ClassHistogram parse(String output) throws IOException {
        long totalInstances = -1;
        long totalBytes = -1;
        long agentInstances = 0;
        long agentBytes = 0;
        boolean mbeanServer = false;
        record AgentClass(String name, long instances, long bytes) {
        }
        List<AgentClass> agentClasses = new ArrayList<>();
        Map<String, long[]> byClass = new HashMap<>();
        for (String line : output.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                long instances = Long.parseLong(row.group(1));
                long bytes = Long.parseLong(row.group(2));
                String name = row.group(3);
                long[] sum = byClass.computeIfAbsent(ClassLoadLog.comparable(name), n -> new long[2]);
                sum[0] += instances;
                sum[1] += bytes;
                if (name.startsWith(ClassLoadLog.AGENT_PACKAGE)) {
                    agentInstances += instances;
                    agentBytes += bytes;
                    agentClasses.add(new AgentClass(name, instances, bytes));
                }
                mbeanServer |= name.equals(MBEAN_SERVER);
                continue;
            }
            Matcher total = TOTAL.matcher(line.trim());
            if (total.matches()) {
                totalInstances = Long.parseLong(total.group(1));
                totalBytes = Long.parseLong(total.group(2));
            }
        }
        if (totalBytes < 0) {
            throw new IOException("no Total line in the class histogram:\n" + output);
        }
        List<String> largest = agentClasses.stream().sorted(Comparator.comparingLong(AgentClass::bytes).reversed())
                .limit(5).map(c -> c.name().substring(ClassLoadLog.AGENT_PACKAGE.length()) + " " + c.instances()
                        + "×, " + c.bytes() + " B").toList();
        return new ClassHistogram(totalInstances, totalBytes, agentInstances, agentBytes, largest, mbeanServer,
                byClass);
    }

    /**
     * The {@code limit} classes whose live heap grows most from {@code without} to {@code with}, as
     * "byte[] +412.3 KiB (+1203)": where the heap the agent adds lies, the JDK's own objects included (the
     * mirrors of the classes it loads, the strings and arrays its libraries and the JVM make for it).
     */
    static List<String> largestGrowth(ClassHistogram without, ClassHistogram with, int limit) {
        record Growth(String name, long instances, long bytes) {
        }
        List<Growth> growth = new ArrayList<>();
        with.byClass().forEach((name, now) -> {
            long[] then = without.byClass().getOrDefault(name, new long[2]);
            growth.add(new Growth(name, now[0] - then[0], now[1] - then[1]));
        });
        return growth.stream().sorted(Comparator.comparingLong(Growth::bytes).reversed()).limit(limit)
                .map(g -> g.name() + " +" + Figures.bytes(g.bytes()) + " (" + (g.instances() >= 0 ? "+" : "")
                        + g.instances() + ")")
                .toList();
    }
}
