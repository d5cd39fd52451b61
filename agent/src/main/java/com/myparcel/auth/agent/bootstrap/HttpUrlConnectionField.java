package com.myparcel.auth.agent.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
        return Access.GET != null;
    }

    /** The value, or null when none was set or the field does not exist. */
    public static Object get(HttpURLConnection connection) {
        MethodHandle get = Access.GET;
        if (get == null) {
            return null;
        }
        try {
            return (Object) get.invokeExact(connection);
        } catch (Throwable notTheJdkClass) {
            return null; // the hooks only ever pass connections of the class that has the field
        }
    }

    /** Sets {@code value} unless a value is there already; returns the value the field holds now. */
    public static Object setIfAbsent(HttpURLConnection connection, Object value) {
        MethodHandle compareAndExchange = Access.COMPARE_AND_EXCHANGE;
        if (compareAndExchange == null) {
            return null;
        }
        try {
            Object witness = (Object) compareAndExchange.invokeExact(connection, (Object) null, value);
            return witness == null ? value : witness;
        } catch (Throwable notTheJdkClass) {
            return null;
        }
    }

    /**
     * Looked up on first use, by the agent's adapter when a connection exists, so when the class has
     * loaded (and the package has been opened); constants from then on. Null when there is no field.
     * Method handles typed for {@code java.net.HttpURLConnection}, the type the hooks have: a VarHandle
     * called with it instead of its own coordinate type goes through a type check and adaptation on
     * every access, which a profile showed on each request.
     */
    private static final class Access {
        static final MethodHandle GET;
        static final MethodHandle COMPARE_AND_EXCHANGE;

        static {
            VarHandle field = lookUp();
            GET = field == null ? null : field.toMethodHandle(VarHandle.AccessMode.GET_ACQUIRE)
                    .asType(MethodType.methodType(Object.class, HttpURLConnection.class));
            COMPARE_AND_EXCHANGE = field == null ? null
                    : field.toMethodHandle(VarHandle.AccessMode.COMPARE_AND_EXCHANGE_RELEASE).asType(
                            MethodType.methodType(Object.class, HttpURLConnection.class, Object.class, Object.class));
        }

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
