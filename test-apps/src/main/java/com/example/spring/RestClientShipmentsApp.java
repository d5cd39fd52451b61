package com.example.spring;

import com.example.output.ShipmentJson;
import com.example.output.ShipmentsOutput;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * A shipments client written as ordinary Spring 6 code: a {@link RestClient} on a {@link JdkClientHttpRequestFactory}
 * (that is, {@link java.net.http.HttpClient}), no Spring context, and no idea that an agent may add authorization.
 *
 * <p>Program arguments are commands, run in order: {@code list} (GET /shipments), {@code create} (POST /shipments
 * with a JSON body), {@code patch <id>} (PATCH /shipments/&lt;id&gt; with a JSON body), {@code foreign
 * <absolute-url>} (GET any URL).
 *
 * <p>Output on stdout, one line per request, as the other shipments apps print it ({@code SENT}, {@code RESULT},
 * {@code ERROR}, then {@code DONE}; see {@link ShipmentsOutput}). {@code retrieve()} throws on 4xx and 5xx; the app
 * reports the status it saw all the same, so an error answer shows as a RESULT line with that status.
 *
 * <p>System property {@code shipments.base-url} (default https://api.myparcel.com).
 */
public class RestClientShipmentsApp {

    static final MediaType JSON_API = MediaType.parseMediaType("application/vnd.api+json");

    private final RestClient restClient;

    public RestClientShipmentsApp(String baseUrl) {
        this.restClient = RestClient.builder()
                .requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl(baseUrl)
                .build();
    }

    public static void main(String[] args) {
        RestClientShipmentsApp app =
                new RestClientShipmentsApp(System.getProperty("shipments.base-url", "https://api.myparcel.com"));
        int i = 0;
        while (i < args.length) {
            String command = args[i++];
            if (command.equals("list")) {
                app.list();
            } else if (command.equals("create")) {
                app.create(ShipmentJson.shipment("rest-client"));
            } else if (command.equals("patch")) {
                String id = args[i++];
                app.patch(id, ShipmentJson.weightUpdate(id, 750));
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
        RestClient.RequestHeadersSpec<?> request = restClient.get().uri("/shipments").accept(JSON_API);
        exchange(HttpMethod.GET, "/shipments", request);
    }

    void create(String json) {
        ShipmentsOutput.sent("POST", URI.create("/shipments"), json);
        RestClient.RequestHeadersSpec<?> request = restClient.post()
                .uri("/shipments")
                .accept(JSON_API)
                .contentType(JSON_API)
                .body(json);
        exchange(HttpMethod.POST, "/shipments", request);
    }

    void patch(String id, String json) {
        String path = "/shipments/" + id;
        ShipmentsOutput.sent("PATCH", URI.create(path), json);
        RestClient.RequestHeadersSpec<?> request = restClient.patch()
                .uri("/shipments/{id}", id)
                .accept(JSON_API)
                .contentType(JSON_API)
                .body(json);
        exchange(HttpMethod.PATCH, path, request);
    }

    void get(URI uri) {
        exchange(HttpMethod.GET, uri.toString(), restClient.get().uri(uri));
    }

    /** @param target the path or URL the request goes to, for the output lines */
    private static void exchange(HttpMethod method, String target, RestClient.RequestHeadersSpec<?> request) {
        URI uri = URI.create(target);
        try {
            ResponseEntity<String> response = request.retrieve().toEntity(String.class);
            ShipmentsOutput.result(method.name(), uri, response.getStatusCode().value(), response.getBody());
        } catch (RestClientResponseException e) {
            // retrieve() throws on 4xx/5xx: the status is what this app saw
            ShipmentsOutput.result(method.name(), uri, e.getStatusCode().value(),
                    e.getResponseBodyAsString(StandardCharsets.UTF_8));
        } catch (RestClientException e) {
            ShipmentsOutput.error(method.name(), uri, e);
        }
    }
}
