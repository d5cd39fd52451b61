package com.myparcel.auth.agent.log;

import java.io.PrintStream;

/**
 * The agent's own log: plain lines on stderr. It never touches java.util.logging, because an
 * application that installs its own LogManager after start-up must still be able to do so.
 * Callers never pass a secret or a token: tokens appear only as {@code AccessToken#fingerprint()}.
 */
public final class AgentLog {

    /** Levels in increasing verbosity. */
    public enum Level {
        OFF, ERROR, WARN, INFO, DEBUG;

        /**
         * By a loop rather than {@code valueOf}: it is read in premain, and {@code Enum.valueOf} reflects on
         * {@code values()}, which on JDK 18 and later spins method handles (about 2 ms there on JDK 25).
         */
        public static Level parse(String text) {
            String name = text.trim();
            for (Level level : values()) {
                if (level.name().equalsIgnoreCase(name)) {
                    return level;
                }
            }
            throw new IllegalArgumentException("no log level " + name);
        }
    }

    private static final String PREFIX = "[myparcel-auth-agent] ";
    private static volatile Level level = Level.INFO;
    private static volatile PrintStream out = System.err;
    private static volatile PrintStream file;
    private static volatile boolean internalFailureReported;

    private AgentLog() {
    }

    public static void setLevel(Level newLevel) {
        level = newLevel;
    }

    /** For unit tests that capture what the agent prints. */
    public static void setOutput(PrintStream stream) {
        out = stream;
    }

    /**
     * {@code myparcel.log-file}: from now on lines go to this file, with a timestamp; errors still
     * also go to stderr, where an operator looks first.
     */
    public static void setFile(PrintStream stream) {
        file = stream;
    }

    public static boolean isDebugEnabled() {
        return level.compareTo(Level.DEBUG) >= 0;
    }

    public static void error(String message) {
        log(Level.ERROR, message);
    }

    public static void warn(String message) {
        log(Level.WARN, message);
    }

    public static void info(String message) {
        log(Level.INFO, message);
    }

    public static void debug(String message) {
        log(Level.DEBUG, message);
    }

    /**
     * A failure inside the agent, caught where it happened: the request it concerned goes out as the
     * application made it. Reported once as an error (something to tell the maintainers), then at debug.
     */
    public static void internalFailure(Throwable failure) {
        if (!internalFailureReported) {
            internalFailureReported = true;
            error("internal error, request left as the application made it: " + describe(failure));
        }
        debug("internal error: " + describe(failure));
    }

    /**
     * A failure as the log shows it: its class and where it happened, never its message, which could
     * quote a header value (a token) that the JDK refused.
     */
    public static String describe(Throwable failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        return failure.getClass().getName() + (trace.length == 0 ? "" : " at " + trace[0]);
    }

    private static void log(Level messageLevel, String message) {
        if (level == Level.OFF || messageLevel.compareTo(level) > 0) {
            return;
        }
        String line = PREFIX + messageLevel + " " + message;
        PrintStream toFile = file;
        if (toFile != null) {
            toFile.println(java.time.Instant.now() + " " + line);
        }
        if (toFile == null || messageLevel == Level.ERROR) {
            out.println(line);
        }
    }
}
