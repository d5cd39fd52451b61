package com.myparcel.auth.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where a setting's raw text comes from, in order of precedence: system property, environment
 * variable ({@code myparcel.client-id} becomes {@code MYPARCEL_CLIENT_ID}), the properties file
 * named by {@code myparcel.config-file}.
 */
public final class SettingSources {

    static final String CONFIG_FILE = "myparcel.config-file";

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final Properties configFile;

    private SettingSources(Function<String, String> systemProperties, Function<String, String> environment,
            Properties configFile) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.configFile = configFile;
    }

    /** The running JVM's sources. */
    public static SettingSources fromJvm() throws InvalidSettingException {
        return of(System::getProperty, System.getenv());
    }

    /** Sources given explicitly, for tests and tools. */
    public static SettingSources of(Function<String, String> systemProperties, Map<String, String> environment)
            throws InvalidSettingException {
        SettingSources withoutFile = new SettingSources(systemProperties, environment::get, new Properties());
        String configFile = withoutFile.get(CONFIG_FILE);
        if (configFile == null || configFile.isBlank()) {
            return withoutFile;
        }
        return new SettingSources(systemProperties, environment::get, load(configFile.trim()));
    }

    /** The raw text of a setting, or null when no source has it. */
    public String get(String name) {
        String value = systemProperties.apply(name);
        if (value == null) {
            value = environment.apply(environmentName(name));
        }
        if (value == null) {
            value = configFile.getProperty(name);
        }
        return value;
    }

    static String environmentName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
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
}
