package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes a streamed request body through to the JDK's stream and keeps a copy of it, up to
 * {@link #LIMIT}, so that the request can be sent again after a 401. A larger body is not kept: that
 * request is not replayed.
 */
final class ReplayableBodyStream extends FilterOutputStream {

    static final int LIMIT = 1024 * 1024;

    private ByteArrayOutputStream copy = new ByteArrayOutputStream();

    ReplayableBodyStream(OutputStream jdkStream) {
        super(jdkStream);
    }

    boolean wraps(OutputStream stream) {
        return out == stream;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        if (hasRoomFor(1)) {
            copy.write(b);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        if (hasRoomFor(length)) {
            copy.write(bytes, offset, length);
        }
    }

    /** Whether the whole body so far is kept (it was not larger than {@link #LIMIT}). */
    boolean isKept() {
        return copy != null;
    }

    /** The whole body, or null when it was larger than {@link #LIMIT}. */
    byte[] copy() {
        ByteArrayOutputStream kept = copy;
        return kept == null ? null : kept.toByteArray();
    }

    private boolean hasRoomFor(int length) {
        if (copy != null && copy.size() + length > LIMIT) {
            copy = null; // too large to replay: stop paying for the copy
        }
        return copy != null;
    }
}
