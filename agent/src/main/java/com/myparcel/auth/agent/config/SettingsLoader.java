package com.myparcel.auth.agent.config;

import com.myparcel.auth.agent.destination.ApiDestinations;
import com.myparcel.auth.agent.log.AgentLog;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** Turns the raw text of the {@code myparcel.*} settings into validated {@link Settings}. */
public final class SettingsLoader {

    public static final String CLIENT_ID = "myparcel.client-id";
    public static final String CLIENT_SECRET = "myparcel.client-secret";
    public static final String CLIENT_SECRET_FILE = "myparcel.client-secret-file";
    public static final String SCOPE = "myparcel.scope";
    public static final String ENVIRONMENT = "myparcel.environment";
    public static final String AUTH_URL = "myparcel.auth-url";
    public static final String API_HOSTS = "myparcel.api-hosts";
    public static final String REFRESH_MARGIN = "myparcel.refresh-margin";
    public static final String TOKEN_WAIT = "myparcel.token-wait";
    public static final String OVERRIDE_AUTHORIZATION = "myparcel.override-authorization";
    public static final String ENABLED = "myparcel.enabled";
    public static final String LOG_LEVEL = "myparcel.log-level";
    public static final String LOG_FILE = "myparcel.log-file";

    private final SettingSources sources;

    public SettingsLoader(SettingSources sources) {
        this.sources = sources;
    }

    /** {@code myparcel.enabled}: false means the agent installs nothing. */
    public boolean enabled() throws InvalidSettingException {
        return bool(ENABLED, true);
    }

    /** {@code myparcel.log-level}, read on its own so that errors in other settings are logged at the right level. */
    public AgentLog.Level logLevel() throws InvalidSettingException {
        String text = value(LOG_LEVEL, "info");
        try {
            return AgentLog.Level.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(LOG_LEVEL, "'" + text + "' is not one of off, error, warn, info, debug");
        }
    }

    /** {@code myparcel.log-file}: where the log goes besides stderr, or null. */
    public Path logFile() {
        String text = sources.get(LOG_FILE);
        return text == null || text.isBlank() ? null : Paths.get(text.trim());
    }

    public Settings load() throws InvalidSettingException {
        String clientId = required(CLIENT_ID);
        String clientSecret = clientSecret();
        String scope = value(SCOPE, "*").trim();
        if (scope.isEmpty()) {
            throw new InvalidSettingException(SCOPE, "is empty (leave it out for all scopes: *)");
        }
        Environment environment = environment();
        URI authUrl = authUrl(value(AUTH_URL, environment.defaultAuthUrl()));
        ApiDestinations destinations = apiHosts(value(API_HOSTS, environment.defaultApiHosts()));
        Duration refreshMargin = Durations.parse(REFRESH_MARGIN, value(REFRESH_MARGIN, "5m"));
        Duration tokenWait = Durations.parse(TOKEN_WAIT, value(TOKEN_WAIT, "10s"));
        boolean override = bool(OVERRIDE_AUTHORIZATION, false);
        return new Settings(clientId, clientSecret, scope, environment, authUrl, destinations, refreshMargin,
                tokenWait, override, logLevel());
    }

    private String clientSecret() throws InvalidSettingException {
        String file = sources.get(CLIENT_SECRET_FILE);
        if (file != null && !file.isBlank()) {
            return readSecretFile(file.trim());
        }
        String secret = sources.get(CLIENT_SECRET);
        if (secret == null || secret.isBlank()) {
            throw new InvalidSettingException(CLIENT_SECRET_FILE, "is not set (nor " + CLIENT_SECRET
                    + "): the client secret is required");
        }
        return secret.trim();
    }

    private static String readSecretFile(String file) throws InvalidSettingException {
        Path path = Paths.get(file);
        refuseIfOthersCanWrite(path);
        String secret;
        // FileInputStream rather than Files.readAllBytes, which loads a score of NIO channel classes before main
        try (FileInputStream in = new FileInputStream(path.toFile())) {
            secret = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException | SecurityException e) {
            throw new InvalidSettingException(CLIENT_SECRET_FILE, "cannot read " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (secret.isEmpty()) {
            throw new InvalidSettingException(CLIENT_SECRET_FILE, path + " is empty");
        }
        return secret;
    }

    /**
     * A secret file that other users can write could hold anyone's credentials: refused, like ssh refuses
     * such a key. Readable by others is allowed (Kubernetes mounts secrets 0644 by default).
     */
    private static void refuseIfOthersCanWrite(Path path) throws InvalidSettingException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException | IOException | SecurityException e) {
            return; // not POSIX, or not readable: reading it reports the problem
        }
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new InvalidSettingException(CLIENT_SECRET_FILE, path + " can be written by other users ("
                    + PosixFilePermissions.toString(permissions) + "); make it writable by its owner only,"
                    + " for example chmod 600");
        }
    }

    private Environment environment() throws InvalidSettingException {
        String text = value(ENVIRONMENT, "production").trim().toLowerCase(Locale.ROOT);
        for (Environment environment : Environment.values()) {
            if (environment.settingValue().equals(text)) {
                return environment;
            }
        }
        throw new InvalidSettingException(ENVIRONMENT, "'" + text + "' is not production or sandbox");
    }

    private static URI authUrl(String text) throws InvalidSettingException {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(AUTH_URL, "'" + text.trim() + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidSettingException(AUTH_URL, "'" + text.trim() + "' is not an absolute https URL");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            // The client secret travels in this request: plain http is allowed only on this machine.
            throw new InvalidSettingException(AUTH_URL, "'" + text.trim()
                    + "' uses plain http; only https is allowed except to a loopback host");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // never resolve a name here: settings are read in premain
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static ApiDestinations apiHosts(String text) throws InvalidSettingException {
        try {
            return ApiDestinations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(API_HOSTS, e.getMessage());
        }
    }

    private boolean bool(String name, boolean defaultValue) throws InvalidSettingException {
        String text = sources.get(name);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new InvalidSettingException(name, "'" + text.trim() + "' is not true or false");
        }
    }

    private String required(String name) throws InvalidSettingException {
        String text = sources.get(name);
        if (text == null || text.isBlank()) {
            throw new InvalidSettingException(name, "is not set: it is required");
        }
        return text.trim();
    }

    private String value(String name, String defaultValue) {
        String text = sources.get(name);
        return text == null || text.isBlank() ? defaultValue : text;
    }
}
