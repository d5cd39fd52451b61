package com.myparcel.auth.bench.apps;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;

/**
 * An agent that does nothing: what any {@code -javaagent} costs a JVM's start (the {@code java.instrument}
 * module, the JVM's agent set-up, opening the jar, the reflective call of premain), against which this
 * agent's own part of its start-up cost shows. With the argument {@value #WITH_TRANSFORMER} it registers
 * itself as a retransform-capable transformer that changes nothing (the interface's default returns null),
 * which puts the JVM in the agent mode this agent puts it in. Packed into a one-class jar by
 * {@code EmptyAgentJar}.
 */
public final class EmptyAgent implements ClassFileTransformer {

    public static final String WITH_TRANSFORMER = "transformer";

    private EmptyAgent() {
    }

    public static void premain(String agentArgs, Instrumentation instrumentation) {
        if (WITH_TRANSFORMER.equals(agentArgs)) {
            instrumentation.addTransformer(new EmptyAgent(), true);
        }
        // otherwise nothing: the JVM's price of an agent is the measurement
    }
}
