package com.myparcel.auth.agent.status;

import com.myparcel.auth.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * Registers the status MBean without disturbing the application's logging. The platform MBean server
 * initialises java.util.logging, and an application that installs its own LogManager later (a
 * {@code java.util.logging.manager} set in main, JBoss LogManager, log4j-jul) would be broken by an
 * agent that did so first. So the MBean is registered only once java.util.logging is loaded anyway (and
 * the configured manager, if any), or after {@link #LATEST} seconds when no manager is configured.
 * Everything runs on the agent's own thread.
 */
public final class StatusRegistration {

    public static final String OBJECT_NAME = "com.myparcel.auth:type=Agent";
    /** Time for the application to finish the logging set-up it has begun. */
    static final long SETTLE_SECONDS = 1;
    /** With no LogManager configured, registering initialises the default one: harmless by then. */
    static final long LATEST = 60;
    static final int ATTEMPTS = 10;

    private final AgentStatusMBean status;
    private final ScheduledExecutorService agentThread;

    public StatusRegistration(AgentStatusMBean status, ScheduledExecutorService agentThread) {
        this.status = status;
        this.agentThread = agentThread;
    }

    /** Returns at once: the watch is set up on the agent's thread, off the application's start-up. */
    public void registerWhenSafe(Instrumentation instrumentation) {
        agentThread.execute(new Runnable() {
            @Override
            public void run() {
                watchLogging(instrumentation);
            }
        });
    }

    private void watchLogging(Instrumentation instrumentation) {
        String manager = System.getProperty("java.util.logging.manager");
        Set<String> logging = new HashSet<>();
        logging.add("java.util.logging.LogManager");
        if (manager != null) {
            logging.add(manager);
        }
        new ClassLoadWatch(logging, new Runnable() {
            @Override
            public void run() {
                registerIn(SETTLE_SECONDS, 1);
            }
        }).start(instrumentation);
        if (manager == null) {
            registerIn(LATEST, 1);
        }
    }

    private void registerIn(long seconds, int attempt) {
        agentThread.schedule(new Runnable() {
            @Override
            public void run() {
                register(attempt);
            }
        }, seconds, TimeUnit.SECONDS);
    }

    /** Idempotent: the fallback and the watch may both come. */
    private void register(int attempt) {
        try {
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
                ManagementFactory.getPlatformMBeanServer().registerMBean(status, name);
                AgentLog.debug("status MBean registered as " + OBJECT_NAME);
            }
        } catch (Throwable t) {
            // Not about any request, so not an internal error of the request path: try again later.
            if (attempt >= ATTEMPTS) {
                AgentLog.warn("status MBean not registered: " + AgentLog.describe(t));
            } else {
                AgentLog.debug("status MBean not registered yet: " + AgentLog.describe(t));
                registerIn(SETTLE_SECONDS, attempt + 1);
            }
        }
    }
}
