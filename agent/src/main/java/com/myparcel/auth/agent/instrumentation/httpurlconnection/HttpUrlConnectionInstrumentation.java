package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import com.myparcel.auth.agent.bootstrap.HttpUrlConnectionField;
import com.myparcel.auth.agent.instrumentation.ClassInstrumentation;
import net.bytebuddy.description.modifier.FieldManifestation;
import net.bytebuddy.description.modifier.SyntheticState;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Connects {@code java.net.HttpURLConnection} to the agent. The work is done by the JDK's
 * {@code sun.net.www.protocol.http.HttpURLConnection}; for HTTPS, {@code HttpsURLConnectionImpl} only
 * delegates to a subclass of it, so advising this one class covers both. Loaded after the agent (nearly
 * always), the class also gains a field for each connection's {@link Exchange}.
 */
public final class HttpUrlConnectionInstrumentation implements ClassInstrumentation {

    /** A compile-time constant: {@code ClientInstrumentations} names it without loading this class. */
    public static final String CLASS_NAME = HttpUrlConnectionField.DECLARING_CLASS;

    @Override
    public String className() {
        return CLASS_NAME;
    }

    @Override
    public DynamicType.Builder<?> apply(DynamicType.Builder<?> type, Adviser advice) {
        DynamicType.Builder<?> withState = advice.mayAddFields()
                ? type.defineField(HttpUrlConnectionField.NAME, Object.class, Visibility.PRIVATE, SyntheticState.SYNTHETIC,
                        FieldManifestation.VOLATILE)
                : type;
        return withState
                .visit(advice.of(SendAdvice.class.getName())
                        .on(named("connect").or(named("plainConnect")).or(named("getOutputStream"))
                                .or(named("getInputStream")).and(takesNoArguments())))
                .visit(advice.of(GetOutputStreamAdvice.class.getName())
                        .on(named("getOutputStream").and(takesNoArguments())))
                .visit(advice.of(GetInputStreamAdvice.class.getName())
                        .on(named("getInputStream").and(takesNoArguments())))
                .visit(advice.of(RequestPropertyAdvice.class.getName())
                        .on(named("setRequestProperty").or(named("addRequestProperty"))
                                .and(takesArguments(String.class, String.class))));
    }
}
