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
 * first target class. No methods are added, so loaded classes can be retransformed.
 */
final class AdviceWeaver {

    /** Advice classes are read as bytes from the agent jar, never loaded. */
    private final ClassFileLocator adviceLocator;

    AdviceWeaver(JarFile agentJar) {
        this(new ClassFileLocator.ForJarFile(agentJar));
    }

    /** Tests weave from the build's classes, where no agent jar exists yet. */
    AdviceWeaver(ClassFileLocator adviceLocator) {
        this.adviceLocator = adviceLocator;
    }

    /** @param mayAddFields see {@link ClassInstrumentation.Adviser#mayAddFields()} */
    byte[] weave(ClassInstrumentation instrumentation, ClassLoader loader, String className, byte[] classFile,
            boolean mayAddFields) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(className, classFile),
                adviceLocator, ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.of(locator);
        TypeDescription type = pool.describe(className).resolve();
        ClassInstrumentation.Adviser adviser = new ClassInstrumentation.Adviser() {
            @Override
            public Advice of(String adviceClassName) {
                return Advice.to(pool.describe(adviceClassName).resolve(), locator);
            }

            @Override
            public boolean mayAddFields() {
                return mayAddFields;
            }
        };
        return instrumentation.apply(byteBuddy(mayAddFields).redefine(type, locator), adviser).make().getBytes();
    }

    private static ByteBuddy byteBuddy(boolean mayAddFields) {
        // Close to Byte Buddy's own disableClassFormatChanges(): no new methods, so that the class can be
        // retransformed; fields only when the instrumentation may add them.
        return new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                .with(mayAddFields ? InstrumentedType.Factory.Default.MODIFIABLE : InstrumentedType.Factory.Default.FROZEN);
    }
}
