package com.myparcel.auth.agent.instrumentation;

import com.myparcel.auth.agent.log.AgentLog;
import java.io.File;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Inlines advice into the few JDK classes the agent knows by name. A plain ClassFileTransformer that
 * compares one string per loaded class, instead of Byte Buddy's AgentBuilder: it costs far less at
 * start-up and touches none of Byte Buddy's class-injection machinery (which uses sun.misc.Unsafe and
 * makes recent JDKs print warnings into the application's output).
 */
public final class AdviceTransformer implements ClassFileTransformer {

    private final Instrumentation instrumentation;
    // Made when first needed, not in premain: on the agent's start thread, or by the first target class to load.
    private Map<String, ClassInstrumentation> byName;
    private JarFile agentJar;
    private HookInstallation hooks;
    private AdviceWeaver weaver;

    public AdviceTransformer(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /**
     * Registers the transformer, so that no target class loads uninstrumented from here on, and
     * instruments the target classes loaded before: those of an agent attached late, or loaded by another
     * agent that ran first. That case must be done before this returns (before main, or before the attach
     * command reports success); in the usual one, with no target class loaded yet, the hooks are made
     * ready later by {@link #prepareHooks}, or by the first target class's loading.
     */
    public void register() throws Exception {
        instrumentation.addTransformer(this, true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (ClientInstrumentations.CLASS_NAMES.contains(type.getName()) && isJdkLoader(type.getClassLoader())) {
                loaded.add(type);
            }
        }
        if (!loaded.isEmpty()) {
            hooks().ensureReady();
            // A target class loaded since addTransformer has been transformed already; retransforming it
            // starts again from its original bytes, so it is never instrumented twice.
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
    }

    /** Makes the hooks ready ahead of the first target class, off the application's threads. */
    public void prepareHooks() throws Exception {
        hooks().ensureReady();
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (internalName == null || !isJdkLoader(loader)) {
            return null; // the JDK clients live in the bootstrap and platform loaders; so-named classes elsewhere are not them
        }
        if (!ClientInstrumentations.INTERNAL_NAMES.contains(internalName)) {
            return null;
        }
        String name = internalName.replace('/', '.');
        try {
            ClassInstrumentation target = instrumentations().get(name);
            hooks().ensureReady();
            byte[] transformed = weave(target, loader, name, classBeingRedefined, classfileBuffer);
            AgentLog.debug("instrumented " + name);
            return transformed;
        } catch (Throwable t) {
            AgentLog.error("could not instrument " + name + " (" + t.getClass().getName()
                    + "); its requests are not authorized");
            return null;
        }
    }

    /**
     * With the agent's fields when the class may gain them. Adding fields makes Byte Buddy resolve more of
     * the class's hierarchy, which can fail where another agent has transformed the class first (types
     * only that agent can see): then without them, as for a class loaded before the agent.
     */
    private byte[] weave(ClassInstrumentation target, ClassLoader loader, String name, Class<?> classBeingRedefined,
            byte[] classfileBuffer) throws IOException {
        if (classBeingRedefined != null && !hasAgentFields(classBeingRedefined)) {
            return weaver().weave(target, loader, name, classfileBuffer, false);
        }
        try {
            return weaver().weave(target, loader, name, classfileBuffer, true);
        } catch (RuntimeException e) {
            if (classBeingRedefined != null) {
                throw e; // a class that has the fields must keep them
            }
            AgentLog.debug("instrumenting " + name + " without added fields (" + e.getClass().getSimpleName() + ")");
            return weaver().weave(target, loader, name, classfileBuffer, false);
        }
    }

    /** A retransformed class must keep the fields it has, and can gain none. */
    private static boolean hasAgentFields(Class<?> loaded) {
        for (Field field : loaded.getDeclaredFields()) {
            if (field.getName().startsWith(ClassInstrumentation.FIELD_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    private synchronized Map<String, ClassInstrumentation> instrumentations() {
        if (byName == null) {
            Map<String, ClassInstrumentation> instrumentations = new HashMap<>();
            for (ClassInstrumentation target : ClientInstrumentations.create()) {
                instrumentations.put(target.className(), target);
            }
            byName = instrumentations;
        }
        return byName;
    }

    private synchronized HookInstallation hooks() throws IOException {
        if (hooks == null) {
            hooks = new HookInstallation(instrumentation, agentJar(), ClientInstrumentations.packages());
        }
        return hooks;
    }

    private synchronized AdviceWeaver weaver() throws IOException {
        if (weaver == null) {
            weaver = new AdviceWeaver(agentJar());
        }
        return weaver;
    }

    /** Where the hooks' and the advice classes' bytes are read from: the jar this agent was loaded from. */
    private synchronized JarFile agentJar() throws IOException {
        if (agentJar == null) {
            try {
                agentJar = new JarFile(new File(AdviceTransformer.class.getProtectionDomain().getCodeSource()
                        .getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IOException("the agent jar's location is not a file", e);
            }
        }
        return agentJar;
    }

    private static boolean isJdkLoader(ClassLoader loader) {
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }
}
