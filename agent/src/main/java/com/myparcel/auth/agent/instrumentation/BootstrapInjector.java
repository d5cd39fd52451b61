package com.myparcel.auth.agent.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
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

    static final String PACKAGE = "com/myparcel/auth/agent/bootstrap/";

    private BootstrapInjector() {
    }

    /**
     * Defines the package's classes unless an earlier start did.
     *
     * @return the module they are in (the bootstrap class loader's unnamed module)
     */
    public static Module inject(Instrumentation instrumentation, JarFile agentJar) throws Exception {
        List<String> names = new ArrayList<>();
        for (Enumeration<JarEntry> entries = agentJar.entries(); entries.hasMoreElements();) {
            String entry = entries.nextElement().getName();
            if (entry.startsWith(PACKAGE) && entry.endsWith(".class") && !entry.endsWith("package-info.class")) {
                names.add(entry);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no " + PACKAGE + " classes in the agent jar");
        }
        Module agent = BootstrapInjector.class.getModule();
        instrumentation.redefineModule(Object.class.getModule(), Set.of(),
                Map.of("jdk.internal.misc", Set.of(agent)), Map.of(), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        Class<?> any = null;
        for (String entry : names) {
            String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
            Class<?> defined = findInBootstrap(name);
            if (defined == null) {
                byte[] bytes = read(agentJar, entry);
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

    private static byte[] read(JarFile jar, String entry) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
            return in.readAllBytes();
        }
    }
}
