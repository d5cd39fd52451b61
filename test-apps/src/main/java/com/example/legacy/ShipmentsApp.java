package com.example.legacy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * A "legacy" shipments client, written the way old code talks to the MyParcel.com API: plain
 * {@link HttpURLConnection}, no HTTP library, and no idea that an agent may add authorization.
 *
 * <p>Program arguments are commands, run in order:
 * {@code list}, {@code create}, {@code create-fixed}, {@code create-chunked}, {@code create-large-fixed},
 * {@code download <id>}, {@code headers}, {@code get <absolute-url>}, {@code own-auth},
 * {@code loop <seconds> <intervalMs>}, {@code parallel <threads> <requestsPerThread>},
 * {@code threads} (prints {@code THREAD <name>} for every live thread of the JVM).
 *
 * <p>Output, one line per request on stdout:
 * <pre>
 * SENT &lt;method&gt; &lt;path&gt; &lt;bytes&gt; &lt;sha256&gt;                     (before a request body is sent)
 * RESULT &lt;method&gt; &lt;path&gt; &lt;status&gt; &lt;bodyLength&gt; &lt;first 80 chars of body&gt;
 * ERROR &lt;method&gt; &lt;url&gt; &lt;ExceptionClass&gt;: &lt;message&gt;
 * DONE
 * </pre>
 * {@code download} reads via {@code URL.openStream()}, which has no status code: its status is {@code OK}.
 *
 * <p>System properties: {@code shipments.base-url} (default https://api.myparcel.com),
 * {@code shipments.custom-tls=true} to install the app's own SSLSocketFactory and HostnameVerifier.
 */
public class ShipmentsApp {

    static final String JSON_API = "application/vnd.api+json";
    static final int LARGE_BODY_BYTES = 2 * 1024 * 1024;

    private static final int BUFFERED = 0;
    private static final int FIXED_LENGTH = 1;
    private static final int CHUNKED = 2;

    private final String baseUrl;
    private final boolean customTls;

    public ShipmentsApp(String baseUrl, boolean customTls) {
        this.baseUrl = baseUrl;
        this.customTls = customTls;
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = System.getProperty("shipments.base-url", "https://api.myparcel.com");
        boolean customTls = Boolean.parseBoolean(System.getProperty("shipments.custom-tls", "false"));
        ShipmentsApp app = new ShipmentsApp(baseUrl, customTls);

        int i = 0;
        while (i < args.length) {
            String command = args[i++];
            if (command.equals("list")) {
                app.listShipments();
            } else if (command.equals("create")) {
                app.createShipment(shipmentJson("buffered"), BUFFERED);
            } else if (command.equals("create-fixed")) {
                app.createShipment(shipmentJson("fixed-length"), FIXED_LENGTH);
            } else if (command.equals("create-chunked")) {
                app.createShipment(shipmentJson("chunked"), CHUNKED);
            } else if (command.equals("create-large-fixed")) {
                app.createShipment(largeShipmentJson(), FIXED_LENGTH);
            } else if (command.equals("download")) {
                app.downloadFile(args[i++]);
            } else if (command.equals("headers")) {
                app.listShipmentsReadingHeadersFirst();
            } else if (command.equals("get")) {
                app.get(args[i++]);
            } else if (command.equals("own-auth")) {
                app.listShipmentsWithOwnAuthorization();
            } else if (command.equals("loop")) {
                long seconds = Long.parseLong(args[i++]);
                long intervalMs = Long.parseLong(args[i++]);
                app.loop(seconds, intervalMs);
            } else if (command.equals("parallel")) {
                int threads = Integer.parseInt(args[i++]);
                int requestsPerThread = Integer.parseInt(args[i++]);
                app.parallel(threads, requestsPerThread);
            } else if (command.equals("threads")) {
                com.example.reliability.ThreadNames.print();
            } else if (command.equals("jdk-fields")) {
                com.example.reliability.SyntheticFields.print("sun.net.www.protocol.http.HttpURLConnection");
            } else {
                System.err.println("unknown command: " + command);
                System.exit(2);
            }
        }
        System.out.println("DONE");
    }

    // ---------------------------------------------------------------- commands

    void listShipments() {
        URL url = url(baseUrl + "/shipments");
        try {
            HttpURLConnection connection = open(url, "GET");
            int status = connection.getResponseCode();
            printResult("GET", url, String.valueOf(status), readBody(connection, status));
        } catch (Exception e) {
            printError("GET", url, e);
        }
    }

    void listShipmentsReadingHeadersFirst() {
        URL url = url(baseUrl + "/shipments");
        try {
            HttpURLConnection connection = open(url, "GET");
            Map<String, List<String>> headers = connection.getHeaderFields();
            System.out.println("HEADERS GET " + url.getPath() + " " + headers.size() + " " + headers.get("Content-Type"));
            int status = connection.getResponseCode();
            printResult("GET", url, String.valueOf(status), readBody(connection, status));
        } catch (Exception e) {
            printError("GET", url, e);
        }
    }

    void listShipmentsWithOwnAuthorization() {
        URL url = url(baseUrl + "/shipments");
        try {
            HttpURLConnection connection = open(url, "GET");
            connection.setRequestProperty("Authorization", "Bearer app-own-token");
            int status = connection.getResponseCode();
            printResult("GET", url, String.valueOf(status), readBody(connection, status));
        } catch (Exception e) {
            printError("GET", url, e);
        }
    }

    void createShipment(String json, int streamingMode) {
        URL url = url(baseUrl + "/shipments");
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            HttpURLConnection connection = open(url, "POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", JSON_API);
            if (streamingMode == FIXED_LENGTH) {
                connection.setFixedLengthStreamingMode(body.length);
            } else if (streamingMode == CHUNKED) {
                connection.setChunkedStreamingMode(1024);
            }
            System.out.println("SENT POST " + url.getPath() + " " + body.length + " " + sha256(body));
            OutputStream out = connection.getOutputStream();
            try {
                // written in pieces, as an application streaming its payload would
                for (int offset = 0; offset < body.length; offset += 4096) {
                    out.write(body, offset, Math.min(4096, body.length - offset));
                }
            } finally {
                out.close();
            }
            int status = connection.getResponseCode();
            printResult("POST", url, String.valueOf(status), readBody(connection, status));
        } catch (Exception e) {
            printError("POST", url, e);
        }
    }

    void downloadFile(String id) {
        URL url = url(baseUrl + "/files/" + id);
        try {
            InputStream in = url.openStream();
            printResult("GET", url, "OK", readAll(in));
        } catch (Exception e) {
            printError("GET", url, e);
        }
    }

    void get(String absoluteUrl) {
        URL url = url(absoluteUrl);
        try {
            HttpURLConnection connection = open(url, "GET");
            int status = connection.getResponseCode();
            printResult("GET", url, String.valueOf(status), readBody(connection, status));
        } catch (Exception e) {
            printError("GET", url, e);
        }
    }

    void loop(long seconds, long intervalMs) throws InterruptedException {
        long end = System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < end) {
            listShipments();
            Thread.sleep(intervalMs);
        }
    }

    void parallel(int threads, final int requestsPerThread) throws InterruptedException {
        final CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(new Runnable() {
                public void run() {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int r = 0; r < requestsPerThread; r++) {
                        listShipments();
                    }
                }
            }, "shipments-worker-" + t);
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
    }

    // ---------------------------------------------------------------- plumbing

    private HttpURLConnection open(URL url, String method) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        if ("https".equals(url.getProtocol())) {
            HttpsURLConnection https = (HttpsURLConnection) connection;
            if (customTls) {
                installOwnTls(https);
            }
        }
        connection.setRequestMethod(method);
        connection.setRequestProperty("Accept", JSON_API);
        connection.setConnectTimeout(10000);
        connection.setReadTimeout(20000);
        return connection;
    }

    private static void installOwnTls(HttpsURLConnection https) throws IOException {
        try {
            https.setSSLSocketFactory(new DelegatingSSLSocketFactory(SSLContext.getDefault().getSocketFactory()));
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no default SSLContext", e);
        }
        final HostnameVerifier defaultVerifier = HttpsURLConnection.getDefaultHostnameVerifier();
        https.setHostnameVerifier(new HostnameVerifier() {
            public boolean verify(String hostname, SSLSession session) {
                return defaultVerifier.verify(hostname, session);
            }
        });
    }

    private static byte[] readBody(HttpURLConnection connection, int status) throws IOException {
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        return in == null ? new byte[0] : readAll(in);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            in.close();
        }
    }

    private static void printResult(String method, URL url, String status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        String snippet = text.length() > 80 ? text.substring(0, 80) : text;
        System.out.println("RESULT " + method + " " + url.getPath() + " " + status + " " + body.length + " " + snippet);
    }

    private static void printError(String method, URL url, Exception e) {
        String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        System.out.println("ERROR " + method + " " + url + " " + e.getClass().getName() + ": " + message);
    }

    private static URL url(String spec) {
        try {
            return new URL(spec);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad URL " + spec, e);
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

    static String largeShipmentJson() {
        StringBuilder items = new StringBuilder(LARGE_BODY_BYTES + 1024);
        int n = 0;
        while (items.length() < LARGE_BODY_BYTES) {
            if (n > 0) {
                items.append(',');
            }
            items.append("{\"sku\":\"SKU-").append(n).append("\",\"description\":\"item ").append(n)
                    .append(" of a very large order\",\"quantity\":1,\"item_value\":{\"amount\":995,\"currency\":\"EUR\"}}");
            n++;
        }
        return "{\"data\":{\"type\":\"shipments\",\"attributes\":{\"description\":\"large\",\"items\":["
                + items + "]}}}";
    }

    private static String sha256(byte[] bytes) {
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
