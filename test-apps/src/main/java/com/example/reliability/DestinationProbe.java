package com.example.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpClient.Redirect;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * Sends one plain GET to each of many URLs, one after the other, in one JVM: the reliability suite's way of
 * asking "does the agent put its token on a request to this destination?" for many destinations at the cost of
 * one JVM start. Like the shipments apps, it knows nothing of the agent.
 *
 * <p>Usage: {@code DestinationProbe urlconnection|httpclient <id>=<url> <id>=<url> ...}
 * <ul>
 *   <li>{@code urlconnection}: {@link HttpURLConnection} with its defaults (follows redirects, except to another
 *       protocol);</li>
 *   <li>{@code httpclient}: one {@link HttpClient} built with {@code followRedirects(Redirect.ALWAYS)} (which
 *       also follows HTTPS to HTTP) and otherwise the defaults (HTTP/2 preferred); for an id ending in {@code -h1},
 *       a second such client that speaks HTTP/1.1 only.</li>
 * </ul>
 *
 * <p>Output on stdout, one line per URL, then {@code DONE}:
 * <pre>
 * PROBE &lt;id&gt; &lt;status&gt; &lt;final url&gt; &lt;bodyLength&gt; &lt;first 40 chars of body&gt;
 * PROBE &lt;id&gt; ERROR &lt;ExceptionClass&gt;: &lt;message&gt;
 * </pre>
 */
public final class DestinationProbe {

    private static final int TIMEOUT_MILLIS = 10_000;

    private DestinationProbe() {
    }

    public static void main(String[] args) throws Exception {
        String client = args[0];
        HttpClient httpClient = client.equals("httpclient") ? newHttpClient(HttpClient.Version.HTTP_2) : null;
        HttpClient http1Client = client.equals("httpclient") ? newHttpClient(HttpClient.Version.HTTP_1_1) : null;
        if (httpClient == null && !client.equals("urlconnection")) {
            System.err.println("client must be urlconnection or httpclient: " + client);
            System.exit(2);
        }
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            String id = args[i].substring(0, equals);
            String url = args[i].substring(equals + 1);
            try {
                System.out.println("PROBE " + id + " " + (httpClient == null ? viaUrlConnection(url)
                        : viaHttpClient(id.endsWith("-h1") ? http1Client : httpClient, url)));
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                System.out.println("PROBE " + id + " ERROR " + cause.getClass().getName() + ": "
                        + String.valueOf(cause.getMessage()).replaceAll("\\s+", " "));
            }
        }
        System.out.println("DONE");
    }

    private static HttpClient newHttpClient(HttpClient.Version version) {
        return HttpClient.newBuilder().followRedirects(Redirect.ALWAYS).version(version)
                .connectTimeout(Duration.ofMillis(TIMEOUT_MILLIS)).build();
    }

    private static String viaUrlConnection(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setConnectTimeout(TIMEOUT_MILLIS);
        connection.setReadTimeout(TIMEOUT_MILLIS);
        int status = connection.getResponseCode();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        byte[] body = in == null ? new byte[0] : readAll(in);
        return describe(status, connection.getURL().toString(), body);
    }

    private static String viaHttpClient(HttpClient client, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMillis(TIMEOUT_MILLIS)).GET().build();
        HttpResponse<byte[]> response = client.send(request, BodyHandlers.ofByteArray());
        return describe(response.statusCode(), response.uri().toString(), response.body());
    }

    private static String describe(int status, String finalUrl, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return status + " " + finalUrl + " " + body.length + " " + (text.length() > 40 ? text.substring(0, 40) : text);
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
}
