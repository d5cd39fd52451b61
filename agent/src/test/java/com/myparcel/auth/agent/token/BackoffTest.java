package com.myparcel.auth.agent.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff lowest = new Backoff(() -> 0.0);
    private final Backoff highest = new Backoff(() -> 0.999999);

    @Test
    void startsAtAboutOneSecond() {
        assertEquals(Duration.ofMillis(500), lowest.delay(1, null));
        assertEquals(Duration.ofMillis(999), highest.delay(1, null));
    }

    @Test
    void doublesThenStopsAtAboutOneMinute() {
        assertEquals(Duration.ofMillis(1000), lowest.delay(2, null));
        assertEquals(Duration.ofMillis(2000), lowest.delay(3, null));
        assertEquals(Duration.ofSeconds(30), lowest.delay(7, null));
        assertEquals(Duration.ofSeconds(30), lowest.delay(1000, null));
        assertTrue(highest.delay(1000, null).compareTo(Duration.ofSeconds(60)) <= 0);
    }

    @Test
    void jitterSpreadsRetries() {
        assertTrue(highest.delay(5, null).compareTo(lowest.delay(5, null)) > 0);
    }

    @Test
    void retryAfterLengthensUpToACeiling() {
        assertEquals(Duration.ofSeconds(10), lowest.delay(1, Duration.ofSeconds(10)));
        assertEquals(Duration.ofMinutes(5), lowest.delay(1, Duration.ofHours(2)));
        assertEquals(Duration.ofMillis(500), lowest.delay(1, Duration.ofMillis(100)));
    }
}
