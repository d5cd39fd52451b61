package com.myparcel.auth.agent.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.myparcel.auth.agent.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenManagerTest {

    private static final Duration LONG_WAIT = Duration.ofSeconds(20);
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<TokenManager> managers = new ArrayList<>();

    @AfterEach
    void stop() {
        managers.forEach(TokenManager::close);
        AgentLog.setOutput(System.err);
    }

    private TokenManager manager(TokenSource source, Duration refreshMargin) {
        TokenManager manager = new TokenManager(source, clock, refreshMargin, new Backoff(() -> 0.999));
        managers.add(manager);
        return manager;
    }

    private static AccessToken token(String value, Duration age, Duration remaining) {
        return new AccessToken(value, NOW.minus(age), NOW.plus(remaining));
    }

    @Test
    void refreshesMarginBeforeExpiryButNeverAfterHalfLife() {
        TokenManager manager = manager(() -> null, Duration.ofMinutes(5));
        AccessToken day = token("a", Duration.ZERO, Duration.ofHours(24));
        assertEquals(day.expiresAt().minus(Duration.ofMinutes(5)), manager.refreshTime(day));
        AccessToken short62s = token("b", Duration.ZERO, Duration.ofSeconds(62));
        assertEquals(NOW.plusSeconds(31), manager.refreshTime(short62s), "62 s token: at half-life, not every call");
    }

    @Test
    void aTokenIsNotHandedOutInItsLastMoments() {
        TokenManager manager = manager(() -> null, Duration.ofMinutes(5));
        AccessToken hour = token("a", Duration.ZERO, Duration.ofHours(1));
        assertTrue(manager.isUsable(hour, NOW.plus(Duration.ofMinutes(59))));
        assertTrue(!manager.isUsable(hour, hour.expiresAt().minusSeconds(1)));
        assertTrue(!manager.isUsable(hour, hour.expiresAt()));
    }

    @Test
    void concurrentRequestsShareOneTokenRequest() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        TokenManager manager = manager(() -> {
            fetches.incrementAndGet();
            await(release);
            return token("shared", Duration.ZERO, Duration.ofHours(1));
        }, Duration.ofMinutes(5));
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch started = new CountDownLatch(threads);
            List<Future<AccessToken>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    started.countDown();
                    return manager.tokenForRequest(LONG_WAIT);
                }));
            }
            started.await(10, TimeUnit.SECONDS);
            release.countDown();
            for (Future<AccessToken> result : results) {
                assertEquals("Bearer shared", result.get(30, TimeUnit.SECONDS).authorizationHeaderValue());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fetches.get());
    }

    @Test
    void requestsGiveUpAfterTokenWaitAndGoWithoutToken() {
        CountDownLatch never = new CountDownLatch(1);
        TokenManager manager = manager(() -> {
            await(never);
            return null;
        }, Duration.ofMinutes(5));
        assertNull(manager.tokenForRequest(Duration.ofMillis(100)));
        never.countDown();
    }

    @Test
    void aBurstOf401sForOneTokenCausesOneRefresh() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        TokenManager manager = manager(
                () -> token("t" + fetches.incrementAndGet(), Duration.ZERO, Duration.ofHours(1)),
                Duration.ofMinutes(5));
        AccessToken first = manager.tokenForRequest(LONG_WAIT);
        for (int i = 0; i < 10; i++) {
            manager.rejected(first);
        }
        AccessToken second = manager.tokenForRequest(LONG_WAIT);
        assertEquals("Bearer t2", second.authorizationHeaderValue());
        manager.rejected(first); // late 401 for the old token: the current one stays
        assertSame(second, manager.tokenForRequest(Duration.ZERO));
        assertEquals(2, fetches.get());
    }

    @Test
    void aFailedRefreshKeepsTheStillValidToken() throws Exception {
        LinkedBlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        // Refresh is due at once (the margin exceeds what is left), and then fails.
        AccessToken stale = token("stale", Duration.ofMinutes(59), Duration.ofMinutes(1));
        answers.add(stale);
        CountDownLatch failed = new CountDownLatch(1);
        TokenManager manager = manager(() -> {
            Object answer = answers.poll();
            if (!(answer instanceof AccessToken)) {
                failed.countDown();
                throw new IOException("connection refused");
            }
            return (AccessToken) answer;
        }, Duration.ofMinutes(5));
        manager.start();
        assertTrue(failed.await(10, TimeUnit.SECONDS), "the proactive refresh ran and failed");
        assertSame(stale, manager.tokenForRequest(Duration.ZERO));
    }

    @Test
    void aRefusalIsReportedOnceWithCodeAndTitleAndBackedOff() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AgentLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch twoAttempts = new CountDownLatch(2);
        TokenManager manager = new TokenManager(() -> {
            attempts.incrementAndGet();
            twoAttempts.countDown();
            throw new TokenEndpointException("token endpoint answered HTTP 403", 403, "14000", "Invalid OAuth Client",
                    null);
        }, clock, Duration.ofMinutes(5), new Backoff(() -> 0.0));
        managers.add(manager);
        manager.start();
        assertTrue(twoAttempts.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 20; i++) {
            assertNull(manager.tokenForRequest(Duration.ZERO)); // waiting requests do not bypass the backoff
        }
        String output = log.toString(StandardCharsets.UTF_8);
        assertEquals(1, output.lines().filter(line -> line.contains("ERROR") && line.contains("14000")).count(), output);
        assertTrue(output.contains("Invalid OAuth Client"));
        assertTrue(attempts.get() <= 3, "backoff bounds the attempts, got " + attempts.get());
    }

    @Test
    void firstTokenIsFetchedInTheBackground() throws Exception {
        CountDownLatch fetched = new CountDownLatch(1);
        TokenManager manager = manager(() -> {
            fetched.countDown();
            return token("first", Duration.ZERO, Duration.ofHours(1));
        }, Duration.ofMinutes(5));
        manager.start();
        assertTrue(fetched.await(10, TimeUnit.SECONDS));
        assertNotNull(manager.tokenForRequest(LONG_WAIT));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
