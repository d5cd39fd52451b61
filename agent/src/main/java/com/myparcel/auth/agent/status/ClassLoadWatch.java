package com.myparcel.auth.agent.status;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells once when every one of a few named classes has been loaded, by watching class loading as it
 * happens (one set lookup per loaded class) instead of polling the JVM's list of loaded classes.
 * Transforms nothing.
 */
final class ClassLoadWatch implements ClassFileTransformer {

    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private final Runnable whenAllLoaded;
    private Instrumentation instrumentation;

    /** @param classNames binary names, for example {@code java.util.logging.LogManager} */
    ClassLoadWatch(Set<String> classNames, Runnable whenAllLoaded) {
        for (String name : classNames) {
            missing.add(name.replace('.', '/'));
        }
        this.whenAllLoaded = whenAllLoaded;
    }

    /** Starts watching; classes loaded before this call (an agent attached late) are found once. */
    void start(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
        instrumentation.addTransformer(this);
        lookThroughLoadedClasses();
    }

    /**
     * Looks through the loaded classes again, unless all were seen. A class that another thread was loading while
     * the watch started, past the transformers but not yet among the loaded classes, is seen by neither; some time
     * later it is among the loaded classes.
     */
    void lookAgain() {
        if (!missing.isEmpty()) {
            lookThroughLoadedClasses();
        }
    }

    private void lookThroughLoadedClasses() {
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            seen(type.getName().replace('.', '/'));
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (internalName != null && classBeingRedefined == null) {
            seen(internalName);
        }
        return null;
    }

    private void seen(String internalName) {
        if (missing.remove(internalName) && missing.isEmpty()) {
            instrumentation.removeTransformer(this);
            whenAllLoaded.run();
        }
    }
}
