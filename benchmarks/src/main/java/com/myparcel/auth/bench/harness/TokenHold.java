package com.myparcel.auth.bench.harness;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Makes the token endpoint hold its answer to the next token request until {@link #release()}, and
 * records when that answer was written: the instant a refresh storm starts.
 */
public final class TokenHold {

    /** A held answer is written anyway after this long, so a broken run cannot hang the harness. */
    private static final long LONGEST_HOLD_SECONDS = 180;

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile long requestArrivedNanos;
    private volatile long answerWrittenNanos;

    /** Waits until a token request reaches the endpoint; false if none did within {@code millis}. */
    public boolean awaitRequest(long millis) throws InterruptedException {
        return arrived.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Lets the held answer go out. */
    public void release() {
        released.countDown();
    }

    /** System.nanoTime() (of this JVM) right after the held answer was written and flushed; 0 until then. */
    public long answerWrittenNanos() {
        return answerWrittenNanos;
    }

    /** How long the answer was held: from the request's arrival to the answer written; 0 until then. */
    public long heldNanos() {
        return answerWrittenNanos == 0 ? 0 : answerWrittenNanos - requestArrivedNanos;
    }

    void holdAnswer() throws InterruptedException {
        requestArrivedNanos = System.nanoTime();
        arrived.countDown();
        released.await(LONGEST_HOLD_SECONDS, TimeUnit.SECONDS);
    }

    void answerWritten(long nanos) {
        if (answerWrittenNanos == 0) {
            answerWrittenNanos = nanos;
        }
    }
}
