package com.myparcel.auth.agent.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.HttpURLConnection;

/**
 * The field the agent adds to {@code sun.net.www.protocol.http.HttpURLConnection} when that class loads
 * after the agent: each connection's state, kept in the connection (what OpenTelemetry calls a virtual
 * field) instead of a weak map beside it. Only this loader's unnamed module, where the hooks live, is
 * given access to the JDK package; the application's classes are not.
 */
public final class HttpUrlConnectionField {

    /** The field's name: the instrumentation adds it, this class reads and writes it. */
    public static final String NAME = "myparcel$exchange";
    /** The JDK class that gains the field. */
    public static final String DECLARING_CLASS = "sun.net.www.protocol.http.HttpURLConnection";

    private HttpUrlConnectionField() {
    }

    /** Whether connections carry the field: false when the class was loaded before the agent. */
    public static boolean exists() {
        return Access.FIELD != null;
    }

    /** The value, or null when none was set or the field does not exist. */
    public static Object get(HttpURLConnection connection) {
        VarHandle field = Access.FIELD;
        return field == null ? null : field.getAcquire(connection);
    }

    /** Sets {@code value} unless a value is there already; returns the value the field holds now. */
    public static Object setIfAbsent(HttpURLConnection connection, Object value) {
        VarHandle field = Access.FIELD;
        if (field == null) {
            return null;
        }
        Object witness = field.compareAndExchangeRelease(connection, null, value);
        return witness == null ? value : witness;
    }

    /**
     * Looked up on first use, by the agent's adapter when a connection exists, so when the class has
     * loaded (and the package has been opened); a constant from then on. Null when there is no field.
     */
    private static final class Access {
        static final VarHandle FIELD = lookUp();

        private static VarHandle lookUp() {
            try {
                Class<?> declaring = Class.forName(DECLARING_CLASS, false, null);
                return MethodHandles.privateLookupIn(declaring, MethodHandles.lookup())
                        .findVarHandle(declaring, NAME, Object.class);
            } catch (ReflectiveOperationException | IllegalAccessError | SecurityException e) {
                return null;
            }
        }
    }
}
