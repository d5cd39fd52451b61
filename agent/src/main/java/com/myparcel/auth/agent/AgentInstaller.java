package com.myparcel.auth.agent;

import com.myparcel.auth.agent.authorization.AgentRuntime;
import com.myparcel.auth.agent.config.InvalidSettingException;
import com.myparcel.auth.agent.config.SettingSources;
import com.myparcel.auth.agent.config.Settings;
import com.myparcel.auth.agent.config.SettingsLoader;
import com.myparcel.auth.agent.instrumentation.AdviceTransformer;
import com.myparcel.auth.agent.log.AgentLog;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/**
 * The agent's start, as far as it must come before main: reads the settings, registers the transformer
 * and starts a thread that does the rest ({@link AgentStartup}). Loaded by the application
 * class loader, like any agent; only the hooks go to the bootstrap class loader. Invalid settings leave
 * the agent passive with one line on stderr.
 */
public final class AgentInstaller {

    private static volatile boolean installed;

    private AgentInstaller() {
    }

    public static synchronized void install(String agentArgs, Instrumentation instrumentation) {
        if (installed) {
            AgentLog.info("already active in this JVM; nothing to do");
            return;
        }
        try {
            SettingsLoader loader = new SettingsLoader(SettingSources.fromJvm(agentArgs));
            AgentLog.setLevel(loader.logLevel());
            logToFile(loader.logFile());
            if (!loader.enabled()) {
                AgentLog.info("disabled by " + SettingsLoader.ENABLED + "=false; nothing installed");
                return;
            }
            Settings settings = loader.load();
            // Premain does only what must precede main: settings and the transformer. Everything else (the
            // agent's thread, the token life cycle, TLS, JSON, Byte Buddy) happens on a start thread, or
            // when a target class first loads.
            AgentRuntime.starting(settings.tokenWait());
            AdviceTransformer transformer = new AdviceTransformer(instrumentation);
            transformer.register();
            AgentStartup.startInBackground(settings, transformer, instrumentation);
            installed = true;
            AgentLog.info("active " + version() + ": environment " + settings.environment().settingValue()
                    + ", token endpoint " + settings.authUrl() + ", API hosts " + settings.apiDestinations().describe()
                    + ", client " + settings.abbreviatedClientId());
        } catch (InvalidSettingException e) {
            AgentLog.error(e.getMessage() + "; the agent is not active, the application runs without it");
        } catch (Throwable t) {
            AgentRuntime.install(null);
            AgentLog.error("could not start (" + t.getClass().getName() + "); the application runs without it");
        }
    }

    private static void logToFile(Path file) {
        if (file == null) {
            return;
        }
        try {
            AgentLog.setFile(new PrintStream(new FileOutputStream(file.toFile(), true), true, "UTF-8"));
        } catch (IOException | SecurityException e) {
            AgentLog.warn(SettingsLoader.LOG_FILE + ": cannot write " + file + " (" + e.getClass().getSimpleName()
                    + "); logging to stderr");
        }
    }

    /** The version in the jar's manifest. */
    public static String version() {
        String version = AgentInstaller.class.getPackage() == null ? null
                : AgentInstaller.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
