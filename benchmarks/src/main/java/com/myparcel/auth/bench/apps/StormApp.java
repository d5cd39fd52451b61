package com.myparcel.auth.bench.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The refresh storm's application: {@code <threads>} threads blocked on one start gate, each then
 * sending one API request through one shared client. Arguments:
 * {@code <urlconnection|httpclient> <threads> <url> <agent|runner-gate>}.
 *
 * <ul>
 *   <li>{@code agent}: main opens the gate at once; with no token yet, every request waits inside the
 *       agent. Main prints {@code STORM_WAITING <n>} once every thread has a frame of the agent
 *       ({@value #AGENT_PACKAGE}) on its stack, i.e. every request is started and held by the agent.</li>
 *   <li>{@code runner-gate} (baseline, no agent, the app sets Authorization itself): main prints
 *       {@code STORM_WAITING <n>} once every thread is parked on the gate, and opens it when the runner
 *       writes {@code GO}.</li>
 * </ul>
 * When the state is not reached within {@value #READY_TIMEOUT_SECONDS} s it prints
 * {@code STORM_NOT_WAITING <k>/<n>} instead (the run is then INVALID) and goes on. At the end it prints
 * {@code STORM_DONE ok=<n> failed=<n> firstFailure=<text>}.
 */
public final class StormApp {

    public static final String WAITING = "STORM_WAITING";
    public static final String NOT_WAITING = "STORM_NOT_WAITING";
    public static final String DONE = "STORM_DONE";
    static final String AGENT_PACKAGE = "com.myparcel.auth.agent.";
    static final int READY_TIMEOUT_SECONDS = 20;

    private StormApp() {
    }

    public static void main(String[] args) throws Exception {
        ApiRequester requester = ApiRequester.create(args[0], URI.create(args[2]));
        int threads = Integer.parseInt(args[1]);
        boolean runnerGate = args[3].equals("runner-gate");
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>("none");
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                try {
                    gate.await();
                    int status = requester.get();
                    (status == 200 ? ok : failed).incrementAndGet();
                    if (status != 200) {
                        firstFailure.compareAndSet("none", "HTTP_" + status);
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet("none", e.toString().replace(' ', '_'));
                }
            }, "storm-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        int ready = awaitAll(workers, worker -> worker.getState() == Thread.State.WAITING);
        if (runnerGate) {
            report(ready, threads);
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command = commands.readLine();
            if (!"GO".equals(command)) {
                System.out.println(NOT_WAITING + " no GO from the runner");
                System.exit(1);
            }
            gate.countDown();
        } else {
            gate.countDown();
            report(awaitAll(workers, StormApp::insideAgent), threads);
        }
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
        }
        System.out.println(DONE + " ok=" + ok.get() + " failed=" + failed.get() + " firstFailure=" + firstFailure.get());
    }

    private static void report(int ready, int threads) {
        System.out.println(ready == threads ? WAITING + " " + ready : NOT_WAITING + " " + ready + "/" + threads);
    }

    /**
     * Polls the workers' states until all satisfy {@code condition} (a state the threads reach by
     * themselves and stay in: parked on the gate, or held inside the agent); the number that did.
     */
    private static int awaitAll(List<Thread> workers, java.util.function.Predicate<Thread> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        while (true) {
            int satisfied = 0;
            for (Thread worker : workers) {
                if (condition.test(worker)) {
                    satisfied++;
                }
            }
            if (satisfied == workers.size() || System.nanoTime() - deadline > 0) {
                return satisfied;
            }
            Thread.sleep(10);
        }
    }

    /** The request is started and the agent holds it: a frame of the agent is on the thread's stack. */
    private static boolean insideAgent(Thread worker) {
        for (StackTraceElement frame : worker.getStackTrace()) {
            if (frame.getClassName().startsWith(AGENT_PACKAGE)) {
                return true;
            }
        }
        return false;
    }
}
