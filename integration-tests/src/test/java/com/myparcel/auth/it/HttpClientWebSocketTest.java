package com.myparcel.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A WebSocket to an API host opens with the agent as it does without it. The JDK sends the opening handshake
 * through the same HttpClient method as every request, as a request object of its own internal class that alone
 * carries the upgrade headers; the agent leaves that request as it is (without a token) instead of sending a view
 * of it, which would go out as a plain GET.
 */
class HttpClientWebSocketTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    @Test
    void aWebSocketToAnApiHostOpensWithItsUpgradeHeaders() throws Exception {
        try (WebSocketHandshakeServer webSockets = WebSocketHandshakeServer.start()) {
            AppRun run = myParcel.httpClientApp()
                    .run("list", "websocket", "wss://" + TestHosts.API + ":" + webSockets.port() + "/events")
                    .assertCompleted();

            assertEquals(List.of("GET /shipments 200"), run.summaries(), run::describe);
            assertEquals(List.of(myParcel.onlyIssuedToken()), Requests.bearerTokens(myParcel.apiRequests()),
                    "the agent is active and authorizes the API's requests");
            assertEquals(List.of("open ''"), run.lines("WEBSOCKET"), run::describe);
            assertEquals(1, webSockets.handshakes().size(), "handshakes received");
            Map<String, String> handshake = webSockets.handshakes().get(0);
            assertEquals("GET /events HTTP/1.1", handshake.get(WebSocketHandshakeServer.REQUEST_LINE));
            assertEquals("websocket", handshake.get("upgrade"), handshake::toString);
            assertEquals("13", handshake.get("sec-websocket-version"), handshake::toString);
            assertEquals("websocket", handshake.get("x-shipments-client"), "the app's own header");
            assertEquals(List.of(), run.agentLogLines().stream()
                    .filter(line -> line.contains("ERROR") || line.contains("WARN")).toList(), run::describe);
        }
    }
}
