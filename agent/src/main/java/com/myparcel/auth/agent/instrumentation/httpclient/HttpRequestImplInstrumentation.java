package com.myparcel.auth.agent.instrumentation.httpclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import com.myparcel.auth.agent.instrumentation.ClassInstrumentation;
import net.bytebuddy.dynamic.DynamicType;

/** Keeps the token off requests that HttpClient builds internally for other hosts (redirects). */
public final class HttpRequestImplInstrumentation implements ClassInstrumentation {

    @Override
    public String className() {
        return "jdk.internal.net.http.HttpRequestImpl";
    }

    @Override
    public DynamicType.Builder<?> apply(DynamicType.Builder<?> type, Adviser advice) {
        return type.visit(advice.of("com.myparcel.auth.agent.instrumentation.httpclient.UserHeadersAdvice")
                .on(named("getUserHeaders").and(takesNoArguments())));
    }
}
