package com.myparcel.auth.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host names the child JVMs use. All of them resolve to 127.0.0.1 through a hosts file given to the child
 * as {@code -Djdk.net.hosts.file}, and all are in the test certificate's subject alternative names.
 */
public final class TestHosts {

    public static final String API = "api.myparcel.com";
    public static final String AUTH = "auth.myparcel.com";
    public static final String SANDBOX_API = "api.sandbox.myparcel.com";
    public static final String SANDBOX_API_ALT = "sandbox-api.myparcel.com";
    public static final String SANDBOX_AUTH = "auth.sandbox.myparcel.com";
    public static final String CDN = "cdn.myparcel.com";
    public static final String OTHER = "other.example.test";

    /**
     * Names that must never get the token (ForbiddenDestinationsTest): look-alikes of api.myparcel.com, including
     * IDN homographs in their ASCII (punycode) form, and an attacker's host. Resolved and in the certificate like
     * the others, so a request to them really arrives and TLS is no excuse.
     */
    public static final List<String> LOOK_ALIKES = List.of(
            "evil.test",
            "api.myparcel.com.evil.test",
            "api.myparcel.com-evil.test",
            "xapi.myparcel.com",
            "v1.api.myparcel.com",
            "api-myparcel.com",
            "apimyparcel.com",
            "myparcel.com",
            "api.myparcel.co",
            "api.myparcel.nl",
            "api.myparcel.company",
            "xn--pi-6kc.myparcel.com", // "api.myparcel.com" with a Cyrillic a (U+0430)
            "xn--pi-myparcel-xij.com", // "api-myparcel.com" with a Cyrillic a
            "api.xn--myrcel-4nf1k.com", // "api.myparcel.com" with a Cyrillic r and a in "parcel"
            "api.xn--mparcel-fkg.com"); // "api.myparcel.com" with a Cyrillic y (U+0443)

    /**
     * Other spellings of the API host, in the hosts file only (the JDK's hosts-file lookup is case-sensitive and
     * does not strip a trailing dot; certificate names are case-insensitive anyway).
     */
    public static final List<String> API_SPELLINGS = List.of("API.MYPARCEL.COM", "Api.MyParcel.Com", "api.myparcel.com.");

    static final List<String> ALL = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(API, AUTH, SANDBOX_API, SANDBOX_API_ALT, SANDBOX_AUTH, CDN, OTHER, "localhost"),
            LOOK_ALIKES.stream()).collect(java.util.stream.Collectors.toUnmodifiableList());

    private static final Path HOSTS_FILE = writeHostsFile();

    private TestHosts() {
    }

    /** A hosts file that maps every name in {@link #ALL} and {@link #API_SPELLINGS} to the loopback address. */
    static Path hostsFile() {
        return HOSTS_FILE;
    }

    private static Path writeHostsFile() {
        Path file = WorkDir.get().resolve("hosts");
        try {
            Files.writeString(file, "127.0.0.1 " + String.join(" ", ALL) + " " + String.join(" ", API_SPELLINGS) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
