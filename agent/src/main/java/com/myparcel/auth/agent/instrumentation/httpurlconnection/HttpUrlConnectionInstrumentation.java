package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import com.myparcel.auth.agent.instrumentation.ClassInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Connects {@code java.net.HttpURLConnection} to the agent. The work is done by the JDK's
 * {@code sun.net.www.protocol.http.HttpURLConnection}; for HTTPS, {@code HttpsURLConnectionImpl} only
 * delegates to a subclass of it, so advising this one class covers both.
 */
public final class HttpUrlConnectionInstrumentation implements ClassInstrumentation {

    @Override
    public String className() {
        return "sun.net.www.protocol.http.HttpURLConnection";
    }

    @Override
    public DynamicType.Builder<?> apply(DynamicType.Builder<?> type, ClassFileLocator adviceLocator) {
        return type
                .visit(Advice.to(SendAdvice.class, adviceLocator)
                        .on(named("connect").or(named("plainConnect")).and(takesNoArguments())))
                .visit(Advice.to(GetOutputStreamAdvice.class, adviceLocator)
                        .on(named("getOutputStream").and(takesNoArguments())))
                .visit(Advice.to(GetInputStreamAdvice.class, adviceLocator)
                        .on(named("getInputStream").and(takesNoArguments())))
                .visit(Advice.to(RequestPropertyAdvice.class, adviceLocator)
                        .on(named("setRequestProperty").or(named("addRequestProperty"))
                                .and(takesArguments(String.class, String.class))));
    }
}
