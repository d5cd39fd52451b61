package com.myparcel.auth.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.myparcel.auth.agent.log.AgentLog;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private String agentArguments;

    private Settings load() throws InvalidSettingException {
        return loader().load();
    }

    private SettingsLoader loader() throws InvalidSettingException {
        return new SettingsLoader(SettingSources.of(properties::get, agentArguments, environment));
    }

    private void credentials() {
        properties.put("myparcel.client-id", "client-1");
        properties.put("myparcel.client-secret", "s3cret");
    }

    @Test
    void productionDefaults() throws Exception {
        credentials();
        Settings settings = load();
        assertEquals(Environment.PRODUCTION, settings.environment());
        assertEquals(URI.create("https://auth.myparcel.com/access-token"), settings.authUrl());
        assertTrue(settings.apiDestinations().matches(new URL("https://api.myparcel.com/shipments")));
        assertFalse(settings.apiDestinations().matches(new URL("https://api.sandbox.myparcel.com/shipments")));
        assertEquals("*", settings.scope());
        assertEquals(Duration.ofMinutes(5), settings.refreshMargin());
        assertEquals(Duration.ofSeconds(10), settings.tokenWait());
        assertFalse(settings.overrideAuthorization());
        assertEquals(AgentLog.Level.INFO, settings.logLevel());
        assertTrue(loader().enabled());
    }

    @Test
    void sandboxPicksItsEndpointAndBothSandboxHosts() throws Exception {
        credentials();
        properties.put("myparcel.environment", "sandbox");
        Settings settings = load();
        assertEquals(URI.create("https://auth.sandbox.myparcel.com/access-token"), settings.authUrl());
        assertTrue(settings.apiDestinations().matches(new URL("https://api.sandbox.myparcel.com/x")));
        assertTrue(settings.apiDestinations().matches(new URL("https://sandbox-api.myparcel.com/x")));
        assertFalse(settings.apiDestinations().matches(new URL("https://api.myparcel.com/x")));
    }

    @Test
    void systemPropertyBeatsEnvironmentBeatsConfigFile() throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "myparcel.client-id=from-file\nmyparcel.scope=from-file\n"
                + "myparcel.client-secret=file-secret\nmyparcel.token-wait=3s\n");
        environment.put("MYPARCEL_CONFIG_FILE", file.toString());
        environment.put("MYPARCEL_CLIENT_ID", "from-env");
        environment.put("MYPARCEL_SCOPE", "from-env");
        properties.put("myparcel.scope", "from-property");
        Settings settings = load();
        assertEquals("from-env", settings.clientId());
        assertEquals("from-property", settings.scope());
        assertEquals("file-secret", settings.clientSecret());
        assertEquals(Duration.ofSeconds(3), settings.tokenWait());
    }

    @Test
    void agentArgumentsRankBelowSystemPropertiesAndAboveTheEnvironment() throws Exception {
        agentArguments = "client-id=from-argument,myparcel.scope=shipments.manage files.show,"
                + "api-hosts=api.myparcel.com,http://localhost:8080,client-secret=argument-secret";
        environment.put("MYPARCEL_CLIENT_ID", "from-env");
        properties.put("myparcel.client-secret", "property-secret");
        Settings settings = load();
        assertEquals("from-argument", settings.clientId());
        assertEquals("shipments.manage files.show", settings.scope());
        assertEquals("property-secret", settings.clientSecret());
        assertTrue(settings.apiDestinations().matches(new URL("http://localhost:8080/shipments")));
        assertTrue(settings.apiDestinations().matches(new URL("https://api.myparcel.com/shipments")));
    }

    @Test
    void aMalformedAgentArgumentIsNamed() {
        agentArguments = "shipments.manage";
        InvalidSettingException error = assertThrows(InvalidSettingException.class, this::load);
        assertTrue(error.getMessage().startsWith("agent argument: "), error.getMessage());
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertEquals("MYPARCEL_CLIENT_SECRET_FILE", SettingSources.environmentName("myparcel.client-secret-file"));
        assertEquals("myparcel.client-secret-file", SettingSources.fromEnvironmentName("MYPARCEL_CLIENT_SECRET_FILE"));
        assertEquals(null, SettingSources.fromEnvironmentName("MYPARCEL_"));
        assertEquals(null, SettingSources.fromEnvironmentName("PATH"));
        assertEquals("myparcel.api-hosts", SettingSources.qualified("api-hosts"));
        assertEquals("myparcel.api-hosts", SettingSources.qualified("myparcel.api-hosts"));
    }

    @Test
    void secretFileIsTrimmedAndPreferred() throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "  from-file-secret \n");
        properties.put("myparcel.client-id", "client-1");
        properties.put("myparcel.client-secret", "inline");
        properties.put("myparcel.client-secret-file", secret.toString());
        assertEquals("from-file-secret", load().clientSecret());
    }

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "30s,PT30S", "5m,PT5M", "1h,PT1H", "PT2M,PT2M", "0s,PT0S", "' 10 s ',PT10S",
        "999999999ms,PT277H46M39.999S"})
    void durationForms(String text, String expected) throws Exception {
        assertEquals(Duration.parse(expected), Durations.parse("myparcel.token-wait", text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "myparcel.token-wait|10x",
        "myparcel.token-wait|1000000000s",
        "myparcel.token-wait|-5s",
        "myparcel.token-wait|s",
        "myparcel.token-wait|5 sec",
        "myparcel.refresh-margin|-PT5M",
        "myparcel.refresh-margin|five minutes",
        "myparcel.api-hosts|https://api.myparcel.com/shipments",
        "myparcel.api-hosts|api..myparcel.com",
        "myparcel.auth-url|not a url",
        "myparcel.auth-url|ftp://auth.myparcel.com/access-token",
        "myparcel.auth-url|http://auth.myparcel.com/access-token",
        "myparcel.environment|staging",
        "myparcel.override-authorization|yes",
        "myparcel.log-level|verbose"})
    void malformedSettingIsNamedInOneLine(String setting, String value) {
        credentials();
        properties.put(setting, value);
        InvalidSettingException error = assertThrows(InvalidSettingException.class, this::load);
        assertTrue(error.getMessage().startsWith(setting + ": "), error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
        assertEquals(0, error.getStackTrace().length, "no stack trace to print");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"debug|DEBUG", "' Warn '|WARN", "OFF|OFF", "error|ERROR"})
    void logLevelInAnyCase(String text, AgentLog.Level level) throws Exception {
        credentials();
        properties.put("myparcel.log-level", text);
        assertEquals(level, load().logLevel());
    }

    @Test
    void missingClientIdIsNamed() {
        properties.put("myparcel.client-secret", "s3cret");
        InvalidSettingException error = assertThrows(InvalidSettingException.class, this::load);
        assertTrue(error.getMessage().startsWith("myparcel.client-id: "));
    }

    @Test
    void missingSecretIsNamed() {
        properties.put("myparcel.client-id", "client-1");
        InvalidSettingException error = assertThrows(InvalidSettingException.class, this::load);
        assertTrue(error.getMessage().startsWith("myparcel.client-secret-file: "));
    }

    @Test
    void unreadableSecretFileIsNamedWithoutItsContent() {
        properties.put("myparcel.client-id", "client-1");
        properties.put("myparcel.client-secret-file", dir.resolve("missing").toString());
        InvalidSettingException error = assertThrows(InvalidSettingException.class, this::load);
        assertTrue(error.getMessage().startsWith("myparcel.client-secret-file: cannot read"), error.getMessage());
    }

    @Test
    void aSecretFileOthersCanWriteIsRefused() throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "s3cret");
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        properties.put("myparcel.client-id", "client-1");
        properties.put("myparcel.client-secret-file", secret.toString());
        InvalidSettingException error = assertThrows(InvalidSettingException.class, this::load);
        assertTrue(error.getMessage().startsWith("myparcel.client-secret-file: "), error.getMessage());
        assertTrue(error.getMessage().contains("chmod 600"));
        assertFalse(error.getMessage().contains("s3cret"));
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("s3cret", load().clientSecret());
    }

    @Test
    void unreadableConfigFileIsNamed() {
        properties.put("myparcel.config-file", dir.resolve("missing.properties").toString());
        InvalidSettingException error = assertThrows(InvalidSettingException.class, this::loader);
        assertTrue(error.getMessage().startsWith("myparcel.config-file: "));
    }

    @Test
    void plainHttpTokenEndpointIsAllowedOnlyOnLoopback() throws Exception {
        credentials();
        properties.put("myparcel.auth-url", "http://127.0.0.1:8080/access-token");
        assertEquals(URI.create("http://127.0.0.1:8080/access-token"), load().authUrl());
        properties.put("myparcel.auth-url", "http://localhost:8080/access-token");
        assertEquals("localhost", load().authUrl().getHost());
    }

    @Test
    void disabledIsReadOnItsOwn() throws Exception {
        properties.put("myparcel.enabled", "false");
        assertFalse(loader().enabled());
    }

    @Test
    void toStringNeverShowsTheSecret() throws Exception {
        credentials();
        properties.put("myparcel.client-id", "client-identifier-123");
        String text = load().toString();
        assertFalse(text.contains("s3cret"));
        assertFalse(text.contains("client-identifier-123"));
    }
}
