package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import com.myparcel.auth.agent.bootstrap.HttpUrlConnectionHooks;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * On {@code getInputStream()}, which every way of reading a response goes through
 * ({@code getResponseCode}, {@code getHeaderField…}, {@code URL.openStream}): adds the token before
 * the request is sent and, after a 401 on a request the agent authorized, replays it once.
 *
 * <p>The replay is the JDK's own code run again: this advice puts the connection back into the state
 * the JDK's authentication retry leaves it in (disconnected, headers kept, buffered body kept), and
 * Byte Buddy's {@code repeatOn} runs {@code getInputStream()} once more. The application's stream,
 * status and headers are then those of the replay. A streamed body is re-sent from the agent's copy,
 * because the JDK cannot re-send a stream it has already written.
 */
final class GetInputStreamAdvice {

    private GetInputStreamAdvice() {
    }


    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class,
            repeatOn = Advice.OnNonDefaultValue.class)
    static boolean replayAfterUnauthorized(@Advice.This HttpURLConnection connection,
            @Advice.Thrown Throwable thrown,
            @Advice.FieldValue("responseCode") int responseCode,
            @Advice.FieldValue("fixedContentLength") int fixedContentLength,
            @Advice.FieldValue("fixedContentLengthLong") long fixedContentLengthLong,
            @Advice.FieldValue("chunkLength") int chunkLength,
            @Advice.FieldValue(value = "rememberedException", readOnly = false) Exception rememberedException,
            @Advice.FieldValue(value = "inputStream", readOnly = false) InputStream inputStream,
            @Advice.FieldValue(value = "errorStream", readOnly = false) InputStream errorStream,
            @Advice.FieldValue(value = "strOutputStream", readOnly = false, typing = Assigner.Typing.DYNAMIC)
                    Object streamingOutput,
            @Advice.FieldValue(value = "connecting", readOnly = false) boolean connecting) {
        boolean streaming = fixedContentLength != -1 || fixedContentLengthLong != -1 || chunkLength != -1;
        Object replayToken = HttpUrlConnectionHooks.tokenForReplay(connection, responseCode, thrown, streaming);
        if (replayToken == null) {
            return false;
        }
        byte[] streamedBody = HttpUrlConnectionHooks.streamedBodyForReplay(connection, streaming);
        connection.disconnect();
        rememberedException = null;
        inputStream = null;
        errorStream = null;
        streamingOutput = null;
        connecting = false;
        IOException failure = HttpUrlConnectionHooks.prepareReplay(connection, replayToken, streamedBody);
        if (failure != null) {
            rememberedException = failure;
            return false;
        }
        return true;
    }
}
