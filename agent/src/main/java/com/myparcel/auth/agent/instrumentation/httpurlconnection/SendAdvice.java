package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/**
 * On {@code connect()} and {@code plainConnect()}: the last moment the request headers can still be
 * set. Guarded by the JDK's own {@code connected}/{@code connecting} flags, because setRequestProperty
 * throws once either is set; HTTPS reaches here through {@code plainConnect()}.
 */
final class SendAdvice {

    private SendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void beforeSend(@Advice.This HttpURLConnection connection,
            @Advice.FieldValue("connected") boolean connected,
            @Advice.FieldValue("connecting") boolean connecting) {
        HttpUrlConnectionBridge.beforeSend(connection, connected, connecting);
    }
}
