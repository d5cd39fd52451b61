package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/**
 * On {@code setRequestProperty}/{@code addRequestProperty}: the JDK hides Authorization from
 * getRequestProperty, so the agent notes here whether the application set its own.
 */
final class RequestPropertyAdvice {

    private RequestPropertyAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void onRequestProperty(@Advice.This HttpURLConnection connection, @Advice.Argument(0) String key) {
        HttpUrlConnectionBridge.onRequestProperty(connection, key);
    }
}
