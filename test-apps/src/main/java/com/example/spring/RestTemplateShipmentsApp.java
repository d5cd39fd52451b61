package com.example.spring;

import com.example.output.ShipmentJson;
import com.example.output.ShipmentsOutput;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.RestTemplate;

/**
 * A shipments client written as ordinary legacy Spring code: a {@code new RestTemplate()} with its default request
 * factory ({@code SimpleClientHttpRequestFactory}, that is, {@link java.net.HttpURLConnection}), no Spring context,
 * and no idea that an agent may add authorization.
 *
 * <p>Program arguments are commands, run in order: {@code list} (GET /shipments), {@code create} (POST /shipments
 * with a JSON body), {@code foreign <absolute-url>} (GET any URL).
 *
 * <p>Output on stdout, one line per request, as the other shipments apps print it:
 * <pre>
 * SENT &lt;method&gt; &lt;path&gt; &lt;bytes&gt; &lt;sha256&gt;                     (before a request body is sent)
 * RESULT &lt;method&gt; &lt;path&gt; &lt;status&gt; &lt;bodyLength&gt; &lt;first 80 chars of body&gt;
 * ERROR &lt;method&gt; &lt;url&gt; &lt;ExceptionClass&gt;: &lt;message&gt;
 * DONE
 * </pre>
 * A RestTemplate throws on 4xx and 5xx; the app reports the status it saw all the same, so an error answer shows as a
 * RESULT line with that status.
 *
 * <p>System property {@code shipments.base-url} (default https://api.myparcel.com).
 */
public class RestTemplateShipmentsApp {

    static final MediaType JSON_API = MediaType.parseMediaType("application/vnd.api+json");

    private final RestTemplate restTemplate = new RestTemplate();
    private final String baseUrl;

    public RestTemplateShipmentsApp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static void main(String[] args) {
        RestTemplateShipmentsApp app =
                new RestTemplateShipmentsApp(System.getProperty("shipments.base-url", "https://api.myparcel.com"));
        int i = 0;
        while (i < args.length) {
            String command = args[i++];
            if (command.equals("list")) {
                app.list();
            } else if (command.equals("create")) {
                app.create(ShipmentJson.shipment("rest-template"));
            } else if (command.equals("foreign")) {
                app.get(URI.create(args[i++]));
            } else {
                System.err.println("unknown command: " + command);
                System.exit(2);
            }
        }
        System.out.println("DONE");
    }

    void list() {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(Collections.singletonList(JSON_API));
        exchange(HttpMethod.GET, URI.create(baseUrl + "/shipments"), new HttpEntity<>(headers));
    }

    void create(String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(Collections.singletonList(JSON_API));
        headers.setContentType(JSON_API);
        URI uri = URI.create(baseUrl + "/shipments");
        ShipmentsOutput.sent("POST", uri, json);
        exchange(HttpMethod.POST, uri, new HttpEntity<>(json, headers));
    }

    void get(URI uri) {
        exchange(HttpMethod.GET, uri, HttpEntity.EMPTY);
    }

    private void exchange(HttpMethod method, URI uri, HttpEntity<?> request) {
        try {
            ResponseEntity<String> response = restTemplate.exchange(uri, method, request, String.class);
            ShipmentsOutput.result(method.name(), uri, response.getStatusCode().value(), response.getBody());
        } catch (RestClientResponseException e) {
            // the default error handler throws on 4xx/5xx: the status is what this app saw
            ShipmentsOutput.result(method.name(), uri, e.getStatusCode().value(), e.getResponseBodyAsString(StandardCharsets.UTF_8));
        } catch (RestClientException e) {
            ShipmentsOutput.error(method.name(), uri, e);
        }
    }
}
