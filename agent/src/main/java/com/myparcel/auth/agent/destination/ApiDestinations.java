package com.myparcel.auth.agent.destination;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * Which destinations get the token. A bare host matches that host exactly (case-insensitive, one
 * trailing dot ignored) over HTTPS on any port; a full origin {@code scheme://host:port} matches exactly
 * that origin and is the only way to allow plain http. Everything else, look-alikes included, never
 * matches: the comparison is on the parsed host, so user-info tricks cannot fool it.
 */
public final class ApiDestinations {

    private static final int MAX_LABEL_LENGTH = 63;

    private final Set<String> httpsHosts;
    /** Origins by host, so that matching a request builds no lookup key. */
    private final Map<String, List<Origin>> originsByHost;
    private final List<String> described;

    private ApiDestinations(Set<String> httpsHosts, Map<String, List<Origin>> originsByHost, List<String> described) {
        this.httpsHosts = httpsHosts;
        this.originsByHost = originsByHost;
        this.described = described;
    }

    /**
     * Parses the comma-separated list of {@code myparcel.api-hosts}.
     *
     * @throws IllegalArgumentException with a message saying which entry is wrong and why
     */
    public static ApiDestinations parse(String list) {
        Set<String> hosts = new HashSet<>();
        Map<String, List<Origin>> origins = new HashMap<>();
        List<String> described = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("://")) {
                Origin origin = parseOrigin(entry);
                origins.computeIfAbsent(origin.host, ignored -> new ArrayList<>()).add(origin);
            } else {
                String host = normalizeHost(entry);
                if (!isHostName(host)) {
                    throw new IllegalArgumentException("'" + entry + "' is not a host name (give a bare host such as"
                            + " api.myparcel.com, or an origin such as http://localhost:8080)");
                }
                hosts.add(host);
            }
            described.add(entry);
        }
        if (described.isEmpty()) {
            throw new IllegalArgumentException("no host given");
        }
        return new ApiDestinations(Set.copyOf(hosts), Map.copyOf(origins), Collections.unmodifiableList(described));
    }

    /**
     * RFC 1123 labels separated by dots; IDN hosts must be given in their ASCII (punycode) form. Checked
     * by hand because java.util.regex, first used in premain, costs the application's start milliseconds.
     */
    static boolean isHostName(String host) {
        int labelStart = 0;
        for (int i = 0; i <= host.length(); i++) {
            if (i == host.length() || host.charAt(i) == '.') {
                if (!isLabel(host, labelStart, i)) {
                    return false;
                }
                labelStart = i + 1;
            }
        }
        return true;
    }

    private static boolean isLabel(String host, int start, int end) {
        if (end - start < 1 || end - start > MAX_LABEL_LENGTH || host.charAt(start) == '-'
                || host.charAt(end - 1) == '-') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public boolean matches(URL url) {
        return url != null && matches(url.getProtocol(), url.getHost(), url.getPort());
    }

    public boolean matches(URI uri) {
        return uri != null && matches(uri.getScheme(), uri.getHost(), uri.getPort());
    }

    /** @param port the port, or -1 for the scheme's default */
    public boolean matches(String scheme, String host, int port) {
        if (scheme == null || host == null || host.isEmpty()) {
            return false;
        }
        // The JDK's clients give the scheme in lower case: the exact (intrinsic) comparison is the cheaper one.
        if (("https".equals(scheme) || scheme.equalsIgnoreCase("https")) && httpsHosts.contains(host)) {
            return true; // the usual API request: its host is already in normal form, so nothing is copied or scanned
        }
        String normalizedScheme = scheme.toLowerCase(Locale.ROOT);
        String normalizedHost = normalizeHost(host);
        if (normalizedScheme.equals("https") && httpsHosts.contains(normalizedHost)) {
            return true;
        }
        List<Origin> origins = originsByHost.isEmpty() ? null : originsByHost.get(normalizedHost);
        if (origins != null) {
            int effectivePort = effectivePort(normalizedScheme, port);
            for (Origin origin : origins) {
                if (origin.scheme.equals(normalizedScheme) && origin.port == effectivePort) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The entries as the operator gave them, for the start-up log line. */
    public List<String> describe() {
        return described;
    }

    private static Origin parseOrigin(String entry) {
        URI uri;
        try {
            uri = new URI(entry);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + entry + "' is not a valid origin");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + entry + "' must use http or https");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("'" + entry + "' must be an origin: scheme://host[:port], no path");
        }
        return new Origin(scheme, normalizeHost(uri.getHost()), effectivePort(scheme, uri.getPort()));
    }

    private static String normalizeHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static int effectivePort(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return scheme.equals("https") ? 443 : 80;
    }

    /** {@code scheme://host:port}, normalised. */
    private static final class Origin {
        final String scheme;
        final String host;
        final int port;

        Origin(String scheme, String host, int port) {
            this.scheme = scheme;
            this.host = host;
            this.port = port;
        }
    }
}
