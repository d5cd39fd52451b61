package com.myparcel.auth.bench.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The refresh storm's application: {@code <threads>} threads parked on one start gate, each then sending
 * one API request through one shared client. Arguments:
 * {@code <urlconnection|httpclient> <threads> <url> <agent|runner-gate> <cold|warm>}; the system property
 * {@value ApiRequester#OWN_AUTHORIZATION_PROPERTY} holds the token for the warm-up requests, which set
 * Authorization themselves (the agent leaves such requests alone, with or without a token).
 *
 * <p>Warm-up, before the gate: {@code cold}: main sends one request to the same server under its IP
 * literal (the TLS stack is initialised, as the agent's token request does in an agent run, but no
 * connection to the API host exists); {@code warm}: every thread sends one request to the API host, so
 * each has a kept-alive connection to it.
 *
 * <p>Gate: {@code agent}: main opens it at once and the threads' requests, without Authorization,
 * wait inside the agent for the first token; main prints {@code STORM_WAITING <n>} once every thread has
 * a frame of the agent ({@value #AGENT_PACKAGE}) on its stack. {@code runner-gate} (baseline, no agent,
 * the storm's requests set Authorization themselves): main prints {@code STORM_WAITING <n>} once every
 * thread is parked on the gate, and opens it when the runner writes {@code GO}. When that state is not
 * reached within {@value #READY_TIMEOUT_SECONDS} s it prints {@code STORM_NOT_WAITING <k>/<n>} instead.
 * At the end: {@code STORM_DONE ok=<n> failed=<n> firstFailure=<text>}.
 */
public final class StormApp {

    public static final String WAITING = "STORM_WAITING";
    public static final String NOT_WAITING = "STORM_NOT_WAITING";
    public static final String DONE = "STORM_DONE";
    static final String AGENT_PACKAGE = "com.myparcel.auth.agent.";
    static final int READY_TIMEOUT_SECONDS = 60;

    private StormApp() {
    }

    public static void main(String[] args) throws Exception {
        String client = args[0];
        int threads = Integer.parseInt(args[1]);
        URI api = URI.create(args[2]);
        boolean runnerGate = args[3].equals("runner-gate");
        boolean warm = args[4].equals("warm");
        String ownAuthorization = System.getProperty(ApiRequester.OWN_AUTHORIZATION_PROPERTY);
        HttpClient sharedClient = client.equals("httpclient") ? HttpClientRequester.newClient() : null;
        ApiRequester warmUp = requester(sharedClient, warm ? api : ipLiteral(api), ownAuthorization);
        ApiRequester storm = requester(sharedClient, api, runnerGate ? ownAuthorization : null);

        if (!warm && warmUp.get() != 200) {
            System.out.println(NOT_WAITING + " the warm-up request failed");
            System.exit(1);
        }
        CountDownLatch warmedUp = new CountDownLatch(threads);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>("none");
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                try {
                    if (warm) {
                        expect200(warmUp.get(), "warm-up", failed, firstFailure);
                    }
                    warmedUp.countDown();
                    gate.await();
                    if (expect200(storm.get(), "storm", failed, firstFailure)) {
                        ok.incrementAndGet();
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
        if (!warmedUp.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            System.out.println(NOT_WAITING + " warm-up unfinished after " + READY_TIMEOUT_SECONDS + " s");
            System.exit(1);
        }
        if (runnerGate) {
            report(awaitAll(workers, worker -> worker.getState() == Thread.State.WAITING), threads);
            String command = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (!"GO".equals(command)) {
                System.out.println(NOT_WAITING + " no GO from the runner");
                System.exit(1);
            }
        } else {
            awaitAll(workers, worker -> worker.getState() == Thread.State.WAITING);
        }
        gate.countDown();
        if (!runnerGate) {
            report(awaitAll(workers, StormApp::insideAgent), threads);
        }
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
        }
        System.out.println(DONE + " ok=" + ok.get() + " failed=" + failed.get() + " firstFailure=" + firstFailure.get());
    }

    private static ApiRequester requester(HttpClient sharedClient, URI uri, String ownAuthorization) {
        return sharedClient != null ? new HttpClientRequester(sharedClient, uri, ownAuthorization)
                : new UrlConnectionRequester(uri, ownAuthorization);
    }

    /** The same URL with 127.0.0.1 for localhost: the same server, but not an API host and not its connections. */
    private static URI ipLiteral(URI api) {
        return URI.create(api.toString().replaceFirst("//localhost:", "//127.0.0.1:"));
    }

    private static boolean expect200(int status, String which, AtomicInteger failed, AtomicReference<String> first) {
        if (status == 200) {
            return true;
        }
        failed.incrementAndGet();
        first.compareAndSet("none", which + "_HTTP_" + status);
        return false;
    }

    private static void report(int ready, int threads) {
        System.out.println(ready == threads ? WAITING + " " + ready : NOT_WAITING + " " + ready + "/" + threads);
    }

    /**
     * Polls the workers until all satisfy {@code condition} (a state the threads reach by themselves and
     * stay in until released: parked on the gate, or held inside the agent); the number that did.
     */
    private static int awaitAll(List<Thread> workers, Predicate<Thread> condition) throws InterruptedException {
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
