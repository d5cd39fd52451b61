package com.myparcel.auth.agent.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.myparcel.auth.agent.destination.ApiDestinations;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent builds its authorizer after premain; a request that comes sooner waits for it, boundedly. */
class AgentRuntimeTest {

    private final RequestAuthorizer authorizer =
            new RequestAuthorizer(ApiDestinations.parse("api.myparcel.com"), null, Duration.ofSeconds(1), false);

    @AfterEach
    void noAgent() {
        AgentRuntime.install(null);
    }

    @Test
    void withoutAStartingAgentThereIsNoAuthorizerAndNoWait() {
        assertNull(AgentRuntime.authorizer());
    }

    @Test
    void aRequestDuringTheStartWaitsForTheAuthorizer() throws Exception {
        AgentRuntime.starting(Duration.ofSeconds(30));
        CompletableFuture<RequestAuthorizer> request = CompletableFuture.supplyAsync(AgentRuntime::authorizer);
        awaitWaiting(request);
        AgentRuntime.install(authorizer);
        assertSame(authorizer, request.get(10, TimeUnit.SECONDS));
        assertSame(authorizer, AgentRuntime.authorizer());
    }

    @Test
    void aFailedStartReleasesTheWaitingRequestWithoutAnAuthorizer() throws Exception {
        AgentRuntime.starting(Duration.ofSeconds(30));
        CompletableFuture<RequestAuthorizer> request = CompletableFuture.supplyAsync(AgentRuntime::authorizer);
        awaitWaiting(request);
        AgentRuntime.install(null);
        assertNull(request.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aStartThatNeverEndsHoldsARequestForTheTokenWaitOnly() {
        AgentRuntime.starting(Duration.ofMillis(200));
        long started = System.nanoTime();
        assertNull(AgentRuntime.authorizer());
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(200));
    }

    /** The request's thread is parked in the wait (not merely not yet started). */
    private static void awaitWaiting(CompletableFuture<?> request) throws InterruptedException {
        for (int i = 0; i < 1_000 && !request.isDone(); i++) {
            boolean parked = Thread.getAllStackTraces().entrySet().stream().anyMatch(thread -> {
                Thread.State state = thread.getKey().getState();
                return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                        && java.util.Arrays.stream(thread.getValue())
                                .anyMatch(frame -> frame.getMethodName().equals("awaitStart"));
            });
            if (parked) {
                return;
            }
            Thread.sleep(10);
        }
        assertEquals(false, request.isDone(), "the request did not wait for the start");
        throw new AssertionError("no thread waiting in AgentRuntime.awaitStart");
    }
}
