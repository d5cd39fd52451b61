package com.example.jersey;

import com.example.output.ShipmentJson;
import com.example.output.ShipmentsOutput;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.glassfish.jersey.client.RequestEntityProcessing;

/**
 * A shipments client written with the Jersey (JAX-RS) client and its default connector, which sends every request
 * through {@link java.net.HttpURLConnection}. HttpURLConnection refuses PATCH, so the client turns on Jersey's
 * documented workaround, {@link HttpUrlConnectorProvider#SET_METHOD_WORKAROUND}, which sets the connection's
 * {@code method} field by reflection; on Java 17+ that needs
 * {@code --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/sun.net.www.protocol.https=ALL-UNNAMED}.
 *
 * <p>Program arguments are commands, run in order: {@code list}, {@code create}, {@code patch <id>},
 * {@code patch-chunked <id>} (the same PATCH, its body sent in chunked streaming mode), {@code foreign <absolute-url>}.
 *
 * <p>Output, one line per request on stdout:
 * <pre>
 * SENT &lt;method&gt; &lt;path&gt; &lt;bytes&gt; &lt;sha256&gt;                     (before a request body is sent)
 * RESULT &lt;method&gt; &lt;path&gt; &lt;status&gt; &lt;bodyLength&gt; &lt;first 80 chars of body&gt;
 * ERROR &lt;method&gt; &lt;url&gt; &lt;ExceptionClass&gt;: &lt;message&gt;
 * DONE
 * </pre>
 *
 * <p>System property {@code shipments.base-url} (default https://api.myparcel.com).
 */
public class JerseyShipmentsApp {

    static final String JSON_API = "application/vnd.api+json";

    private final Client client;
    private final WebTarget api;

    JerseyShipmentsApp(String baseUrl) {
        client = ClientBuilder.newBuilder()
                .property(ClientProperties.CONNECT_TIMEOUT, 10_000)
                .property(ClientProperties.READ_TIMEOUT, 20_000)
                .property(HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true)
                .build();
        api = client.target(baseUrl);
    }

    public static void main(String[] args) {
        JerseyShipmentsApp app = new JerseyShipmentsApp(System.getProperty("shipments.base-url", "https://api.myparcel.com"));
        try {
            int i = 0;
            while (i < args.length) {
                String command = args[i++];
                if (command.equals("list")) {
                    app.list();
                } else if (command.equals("create")) {
                    app.create();
                } else if (command.equals("patch")) {
                    app.patch(args[i++], false);
                } else if (command.equals("patch-chunked")) {
                    app.patch(args[i++], true);
                } else if (command.equals("foreign")) {
                    app.foreign(args[i++]);
                } else {
                    System.err.println("unknown command: " + command);
                    System.exit(2);
                }
            }
        } finally {
            app.client.close();
        }
        System.out.println("DONE");
    }

    // ---------------------------------------------------------------- commands

    void list() {
        WebTarget shipments = api.path("shipments");
        send("GET", shipments, shipments.request(JSON_API).buildGet());
    }

    void create() {
        WebTarget shipments = api.path("shipments");
        String json = ShipmentJson.shipment("jersey-create");
        ShipmentsOutput.sent("POST", shipments.getUri(), json);
        send("POST", shipments, shipments.request(JSON_API).buildPost(Entity.entity(json, JSON_API)));
    }

    /** PATCH with the connector's default body handling (HttpURLConnection buffers it), or chunked streaming. */
    void patch(String id, boolean chunked) {
        WebTarget shipment = api.path("shipments").path(id);
        String json = "{\"data\":{\"type\":\"shipments\",\"id\":\"" + id + "\","
                + "\"attributes\":{\"description\":\"jersey-patch\",\"physical_properties\":{\"weight\":750}}}}";
        ShipmentsOutput.sent("PATCH", shipment.getUri(), json);
        Invocation.Builder request = shipment.request(JSON_API);
        if (chunked) {
            request.property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.CHUNKED);
        }
        send("PATCH", shipment, request.build("PATCH", Entity.entity(json, JSON_API)));
    }

    void foreign(String absoluteUrl) {
        WebTarget page = client.target(absoluteUrl);
        send("GET", page, page.request().buildGet());
    }

    // ---------------------------------------------------------------- plumbing

    private static void send(String method, WebTarget target, Invocation invocation) {
        try (Response response = invocation.invoke()) {
            ShipmentsOutput.result(method, target.getUri(), response.getStatus(), response.readEntity(String.class));
        } catch (Exception e) {
            ShipmentsOutput.error(method, target.getUri(), e);
        }
    }
}
