package com.myparcel.auth.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.myparcel.auth.it.AttachCommandTest.authorizations;
import static com.myparcel.auth.it.AttachCommandTest.summaries;
import static com.myparcel.auth.it.OperatorOutput.fingerprint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.tools.attach.VirtualMachine;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The status MBean {@code com.myparcel.auth:type=Agent}, read over JMX from a running app (test-apps'
 * ShipmentsShell with {@code -javaagent}): its attributes agree with what the WireMock servers saw, and
 * {@code refreshToken()} makes the agent fetch a new token. The test starts the app's local JMX agent through the
 * Attach API, which initialises java.util.logging in the app, so the agent registers its MBean soon after.
 */
class StatusMBeanTest {

    @RegisterExtension
    static final FakeMyParcel myParcel = new FakeMyParcel();

    private static final Duration LIFETIME = Duration.ofHours(2);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void attributesMatchTheServersJournalsAndRefreshTokenFetchesANewToken() throws Exception {
        myParcel.issueTokens(TokenIssuer.jwts(LIFETIME, LIFETIME));
        try (ChildJvm.Running app = ChildJvm.testApp(ChildJvm.SHELL).withAgent().settingsFor(myParcel).start();
                JMXConnector connector = connectTo(app)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName("com.myparcel.auth:type=Agent");
            awaitTrue(() -> isRegistered(server, name), "the MBean is registered", app);

            assertEquals(List.of("RESULT GET /shipments 200", "RESULT GET /shipments 200", "RESULT POST /shipments 201",
                    "RESULT GET /shipments 200"), summaries(app.shell("list list create http-client-list")));
            String first = myParcel.onlyIssuedToken();
            Map<String, Object> status = attributes(server, name);
            assertEquals(fingerprint(first), status.get("TokenFingerprint"), status::toString);
            assertEquals(Jwt.expiry(first).toString(), status.get("TokenExpiry"), status::toString);
            long secondsLeft = (Long) status.get("TokenSecondsLeft");
            assertTrue(secondsLeft > LIFETIME.getSeconds() - 60 && secondsLeft <= LIFETIME.getSeconds(),
                    status::toString);
            assertEquals(1L, status.get("TokenRequests"), status::toString);
            assertEquals(0L, status.get("TokenFailures"), status::toString);
            assertEquals(3L, status.get("AuthorizedRequestsHttpUrlConnection"), status::toString);
            assertEquals(1L, status.get("AuthorizedRequestsHttpClient"), status::toString);
            assertEquals(0L, status.get("Replays"), status::toString);
            assertEquals("none", status.get("LastError"), status::toString);
            assertEquals(List.of("Bearer " + first, "Bearer " + first, "Bearer " + first, "Bearer " + first),
                    authorizations(myParcel.apiRequests()));

            // a 401 replayed with a new token
            myParcel.rejectFirstRequest("GET", "/shipments", FakeMyParcel.jsonApi(200, FakeMyParcel.SHIPMENTS_BODY));
            assertEquals(List.of("RESULT GET /shipments 200"), summaries(app.shell("list")));
            List<String> issued = myParcel.issuedTokens();
            assertEquals(2, issued.size(), "a new token after the 401");
            status = attributes(server, name);
            assertEquals(fingerprint(issued.get(1)), status.get("TokenFingerprint"), status::toString);
            assertEquals(2L, status.get("TokenRequests"), status::toString);
            assertEquals(4L, status.get("AuthorizedRequestsHttpUrlConnection"), status::toString);
            assertEquals(1L, status.get("Replays"), status::toString);
            List<String> sent = authorizations(myParcel.apiRequests());
            assertEquals(List.of("Bearer " + first, "Bearer " + issued.get(1)), sent.subList(4, 6));
            assertEquals(sent.size(), (Long) status.get("AuthorizedRequestsHttpUrlConnection")
                    + (Long) status.get("AuthorizedRequestsHttpClient") + (Long) status.get("Replays"),
                    "every request that reached the API with a token was counted once, as authorized or replayed");

            // refreshToken()
            server.invoke(name, "refreshToken", null, null);
            awaitTrue(() -> myParcel.issuedTokens().size() == 3
                            && fingerprint(myParcel.issuedTokens().get(2)).equals(attribute(server, name, "TokenFingerprint")),
                    "a third token, shown by the MBean", app);
            assertEquals(3, myParcel.tokenRequests().size());
            assertEquals(3L, attribute(server, name, "TokenRequests"));
            app.shell("list");
            List<String> afterRefresh = authorizations(myParcel.apiRequests());
            assertEquals("Bearer " + myParcel.issuedTokens().get(2), afterRefresh.get(afterRefresh.size() - 1),
                    "the next request carries the refreshed token");

            // a failing refresh: counted and reported, the valid token kept
            myParcel.issueTokens(aResponse().withStatus(500).withBody("Internal Server Error"));
            server.invoke(name, "refreshToken", null, null);
            awaitTrue(() -> (Long) attribute(server, name, "TokenFailures") >= 1, "TokenFailures counts the 500", app);
            String lastError = (String) attribute(server, name, "LastError");
            assertTrue(lastError.contains("HTTP 500"), lastError);
            assertEquals(fingerprint(myParcel.issuedTokens().get(2)), attribute(server, name, "TokenFingerprint"));
            assertEquals(3, myParcel.issuedTokens().size());
        }
    }

    // ------------------------------------------------------------------ JMX

    /**
     * Starts the app's local JMX agent through the Attach API and connects to it, once the app's main runs (attaching
     * to a JVM that is still starting can fail).
     */
    static JMXConnector connectTo(ChildJvm.Running app) throws Exception {
        app.awaitStdout("READY 0"::equals, "READY 0");
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(app.pid()));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }

    private static final List<String> ATTRIBUTES = List.of("TokenFingerprint", "TokenExpiry", "TokenSecondsLeft",
            "TokenRequests", "TokenFailures", "AuthorizedRequestsHttpUrlConnection", "AuthorizedRequestsHttpClient",
            "Replays", "LastError");

    private static Map<String, Object> attributes(MBeanServerConnection server, ObjectName name) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String attribute : ATTRIBUTES) {
            values.put(attribute, server.getAttribute(name, attribute));
        }
        return values;
    }

    private static Object attribute(MBeanServerConnection server, ObjectName name, String attribute) {
        try {
            return server.getAttribute(name, attribute);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRegistered(MBeanServerConnection server, ObjectName name) {
        try {
            return server.isRegistered(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} until it holds, failing after {@link #DEADLINE}. */
    static void awaitTrue(BooleanSupplier condition, String what, ChildJvm.Running app) throws InterruptedException {
        awaitTrue(condition, what, app::describe);
    }

    static void awaitTrue(BooleanSupplier condition, String what, Supplier<String> describe) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + DEADLINE.toSeconds() + " s: " + what + "\n" + describe.get());
            }
            Thread.sleep(50);
        }
    }
}
