package com.myparcel.auth.agent.token;

/**
 * Marks the agent's own HTTP requests on the current thread, so that the client adapters never
 * instrument them (the token request must not wait for a token, nor carry one).
 */
public final class AgentRequests {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private AgentRequests() {
    }

    /** A request the agent itself makes, with the marker set for its duration. */
    public interface Call<T, E extends Exception> {
        T call() throws E;
    }

    public static <T, E extends Exception> T run(Call<T, E> call) throws E {
        Boolean outer = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        try {
            return call.call();
        } finally {
            if (outer == null) {
                ACTIVE.remove();
            }
        }
    }

    public static boolean inProgress() {
        return ACTIVE.get() != null;
    }
}
