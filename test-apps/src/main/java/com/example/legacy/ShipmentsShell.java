package com.example.legacy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The shipments client as a long-running process that takes its commands from stdin, one line at a time: a test
 * can act on the running JVM (attach the agent, read its MBean over JMX) between requests. Like {@link ShipmentsApp}
 * it knows nothing of the agent.
 *
 * <p>At start it prints {@code PID <pid>} and {@code READY 0}; after each stdin line {@code READY <n>} (n = lines
 * done). A line holds space-separated commands, run in order:
 * <ul>
 *   <li>{@code list}, {@code create}, {@code download <id>}, {@code get <absolute-url>}: HttpURLConnection, as in
 *       {@link ShipmentsApp}, with its output lines;</li>
 *   <li>{@code http-client-list}: {@code GET <base>/shipments} with the one {@link HttpClient} the shell built at
 *       start-up (as an application holds its client for its lifetime); prints a {@code RESULT} line like
 *       {@link ShipmentsApp} or an {@code ERROR} line;</li>
 *   <li>{@code exit}: prints {@code DONE} and ends (so does the end of stdin).</li>
 * </ul>
 * System properties as {@link ShipmentsApp}: {@code shipments.base-url}.
 */
public final class ShipmentsShell {

    private ShipmentsShell() {
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = System.getProperty("shipments.base-url", "https://api.myparcel.com");
        ShipmentsApp app = new ShipmentsApp(baseUrl, false);
        HttpClient httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        System.out.println("PID " + ProcessHandle.current().pid());
        int done = 0;
        System.out.println("READY " + done);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            int i = 0;
            while (i < words.length) {
                String command = words[i++];
                if (command.isEmpty()) {
                    continue;
                } else if (command.equals("list")) {
                    app.listShipments();
                } else if (command.equals("create")) {
                    app.createShipment(ShipmentsApp.shipmentJson("shell"), 0);
                } else if (command.equals("download")) {
                    app.downloadFile(words[i++]);
                } else if (command.equals("get")) {
                    app.get(words[i++]);
                } else if (command.equals("http-client-list")) {
                    httpClientList(httpClient, baseUrl + "/shipments");
                } else if (command.equals("exit")) {
                    System.out.println("DONE");
                    return;
                } else {
                    System.out.println("ERROR unknown command " + command);
                }
            }
            System.out.println("READY " + ++done);
        }
        System.out.println("DONE");
    }

    private static void httpClientList(HttpClient client, String url) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", ShipmentsApp.JSON_API).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String text = response.body().replaceAll("\\s+", " ");
            System.out.println("RESULT GET " + URI.create(url).getPath() + " " + response.statusCode() + " "
                    + response.body().length() + " " + (text.length() > 80 ? text.substring(0, 80) : text));
        } catch (Exception e) {
            System.out.println("ERROR GET " + url + " " + e.getClass().getName() + ": "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
        }
    }
}
