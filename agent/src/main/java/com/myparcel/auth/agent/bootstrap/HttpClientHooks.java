package com.myparcel.auth.agent.bootstrap;

import java.net.URI;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * What the advice inlined into {@code jdk.internal.net.http} calls. {@code java.net.http} types are not
 * visible from the bootstrap class loader (that module belongs to the platform class loader), so this
 * only passes objects on to the {@link Adapter}, which is loaded beside the JDK module. Before the
 * adapter is installed, and whenever it fails (reported to the agent), requests go out as the
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

        Object headersToSend(URI uri, Object headers);
    }

    private static volatile Adapter adapter;
    /**
     * Makes the adapter on the first request: an application that never uses HttpClient never pays for it.
     * Cleared only once the one attempt has ended, so that requests racing with it wait for the adapter.
     */
    private static volatile Callable<Adapter> adapterFactory;
    /**
     * The adapter is being made, by the thread holding the class's monitor (guarded by it): a request that thread
     * makes meanwhile is left alone instead of making a second adapter.
     */
    private static boolean making;
    private static volatile Consumer<Throwable> failures;

    private HttpClientHooks() {
    }

    public static void install(Callable<Adapter> factory) {
        adapter = null;
        adapterFactory = factory;
    }

    /** Where the adapter's failures are reported (the agent's log). */
    public static void reportFailuresTo(Consumer<Throwable> reporter) {
        failures = reporter;
    }

    private static Adapter adapter() {
        Adapter made = adapter;
        if (made != null || adapterFactory == null) {
            return made;
        }
        // Not made yet, or being made by another thread: wait for it here. (A request made meanwhile must not go
        // out untouched, without a token and without a word, as when the factory was cleared before the call.)
        synchronized (HttpClientHooks.class) {
            Callable<Adapter> factory = adapterFactory;
            if (adapter == null && factory != null && !making) {
                making = true;
                try {
                    adapter = factory.call();
                } catch (Throwable t) {
                    failed(t);
                } finally {
                    making = false;
                    adapterFactory = null; // one attempt: a failure is reported once, not per request
                }
            }
            return adapter;
        }
    }

    public static Object beforeSend(Object request, Object bodyHandler) {
        try {
            Adapter current = adapter();
            return current == null ? null : current.beforeSend(request, bodyHandler);
        } catch (Throwable t) {
            failed(t);
            return null;
        }
    }

    public static Object requestToSend(Object send, Object request) {
        try {
            Adapter current = adapter();
            return current == null || send == null ? request : current.requestToSend(send, request);
        } catch (Throwable t) {
            failed(t);
            return request;
        }
    }

    public static Object bodyHandlerToUse(Object send, Object bodyHandler) {
        try {
            Adapter current = adapter();
            return current == null || send == null ? bodyHandler : current.bodyHandlerToUse(send, bodyHandler);
        } catch (Throwable t) {
            failed(t);
            return bodyHandler;
        }
    }

    public static Object afterSend(Object client, Object send, Object responseFuture, Object pushPromiseHandler) {
        try {
            Adapter current = adapter();
            return current == null || send == null ? responseFuture
                    : current.afterSend(client, send, responseFuture, pushPromiseHandler);
        } catch (Throwable t) {
            failed(t);
            return responseFuture;
        }
    }

    public static Object headersToSend(URI uri, Object headers) {
        try {
            Adapter current = adapter();
            return current == null ? headers : current.headersToSend(uri, headers);
        } catch (Throwable t) {
            failed(t);
            return headers;
        }
    }

    private static void failed(Throwable failure) {
        Consumer<Throwable> reporter = failures;
        try {
            if (reporter != null) {
                reporter.accept(failure);
            }
        } catch (Throwable ignored) {
            // reporting must not fail the request either
        }
    }
}
