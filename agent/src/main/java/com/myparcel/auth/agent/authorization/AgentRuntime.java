package com.myparcel.auth.agent.authorization;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one place instrumented JDK code finds the agent. The agent builds its authorizer on its own
 * thread, after premain: a request that comes sooner waits for it, as it would wait for the first
 * token, for at most the token wait. Null when the agent is not active (invalid settings, a failed
 * start): the request then goes out as the application made it.
 */
public final class AgentRuntime {

    private static volatile RequestAuthorizer authorizer;
    /** Open while the agent is starting; null when it is not, or no longer. */
    private static volatile CountDownLatch starting;
    private static volatile long startWaitNanos;

    private AgentRuntime() {
    }

    public static RequestAuthorizer authorizer() {
        RequestAuthorizer installed = authorizer;
        if (installed != null) {
            return installed;
        }
        CountDownLatch start = starting;
        return start == null ? null : awaitStart(start);
    }

    /** The agent is starting: its authorizer comes within moments, from {@link #install}. */
    public static void starting(Duration wait) {
        startWaitNanos = wait.toNanos();
        starting = new CountDownLatch(1);
    }

    /** The agent's authorizer, or null when the agent failed to start; requests waiting for it go on. */
    public static void install(RequestAuthorizer installed) {
        authorizer = installed;
        CountDownLatch start = starting;
        starting = null;
        if (start != null) {
            start.countDown();
        }
    }

    private static RequestAuthorizer awaitStart(CountDownLatch start) {
        try {
            start.await(startWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return authorizer;
    }
}
