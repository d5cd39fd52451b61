package com.myparcel.auth.agent.token;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/** Ends a response body that arrives too slowly as a whole, which a per-read timeout cannot do. */
final class DeadlineInputStream extends FilterInputStream {

    private final long deadlineNanos;

    /** @param deadlineNanos a {@link System#nanoTime()} value */
    DeadlineInputStream(InputStream in, long deadlineNanos) {
        super(in);
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public int read() throws IOException {
        checkDeadline();
        return super.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkDeadline();
        return super.read(buffer, offset, length);
    }

    private void checkDeadline() throws SocketTimeoutException {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new SocketTimeoutException("token endpoint answer took too long");
        }
    }
}
