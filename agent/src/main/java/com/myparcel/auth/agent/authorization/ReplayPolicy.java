package com.myparcel.auth.agent.authorization;

/**
 * When a request is sent again: once, after a 401, only if the agent put the token on it, and only
 * if its body can be sent again. A request whose Authorization came from the application is never
 * replayed: its credentials are the application's business.
 */
public final class ReplayPolicy {

    static final int UNAUTHORIZED = 401;
    /** One replay per request, like MyParcel's own SDK but for every request, not once per process. */
    public static final int MAX_REPLAYS = 1;

    private ReplayPolicy() {
    }

    /** Whether an answer with this status could be replayed at all: the adapters skip the rest otherwise. */
    public static boolean mayReplay(int status) {
        return status == UNAUTHORIZED;
    }

    public static boolean shouldReplay(int status, boolean authorizedByAgent, int replaysSoFar,
            boolean bodyReplayable) {
        return status == UNAUTHORIZED && authorizedByAgent && replaysSoFar < MAX_REPLAYS && bodyReplayable;
    }
}
