package com.myparcel.auth.agent.instrumentation.httpclient;

import com.myparcel.auth.agent.bootstrap.HttpClientHooks;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandler;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * On {@code HttpClientImpl.sendAsync(request, handler, pushPromiseHandler, executor)}, the private
 * method that {@code send} and both public {@code sendAsync} overloads end in: so each application
 * request is seen exactly once, whichever way it was sent. The application's request is replaced by
 * an authorized copy, and the returned future by one that replays a 401. Only ever read as bytes and
 * inlined, never loaded: its java.net.http types resolve inside the JDK class.
 */
final class SendAsyncAdvice {

    private SendAsyncAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object authorize(@Advice.Argument(value = 0, readOnly = false) HttpRequest request,
            @Advice.Argument(value = 1, readOnly = false) BodyHandler<?> handler) {
        Object send = HttpClientHooks.beforeSend(request, handler);
        if (send != null) {
            request = (HttpRequest) HttpClientHooks.requestToSend(send, request);
            handler = (BodyHandler<?>) HttpClientHooks.bodyHandlerToUse(send, handler);
        }
        return send;
    }

    /*
     * No backed-up arguments: the JDK method never assigns its parameters, and the backup copies every
     * argument into new locals, which renumbers the method's own locals into longer instructions. On
     * JDK 17 that took sendAsync from 231 to 338 bytes of bytecode, over C2's FreqInlineSize (325),
     * and send() stopped inlining it.
     */
    @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
    static void replayUnauthorized(@Advice.This Object client, @Advice.Enter Object send,
            @Advice.Argument(2) Object pushPromiseHandler,
            @Advice.Return(readOnly = false) CompletableFuture<?> result) {
        if (send != null) {
            result = (CompletableFuture<?>) HttpClientHooks.afterSend(client, send, result, pushPromiseHandler);
        }
    }
}
