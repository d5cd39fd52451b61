package com.myparcel.auth.agent.instrumentation.httpclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import com.myparcel.auth.agent.instrumentation.ClassInstrumentation;
import net.bytebuddy.dynamic.DynamicType;

/** Keeps the token off requests that HttpClient builds internally for other hosts (redirects). */
public final class HttpRequestImplInstrumentation implements ClassInstrumentation {

    /** A compile-time constant: {@code ClientInstrumentations} names it without loading this class. */
    public static final String CLASS_NAME = "jdk.internal.net.http.HttpRequestImpl";

    @Override
    public String className() {
        return CLASS_NAME;
    }

    @Override
    public DynamicType.Builder<?> apply(DynamicType.Builder<?> type, Adviser advice) {
        return type.visit(advice.of("com.myparcel.auth.agent.instrumentation.httpclient.UserHeadersAdvice")
                .on(named("getUserHeaders").and(takesNoArguments())));
    }
}
