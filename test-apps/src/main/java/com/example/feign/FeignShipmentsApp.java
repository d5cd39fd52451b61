package com.example.feign;

import com.example.output.ShipmentJson;
import com.example.output.ShipmentsOutput;
import feign.Feign;
import feign.FeignException;
import feign.Headers;
import feign.InvocationContext;
import feign.RequestLine;
import feign.ResponseInterceptor;
import feign.Target;
import java.net.URI;
import java.util.function.Supplier;

/**
 * A shipments client written with OpenFeign and its default client ({@code feign.Client.Default}, which sends every
 * request through {@link java.net.HttpURLConnection}): a declarative interface for the API, and a second target
 * for pages on other hosts.
 *
 * <p>Program arguments are commands, run in order: {@code list}, {@code create}, {@code foreign <absolute-url>}.
 *
 * <p>Output, one line per request on stdout:
 * <pre>
 * SENT &lt;method&gt; &lt;path&gt; &lt;bytes&gt; &lt;sha256&gt;                     (before a request body is sent)
 * RESULT &lt;method&gt; &lt;path&gt; &lt;status&gt; &lt;bodyLength&gt; &lt;first 80 chars of body&gt;
 * ERROR &lt;method&gt; &lt;url&gt; &lt;ExceptionClass&gt;: &lt;message&gt;
 * DONE
 * </pre>
 * Feign throws {@link FeignException} on an error status; its status and body are printed like any other answer.
 *
 * <p>System property {@code shipments.base-url} (default https://api.myparcel.com).
 */
public class FeignShipmentsApp {

    /** The MyParcel.com shipments API, as Feign sees it. */
    interface ShipmentsApi {

        @RequestLine("GET /shipments")
        @Headers("Accept: application/vnd.api+json")
        String list();

        @RequestLine("POST /shipments")
        @Headers({"Accept: application/vnd.api+json", "Content-Type: application/vnd.api+json"})
        String create(String shipmentJson);
    }

    /** Any page on any host: the URI argument is the whole address. */
    interface WebPages {

        @RequestLine("GET")
        String get(URI page);
    }

    /** Remembers the status of the last answer, which a String-returning Feign method does not expose. */
    static final class LastStatus implements ResponseInterceptor {

        volatile int status;

        @Override
        public Object intercept(InvocationContext context, Chain chain) throws Exception {
            status = context.response().status();
            return chain.next(context);
        }
    }

    private final LastStatus lastStatus = new LastStatus();
    private final ShipmentsApi api;
    private final WebPages webPages;

    FeignShipmentsApp(String baseUrl) {
        api = Feign.builder().responseInterceptor(lastStatus).target(ShipmentsApi.class, baseUrl);
        webPages = Feign.builder().responseInterceptor(lastStatus).target(Target.EmptyTarget.create(WebPages.class));
    }

    public static void main(String[] args) {
        FeignShipmentsApp app = new FeignShipmentsApp(System.getProperty("shipments.base-url", "https://api.myparcel.com"));
        int i = 0;
        while (i < args.length) {
            String command = args[i++];
            if (command.equals("list")) {
                app.call("GET", "/shipments", app.api::list);
            } else if (command.equals("create")) {
                String json = ShipmentJson.shipment("feign-create");
                ShipmentsOutput.sent("POST", "/shipments", json);
                app.call("POST", "/shipments", () -> app.api.create(json));
            } else if (command.equals("foreign")) {
                URI page = URI.create(args[i++]);
                app.call("GET", page.getPath(), () -> app.webPages.get(page));
            } else {
                System.err.println("unknown command: " + command);
                System.exit(2);
            }
        }
        System.out.println("DONE");
    }

    // ---------------------------------------------------------------- plumbing

    private void call(String method, String path, Supplier<String> request) {
        try {
            String body = request.get();
            ShipmentsOutput.result(method, path, lastStatus.status, body);
        } catch (FeignException e) {
            // 4xx and 5xx: Feign's default ErrorDecoder throws, carrying the status and body the app saw
            ShipmentsOutput.result(method, path, e.status(), e.contentUTF8());
        } catch (Exception e) {
            ShipmentsOutput.error(method, path, e);
        }
    }
}
