package com.myparcel.auth.agent.instrumentation.httpclient.adapter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StepCancellingFutureTest {

    private final CompletableFuture<String> first = new CompletableFuture<>();
    private final StepCancellingFuture<String> future = new StepCancellingFuture<>(first);

    @Test
    void aCancelReachesTheFirstStep() {
        assertTrue(future.cancel(false));
        assertTrue(first.isCancelled());
    }

    @Test
    void aCancelReachesTheStepNowInFlightOnly() {
        CompletableFuture<String> replay = new CompletableFuture<>();
        future.inFlight(replay);
        future.cancel(false);
        assertTrue(replay.isCancelled());
        assertFalse(first.isCancelled());
    }

    @Test
    void aCancelAfterTheResultLeavesTheStepAlone() {
        future.complete("done");
        assertFalse(future.cancel(true));
        assertFalse(first.isCancelled());
    }

    @Test
    void whatTheApplicationChainsOnIsAPlainFuture() {
        CompletableFuture<Integer> dependent = future.thenApply(String::length);
        assertFalse(dependent instanceof StepCancellingFuture);
        future.complete("done");
        assertTrue(dependent.isDone());
    }
}
