package com.example.reliability;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.Callable;
import java.time.Duration;

/**
 * Breaks the myparcel-auth-agent from the outside, to prove that a failure inside the agent never reaches the
 * application. Run as a second {@code -javaagent:test-apps.jar=fault=<kind>} AFTER the real agent (the
 * {@link com.example.legacy.EarlyLoader} premain hands agent arguments starting with {@code fault=} to this
 * class). The agent's classes are on the application class path (its hooks in the bootstrap class loader), so
 * reflection from here finds them. The agent finishes its start on its own thread, after its premain: this
 * waits for that (its authorizer installed, its hooks connected) and then breaks it, before main runs.
 * <ul>
 *   <li>{@code fault=http-client-adapter}: the HttpClient adapter is replaced by a proxy whose every method
 *       throws a RuntimeException;</li>
 *   <li>{@code fault=authorizer}: the request authorizer is replaced by one without a token manager, so every
 *       request to api.myparcel.com throws a NullPointerException inside the agent.</li>
 * </ul>
 * Prints {@code FAULT <kind> installed} (or {@code FAULT <kind> failed <exception>}) on stdout.
 */
public final class FaultInjector {

    /** The message of every exception this injector throws: the agent must never print it. */
    public static final String MESSAGE = "injected fault, not for the log";
    private static final String HOOKS = "com.myparcel.auth.agent.bootstrap.HttpClientHooks";

    private FaultInjector() {
    }

    public static void install(String kind) {
        try {
            awaitAgentStarted();
            if (kind.equals("http-client-adapter")) {
                breakHttpClientAdapter();
            } else if (kind.equals("authorizer")) {
                breakAuthorizer();
            } else {
                throw new IllegalArgumentException("unknown fault " + kind);
            }
            System.out.println("FAULT " + kind + " installed");
        } catch (Throwable t) {
            System.out.println("FAULT " + kind + " failed " + t);
        }
    }

    private static void awaitAgentStarted() throws Exception {
        Class<?> runtime = Class.forName("com.myparcel.auth.agent.authorization.AgentRuntime");
        if (runtime.getMethod("authorizer").invoke(null) == null) { // waits for the agent's start
            throw new IllegalStateException("the agent did not start");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Field factory = Class.forName(HOOKS, false, null).getDeclaredField("adapterFactory");
                factory.setAccessible(true);
                if (factory.get(null) != null) {
                    return;
                }
            } catch (ClassNotFoundException notYet) {
                // the hooks are not in the bootstrap class loader yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the agent's hooks were not connected within 10 s");
    }

    private static void breakHttpClientAdapter() throws Exception {
        Class<?> hooks = Class.forName(HOOKS, false, null);
        Class<?> adapter = Class.forName(HOOKS + "$Adapter", false, null);
        InvocationHandler throwing = (proxy, method, args) -> {
            throw new IllegalStateException(MESSAGE + " (" + method.getName() + ")");
        };
        Object broken = Proxy.newProxyInstance(FaultInjector.class.getClassLoader(), new Class<?>[] {adapter}, throwing);
        Callable<Object> factory = () -> broken;
        hooks.getMethod("install", Callable.class).invoke(null, factory);
    }

    private static void breakAuthorizer() throws Exception {
        Class<?> runtime = Class.forName("com.myparcel.auth.agent.authorization.AgentRuntime");
        Class<?> authorizer = Class.forName("com.myparcel.auth.agent.authorization.RequestAuthorizer");
        Class<?> destinations = Class.forName("com.myparcel.auth.agent.destination.ApiDestinations");
        Class<?> tokenManager = Class.forName("com.myparcel.auth.agent.token.TokenManager");
        Object apiHost = destinations.getMethod("parse", String.class).invoke(null, "api.myparcel.com");
        Constructor<?> constructor = authorizer.getConstructor(destinations, tokenManager, Duration.class, boolean.class);
        Object withoutTokens = constructor.newInstance(apiHost, null, Duration.ofSeconds(1), false);
        runtime.getMethod("install", authorizer).invoke(null, withoutTokens);
    }
}
