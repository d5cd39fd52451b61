package com.myparcel.auth.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * The agent's entry point ({@code Premain-Class}, {@code Agent-Class}). It only puts the agent jar on
 * the bootstrap class path and hands over to {@link AgentInstaller} loaded from there: advice inlined
 * into JDK classes can only see bootstrap classes, and the installer must share them. Nothing ever
 * escapes from here into the application's start-up.
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
            File jar = new File(MyParcelAuthAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            JarFile agentJar = new JarFile(jar);
            instrumentation.appendToBootstrapClassLoaderSearch(agentJar);
            Class.forName("com.myparcel.auth.agent.AgentInstaller", true, null)
                    .getMethod("install", String.class, Instrumentation.class, JarFile.class)
                    .invoke(null, agentArgs, instrumentation, agentJar);
        } catch (Throwable t) {
            System.err.println("[myparcel-auth-agent] ERROR could not start (" + t.getClass().getName()
                    + "); the application runs without the agent");
        }
    }
}
