package com.myparcel.auth.agent.status;

import com.myparcel.auth.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * Registers the status MBean once the JVM's platform MBean server exists, and never creates that server
 * itself: creating it costs the application about 0.4 MiB of heap and initialises java.util.logging, which
 * would break an application that installs its own LogManager later (a {@code java.util.logging.manager}
 * set in main, JBoss LogManager, log4j-jul). Whoever looks at the MBean creates the server anyway: a JMX
 * client attaching (JConsole, VisualVM, jcmd's ManagementAgent.start), remote JMX settings, or the
 * application's own use of JMX. The server's class loading is watched as it happens, and the registration
 * runs on the agent's own thread.
 */
public final class StatusRegistration {

    public static final String OBJECT_NAME = "com.myparcel.auth:type=Agent";
    /** Loaded when an MBean server is made, the platform one included. */
    static final String MBEAN_SERVER_CLASS = "com.sun.jmx.mbeanserver.JmxMBeanServer";
    /**
     * Time for whoever made an MBean server to finish. Should it have been a private one, asking for the
     * platform server then creates it: this much later, the application's logging set-up is done.
     */
    static final long SETTLE_SECONDS = 1;
    static final int ATTEMPTS = 10;

    private final AgentStatusMBean status;
    private final ScheduledExecutorService agentThread;

    public StatusRegistration(AgentStatusMBean status, ScheduledExecutorService agentThread) {
        this.status = status;
        this.agentThread = agentThread;
    }

    /** Returns at once; the MBean is registered once an MBean server exists (or when it comes). */
    public void registerWhenServerExists(Instrumentation instrumentation) {
        ClassLoadWatch watch = new ClassLoadWatch(Set.of(MBEAN_SERVER_CLASS), new Runnable() {
            @Override
            public void run() {
                registerIn(SETTLE_SECONDS, 1);
            }
        });
        watch.start(instrumentation);
        // The application may be making a server at this very moment, its class loading in flight: look once more.
        agentThread.schedule(new Runnable() {
            @Override
            public void run() {
                watch.lookAgain();
            }
        }, SETTLE_SECONDS, TimeUnit.SECONDS);
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
