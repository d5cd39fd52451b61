package com.example.modern;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A shipments client written for virtual threads (Java 21+): one virtual thread per task, each task listing
 * shipments again and again for a while, half of them with {@link HttpURLConnection} ("huc"), half with one shared
 * {@link HttpClient} ("hc", {@code send}). No idea that an agent may add authorization. Compiled for Java 17, so the
 * Java 21 methods ({@code Executors.newVirtualThreadPerTaskExecutor}, {@code Thread.isVirtual}) are called by
 * reflection.
 *
 * <p>Program arguments: {@code <tasks> <seconds> <pauseMs>}: {@code tasks} virtual threads, all started at once,
 * each sending GET {@code <shipments.base-url>/shipments} (header {@code X-Request-Id: <client>-<n>}), then pausing
 * a random 0..pauseMs, until {@code seconds} have passed since the start.
 *
 * <p>Output on stdout:
 * <pre>
 * RELEASED &lt;epoch millis when all tasks were let go&gt;
 * NOT-OK &lt;client&gt; &lt;id&gt; &lt;status|ERR&gt; &lt;exception&gt;    (first 100 requests that did not get 200)
 * TASK-FAILED &lt;exception&gt;                               (a task ended by an exception, or still ran at the end)
 * VIRTUAL &lt;number of tasks that ran on a virtual thread&gt;
 * REQUESTS &lt;client&gt; total=&lt;n&gt; ok=&lt;n&gt; failed=&lt;n&gt; maxMs=&lt;slowest answer&gt;
 * DONE
 * </pre>
 * System property {@code shipments.base-url} (default https://api.myparcel.com).
 */
public final class VirtualThreadsApp {

    static final String JSON_API = "application/vnd.api+json";
    private static final int MAX_NOT_OK_LINES = 100;
    private static final int TIMEOUT_MS = 30_000;

    private final String baseUrl;
    /**
     * HTTP/1.1: over HTTP/2 the JDK's client fails a request ("too many concurrent streams") when more are in flight
     * on one connection than the server allows (Jetty: 128), as hundreds of virtual threads make them.
     */
    private final HttpClient httpClient = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(TIMEOUT_MS))
            .build();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger notOkLines = new AtomicInteger();
    private final AtomicInteger virtualTasks = new AtomicInteger();
    private final Counts huc = new Counts("huc");
    private final Counts hc = new Counts("hc");

    private VirtualThreadsApp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: VirtualThreadsApp <tasks> <seconds> <pauseMs>");
            System.exit(2);
        }
        VirtualThreadsApp app = new VirtualThreadsApp(System.getProperty("shipments.base-url", "https://api.myparcel.com"));
        app.run(Integer.parseInt(args[0]), Long.parseLong(args[1]), Long.parseLong(args[2]));
        System.out.println("VIRTUAL " + app.virtualTasks.get());
        app.huc.print();
        app.hc.print();
        System.out.println("DONE");
    }

    private void run(int tasks, long seconds, long pauseMs) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch start = new CountDownLatch(1);
        Method isVirtual = Thread.class.getMethod("isVirtual");
        ExecutorService executor = (ExecutorService) Executors.class
                .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        for (int task = 0; task < tasks; task++) {
            boolean useHttpClient = task % 2 == 1;
            executor.execute(() -> {
                try {
                    if ((Boolean) isVirtual.invoke(Thread.currentThread())) {
                        virtualTasks.incrementAndGet();
                    }
                    start.await();
                    while (System.nanoTime() - end < 0) {
                        if (useHttpClient) {
                            listWithHttpClient();
                        } else {
                            listWithHttpUrlConnection();
                        }
                        Thread.sleep(ThreadLocalRandom.current().nextLong(pauseMs + 1));
                    }
                } catch (Exception e) {
                    System.out.println("TASK-FAILED " + e);
                }
            });
        }
        start.countDown(); // all tasks exist: let them go at once
        System.out.println("RELEASED " + System.currentTimeMillis());
        executor.shutdown();
        if (!executor.awaitTermination(seconds + 60, TimeUnit.SECONDS)) {
            System.out.println("TASK-FAILED still running " + (seconds + 60) + " s after the start");
        }
    }

    private void listWithHttpUrlConnection() {
        String id = "huc-" + ids.incrementAndGet();
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(baseUrl + "/shipments").openConnection();
            connection.setRequestProperty("Accept", JSON_API);
            connection.setRequestProperty("X-Request-Id", id);
            connection.setConnectTimeout(TIMEOUT_MS);
            connection.setReadTimeout(TIMEOUT_MS);
            long t0 = System.nanoTime();
            int status = connection.getResponseCode();
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (body != null) {
                readAll(body);
            }
            huc.record(id, String.valueOf(status), null, t0);
        } catch (Exception e) {
            huc.record(id, "ERR", e, 0);
        }
    }

    private void listWithHttpClient() {
        String id = "hc-" + ids.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/shipments"))
                .header("Accept", JSON_API)
                .header("X-Request-Id", id)
                .timeout(Duration.ofMillis(TIMEOUT_MS))
                .GET()
                .build();
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> response = httpClient.send(request, BodyHandlers.ofString());
            hc.record(id, String.valueOf(response.statusCode()), null, t0);
        } catch (Exception e) {
            hc.record(id, "ERR", e, 0);
        }
    }

    private static void readAll(InputStream in) throws IOException {
        try (InputStream stream = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = stream.read(buffer)) != -1) {
                out.write(buffer, 0, n);
            }
        }
    }

    /** Requests of one client: how many, how many got 200, and the first few that did not. */
    private final class Counts {
        private final String client;
        private final LongAdder total = new LongAdder();
        private final LongAdder ok = new LongAdder();
        private final AtomicLong maxMs = new AtomicLong();

        Counts(String client) {
            this.client = client;
        }

        /** @param startNanos when the request was made (0: unknown), for the slowest answer */
        void record(String id, String status, Exception failure, long startNanos) {
            total.increment();
            if (startNanos != 0) {
                maxMs.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), Math::max);
            }
            if (status.equals("200")) {
                ok.increment();
            } else if (notOkLines.incrementAndGet() <= MAX_NOT_OK_LINES) {
                System.out.println("NOT-OK " + client + " " + id + " " + status
                        + (failure == null ? "" : " " + String.valueOf(failure).replaceAll("\\s+", " ")));
            }
        }

        void print() {
            System.out.println("REQUESTS " + client + " total=" + total.sum() + " ok=" + ok.sum()
                    + " failed=" + (total.sum() - ok.sum()) + " maxMs=" + maxMs.get());
        }
    }
}
