package com.myparcel.auth.bench.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The footprint benchmark's application: a few API requests with each client, then it stays alive
 * (both clients still referenced, as in a real application) and reports its state whenever the runner
 * asks. Arguments: {@code <url> <requests per client>}.
 *
 * <p>Protocol: prints {@code REQUESTS ok=<n> failed=<n>}; then for each stdin line {@code MEASURE}: three
 * System.gc(), then {@code HEAP_USED <bytes>}, one {@code THREAD <name>} per live thread, and
 * {@value #MEASURED} (the runner may then inspect the process with jcmd); {@code EXIT} ends it.
 *
 * <p>Heap used is total minus free memory of the Runtime (what MemoryMXBean reports as heap used), not
 * read from MemoryMXBean: loading java.lang.management would add classes and heap of its own, and an
 * application that creates the platform MBean server gets the agent's status MBean registered in it.
 * Measuring must not change what is measured.
 */
public final class FootprintApp {

    public static final String REQUESTS = "REQUESTS";
    public static final String MEASURED = "MEASURED";

    private FootprintApp() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int perClient = Integer.parseInt(args[1]);
        List<ApiRequester> requesters = new ArrayList<>();
        int ok = 0;
        int failed = 0;
        for (String client : List.of("urlconnection", "httpclient")) {
            ApiRequester requester = ApiRequester.create(client, uri);
            requesters.add(requester);
            for (int i = 0; i < perClient; i++) {
                if (requester.get() == 200) {
                    ok++;
                } else {
                    failed++;
                }
            }
        }
        System.out.println(REQUESTS + " ok=" + ok + " failed=" + failed);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null && !command.equals("EXIT")) {
            if (command.equals("MEASURE")) {
                measure();
            }
        }
        System.out.println("clients kept until the end: " + requesters.size());
    }

    private static void measure() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.println("HEAP_USED " + (runtime.totalMemory() - runtime.freeMemory()));
        TreeSet<String> names = new TreeSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.add(thread.getName());
        }
        names.forEach(name -> System.out.println("THREAD " + name));
        System.out.println(MEASURED);
    }
}
