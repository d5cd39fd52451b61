package com.myparcel.auth.agent.instrumentation;

import com.myparcel.auth.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * Inlines advice into the few JDK classes the agent knows by name. A plain ClassFileTransformer that
 * compares one string per loaded class, instead of Byte Buddy's AgentBuilder: it costs far less at
 * start-up and touches none of Byte Buddy's class-injection machinery (which uses sun.misc.Unsafe and
 * makes recent JDKs print warnings into the application's output). Class format changes are disabled,
 * so classes loaded before the agent can be retransformed.
 */
public final class AdviceTransformer implements ClassFileTransformer {

    private final Map<String, ClassInstrumentation> byInternalName = new HashMap<>();
    private final JarFile agentJar;
    private final Module hooks;
    /** Byte Buddy is first touched when a target class loads, never in premain. */
    private volatile ClassFileLocator adviceLocator;

    /**
     * @param agentJar where the advice classes' bytes are read from
     * @param hooks    the module of the classes the advice calls, which the instrumented modules must read
     */
    public AdviceTransformer(List<ClassInstrumentation> instrumentations, JarFile agentJar, Module hooks) {
        for (ClassInstrumentation instrumentation : instrumentations) {
            byInternalName.put(instrumentation.className().replace('.', '/'), instrumentation);
        }
        this.agentJar = agentJar;
        this.hooks = hooks;
    }

    /** Registers the transformer and retransforms the target classes that are already loaded. */
    public void install(Instrumentation instrumentation) throws Exception {
        letTargetModulesReadTheAgent(instrumentation);
        instrumentation.addTransformer(this, true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (isJdkLoader(type.getClassLoader()) && byInternalName.containsKey(type.getName().replace('.', '/'))) {
                loaded.add(type);
            }
        }
        if (!loaded.isEmpty()) {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (internalName == null || !isJdkLoader(loader)) {
            return null; // the JDK clients live in the bootstrap and platform loaders; so-named classes elsewhere are not them
        }
        ClassInstrumentation instrumentation = byInternalName.get(internalName);
        if (instrumentation == null) {
            return null;
        }
        try {
            String name = internalName.replace('/', '.');
            ClassFileLocator locator = new ClassFileLocator.Compound(
                    ClassFileLocator.Simple.of(name, classfileBuffer), adviceLocator(),
                    ClassFileLocator.ForClassLoader.of(loader));
            TypePool pool = TypePool.Default.of(locator);
            TypeDescription type = pool.describe(name).resolve();
            ClassInstrumentation.Adviser adviser =
                    adviceClass -> Advice.to(pool.describe(adviceClass).resolve(), locator);
            byte[] transformed = instrumentation.apply(byteBuddy().redefine(type, locator), adviser)
                    .make()
                    .getBytes();
            AgentLog.debug("instrumented " + name);
            return transformed;
        } catch (Throwable t) {
            AgentLog.error("could not instrument " + internalName.replace('/', '.') + " (" + t.getClass().getName()
                    + "); its requests are not authorized");
            return null;
        }
    }

    private ClassFileLocator adviceLocator() {
        ClassFileLocator locator = adviceLocator;
        if (locator == null) {
            locator = new ClassFileLocator.ForJarFile(agentJar);
            adviceLocator = locator;
        }
        return locator;
    }

    private static boolean isJdkLoader(ClassLoader loader) {
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    /**
     * Advice inlined into a JDK module calls the hooks, which live in the bootstrap loader's unnamed
     * module: the JDK module must read it.
     */
    private void letTargetModulesReadTheAgent(Instrumentation instrumentation) {
        Module agent = hooks;
        Set<String> packages = new HashSet<>();
        for (String internalName : byInternalName.keySet()) {
            packages.add(internalName.substring(0, internalName.lastIndexOf('/')).replace('/', '.'));
        }
        for (Module module : ModuleLayer.boot().modules()) {
            if (!Collections.disjoint(module.getPackages(), packages) && !module.canRead(agent)) {
                instrumentation.redefineModule(module, Set.of(agent), Map.of(), Map.of(), Set.of(), Map.of());
            }
        }
    }

    private static ByteBuddy byteBuddy() {
        // What Byte Buddy's own disableClassFormatChanges() does: no new members, so retransformation works.
        return new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                .with(InstrumentedType.Factory.Default.FROZEN);
    }
}
