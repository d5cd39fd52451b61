package com.myparcel.auth.agent.log;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A warning that can hit every request (during a token endpoint outage, say): logged at most once a
 * minute, with how many were left out since, so the log stays readable at production request rates.
 */
public final class RepeatedWarning {

    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
    private final AtomicLong leftOut = new AtomicLong();

    public void warn(String message) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last < INTERVAL_NANOS || !lastLogged.compareAndSet(last, now)) {
            leftOut.incrementAndGet();
            return;
        }
        long more = leftOut.getAndSet(0);
        AgentLog.warn(message + (more == 0 ? "" : " (" + more + " more like it in the last minute)"));
    }
}
