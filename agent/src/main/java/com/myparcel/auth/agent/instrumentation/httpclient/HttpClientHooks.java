package com.myparcel.auth.agent.instrumentation.httpclient;

import com.myparcel.auth.agent.log.AgentLog;
import java.util.concurrent.Callable;

/**
 * What the advice inlined into {@code jdk.internal.net.http} calls. This class lives on the bootstrap
 * class path, where {@code java.net.http} types cannot be seen (that module belongs to the platform
 * class loader), so it only passes objects on to the {@link Adapter}, which is loaded beside the JDK
 * module by {@link com.myparcel.auth.agent.instrumentation.PlatformChildLoader}. Before the adapter is
 * installed, and whenever it fails (reported once as an internal error), requests go out as the
 * application made them.
 */
public final class HttpClientHooks {

    /** The HttpClient adapter, typed with java.base types only. */
    public interface Adapter {

        /** The agent's handling of a request (opaque here), or null to leave the request alone. */
        Object beforeSend(Object request, Object bodyHandler);

        Object requestToSend(Object send, Object request);

        Object bodyHandlerToUse(Object send, Object bodyHandler);

        Object afterSend(Object client, Object send, Object responseFuture, Object pushPromiseHandler);

        Object headersToSend(java.net.URI uri, Object headers);
    }

    private static volatile Adapter adapter;
    /** Makes the adapter on the first request: an application that never uses HttpClient never pays for it. */
    private static volatile Callable<Adapter> adapterFactory;

    private HttpClientHooks() {
    }

    public static void install(Callable<Adapter> factory) {
        adapterFactory = factory;
    }

    private static Adapter adapter() {
        Adapter made = adapter;
        if (made != null || adapterFactory == null) {
            return made;
        }
        synchronized (HttpClientHooks.class) {
            Callable<Adapter> factory = adapterFactory;
            if (adapter == null && factory != null) {
                adapterFactory = null; // one attempt: a failure is reported once, not per request
                try {
                    adapter = factory.call();
                } catch (Throwable t) {
                    AgentLog.error("could not load the HttpClient adapter (" + AgentLog.describe(t)
                            + "); HttpClient requests are not authorized");
                }
            }
            return adapter;
        }
    }

    public static Object beforeSend(Object request, Object bodyHandler) {
        Adapter current = adapter();
        try {
            return current == null ? null : current.beforeSend(request, bodyHandler);
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return null;
        }
    }

    public static Object requestToSend(Object send, Object request) {
        Adapter current = adapter();
        try {
            return current == null || send == null ? request : current.requestToSend(send, request);
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return request;
        }
    }

    public static Object bodyHandlerToUse(Object send, Object bodyHandler) {
        Adapter current = adapter();
        try {
            return current == null || send == null ? bodyHandler : current.bodyHandlerToUse(send, bodyHandler);
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return bodyHandler;
        }
    }

    public static Object afterSend(Object client, Object send, Object responseFuture, Object pushPromiseHandler) {
        Adapter current = adapter();
        try {
            return current == null || send == null ? responseFuture
                    : current.afterSend(client, send, responseFuture, pushPromiseHandler);
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return responseFuture;
        }
    }

    public static Object headersToSend(java.net.URI uri, Object headers) {
        Adapter current = adapter();
        try {
            return current == null ? headers : current.headersToSend(uri, headers);
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return headers;
        }
    }
}
