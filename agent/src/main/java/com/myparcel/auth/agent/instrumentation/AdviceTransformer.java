package com.myparcel.auth.agent.instrumentation;

import com.myparcel.auth.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
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
    private final ClassFileLocator adviceLocator;

    public AdviceTransformer(List<ClassInstrumentation> instrumentations, ClassFileLocator adviceLocator) {
        for (ClassInstrumentation instrumentation : instrumentations) {
            byInternalName.put(instrumentation.className().replace('.', '/'), instrumentation);
        }
        this.adviceLocator = adviceLocator;
    }

    /** Registers the transformer and retransforms the target classes that are already loaded. */
    public void install(Instrumentation instrumentation) throws Exception {
        instrumentation.addTransformer(this, true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.getClassLoader() == null && byInternalName.containsKey(type.getName().replace('.', '/'))) {
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
        if (loader != null || internalName == null) {
            return null; // the JDK clients live in the bootstrap loader; so-named classes elsewhere are not them
        }
        ClassInstrumentation instrumentation = byInternalName.get(internalName);
        if (instrumentation == null) {
            return null;
        }
        try {
            String name = internalName.replace('/', '.');
            ClassFileLocator locator = new ClassFileLocator.Compound(
                    ClassFileLocator.Simple.of(name, classfileBuffer), adviceLocator,
                    ClassFileLocator.ForClassLoader.ofBootLoader());
            TypeDescription type = TypePool.Default.of(locator).describe(name).resolve();
            byte[] transformed = instrumentation.apply(byteBuddy().redefine(type, locator), adviceLocator)
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

    private static ByteBuddy byteBuddy() {
        // What Byte Buddy's own disableClassFormatChanges() does: no new members, so retransformation works.
        return new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                .with(InstrumentedType.Factory.Default.FROZEN);
    }
}
