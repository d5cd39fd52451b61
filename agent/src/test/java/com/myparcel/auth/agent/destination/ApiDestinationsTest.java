package com.myparcel.auth.agent.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ApiDestinationsTest {

    private final ApiDestinations production = ApiDestinations.parse("api.myparcel.com");

    @ParameterizedTest
    @ValueSource(strings = {
        "https://api.myparcel.com/shipments",
        "https://API.MyParcel.com/shipments",
        "https://api.myparcel.com./shipments",
        "https://api.myparcel.com:8443/shipments",
        "https://api.myparcel.com:443/files/1"})
    void bareHostMatchesOverHttpsOnAnyPort(String url) throws Exception {
        assertTrue(production.matches(new URL(url)), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://api.myparcel.com/shipments",
        "https://api.myparcel.com.evil.test/",
        "https://xapi.myparcel.com/",
        "https://api-myparcel.com/",
        "https://api.myparcel.co/",
        "https://api.myparcel.nl/",
        "https://cdn.myparcel.com/",
        "https://xn--pi-myparcel-xyz.com/",
        "https://api.myparcel.com@evil.test/",
        "https://127.0.0.1/",
        "https://[::1]/",
        "https://api.sandbox.myparcel.com/",
        "ftp://api.myparcel.com/"})
    void everythingElseNeverMatches(String url) throws Exception {
        assertFalse(production.matches(new URL(url)), url);
    }

    @Test
    void anOriginMatchesExactlyThatSchemeHostAndPort() throws Exception {
        ApiDestinations local = ApiDestinations.parse("http://localhost:8080, api.myparcel.com");
        assertTrue(local.matches(new URL("http://localhost:8080/shipments")));
        assertTrue(local.matches(new URL("http://LOCALHOST:8080/shipments")));
        assertFalse(local.matches(new URL("http://localhost:8081/shipments")));
        assertFalse(local.matches(new URL("https://localhost:8080/shipments")));
        assertTrue(local.matches(new URL("https://api.myparcel.com/shipments")));
    }

    /** Adapters pass the scheme and host as their client has them, not always in normal form. */
    @Test
    void schemeAndHostAreComparedInNormalFormWhateverTheClientPasses() {
        assertTrue(production.matches("https", "api.myparcel.com", -1));
        assertTrue(production.matches("HTTPS", "api.myparcel.com", 443));
        assertTrue(production.matches("Https", "Api.MyParcel.com.", 8443));
        assertFalse(production.matches("http", "api.myparcel.com", 443));
        assertFalse(production.matches("https", "api.myparcel.com..", -1));
        assertFalse(production.matches(null, "api.myparcel.com", -1));
        assertFalse(production.matches("https", "", -1));
    }

    @Test
    void anOriginWithoutPortMeansTheDefaultPort() throws Exception {
        ApiDestinations origin = ApiDestinations.parse("https://api.myparcel.com");
        assertTrue(origin.matches(new URL("https://api.myparcel.com:443/")));
        assertFalse(origin.matches(new URL("https://api.myparcel.com:8443/")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.myparcel.com/shipments", "ftp://api.myparcel.com", "https://api.myparcel.com/path",
        "https://user@api.myparcel.com", "api..myparcel.com", " , ", "-api.myparcel.com", "api.myparcel.com:443",
        "api-.myparcel.com", "api_1.myparcel.com", ".myparcel.com", "api.myparcél.com",
        "a234567890123456789012345678901234567890123456789012345678901234.myparcel.com"})
    void malformedEntriesAreRejectedWithTheEntryNamed(String list) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ApiDestinations.parse(list));
        assertFalse(error.getMessage().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "a", "API.MyParcel.com", "sandbox-api.myparcel.com", "xn--myparcl-gya.com",
        "10.0.0.1", "a23456789012345678901234567890123456789012345678901234567890123.myparcel.com"})
    void hostNamesFollowRfc1123(String host) {
        assertTrue(ApiDestinations.isHostName(host));
    }

    @Test
    void describesTheEntriesAsGiven() {
        assertEquals(java.util.List.of("api.sandbox.myparcel.com", "sandbox-api.myparcel.com"),
                ApiDestinations.parse("api.sandbox.myparcel.com,sandbox-api.myparcel.com").describe());
    }
}
