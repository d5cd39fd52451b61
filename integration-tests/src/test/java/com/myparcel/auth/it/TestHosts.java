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
final class TestHosts {

    static final String API = "api.myparcel.com";
    static final String AUTH = "auth.myparcel.com";
    static final String SANDBOX_API = "api.sandbox.myparcel.com";
    static final String SANDBOX_API_ALT = "sandbox-api.myparcel.com";
    static final String SANDBOX_AUTH = "auth.sandbox.myparcel.com";
    static final String CDN = "cdn.myparcel.com";
    static final String OTHER = "other.example.test";

    static final List<String> ALL = List.of(API, AUTH, SANDBOX_API, SANDBOX_API_ALT, SANDBOX_AUTH, CDN, OTHER, "localhost");

    private static final Path HOSTS_FILE = writeHostsFile();

    private TestHosts() {
    }

    /** A hosts file that maps every name in {@link #ALL} to the loopback address. */
    static Path hostsFile() {
        return HOSTS_FILE;
    }

    private static Path writeHostsFile() {
        Path file = WorkDir.get().resolve("hosts");
        try {
            Files.writeString(file, "127.0.0.1 " + String.join(" ", ALL) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
