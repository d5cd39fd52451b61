package com.myparcel.auth.bench.apps;

import java.lang.instrument.Instrumentation;

/**
 * An agent that does nothing: what any {@code -javaagent} costs a JVM's start (the {@code java.instrument}
 * module, the JVM's agent set-up, opening the jar, the reflective call of premain), against which this
 * agent's own part of its start-up cost shows. Packed into a one-class jar by {@code EmptyAgentJar}.
 */
public final class EmptyAgent {

    private EmptyAgent() {
    }

    public static void premain(String agentArgs, Instrumentation instrumentation) {
        // nothing: the JVM's price of an agent is the measurement
    }
}
