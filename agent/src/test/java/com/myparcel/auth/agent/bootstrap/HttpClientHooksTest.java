package com.myparcel.auth.agent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HttpClient adapter is made once, on the first request; requests racing with that wait for it. */
class HttpClientHooksTest {

    private static final Object HANDLED = "handled by the adapter";

    @AfterEach
    void uninstall() {
        HttpClientHooks.install(() -> null);
    }

    /**
     * While the first request makes the adapter (which loads classes, and takes a while), a second request must
     * not slip past it: it would go out without a token, and nothing would say so.
     */
    @Test
    void aRequestWhileTheAdapterIsMadeWaitsForIt() throws Exception {
        CountDownLatch making = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicInteger made = new AtomicInteger();
        HttpClientHooks.install(() -> {
            made.incrementAndGet();
            making.countDown();
            assertTrue(mayFinish.await(30, TimeUnit.SECONDS));
            return new FixedAdapter();
        });
        AtomicReference<Object> first = new AtomicReference<>();
        AtomicReference<Object> second = new AtomicReference<>();
        Thread firstRequest = new Thread(() -> first.set(HttpClientHooks.beforeSend("request", "handler")));
        firstRequest.start();
        assertTrue(making.await(30, TimeUnit.SECONDS), "the first request makes the adapter");

        Thread secondRequest = new Thread(() -> second.set(HttpClientHooks.beforeSend("request", "handler")));
        secondRequest.start();
        // the second request must be held until the adapter exists: wait until it blocks, or fail if it is done
        while (secondRequest.getState() != Thread.State.BLOCKED && secondRequest.getState() != Thread.State.WAITING) {
            if (!secondRequest.isAlive()) {
                break;
            }
            Thread.onSpinWait();
        }
        mayFinish.countDown();
        firstRequest.join(TimeUnit.SECONDS.toMillis(30));
        secondRequest.join(TimeUnit.SECONDS.toMillis(30));

        assertEquals(HANDLED, first.get());
        assertEquals(HANDLED, second.get(), "the request made while the adapter was being made");
        assertEquals(1, made.get(), "adapters made");
    }

    @Test
    void aFailingFactoryIsTriedOnceAndRequestsGoOutUntouched() {
        AtomicInteger attempts = new AtomicInteger();
        HttpClientHooks.install(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("cannot make the adapter");
        });

        assertNull(HttpClientHooks.beforeSend("request", "handler"));
        assertNull(HttpClientHooks.beforeSend("request", "handler"));
        assertEquals("request", HttpClientHooks.requestToSend("send", "request"));
        assertEquals(1, attempts.get(), "attempts to make the adapter");
    }

    /** Answers every hook with {@link #HANDLED}. */
    private static final class FixedAdapter implements HttpClientHooks.Adapter {
        @Override
        public Object beforeSend(Object request, Object bodyHandler) {
            return HANDLED;
        }

        @Override
        public Object requestToSend(Object send, Object request) {
            return HANDLED;
        }

        @Override
        public Object bodyHandlerToUse(Object send, Object bodyHandler) {
            return HANDLED;
        }

        @Override
        public Object afterSend(Object client, Object send, Object responseFuture, Object pushPromiseHandler) {
            return HANDLED;
        }

        @Override
        public Object headersToSend(URI uri, Object headers) {
            return HANDLED;
        }
    }
}
