package com.myparcel.auth.agent.instrumentation.httpclient;

import com.myparcel.auth.agent.bootstrap.HttpClientHooks;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import net.bytebuddy.asm.Advice;

/**
 * On {@code HttpRequestImpl.getUserHeaders()}, which HTTP/1.1 and HTTP/2 read when they write a
 * request, including the ones the JDK builds itself for redirects: each hop is judged by its own URI.
 * Only ever read as bytes and inlined, never loaded.
 */
final class UserHeadersAdvice {

    private UserHeadersAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void keepTokenToApiHosts(@Advice.This HttpRequest request,
            @Advice.Return(readOnly = false) HttpHeaders headers) {
        headers = (HttpHeaders) HttpClientHooks.headersToSend(request.uri(), headers);
    }
}
