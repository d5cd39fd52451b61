package com.myparcel.auth.agent.status;

import com.myparcel.auth.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * Registers the status MBean without disturbing the application's logging. The platform MBean server
 * initialises java.util.logging, and an application that installs its own LogManager later (a
 * {@code java.util.logging.manager} set in main, JBoss LogManager, log4j-jul) would be broken by an
 * agent that did so first. So the MBean is registered only once java.util.logging is initialised
 * anyway (and the configured manager, if any, is loaded), or after {@link #LATEST} at the latest when
 * no manager is configured. The checks run on the JDK's shared delay thread: no thread of the agent's.
 */
public final class StatusRegistration {

    public static final String OBJECT_NAME = "com.myparcel.auth:type=Agent";
    static final long CHECK_EVERY_MILLIS = 1_000;
    /** With no LogManager configured, registering initialises the default one: harmless by then. */
    static final long LATEST = 60;
    /** With a LogManager configured that never loads, the MBean is not registered at all. */
    static final long GIVE_UP = 600;

    private final Instrumentation instrumentation;
    private final AgentStatusMBean status;

    public StatusRegistration(Instrumentation instrumentation, AgentStatusMBean status) {
        this.instrumentation = instrumentation;
        this.status = status;
    }

    public void registerWhenSafe() {
        check(0);
    }

    private void check(long secondsWaited) {
        try {
            String manager = System.getProperty("java.util.logging.manager");
            boolean loggingReady = isLoaded("java.util.logging.LogManager") && (manager == null || isLoaded(manager));
            if (loggingReady || manager == null && secondsWaited >= LATEST) {
                register();
            } else if (secondsWaited >= GIVE_UP) {
                AgentLog.info("status MBean not registered: the configured LogManager " + manager + " never loaded");
            } else {
                CompletableFuture.delayedExecutor(CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS)
                        .execute(() -> check(secondsWaited + CHECK_EVERY_MILLIS / 1000));
            }
        } catch (Throwable t) {
            // Not about any request, so not an internal error of the request path: try again later.
            if (secondsWaited >= GIVE_UP) {
                AgentLog.warn("status MBean not registered: " + AgentLog.describe(t));
            } else {
                AgentLog.debug("status MBean not registered yet: " + AgentLog.describe(t));
                CompletableFuture.delayedExecutor(CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS)
                        .execute(() -> check(secondsWaited + CHECK_EVERY_MILLIS / 1000));
            }
        }
    }

    private boolean isLoaded(String className) {
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private void register() throws Exception {
        ObjectName name = new ObjectName(OBJECT_NAME);
        if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
            ManagementFactory.getPlatformMBeanServer().registerMBean(status, name);
            AgentLog.debug("status MBean registered as " + OBJECT_NAME);
        }
    }
}
