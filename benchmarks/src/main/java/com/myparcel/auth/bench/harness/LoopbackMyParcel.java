package com.myparcel.auth.bench.harness;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * MyParcel.com on loopback, in the runner's JVM: one JDK {@link HttpsServer} with the token endpoint
 * at {@code https://127.0.0.1:<port>/oauth/access-token} and the API at
 * {@code https://localhost:<port>/}. The agent is told {@code api-hosts=localhost}: a bare host matches
 * over HTTPS on any port, and the token endpoint's IP literal is never an API host, so the agent's own
 * token request is not mistaken for an API request. A second token endpoint issues a token the API
 * refuses, for an agent that is not meant to authorize anything (the idle-agent control).
 */
public final class LoopbackMyParcel implements AutoCloseable {

    public static final String CLIENT_ID = "bench";
    public static final String API_HOSTS_SETTING = "localhost";
    private static final String OTHER_TOKEN_PATH = "/oauth/other-token";

    private final HttpsServer server;
    private final ExecutorService handlers;
    private final BenchToken token;
    private final TokenEndpoint tokenEndpoint;
    private final ApiEndpoint apiEndpoint;

    private LoopbackMyParcel(HttpsServer server, ExecutorService handlers, BenchToken token,
            TokenEndpoint tokenEndpoint, ApiEndpoint apiEndpoint) {
        this.server = server;
        this.handlers = handlers;
        this.token = token;
        this.tokenEndpoint = tokenEndpoint;
        this.apiEndpoint = apiEndpoint;
    }

    public static LoopbackMyParcel start(SelfSignedCertificate certificate, BenchToken token)
            throws IOException, GeneralSecurityException {
        // TCP_NODELAY: the JDK server writes headers and body separately, and with Nagle's algorithm
        // against the client's delayed ACK every kept-alive response would stall for about 40 ms. Read
        // once, when the first server is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // The storm's 256 kept-alive connections must all stay open (the JDK's default keeps 200 idle).
        System.setProperty("sun.net.httpserver.maxIdleConnections", "1024");
        // A large backlog: the refresh storm opens 256 connections at once.
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1024);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        // One thread per concurrent exchange, so a held token answer never delays an API request.
        ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "loopback-myparcel-handler");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        TokenEndpoint tokenEndpoint = new TokenEndpoint(token, CLIENT_ID);
        ApiEndpoint apiEndpoint = new ApiEndpoint(token.authorizationHeader());
        server.createContext("/oauth/access-token", tokenEndpoint);
        server.createContext(OTHER_TOKEN_PATH,
                new TokenEndpoint(BenchToken.issue(Duration.ofHours(1), "other"), CLIENT_ID));
        server.createContext("/", apiEndpoint);
        server.start();
        return new LoopbackMyParcel(server, handlers, token, tokenEndpoint, apiEndpoint);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String authUrl() {
        return "https://127.0.0.1:" + port() + "/oauth/access-token";
    }

    /**
     * A token endpoint whose token the API refuses: an agent configured with it, and with other API hosts,
     * never has a reason to touch the benchmark's requests, nor to take the application's token for its own.
     */
    public String otherTokenAuthUrl() {
        return "https://127.0.0.1:" + port() + OTHER_TOKEN_PATH;
    }

    /** The API resource every benchmark application requests. */
    public String apiUrl() {
        return "https://localhost:" + port() + "/shipments";
    }

    public BenchToken token() {
        return token;
    }

    public long tokenRequests() {
        return tokenEndpoint.requests();
    }

    /** Token requests answered 403 because they were not client-credentials requests for {@link #CLIENT_ID}. */
    public long refusedTokenRequests() {
        return tokenEndpoint.refused();
    }

    public ApiCounts apiCounts() {
        return apiEndpoint.counts();
    }

    /** The next token request's answer waits for {@link TokenHold#release()}. */
    public TokenHold holdNextTokenAnswer() {
        return tokenEndpoint.holdNextAnswer();
    }

    /** Releases {@code hold} if it holds an answer, and makes sure it holds no later one. */
    public void endHold(TokenHold hold) {
        tokenEndpoint.endHold(hold);
    }

    public ArrivalLog recordApiArrivals() {
        return apiEndpoint.recordArrivals();
    }

    public void stopRecordingApiArrivals() {
        apiEndpoint.stopRecordingArrivals();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
