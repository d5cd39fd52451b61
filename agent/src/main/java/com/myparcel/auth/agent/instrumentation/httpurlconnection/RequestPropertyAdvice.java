package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import com.myparcel.auth.agent.bootstrap.HttpUrlConnectionHooks;
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
        HttpUrlConnectionHooks.onRequestProperty(connection, key);
    }
}
