package com.myparcel.auth.agent.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines the agent's {@code bootstrap} package, the hooks that inlined advice calls, in the bootstrap
 * class loader, and nothing else. Appending the agent jar to the bootstrap class path instead would
 * make the JVM stop sharing (CDS) every class of the platform and application class loaders, slowing
 * the start of every application and printing a warning into its output. The JDK offers no public way
 * to define a class there, so this uses its internal {@code Unsafe.defineClass}, exported to the agent
 * for the purpose; the rest of the agent stays in the application class loader that loaded it.
 */
public final class BootstrapInjector {

    static final String PACKAGE = "com.myparcel.auth.agent.bootstrap.";
    /**
     * The package's classes, by name: listing the jar's few thousand entries to find them costs about
     * 15 ms before main. A unit test keeps this list equal to the compiled package. The interfaces come
     * before the classes that use them, so that a class found in the bootstrap loader is complete.
     */
    static final String[] CLASSES = {
        "HttpUrlConnectionHooks$Handler", "HttpUrlConnectionHooks", "HttpUrlConnectionField$Access", "HttpUrlConnectionField",
        "HttpClientHooks$Adapter", "HttpClientHooks",
    };

    private BootstrapInjector() {
    }

    /**
     * Defines the package's classes unless an earlier start did.
     *
     * @return the module they are in (the bootstrap class loader's unnamed module)
     */
    public static Module inject(Instrumentation instrumentation, JarFile agentJar) throws Exception {
        Module agent = BootstrapInjector.class.getModule();
        instrumentation.redefineModule(Object.class.getModule(), Set.of(),
                Map.of("jdk.internal.misc", Set.of(agent)), Map.of(), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        Class<?> any = null;
        for (String simpleName : CLASSES) {
            String name = PACKAGE + simpleName;
            Class<?> defined = findInBootstrap(name);
            if (defined == null) {
                byte[] bytes = read(agentJar, name.replace('.', '/') + ".class");
                defined = (Class<?>) define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
            }
            any = defined;
        }
        return any.getModule();
    }

    private static Class<?> findInBootstrap(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static byte[] read(JarFile jar, String entryName) throws IOException {
        JarEntry entry = jar.getJarEntry(entryName);
        if (entry == null) {
            throw new IllegalStateException("no " + entryName + " in the agent jar");
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
