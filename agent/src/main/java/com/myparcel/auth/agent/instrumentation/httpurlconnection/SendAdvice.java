package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import com.myparcel.auth.agent.bootstrap.HttpUrlConnectionHooks;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/**
 * On every method that can send the request ({@code connect}, {@code plainConnect},
 * {@code getOutputStream}, {@code getInputStream}): adds the token while the headers can still be set.
 * Guarded by the JDK's own {@code connected}/{@code connecting} flags, because setRequestProperty throws
 * once either is set; HTTPS {@code connect()} reaches here through {@code plainConnect()}.
 */
final class SendAdvice {

    private SendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void beforeSend(@Advice.This HttpURLConnection connection,
            @Advice.FieldValue("connected") boolean connected,
            @Advice.FieldValue("connecting") boolean connecting) {
        HttpUrlConnectionHooks.beforeSend(connection, connected, connecting);
    }
}
