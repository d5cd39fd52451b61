package com.example.logging;

import com.example.legacy.ShipmentsApp;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * An application with its own logging set-up, which must still be in charge when an agent runs: the first thing
 * main does is print {@code MAIN-STARTED}, so that a {@code -Xlog:class+load} run shows what was loaded before
 * the application started.
 *
 * <p>Arguments, in this order, all optional: {@code set-manager} (main sets {@code java.util.logging.manager} to
 * {@link CustomLogManager} before its first use of logging, as WildFly and Quarkus do), {@code use-logging}
 * (prints {@code LOG-MANAGER <class of LogManager.getLogManager()>} and logs one INFO message on logger
 * {@code com.example.logging.app}), {@code await-mbean <name>} (waits up to 20 s for that MBean in the platform
 * MBean server, printing {@code MBEAN registered} or {@code MBEAN missing}), then any {@link ShipmentsApp}
 * commands (which print {@code DONE} at the end).
 */
public final class OwnLoggingApp {

    private OwnLoggingApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("MAIN-STARTED");
        int i = 0;
        if (i < args.length && args[i].equals("set-manager")) {
            i++;
            System.setProperty("java.util.logging.manager", CustomLogManager.class.getName());
        }
        if (i < args.length && args[i].equals("use-logging")) {
            i++;
            System.out.println("LOG-MANAGER " + LogManager.getLogManager().getClass().getName());
            Logger.getLogger("com.example.logging.app").info("the application's logging works");
        }
        if (i < args.length && args[i].equals("await-mbean")) {
            ObjectName name = new ObjectName(args[i + 1]);
            i += 2;
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!server.isRegistered(name) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            System.out.println("MBEAN " + (server.isRegistered(name) ? "registered" : "missing"));
        }
        ShipmentsApp.main(Arrays.copyOfRange(args, i, args.length));
    }
}
