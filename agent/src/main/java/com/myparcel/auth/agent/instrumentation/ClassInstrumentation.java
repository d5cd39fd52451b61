package com.myparcel.auth.agent.instrumentation;

import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;

/** The advice one JDK class gets. One implementation per instrumented client. */
public interface ClassInstrumentation {

    /** The binary name of the class, for example {@code sun.net.www.protocol.http.HttpURLConnection}. */
    String className();

    /**
     * @param type          the class being transformed
     * @param adviceLocator where the advice classes' bytes are read
     */
    DynamicType.Builder<?> apply(DynamicType.Builder<?> type, ClassFileLocator adviceLocator);
}
