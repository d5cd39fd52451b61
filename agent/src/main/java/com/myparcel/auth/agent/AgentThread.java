package com.myparcel.auth.agent;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * The agent's one thread: token requests, the status MBean's registration and whatever else must
 * not run in the application's threads. A daemon, so it never keeps the JVM alive.
 */
public final class AgentThread {

    public static final String NAME = "myparcel-auth-agent";

    private AgentThread() {
    }

    public static ScheduledExecutorService start() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, new DaemonThreadFactory());
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** A named class rather than a lambda: the first lambda costs the JVM milliseconds at start-up. */
    private static final class DaemonThreadFactory implements ThreadFactory {
        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, NAME);
            thread.setDaemon(true);
            return thread;
        }
    }
}
