package com.myparcel.auth.agent.instrumentation;

import com.myparcel.auth.agent.instrumentation.httpclient.HttpClientInstrumentation;
import com.myparcel.auth.agent.instrumentation.httpclient.HttpRequestImplInstrumentation;
import com.myparcel.auth.agent.instrumentation.httpurlconnection.HttpUrlConnectionInstrumentation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The JDK classes the agent instruments. Their names are compile-time constants, so the transformer
 * registered in premain matches loaded classes against them without loading any instrumentation (or
 * the Byte Buddy types those name): each class loaded from the agent jar before main costs the
 * application's start about half a millisecond.
 */
final class ClientInstrumentations {

    static final Set<String> CLASS_NAMES = Set.of(HttpUrlConnectionInstrumentation.CLASS_NAME,
            HttpClientInstrumentation.CLASS_NAME, HttpRequestImplInstrumentation.CLASS_NAME);
    /**
     * The same in the form a transformer is given ({@code java/net/...}): every class the application
     * loads passes the transformer, and is compared as it comes, without a converted copy of its name.
     */
    static final Set<String> INTERNAL_NAMES = internalNames();

    private ClientInstrumentations() {
    }

    /** One per name in {@link #CLASS_NAMES}; made when the first of those classes is to be instrumented. */
    static List<ClassInstrumentation> create() {
        return List.of(new HttpUrlConnectionInstrumentation(), new HttpClientInstrumentation(),
                new HttpRequestImplInstrumentation());
    }

    private static Set<String> internalNames() {
        Set<String> names = new HashSet<>();
        for (String name : CLASS_NAMES) {
            names.add(name.replace('.', '/'));
        }
        return Set.copyOf(names);
    }

    /** The packages of the instrumented classes, whose modules must read the hooks. */
    static Set<String> packages() {
        Set<String> packages = new HashSet<>();
        for (String name : CLASS_NAMES) {
            packages.add(name.substring(0, name.lastIndexOf('.')));
        }
        return packages;
    }
}
