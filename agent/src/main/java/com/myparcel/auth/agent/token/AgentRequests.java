package com.myparcel.auth.agent.token;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Marks the agent's own HTTP requests on the current thread, so that the client adapters never
 * instrument them (the token request must not wait for a token, nor carry one).
 *
 * <p>Every application request asks {@link #inProgress()}, and the agent's own requests are rare (a
 * token fetch, a replay), so the answer for a thread is looked up only while one of them runs on some
 * thread. The rest of the time an application thread's request touches no thread-local.
 */
public final class AgentRequests {

    /** How many of the agent's own calls are running, on all threads together. */
    private static final AtomicInteger RUNNING = new AtomicInteger();
    /** How deeply the current thread is inside the agent's own calls; made for a thread on its first one. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private AgentRequests() {
    }

    /** A request the agent itself makes, with the marker set for its duration. */
    public interface Call<T, E extends Exception> {
        T call() throws E;
    }

    public static <T, E extends Exception> T run(Call<T, E> call) throws E {
        int[] depth = DEPTH.get();
        RUNNING.incrementAndGet();
        depth[0]++;
        try {
            return call.call();
        } finally {
            depth[0]--;
            RUNNING.decrementAndGet();
        }
    }

    /**
     * Whether the current thread is inside {@link #run}. A thread's own increment is visible to it, and
     * no other thread can take the count back to zero while that call runs, so a zero count is a sure no.
     */
    public static boolean inProgress() {
        return RUNNING.get() > 0 && DEPTH.get()[0] > 0;
    }
}
