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
    private static final String DECLARING_CLASS = "sun.net.www.protocol.http.HttpURLConnection";

    /** Looked up on first use, when the class is loaded; NONE when it has no such field. */
    private static volatile Object access;
    private static final Object NONE = new Object();

    private HttpUrlConnectionField() {
    }

    /** Whether connections carry the field: false when the class was loaded before the agent. */
    public static boolean exists() {
        return handle() != null;
    }

    /** The value, or null when none was set or the field does not exist. */
    public static Object get(HttpURLConnection connection) {
        VarHandle field = handle();
        return field == null ? null : field.getAcquire(connection);
    }

    /** Sets {@code value} unless a value is there already; returns the value the field holds now. */
    public static Object setIfAbsent(HttpURLConnection connection, Object value) {
        VarHandle field = handle();
        if (field == null) {
            return null;
        }
        Object witness = field.compareAndExchangeRelease(connection, null, value);
        return witness == null ? value : witness;
    }

    private static VarHandle handle() {
        Object found = access;
        if (found == null) {
            found = lookUp();
            access = found;
        }
        return found == NONE ? null : (VarHandle) found;
    }

    private static Object lookUp() {
        try {
            Class<?> declaring = Class.forName(DECLARING_CLASS, false, null);
            return MethodHandles.privateLookupIn(declaring, MethodHandles.lookup())
                    .findVarHandle(declaring, NAME, Object.class);
        } catch (ReflectiveOperationException | IllegalAccessError | SecurityException e) {
            return NONE;
        }
    }
}
