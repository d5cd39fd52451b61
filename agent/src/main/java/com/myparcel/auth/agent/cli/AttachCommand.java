package com.myparcel.auth.agent.cli;

import com.myparcel.auth.agent.config.SettingSources;
import com.sun.tools.attach.VirtualMachine;
import java.io.File;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code attach <pid> [key=value ...]}: loads the agent into a running JVM. The target does not see
 * this shell's environment, so the settings travel as agent arguments: those given here first, then
 * this shell's {@code myparcel.*} system properties and {@code MYPARCEL_*} variables. Attaching to a
 * JVM that already runs the agent is harmless: the agent says so and does nothing.
 */
final class AttachCommand {

    static final int FAILED = 5;

    private final PrintStream out;
    private final PrintStream err;

    AttachCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        if (args.length == 0 || !args[0].matches("\\d+")) {
            err.println("usage: attach <pid> [key=value ...]");
            return AgentCommandLine.USAGE;
        }
        String pid = args[0];
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals <= 0) {
                err.println("'" + args[i] + "' is not key=value (for example client-id=abc)");
                return AgentCommandLine.USAGE;
            }
            settings.put(SettingSources.qualified(args[i].substring(0, equals)), args[i].substring(equals + 1));
        }
        Properties properties = System.getProperties();
        for (String name : properties.stringPropertyNames()) {
            if (SettingSources.isSettingName(name)) {
                settings.putIfAbsent(name, properties.getProperty(name));
            }
        }
        System.getenv().forEach((variable, value) -> {
            String name = SettingSources.fromEnvironmentName(variable);
            if (name != null) {
                settings.putIfAbsent(name, value);
            }
        });
        try {
            String jar = new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getAbsolutePath();
            VirtualMachine target = VirtualMachine.attach(pid);
            try {
                target.loadAgent(jar, agentArguments(settings));
            } finally {
                target.detach();
            }
        } catch (Exception e) {
            err.println("attach to " + pid + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + " (same user as the target? a JDK, not a JRE? -XX:+DisableAttachMechanism?)");
            return FAILED;
        }
        out.println("agent loaded into " + pid + "; its log (stderr or myparcel.log-file) tells whether it is active");
        return AgentCommandLine.OK;
    }

    /** The agent's argument syntax: comma-separated key=value (a comma inside a value is kept). */
    static String agentArguments(Map<String, String> settings) {
        StringBuilder arguments = new StringBuilder();
        settings.forEach((name, value) -> {
            if (arguments.length() > 0) {
                arguments.append(',');
            }
            arguments.append(name).append('=').append(value);
        });
        return arguments.toString();
    }
}
