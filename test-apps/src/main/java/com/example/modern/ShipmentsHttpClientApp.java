package com.example.modern;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpClient.Redirect;
import java.net.http.HttpClient.Version;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.PushPromiseHandler;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A "modern" shipments client, written the way current code talks to the MyParcel.com API:
 * {@link java.net.http.HttpClient}, synchronous and asynchronous, JSON:API bodies, and no idea that an
 * agent may add authorization. Compiled for Java 11; Java 21 methods ({@code close}, {@code shutdown})
 * are called by reflection.
 *
 * <p>Program arguments are commands, run in order:
 * <pre>
 * list                          GET /shipments with send
 * list-async                    GET /shipments with sendAsync(request, handler)
 * list-push                     GET /shipments with sendAsync(request, handler, pushPromiseHandler)
 * create &lt;kind&gt;                 POST /shipments with send; kind = string|bytes|file|stream (the BodyPublisher)
 * create-async &lt;kind&gt;           the same with sendAsync
 * download &lt;id&gt;                 GET /files/&lt;id&gt; with BodyHandlers.ofFile into a new temporary file
 * get &lt;absolute-url&gt;            GET with send (the client follows redirects per shipments.redirect)
 * own-auth                      GET /shipments with the app's own Authorization
 * parallel-async &lt;n&gt;            n concurrent GET /shipments with sendAsync
 * loop-async &lt;s&gt; &lt;n&gt; &lt;ms&gt;       for s seconds: n concurrent GET /shipments, wait for all, pause ms
 * http2                         GET and POST /shipments through a client built with Version.HTTP_2
 * websocket &lt;wss-url&gt;           open a WebSocket with newWebSocketBuilder(), then abort it
 * cancel &lt;path&gt; &lt;ms&gt; &lt;watch&gt;    sendAsync GET &lt;path&gt;, cancel the future after ms, then watch ms more
 * subclass                      requests through app-written HttpClient subclasses
 * close                         GET /shipments on a new client, then close() it (Java 21+)
 * shutdown                      GET /shipments on a new client, then shutdown() and awaitTermination (Java 21+)
 * close-in-flight &lt;path&gt;        sendAsync GET &lt;path&gt; on a new client, close() it at once (Java 21+), then the answer
 * threads                       THREAD &lt;name&gt; for every live thread of the JVM
 * </pre>
 *
 * <p>Output on stdout:
 * <pre>
 * SENT &lt;method&gt; &lt;path&gt; &lt;bytes&gt; &lt;sha256&gt;                     (before a request body is sent)
 * RESULT &lt;method&gt; &lt;path&gt; &lt;status&gt; &lt;bodyLength&gt; &lt;first 80 chars of body&gt;
 * VERSION &lt;method&gt; &lt;path&gt; &lt;HTTP_1_1|HTTP_2&gt;                    (what the response reports)
 * APP-REQUEST &lt;method&gt; &lt;path&gt; &lt;Authorization of the app's own HttpRequest object, or none&gt;
 * FILE &lt;path&gt; &lt;bytes&gt; &lt;sha256&gt;                                 (the downloaded file)
 * HANDLER &lt;method&gt; &lt;path&gt; &lt;status&gt; &lt;epoch millis&gt;               (cancel: the app's BodyHandler was called)
 * CANCELLED &lt;method&gt; &lt;path&gt; &lt;epoch millis of the cancel&gt;
 * CANNED &lt;same request object: true|false&gt; &lt;Authorization it carried, or none&gt;
 * CLOSED terminated=&lt;bool&gt; | SHUTDOWN terminated=&lt;bool&gt; | CLOSE-UNAVAILABLE java &lt;feature&gt;
 * WEBSOCKET open '&lt;subprotocol&gt;' | WEBSOCKET failed &lt;ExceptionClass&gt;: &lt;message&gt;
 * ERROR &lt;method&gt; &lt;url&gt; &lt;ExceptionClass&gt;: &lt;message&gt;
 * DONE
 * </pre>
 *
 * <p>System properties: {@code shipments.base-url} (default https://api.myparcel.com);
 * {@code shipments.client=default|custom} (custom: a client from {@code newBuilder()} with its own fixed thread
 * pool, {@code SSLContext.getDefault()}, no proxy and a connect timeout); {@code shipments.http-version=HTTP_1_1|HTTP_2};
 * {@code shipments.redirect=NEVER|NORMAL|ALWAYS}. Without any of the last three, the client is
 * {@code HttpClient.newHttpClient()}.
 */
public class ShipmentsHttpClientApp {

    static final String JSON_API = "application/vnd.api+json";
    static final String OWN_AUTHORIZATION = "Bearer app-own-token";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String baseUrl;
    private final HttpClient client;
    private final ExecutorService executor;

    ShipmentsHttpClientApp(String baseUrl, HttpClient client, ExecutorService executor) {
        this.baseUrl = baseUrl;
        this.client = client;
        this.executor = executor;
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = System.getProperty("shipments.base-url", "https://api.myparcel.com");
        String kind = System.getProperty("shipments.client", "default");
        String version = System.getProperty("shipments.http-version");
        String redirect = System.getProperty("shipments.redirect");

        ExecutorService executor = null;
        HttpClient client;
        if (kind.equals("default") && version == null && redirect == null) {
            client = HttpClient.newHttpClient();
        } else {
            HttpClient.Builder builder = HttpClient.newBuilder();
            if (version != null) {
                builder.version(Version.valueOf(version));
            }
            if (redirect != null) {
                builder.followRedirects(Redirect.valueOf(redirect));
            }
            if (kind.equals("custom")) {
                executor = Executors.newFixedThreadPool(4);
                builder.executor(executor)
                        .sslContext(SSLContext.getDefault())
                        .proxy(HttpClient.Builder.NO_PROXY)
                        .connectTimeout(Duration.ofSeconds(10));
            } else if (!kind.equals("default")) {
                throw new IllegalArgumentException("shipments.client: " + kind);
            }
            client = builder.build();
        }
        ShipmentsHttpClientApp app = new ShipmentsHttpClientApp(baseUrl, client, executor);
        try {
            app.run(args);
        } finally {
            if (executor != null) {
                executor.shutdown();
            }
        }
        System.out.println("DONE");
    }

    private void run(String[] args) throws Exception {
        int i = 0;
        while (i < args.length) {
            String command = args[i++];
            if (command.equals("list")) {
                list();
            } else if (command.equals("list-async")) {
                listAsync();
            } else if (command.equals("list-push")) {
                listWithPushPromiseHandler();
            } else if (command.equals("create")) {
                create(args[i++], false);
            } else if (command.equals("create-async")) {
                create(args[i++], true);
            } else if (command.equals("download")) {
                download(args[i++]);
            } else if (command.equals("get")) {
                get(args[i++]);
            } else if (command.equals("own-auth")) {
                listWithOwnAuthorization();
            } else if (command.equals("parallel-async")) {
                parallelAsync(Integer.parseInt(args[i++]));
            } else if (command.equals("loop-async")) {
                long seconds = Long.parseLong(args[i++]);
                int concurrency = Integer.parseInt(args[i++]);
                long pauseMillis = Long.parseLong(args[i++]);
                loopAsync(seconds, concurrency, pauseMillis);
            } else if (command.equals("http2")) {
                http2();
            } else if (command.equals("websocket")) {
                webSocket(args[i++]);
            } else if (command.equals("cancel")) {
                String path = args[i++];
                long afterMillis = Long.parseLong(args[i++]);
                long watchMillis = Long.parseLong(args[i++]);
                cancel(path, afterMillis, watchMillis);
            } else if (command.equals("subclass")) {
                subclasses();
            } else if (command.equals("close")) {
                close();
            } else if (command.equals("shutdown")) {
                shutdown();
            } else if (command.equals("close-in-flight")) {
                closeInFlight(args[i++]);
            } else if (command.equals("threads")) {
                com.example.reliability.ThreadNames.print();
            } else {
                System.err.println("unknown command: " + command);
                System.exit(2);
            }
        }
    }

    // ---------------------------------------------------------------- commands

    void list() {
        HttpRequest request = listRequest().build();
        try {
            printResult(request, client.send(request, BodyHandlers.ofString()));
        } catch (Exception e) {
            printError(request, e);
        }
    }

    void listAsync() {
        HttpRequest request = listRequest().build();
        try {
            printResult(request, client.sendAsync(request, BodyHandlers.ofString()).get());
        } catch (Exception e) {
            printError(request, e);
        }
    }

    void listWithPushPromiseHandler() {
        HttpRequest request = listRequest().build();
        ConcurrentHashMap<HttpRequest, CompletableFuture<HttpResponse<String>>> pushed = new ConcurrentHashMap<>();
        PushPromiseHandler<String> pushPromiseHandler = PushPromiseHandler.of(pushRequest -> BodyHandlers.ofString(), pushed);
        try {
            printResult(request, client.sendAsync(request, BodyHandlers.ofString(), pushPromiseHandler).get());
        } catch (Exception e) {
            printError(request, e);
        }
    }

    void listWithOwnAuthorization() {
        HttpRequest request = listRequest().header("Authorization", OWN_AUTHORIZATION).build();
        try {
            printResult(request, client.send(request, BodyHandlers.ofString()));
        } catch (Exception e) {
            printError(request, e);
        }
    }

    void create(String publisherKind, boolean async) {
        byte[] body = shipmentJson(publisherKind + (async ? "-async" : "")).getBytes(StandardCharsets.UTF_8);
        HttpRequest request;
        Path file = null;
        try {
            BodyPublisher publisher;
            if (publisherKind.equals("string")) {
                publisher = BodyPublishers.ofString(new String(body, StandardCharsets.UTF_8));
            } else if (publisherKind.equals("bytes")) {
                publisher = BodyPublishers.ofByteArray(body);
            } else if (publisherKind.equals("file")) {
                file = Files.createTempFile("shipment-", ".json");
                Files.write(file, body);
                publisher = BodyPublishers.ofFile(file);
            } else if (publisherKind.equals("stream")) {
                publisher = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
            } else {
                throw new IllegalArgumentException("body publisher: " + publisherKind);
            }
            request = HttpRequest.newBuilder(uri("/shipments"))
                    .header("Accept", JSON_API)
                    .header("Content-Type", JSON_API)
                    .timeout(TIMEOUT)
                    .POST(publisher)
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("could not prepare the request body", e);
        }
        try {
            System.out.println("SENT POST " + request.uri().getPath() + " " + body.length + " " + sha256(body));
            HttpResponse<String> response = async
                    ? client.sendAsync(request, BodyHandlers.ofString()).get()
                    : client.send(request, BodyHandlers.ofString());
            printResult(request, response);
        } catch (Exception e) {
            printError(request, e);
        } finally {
            deleteQuietly(file);
        }
    }

    void download(String id) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri("/files/" + id)).timeout(TIMEOUT).GET().build();
        Path target = Files.createTempFile("label-", ".pdf");
        try {
            HttpResponse<Path> response = client.send(request, BodyHandlers.ofFile(target));
            byte[] content = Files.readAllBytes(response.body());
            printResult(request, response, content);
            System.out.println("FILE " + request.uri().getPath() + " " + content.length + " " + sha256(content));
        } catch (Exception e) {
            printError(request, e);
        } finally {
            deleteQuietly(target);
        }
    }

    void get(String absoluteUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(absoluteUrl)).timeout(TIMEOUT).GET().build();
        try {
            printResult(request, client.send(request, BodyHandlers.ofString()));
        } catch (Exception e) {
            printError(request, e);
        }
    }

    void parallelAsync(int n) {
        List<HttpRequest> requests = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            HttpRequest request = listRequest().build();
            requests.add(request);
            futures.add(client.sendAsync(request, BodyHandlers.ofString()));
        }
        awaitAll(requests, futures);
    }

    void loopAsync(long seconds, int concurrency, long pauseMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < end) {
            parallelAsync(concurrency);
            Thread.sleep(pauseMillis);
        }
    }

    void http2() {
        HttpClient http2Client = HttpClient.newBuilder().version(Version.HTTP_2).build();
        HttpRequest get = listRequest().build();
        try {
            printResult(get, http2Client.send(get, BodyHandlers.ofString()));
        } catch (Exception e) {
            printError(get, e);
        }
        byte[] body = shipmentJson("http2").getBytes(StandardCharsets.UTF_8);
        HttpRequest post = HttpRequest.newBuilder(uri("/shipments"))
                .header("Content-Type", JSON_API)
                .POST(BodyPublishers.ofByteArray(body))
                .build();
        try {
            System.out.println("SENT POST " + post.uri().getPath() + " " + body.length + " " + sha256(body));
            printResult(post, http2Client.sendAsync(post, BodyHandlers.ofString()).get());
        } catch (Exception e) {
            printError(post, e);
        }
    }

    /**
     * Opens a WebSocket to {@code url} (a wss:// URL, perhaps on an API host) with a header of the app's own, prints
     * {@code WEBSOCKET open <subprotocol>} or {@code WEBSOCKET failed <exception>}, and closes it again.
     */
    void webSocket(String url) {
        try {
            WebSocket webSocket = client.newWebSocketBuilder()
                    .header("X-Shipments-Client", "websocket")
                    .connectTimeout(TIMEOUT)
                    .buildAsync(URI.create(url), new WebSocket.Listener() { })
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            System.out.println("WEBSOCKET open '" + webSocket.getSubprotocol() + "'");
            webSocket.abort();
        } catch (Exception e) {
            System.out.println("WEBSOCKET failed " + failure(e));
        }
    }

    /**
     * Cancels a request in flight. The BodyHandler prints a HANDLER line whenever the HttpClient calls it, that is,
     * whenever an attempt gets an answer; after the cancel the app stays up {@code watchMillis}, so an attempt that
     * the cancel did not stop would show its answer there.
     */
    void cancel(String path, long afterMillis, long watchMillis) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Accept", JSON_API).timeout(TIMEOUT).build();
        BodyHandler<String> handler = responseInfo -> {
            System.out.println("HANDLER GET " + path + " " + responseInfo.statusCode() + " " + System.currentTimeMillis());
            return BodySubscribers.ofString(StandardCharsets.UTF_8);
        };
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, handler);
        Thread.sleep(afterMillis);
        future.cancel(true);
        long cancelledAt = System.currentTimeMillis();
        try {
            printResult(request, future.get());
        } catch (CancellationException e) {
            System.out.println("CANCELLED GET " + path + " " + cancelledAt);
        } catch (Exception e) {
            printError(request, e);
        }
        Thread.sleep(watchMillis);
    }

    void subclasses() {
        HttpClient delegating = new DelegatingHttpClient(HttpClient.newHttpClient());
        HttpRequest get = listRequest().build();
        try {
            printResult(get, delegating.send(get, BodyHandlers.ofString()));
        } catch (Exception e) {
            printError(get, e);
        }
        HttpRequest getAsync = listRequest().build();
        try {
            printResult(getAsync, delegating.sendAsync(getAsync, BodyHandlers.ofString()).get());
        } catch (Exception e) {
            printError(getAsync, e);
        }

        CannedHttpClient canned = new CannedHttpClient(200, "{\"data\":[]}");
        HttpRequest offline = listRequest().build();
        try {
            printResult(offline, canned.send(offline, BodyHandlers.ofString()));
            HttpRequest received = canned.lastRequest();
            System.out.println("CANNED " + (received == offline) + " "
                    + received.headers().firstValue("Authorization").orElse("none"));
        } catch (Exception e) {
            printError(offline, e);
        }
    }

    void close() throws Exception {
        HttpClient closable = HttpClient.newHttpClient();
        HttpRequest request = listRequest().build();
        try {
            printResult(request, closable.send(request, BodyHandlers.ofString()));
        } catch (Exception e) {
            printError(request, e);
        }
        Method close = java21Method("close");
        if (close != null) {
            close.invoke(closable);
            System.out.println("CLOSED terminated=" + java21Method("isTerminated").invoke(closable));
        }
    }

    void shutdown() throws Exception {
        HttpClient closable = HttpClient.newHttpClient();
        HttpRequest request = listRequest().build();
        try {
            printResult(request, closable.send(request, BodyHandlers.ofString()));
        } catch (Exception e) {
            printError(request, e);
        }
        Method shutdown = java21Method("shutdown");
        if (shutdown != null) {
            shutdown.invoke(closable);
            Object terminated = HttpClient.class.getMethod("awaitTermination", Duration.class)
                    .invoke(closable, Duration.ofSeconds(20));
            System.out.println("SHUTDOWN terminated=" + terminated);
        }
    }

    /** close() waits for the requests already sent: the app still gets the answer to the one in flight. */
    void closeInFlight(String path) throws Exception {
        Method close = java21Method("close");
        if (close == null) {
            return;
        }
        HttpClient closable = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Accept", JSON_API).timeout(TIMEOUT).build();
        CompletableFuture<HttpResponse<String>> future = closable.sendAsync(request, BodyHandlers.ofString());
        close.invoke(closable);
        System.out.println("CLOSED terminated=" + java21Method("isTerminated").invoke(closable));
        try {
            printResult(request, future.get());
        } catch (Exception e) {
            printError(request, e);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private HttpRequest.Builder listRequest() {
        return HttpRequest.newBuilder(uri("/shipments")).header("Accept", JSON_API).timeout(TIMEOUT).GET();
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static void awaitAll(List<HttpRequest> requests, List<CompletableFuture<HttpResponse<String>>> futures) {
        for (int r = 0; r < futures.size(); r++) {
            try {
                printResult(requests.get(r), futures.get(r).get());
            } catch (Exception e) {
                printError(requests.get(r), e);
            }
        }
    }

    /** A method HttpClient has from Java 21 on, or null (then prints CLOSE-UNAVAILABLE). */
    private static Method java21Method(String name) {
        try {
            return HttpClient.class.getMethod(name);
        } catch (NoSuchMethodException e) {
            System.out.println("CLOSE-UNAVAILABLE java " + Runtime.version().feature());
            return null;
        }
    }

    private static void printResult(HttpRequest request, HttpResponse<String> response) {
        String body = response.body();
        printResult(request, response, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    /** One println, so that the lines of one request stay together when several threads print. */
    private static void printResult(HttpRequest request, HttpResponse<?> response, byte[] body) {
        String method = request.method();
        String path = request.uri().getPath();
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        String snippet = text.length() > 80 ? text.substring(0, 80) : text;
        Optional<String> authorization = request.headers().firstValue("Authorization");
        System.out.println("RESULT " + method + " " + path + " " + response.statusCode() + " " + body.length + " " + snippet
                + "\nVERSION " + method + " " + path + " " + response.version()
                + "\nAPP-REQUEST " + method + " " + path + " " + authorization.orElse("none"));
    }

    private static void printError(HttpRequest request, Exception e) {
        System.out.println("ERROR " + request.method() + " " + request.uri() + " " + failure(e));
    }

    /** {@code <ExceptionClass>: <message>}, unwrapped from a future's or a reflective call's wrapper. */
    private static String failure(Exception e) {
        Throwable cause = e;
        if ((e instanceof ExecutionException || e instanceof InvocationTargetException) && e.getCause() != null) {
            cause = e.getCause();
        }
        return cause.getClass().getName() + ": " + String.valueOf(cause.getMessage()).replaceAll("\\s+", " ");
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file
        }
    }

    static String shipmentJson(String reference) {
        return "{\"data\":{\"type\":\"shipments\",\"attributes\":{"
                + "\"description\":\"" + reference + "\","
                + "\"customer_reference\":\"order-" + reference + "-4711\","
                + "\"recipient_address\":{\"street_1\":\"Baker Street\",\"street_number\":221,"
                + "\"postal_code\":\"NW1 6XE\",\"city\":\"London\",\"country_code\":\"GB\","
                + "\"first_name\":\"Sherlock\",\"last_name\":\"Holmes\"},"
                + "\"physical_properties\":{\"weight\":500}},"
                + "\"relationships\":{\"shop\":{\"data\":{\"type\":\"shops\","
                + "\"id\":\"1ab2c3d4-0000-4000-8000-000000000001\"}}}}}";
    }

    static String sha256(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
