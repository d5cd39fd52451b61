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
    }
}
