package com.myparcel.auth.agent.instrumentation;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;

/** The advice one JDK class gets. One implementation per instrumented class. */
public interface ClassInstrumentation {

    /** The binary name of the class, for example {@code sun.net.www.protocol.http.HttpURLConnection}. */
    String className();

    /**
     * @param type   the class being transformed
     * @param advice makes advice from an advice class's name
     */
    DynamicType.Builder<?> apply(DynamicType.Builder<?> type, Adviser advice);

    /**
     * Advice read from the agent jar as bytes and inlined. Advice classes are named, never loaded: their
     * code only ever runs inside the JDK class, where their references (JDK types, the bootstrap hooks)
     * resolve.
     */
    interface Adviser {
        Advice of(String adviceClassName);

        /**
         * Whether the instrumentation may add fields: when the class is being loaded, or when it is
         * retransformed and already has the agent's fields (a class loaded before the agent cannot
         * gain any).
         */
        boolean mayAddFields();
    }

    /** Fields the agent adds to a JDK class start with this, which tells whether a loaded class has them. */
    String FIELD_PREFIX = "myparcel$";
}
