package com.myparcel.auth.agent.token;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next token request after consecutive failures: exponential from about 1 s to
 * about 60 s, with "equal jitter" (half fixed, half random) so that many JVMs restarted together do not
 * retry in step. A server's Retry-After lengthens the delay, up to a ceiling.
 */
public final class Backoff {

    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration MAXIMUM = Duration.ofSeconds(60);
    static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(5);

    private final DoubleSupplier random;

    /** @param random values in [0, 1) */
    public Backoff(DoubleSupplier random) {
        this.random = random;
    }

    /**
     * @param failures   consecutive failures so far, at least 1
     * @param retryAfter the server's Retry-After, or null
     */
    public Duration delay(int failures, Duration retryAfter) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 16);
        long ceiling = Math.min(INITIAL.toMillis() << doublings, MAXIMUM.toMillis());
        long jittered = ceiling / 2 + (long) (random.getAsDouble() * (ceiling / 2.0));
        Duration delay = Duration.ofMillis(jittered);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
        }
        return delay;
    }
}
