package com.myparcel.auth.agent.instrumentation.httpclient;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.myparcel.auth.agent.instrumentation.ClassInstrumentation;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Connects {@code java.net.http.HttpClient} to the agent through the JDK's implementation class;
 * clients that applications write themselves by extending HttpClient are not touched.
 */
public final class HttpClientInstrumentation implements ClassInstrumentation {

    /** A compile-time constant: {@code ClientInstrumentations} names it without loading this class. */
    public static final String CLASS_NAME = "jdk.internal.net.http.HttpClientImpl";

    @Override
    public String className() {
        return CLASS_NAME;
    }

    @Override
    public DynamicType.Builder<?> apply(DynamicType.Builder<?> type, Adviser advice) {
        // By name: loading the advice class would need java.net.http, which the agent's loader cannot see.
        return type.visit(advice.of("com.myparcel.auth.agent.instrumentation.httpclient.SendAsyncAdvice")
                .on(named("sendAsync").and(isPrivate()).and(takesArguments(4))));
    }
}
