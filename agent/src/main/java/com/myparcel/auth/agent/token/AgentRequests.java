package com.myparcel.auth.agent.token;

/**
 * Marks the agent's own HTTP requests on the current thread, so that the client adapters never
 * instrument them (the token request must not wait for a token, nor carry one).
 */
public final class AgentRequests {

    /** How deeply the current thread is inside the agent's own calls; one counter per thread, made once. */
    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private AgentRequests() {
    }

    /** A request the agent itself makes, with the marker set for its duration. */
    public interface Call<T, E extends Exception> {
        T call() throws E;
    }

    public static <T, E extends Exception> T run(Call<T, E> call) throws E {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            return call.call();
        } finally {
            depth[0]--;
        }
    }

    /**
     * Sets the marker without a lambda, for the per-request path; pair every call with {@link #exit()}
     * in a finally block.
     */
    public static void enter() {
        DEPTH.get()[0]++;
    }

    public static void exit() {
        DEPTH.get()[0]--;
    }

    public static boolean inProgress() {
        return DEPTH.get()[0] > 0;
    }
}
