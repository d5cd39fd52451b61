package com.example.reliability;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives the MyParcel.com API the way an application that uses BOTH JDK clients does: {@link HttpURLConnection}
 * ("huc") and one shared {@link HttpClient} ("hc") in the same JVM, with no idea that an agent adds authorization.
 * Every request carries its own {@code X-Request-Id: <client>-<n>}, so that the server can tell a first attempt from
 * a replay of the same request.
 *
 * <p>System property {@code driver.base-url}: the requests go to {@code <base-url>/huc/shipments} and
 * {@code <base-url>/hc/shipments}. With {@code driver.warm-up-url} (a host that is not an API host), each client
 * first sends one GET there, so that the JVM's first TLS handshake is not counted as waiting.
 *
 * <p>Commands (program arguments):
 * <pre>
 * paced &lt;intervalMs&gt; &lt;maxSeconds&gt;
 *     every intervalMs one GET per client, each on its own thread (they overlap when they have to wait), until a
 *     line STOP arrives on stdin or maxSeconds pass; then waits for the requests in flight. HttpClient requests use
 *     sendAsync. One line per request:
 *     REQ &lt;client&gt; &lt;id&gt; &lt;startEpochMs&gt; &lt;totalMs&gt; &lt;status|ERR&gt; &lt;callReturnedMs&gt; [&lt;exception&gt;]
 *     (totalMs: from the call until the body was read; callReturnedMs: how long sendAsync took to return, -1 for
 *     HttpURLConnection). At the end: SUMMARY &lt;client&gt; launched=&lt;n&gt; completed=&lt;n&gt; failed=&lt;n&gt;, and
 *     DELAYER maxLateMs=&lt;n&gt;: how late the app's own CompletableFuture.orTimeout(100 ms), probed every 250 ms, fired
 *     at worst (DELAYER-LATE &lt;startEpochMs&gt; &lt;lateMs&gt; for each probe 1 s late or more)
 *
 * load &lt;seconds&gt; &lt;hucThreads&gt; &lt;hcThreads&gt; &lt;sampleEveryMs&gt;
 *     closed loop: each thread sends GETs back to back for the given time (HttpClient threads alternate send and
 *     sendAsync().get()). Every sampleEveryMs, after System.gc():
 *     SAMPLE &lt;elapsedMs&gt; &lt;liveThreads (ThreadMXBean)&gt; &lt;Thread.activeCount()&gt; &lt;usedHeapBytes&gt; &lt;requestsSoFar&gt;
 *     THREADS &lt;elapsedMs&gt; &lt;name=count,...&gt; (live threads by name with digits as #)
 *     Each response that is not 200 (first 200 of them): NOT-OK &lt;client&gt; &lt;id&gt; &lt;status|ERR&gt; &lt;body or exception&gt;
 *     Each request that took 1 s or more (first 500): SLOW &lt;client&gt; &lt;id&gt; &lt;startEpochMs&gt; &lt;ms&gt;
 *     At the end, per client: LOAD &lt;client&gt; requests=&lt;n&gt; ok=&lt;n&gt; unauthorized=&lt;n&gt; other=&lt;n&gt; errors=&lt;n&gt;
 *     maxMs=&lt;n&gt; p99Ms=&lt;n&gt;, and STATUS &lt;client&gt; &lt;status&gt; &lt;count&gt; lines.
 * </pre>
 * Both print {@code STARTED <epochMs>} first and {@code DONE} last.
 */
public final class LoadDriver {

    static final String JSON_API = "application/vnd.api+json";
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 30_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_NOT_OK_LINES = 200;
    private static final long SLOW_MS = 1_000;
    private static final int MAX_SLOW_LINES = 500;

    private final String base;
    private final HttpClient httpClient = HttpClient.newHttpClient();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger slowLines = new AtomicInteger();

    private LoadDriver(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = System.getProperty("driver.base-url");
        if (base == null || args.length == 0) {
            System.err.println("usage: -Ddriver.base-url=<url> LoadDriver paced <intervalMs> <maxSeconds>"
                    + " | load <seconds> <hucThreads> <hcThreads> <sampleEveryMs>");
            System.exit(2);
        }
        LoadDriver driver = new LoadDriver(base);
        String warmUp = System.getProperty("driver.warm-up-url");
        if (warmUp != null) {
            driver.warmUp(warmUp);
        }
        System.out.println("STARTED " + System.currentTimeMillis());
        if (args[0].equals("paced")) {
            driver.paced(Long.parseLong(args[1]), Long.parseLong(args[2]));
        } else if (args[0].equals("load")) {
            driver.load(Long.parseLong(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Long.parseLong(args[4]));
        } else {
            System.err.println("unknown command: " + args[0]);
            System.exit(2);
        }
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }

    /**
     * One GET per client to a host that is not an API host (the agent leaves it alone): the JVM's first TLS
     * handshake and the HttpClient's start-up are then behind us, and what the requests wait for later is the agent.
     */
    private void warmUp(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            readAll(connection.getInputStream());
            HttpResponse<String> response = httpClient.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .GET().build(), BodyHandlers.ofString());
            System.out.println("WARMED-UP " + connection.getResponseCode() + " " + response.statusCode());
        } catch (Exception e) {
            System.out.println("WARM-UP-FAILED " + describe(e));
        }
    }

    // ---------------------------------------------------------------- paced

    private void paced(long intervalMs, long maxSeconds) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Thread stdin = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.trim().equals("STOP")) {
                        break;
                    }
                }
            } catch (IOException ignored) {
                // stdin closed: stop as well
            }
            stop.countDown();
        }, "driver-stdin");
        stdin.setDaemon(true);
        stdin.start();

        AtomicLong delayerLateMs = new AtomicLong();
        Thread probe = new Thread(() -> probeDelayer(stop, delayerLateMs), "driver-delayer-probe");
        probe.setDaemon(true);
        probe.start();

        ExecutorService requests = Executors.newCachedThreadPool();
        Map<String, AtomicInteger[]> counts = new TreeMap<>();
        counts.put("huc", new AtomicInteger[] {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()});
        counts.put("hc", new AtomicInteger[] {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()});
        long end = System.currentTimeMillis() + maxSeconds * 1000;
        while (System.currentTimeMillis() < end && !stop.await(0, TimeUnit.MILLISECONDS)) {
            for (String client : counts.keySet()) {
                AtomicInteger[] c = counts.get(client);
                c[0].incrementAndGet();
                requests.execute(() -> {
                    boolean ok = client.equals("huc") ? pacedHuc() : pacedHc();
                    (ok ? c[1] : c[2]).incrementAndGet();
                });
            }
            stop.await(intervalMs, TimeUnit.MILLISECONDS);
        }
        requests.shutdown();
        requests.awaitTermination(60, TimeUnit.SECONDS);
        counts.forEach((client, c) -> System.out.println("SUMMARY " + client + " launched=" + c[0] + " completed="
                + c[1] + " failed=" + c[2]));
        System.out.println("DELAYER maxLateMs=" + delayerLateMs.get());
    }

    /**
     * What an application's own {@code CompletableFuture.orTimeout} sees: every 250 ms a 100 ms timeout, and how
     * late it fires. The JDK runs every such timeout on one shared thread, so anyone blocking that thread delays them
     * all.
     */
    private static void probeDelayer(CountDownLatch stop, AtomicLong maxLateMs) {
        try {
            while (!stop.await(250, TimeUnit.MILLISECONDS)) {
                long t0 = System.nanoTime();
                try {
                    new CompletableFuture<Void>().orTimeout(100, TimeUnit.MILLISECONDS).get(60, TimeUnit.SECONDS);
                } catch (ExecutionException expected) {
                    // the timeout fired
                } catch (java.util.concurrent.TimeoutException stuck) {
                    // not even within a minute
                }
                long late = millisSince(t0) - 100;
                maxLateMs.accumulateAndGet(late, Math::max);
                if (late >= 1_000) {
                    System.out.println("DELAYER-LATE " + (System.currentTimeMillis() - late - 100) + " " + late);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean pacedHuc() {
        String id = "huc-" + ids.incrementAndGet();
        long start = System.currentTimeMillis();
        long t0 = System.nanoTime();
        try {
            int status = hucGet(id, null);
            System.out.println("REQ huc " + id + " " + start + " " + millisSince(t0) + " " + status + " -1");
            return true;
        } catch (Exception e) {
            System.out.println("REQ huc " + id + " " + start + " " + millisSince(t0) + " ERR -1 " + describe(e));
            return false;
        }
    }

    private boolean pacedHc() {
        String id = "hc-" + ids.incrementAndGet();
        HttpRequest request = hcRequest(id);
        long start = System.currentTimeMillis();
        long t0 = System.nanoTime();
        long returned = -1;
        try {
            CompletableFuture<HttpResponse<String>> future = httpClient.sendAsync(request, BodyHandlers.ofString());
            returned = millisSince(t0);
            HttpResponse<String> response = future.get();
            System.out.println("REQ hc " + id + " " + start + " " + millisSince(t0) + " " + response.statusCode()
                    + " " + returned);
            return true;
        } catch (Exception e) {
            System.out.println("REQ hc " + id + " " + start + " " + millisSince(t0) + " ERR " + returned + " "
                    + describe(e));
            return false;
        }
    }

    // ---------------------------------------------------------------- load

    private void load(long seconds, int hucThreads, int hcThreads, long sampleEveryMs) throws InterruptedException {
        long started = System.nanoTime();
        long end = started + TimeUnit.SECONDS.toNanos(seconds);
        Stats huc = new Stats("huc");
        Stats hc = new Stats("hc");
        AtomicInteger notOkLines = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < hucThreads + hcThreads; t++) {
            boolean useHuc = t < hucThreads;
            int index = t;
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long n = 0;
                while (System.nanoTime() < end) {
                    if (useHuc) {
                        loadHuc(huc, notOkLines);
                    } else {
                        loadHc(hc, notOkLines, (index + n++) % 2 == 0);
                    }
                }
            }, "load-" + (useHuc ? "huc-" : "hc-") + t);
            workers.add(worker);
            worker.start();
        }
        go.countDown();

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long nextSample = started;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (now >= nextSample) {
                System.gc();
                System.out.println("SAMPLE " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " "
                        + threads.getThreadCount() + " " + Thread.activeCount() + " "
                        + memory.getHeapMemoryUsage().getUsed() + " " + (huc.requests.sum() + hc.requests.sum()));
                System.out.println("THREADS " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " "
                        + threadGroups());
                nextSample += TimeUnit.MILLISECONDS.toNanos(sampleEveryMs);
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(1, Math.min(nextSample, end) - System.nanoTime()));
        }
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
        }
        huc.print();
        hc.print();
    }

    private void loadHuc(Stats stats, AtomicInteger notOkLines) {
        String id = "huc-" + ids.incrementAndGet();
        long t0 = System.nanoTime();
        StringBuilder body = new StringBuilder();
        try {
            int status = hucGet(id, body);
            long millis = millisSince(t0);
            stats.record(status, millis);
            slow("huc", id, t0, millis);
            if (status != 200 && notOkLines.incrementAndGet() <= MAX_NOT_OK_LINES) {
                System.out.println("NOT-OK huc " + id + " " + status + " " + oneLine(body.toString()));
            }
        } catch (Exception e) {
            stats.error(millisSince(t0));
            if (notOkLines.incrementAndGet() <= MAX_NOT_OK_LINES) {
                System.out.println("NOT-OK huc " + id + " ERR " + describe(e));
            }
        }
    }

    private void loadHc(Stats stats, AtomicInteger notOkLines, boolean async) {
        String id = "hc-" + ids.incrementAndGet();
        HttpRequest request = hcRequest(id);
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = async
                    ? httpClient.sendAsync(request, BodyHandlers.ofString()).get()
                    : httpClient.send(request, BodyHandlers.ofString());
            long millis = millisSince(t0);
            stats.record(response.statusCode(), millis);
            slow("hc", id, t0, millis);
            if (response.statusCode() != 200 && notOkLines.incrementAndGet() <= MAX_NOT_OK_LINES) {
                System.out.println("NOT-OK hc " + id + " " + response.statusCode() + " " + oneLine(response.body()));
            }
        } catch (Exception e) {
            stats.error(millisSince(t0));
            if (notOkLines.incrementAndGet() <= MAX_NOT_OK_LINES) {
                System.out.println("NOT-OK hc " + id + " ERR " + describe(e));
            }
        }
    }

    /** A request that took {@value #SLOW_MS} ms or more (first {@value #MAX_SLOW_LINES}): SLOW client id startMs ms. */
    private void slow(String client, String id, long nanoStart, long millis) {
        if (millis >= SLOW_MS && slowLines.incrementAndGet() <= MAX_SLOW_LINES) {
            long startMs = System.currentTimeMillis() - millis;
            System.out.println("SLOW " + client + " " + id + " " + startMs + " " + millis);
        }
    }

    /** Live threads by name, digits dropped ({@code HttpClient-1-Worker-#=5}), most numerous first. */
    private static String threadGroups() {
        Map<String, Integer> groups = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            groups.merge(thread.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        groups.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).forEach(group ->
                text.append(text.length() == 0 ? "" : ",").append(group.getKey().replace(' ', '_')).append('=')
                        .append(group.getValue()));
        return text.toString();
    }

    // ---------------------------------------------------------------- requests

    /** GET {@code <base>/huc/shipments} through HttpURLConnection; the body is read (into {@code body} if given). */
    private int hucGet(String id, StringBuilder body) throws IOException {
        URL url = new URL(base + "/huc/shipments");
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestProperty("Accept", JSON_API);
        connection.setRequestProperty("X-Request-Id", id);
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        int status = connection.getResponseCode();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        byte[] bytes = in == null ? new byte[0] : readAll(in);
        if (body != null) {
            body.append(new String(bytes, StandardCharsets.UTF_8));
        }
        return status;
    }

    private HttpRequest hcRequest(String id) {
        return HttpRequest.newBuilder(URI.create(base + "/hc/shipments"))
                .header("Accept", JSON_API)
                .header("X-Request-Id", id)
                .timeout(TIMEOUT)
                .GET()
                .build();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (InputStream stream = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = stream.read(buffer)) != -1) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static long millisSince(long nanoStart) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoStart);
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getName() + ": " + oneLine(String.valueOf(cause.getMessage()));
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ");
        return line.length() > 160 ? line.substring(0, 160) : line;
    }

    /** Counts per client: statuses, transport errors, latency (max and a 10 ms histogram for the 99th percentile). */
    private static final class Stats {
        private static final int BUCKET_MS = 10;
        private static final int BUCKETS = 6_001; // up to 60 s

        private final String client;
        private final LongAdder requests = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final AtomicLong maxMs = new AtomicLong();
        private final LongAdder[] histogram = new LongAdder[BUCKETS];

        Stats(String client) {
            this.client = client;
            for (int i = 0; i < BUCKETS; i++) {
                histogram[i] = new LongAdder();
            }
        }

        void record(int status, long millis) {
            requests.increment();
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            latency(millis);
        }

        void error(long millis) {
            requests.increment();
            errors.increment();
            latency(millis);
        }

        private void latency(long millis) {
            maxMs.accumulateAndGet(millis, Math::max);
            histogram[(int) Math.min(BUCKETS - 1, millis / BUCKET_MS)].increment();
        }

        void print() {
            long total = requests.sum();
            long ok = count(200);
            long unauthorized = count(401);
            long other = total - errors.sum() - ok - unauthorized;
            long p99 = 0;
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += histogram[i].sum();
                if (seen * 100 >= total * 99) {
                    p99 = (long) (i + 1) * BUCKET_MS;
                    break;
                }
            }
            System.out.println("LOAD " + client + " requests=" + total + " ok=" + ok + " unauthorized=" + unauthorized
                    + " other=" + other + " errors=" + errors.sum() + " maxMs=" + maxMs.get() + " p99Ms=" + p99);
            new TreeMap<>(statuses).forEach((status, count) ->
                    System.out.println("STATUS " + client + " " + status + " " + count.sum()));
        }

        private long count(int status) {
            LongAdder adder = statuses.get(status);
            return adder == null ? 0 : adder.sum();
        }
    }
}
