package com.myparcel.auth.bench.footprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code jcmd <pid> GC.class_histogram} (which first runs a full GC): the live heap's total, the
 * instances of the agent's own classes ({@code com.myparcel.auth.agent.*}, shaded ones included), and
 * whether the platform MBean server exists.
 */
record ClassHistogram(long totalInstances, long totalBytes, long agentInstances, long agentBytes,
        List<String> largestAgentClasses, boolean platformMBeanServer) {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final String MBEAN_SERVER = "com.sun.jmx.mbeanserver.JmxMBeanServer";

    static ClassHistogram take(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.class_histogram failed:\n" + output);
        }
        return parse(output);
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
        for (String line : output.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                long instances = Long.parseLong(row.group(1));
                long bytes = Long.parseLong(row.group(2));
                String name = row.group(3);
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
        return new ClassHistogram(totalInstances, totalBytes, agentInstances, agentBytes, largest, mbeanServer);
    }
}
