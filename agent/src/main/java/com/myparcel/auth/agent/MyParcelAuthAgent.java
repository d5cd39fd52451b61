package com.myparcel.auth.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry point ({@code Premain-Class}, {@code Agent-Class}): hands over to
 * {@link AgentInstaller}, and nothing ever escapes from here into the application's start-up.
 */
public final class MyParcelAuthAgent {

    private MyParcelAuthAgent() {
    }

    public static void premain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation);
    }

    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation);
    }

    private static void start(String agentArgs, Instrumentation instrumentation) {
        try {
            AgentInstaller.install(agentArgs, instrumentation);
        } catch (Throwable t) {
            System.err.println("[myparcel-auth-agent] ERROR could not start (" + t.getClass().getName()
                    + "); the application runs without the agent");
        }
    }
}
