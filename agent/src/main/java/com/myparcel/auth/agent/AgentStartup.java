package com.myparcel.auth.agent;

import com.myparcel.auth.agent.authorization.AgentRuntime;
import com.myparcel.auth.agent.authorization.RequestAuthorizer;
import com.myparcel.auth.agent.config.Settings;
import com.myparcel.auth.agent.instrumentation.AdviceTransformer;
import com.myparcel.auth.agent.log.AgentLog;
import com.myparcel.auth.agent.status.AgentStatus;
import com.myparcel.auth.agent.status.StatusRegistration;
import com.myparcel.auth.agent.token.Backoff;
import com.myparcel.auth.agent.token.TokenEndpointClient;
import com.myparcel.auth.agent.token.TokenManager;
import java.lang.instrument.Instrumentation;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The part of the agent's start that need not hold up main, run on a short-lived start thread: the
 * agent's own thread (an executor, whose classes cost main milliseconds), the token life cycle, the
 * authorizer (requests that come sooner wait for it, see {@link AgentRuntime}), the hooks, the status
 * MBean and, last, the first token request. The start thread ends as soon as that request is handed to
 * the agent's thread, long before its answer can arrive.
 */
final class AgentStartup implements Runnable {

    static final String THREAD_NAME = AgentThread.NAME + "-start";

    private final Settings settings;
    private final AdviceTransformer transformer;
    private final Instrumentation instrumentation;

    private AgentStartup(Settings settings, AdviceTransformer transformer, Instrumentation instrumentation) {
        this.settings = settings;
        this.transformer = transformer;
        this.instrumentation = instrumentation;
    }

    /** Returns at once; the start goes on in a daemon thread of its own. */
    static void startInBackground(Settings settings, AdviceTransformer transformer, Instrumentation instrumentation) {
        Thread thread = new Thread(new AgentStartup(settings, transformer, instrumentation), THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            ScheduledExecutorService agentThread = AgentThread.start();
            TokenManager tokens = new TokenManager(
                    new TokenEndpointClient(settings.authUrl(), settings.clientId(), settings.clientSecret(),
                            settings.scope(), Clock.systemUTC()),
                    Clock.systemUTC(), settings.refreshMargin(), new Backoff(new RandomFraction()), agentThread);
            RequestAuthorizer authorizer = new RequestAuthorizer(settings.apiDestinations(), tokens,
                    settings.tokenWait(), settings.overrideAuthorization());
            AgentRuntime.install(authorizer);
            // Before the first token request, which loads HttpURLConnection on the agent's thread.
            transformer.prepareHooks();
            new StatusRegistration(new AgentStatus(tokens, authorizer.metrics(), Clock.systemUTC()), agentThread)
                    .registerWhenServerExists(instrumentation);
            tokens.start();
        } catch (Throwable t) {
            AgentRuntime.install(null);
            AgentLog.error("could not start (" + t.getClass().getName() + "); the application runs without it");
        }
    }

    /** Backoff jitter. */
    private static final class RandomFraction implements DoubleSupplier {
        @Override
        public double getAsDouble() {
            return ThreadLocalRandom.current().nextDouble();
        }
    }
}
