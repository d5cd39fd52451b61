package com.myparcel.auth.agent.instrumentation;

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
 * Inlines an instrumentation's advice into a class file with Byte Buddy. Kept apart from
 * {@link AdviceTransformer}, which premain loads, so that Byte Buddy's classes load only with the
 * first target class. Class format changes are disabled, so loaded classes can be retransformed.
 */
final class AdviceWeaver {

    /** Advice classes are read as bytes from the agent jar, never loaded. */
    private final ClassFileLocator adviceLocator;

    AdviceWeaver(JarFile agentJar) {
        this.adviceLocator = new ClassFileLocator.ForJarFile(agentJar);
    }

    byte[] weave(ClassInstrumentation instrumentation, ClassLoader loader, String className, byte[] classFile) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(className, classFile),
                adviceLocator, ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.of(locator);
        TypeDescription type = pool.describe(className).resolve();
        ClassInstrumentation.Adviser adviser =
                adviceClass -> Advice.to(pool.describe(adviceClass).resolve(), locator);
        return instrumentation.apply(byteBuddy().redefine(type, locator), adviser).make().getBytes();
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
