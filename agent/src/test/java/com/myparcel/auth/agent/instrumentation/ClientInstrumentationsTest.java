package com.myparcel.auth.agent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClientInstrumentationsTest {

    /** The transformer matches on the names alone; each must have its instrumentation, and no more. */
    @Test
    void theNamesAreThoseOfTheInstrumentations() {
        assertEquals(ClientInstrumentations.CLASS_NAMES, ClientInstrumentations.create().stream()
                .map(ClassInstrumentation::className).collect(Collectors.toSet()));
    }

    /** The transformer is given names with slashes, and compares them without converting each. */
    @Test
    void internalNamesAreTheNamesTheTransformerIsGiven() {
        assertEquals(Set.of("sun/net/www/protocol/http/HttpURLConnection", "jdk/internal/net/http/HttpClientImpl",
                "jdk/internal/net/http/HttpRequestImpl"), ClientInstrumentations.INTERNAL_NAMES);
    }

    @Test
    void packagesOfTheInstrumentedClasses() {
        assertEquals(Set.of("sun.net.www.protocol.http", "jdk.internal.net.http"), ClientInstrumentations.packages());
    }
}
