package com.myparcel.auth.bench.hotpath;

import com.myparcel.auth.agent.authorization.AgentMetrics;
import com.myparcel.auth.agent.authorization.AgentRuntime;
import com.myparcel.auth.agent.authorization.RequestAuthorizer;
import com.myparcel.auth.agent.destination.ApiDestinations;
import com.myparcel.auth.agent.instrumentation.httpurlconnection.HttpUrlConnectionBridge;
import com.myparcel.auth.agent.token.AccessToken;
import com.myparcel.auth.agent.token.Backoff;
import com.myparcel.auth.agent.token.TokenManager;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent's per-request work without the network: deciding whether a destination gets a token,
 * fetching the current header value, and adding it to an HttpURLConnection the way the inlined
 * advice does, against the application adding the same header itself. Run with JMH's GC profiler
 * ({@code -prof gc}) for allocation per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {

    private static final Duration TOKEN_WAIT = Duration.ofSeconds(5);

    private TokenManager tokens;
    private RequestAuthorizer authorizer;
    private URL apiUrl;
    private String headerValue;
    private final HttpUrlConnectionBridge bridge = new HttpUrlConnectionBridge();

    @Setup(Level.Trial)
    public void startAgentCore() throws Exception {
        Instant now = Instant.now();
        AccessToken token = new AccessToken("eyJhbGciOiJSUzI1NiJ9.benchmark.token", now, now.plus(Duration.ofHours(1)));
        tokens = new TokenManager(() -> token, Clock.systemUTC(), Duration.ofMinutes(5), new Backoff(() -> 0.5));
        tokens.start();
        headerValue = tokens.tokenForRequest(TOKEN_WAIT).authorizationHeaderValue();
        authorizer = new RequestAuthorizer(ApiDestinations.parse("api.myparcel.com,sandbox-api.myparcel.com"),
                tokens, TOKEN_WAIT, false);
        AgentRuntime.install(authorizer);
        apiUrl = new URL("https://api.myparcel.com/shipments");
    }

    @TearDown(Level.Trial)
    public void stop() {
        AgentRuntime.install(null);
        tokens.close();
    }

    /** Does this destination get a token? (an API host) */
    @Benchmark
    public boolean decideApiHost() {
        return authorizer.isApiDestination("https", "api.myparcel.com", -1);
    }

    /** Does this destination get a token? (any other host: the most common answer in a real app) */
    @Benchmark
    public boolean decideOtherHost() {
        return authorizer.isApiDestination("https", "www.example.com", -1);
    }

    /** The current token's header value, as every authorized request fetches it. */
    @Benchmark
    public String currentHeaderValue() {
        return tokens.tokenForRequest(TOKEN_WAIT).authorizationHeaderValue();
    }

    /** Both together, as the adapters ask for them: the whole client-agnostic decision. */
    @Benchmark
    public String authorize() {
        return authorizer.authorize(AgentMetrics.Client.HTTP_URL_CONNECTION, "https", "api.myparcel.com", -1, false)
                .authorizationHeaderValue();
    }

    /** Baseline: the application opens a connection and sets the header itself (no agent code). */
    @Benchmark
    public HttpURLConnection applicationSetsHeader() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) apiUrl.openConnection();
        connection.setRequestProperty("Authorization", headerValue);
        return connection;
    }

    /** The same connection, with the header added by what the inlined advice calls before sending. */
    @Benchmark
    public HttpURLConnection agentAddsHeader() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) apiUrl.openConnection();
        bridge.beforeSend(connection);
        return connection;
    }
}
