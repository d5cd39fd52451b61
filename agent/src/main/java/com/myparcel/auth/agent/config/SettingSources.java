package com.myparcel.auth.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where a setting's raw text comes from, in order of precedence: system property, agent argument
 * ({@code -javaagent:myparcel-auth-agent.jar=scope=shipments.manage}), environment variable
 * ({@code myparcel.client-id} becomes {@code MYPARCEL_CLIENT_ID}), the properties file named by
 * {@code myparcel.config-file}.
 */
public final class SettingSources {

    static final String CONFIG_FILE = "myparcel.config-file";
    private static final String PREFIX = "myparcel.";

    private final Function<String, String> systemProperties;
    private final Map<String, String> agentArguments;
    private final Map<String, String> environment;
    private final Properties configFile;

    private SettingSources(Function<String, String> systemProperties, Map<String, String> agentArguments,
            Map<String, String> environment, Properties configFile) {
        this.systemProperties = systemProperties;
        this.agentArguments = agentArguments;
        this.environment = environment;
        this.configFile = configFile;
    }

    /** The running JVM's sources, with the agent's argument string (may be null). */
    public static SettingSources fromJvm(String agentArguments) throws InvalidSettingException {
        return of(new SystemProperties(), agentArguments, System.getenv());
    }

    /** Sources given explicitly, for tests and tools. */
    public static SettingSources of(Function<String, String> systemProperties, String agentArguments,
            Map<String, String> environment) throws InvalidSettingException {
        Map<String, String> arguments = parseAgentArguments(agentArguments);
        SettingSources withoutFile = new SettingSources(systemProperties, arguments, environment, new Properties());
        String configFile = withoutFile.get(CONFIG_FILE);
        if (configFile == null || configFile.isBlank()) {
            return withoutFile;
        }
        return new SettingSources(systemProperties, arguments, environment, load(configFile.trim()));
    }

    /** The raw text of a setting, or null when no source has it. */
    public String get(String name) {
        String value = systemProperties.apply(name);
        if (value == null) {
            value = agentArguments.get(name);
        }
        if (value == null) {
            value = environment.get(environmentName(name));
        }
        if (value == null) {
            value = configFile.getProperty(name);
        }
        return value;
    }

    /** {@code myparcel.client-secret-file} to {@code MYPARCEL_CLIENT_SECRET_FILE}. */
    public static String environmentName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The setting an environment variable gives, or null if it gives none: {@code MYPARCEL_CLIENT_SECRET_FILE}
     * to {@code myparcel.client-secret-file} (setting names use dots only after the prefix, dashes within).
     */
    public static String fromEnvironmentName(String variable) {
        String prefix = environmentName(PREFIX);
        if (!variable.startsWith(prefix) || variable.length() == prefix.length()) {
            return null;
        }
        return PREFIX + variable.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether a system property is one of the agent's settings. */
    public static boolean isSettingName(String name) {
        return name.startsWith(PREFIX);
    }

    /** A setting's full name: the {@code myparcel.} prefix may be left out where the agent takes settings. */
    public static String qualified(String key) {
        return isSettingName(key) ? key : PREFIX + key;
    }

    /**
     * {@code key=value} pairs separated by commas; the {@code myparcel.} prefix may be left out. A
     * piece without {@code =} continues the previous value, so {@code api-hosts=a.example,b.example}
     * keeps its comma.
     */
    static Map<String, String> parseAgentArguments(String text) throws InvalidSettingException {
        if (text == null || text.isBlank()) {
            return Collections.emptyMap();
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        String lastKey = null;
        for (String piece : text.split(",", -1)) {
            int equals = piece.indexOf('=');
            if (equals < 0) {
                if (lastKey == null) {
                    throw new InvalidSettingException("agent argument", "'" + piece.trim()
                            + "' is not key=value (for example scope=shipments.manage)");
                }
                arguments.put(lastKey, arguments.get(lastKey) + "," + piece);
                continue;
            }
            String key = piece.substring(0, equals).trim();
            lastKey = qualified(key);
            arguments.put(lastKey, piece.substring(equals + 1));
        }
        return arguments;
    }

    private static Properties load(String file) throws InvalidSettingException {
        Path path = Paths.get(file);
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingException(CONFIG_FILE, "cannot read properties file " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        return properties;
    }

    /** A named class, not {@code System::getProperty}: premain runs before any lambda is cheap. */
    private static final class SystemProperties implements Function<String, String> {
        @Override
        public String apply(String name) {
            return System.getProperty(name);
        }
    }
}
