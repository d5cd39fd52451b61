package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import com.myparcel.auth.agent.bootstrap.HttpUrlConnectionHooks;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/**
 * On {@code getOutputStream()}: the returned stream keeps a copy of a streamed body for a possible
 * replay.
 */
final class GetOutputStreamAdvice {

    private GetOutputStreamAdvice() {
    }


    @Advice.OnMethodExit(suppress = Throwable.class)
    static void keepStreamedBody(@Advice.This HttpURLConnection connection,
            @Advice.Return(readOnly = false) OutputStream stream,
            @Advice.FieldValue("fixedContentLength") int fixedContentLength,
            @Advice.FieldValue("fixedContentLengthLong") long fixedContentLengthLong,
            @Advice.FieldValue("chunkLength") int chunkLength) {
        boolean streaming = fixedContentLength != -1 || fixedContentLengthLong != -1 || chunkLength != -1;
        stream = HttpUrlConnectionHooks.onOutputStream(connection, stream, streaming);
    }
}
