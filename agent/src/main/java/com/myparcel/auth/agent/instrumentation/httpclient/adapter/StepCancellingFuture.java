package com.myparcel.auth.agent.instrumentation.httpclient.adapter;

import java.util.concurrent.CompletableFuture;

/**
 * The future an application gets for a request that may be replayed: a cancel on it also cancels the
 * step in flight behind it (the first attempt, the wait for a new token, or the replay), as a cancel on
 * the JDK's own future cancels its exchange. An override rather than a completion callback, because
 * this is made for every authorized request and a callback costs a node and a future each time.
 *
 * @param <T> the result type
 */
final class StepCancellingFuture<T> extends CompletableFuture<T> {

    private volatile CompletableFuture<?> inFlight;

    StepCancellingFuture(CompletableFuture<?> firstStep) {
        this.inFlight = firstStep;
    }

    /**
     * Makes {@code step} the one a cancel reaches. The caller checks {@link #isCancelled()} after this:
     * a cancel that came in between has reached the previous step only.
     */
    void inFlight(CompletableFuture<?> step) {
        this.inFlight = step;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            inFlight.cancel(true);
        }
        return cancelled;
    }
}
