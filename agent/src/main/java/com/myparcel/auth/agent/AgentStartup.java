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
 * The part of the agent's start that need not hold up main, run first on the agent's thread: the
 * token life cycle, the authorizer (requests that come sooner wait for it, see {@link AgentRuntime}),
 * the hooks, the first token request and the status MBean.
 */
final class AgentStartup implements Runnable {

    private final Settings settings;
    private final ScheduledExecutorService agentThread;
    private final AdviceTransformer transformer;
    private final Instrumentation instrumentation;

    AgentStartup(Settings settings, ScheduledExecutorService agentThread, AdviceTransformer transformer,
            Instrumentation instrumentation) {
        this.settings = settings;
        this.agentThread = agentThread;
        this.transformer = transformer;
        this.instrumentation = instrumentation;
    }

    @Override
    public void run() {
        try {
            TokenManager tokens = new TokenManager(
                    new TokenEndpointClient(settings.authUrl(), settings.clientId(), settings.clientSecret(),
                            settings.scope(), Clock.systemUTC()),
                    Clock.systemUTC(), settings.refreshMargin(), new Backoff(new RandomFraction()), agentThread);
            RequestAuthorizer authorizer = new RequestAuthorizer(settings.apiDestinations(), tokens,
                    settings.tokenWait(), settings.overrideAuthorization());
            AgentRuntime.install(authorizer);
            // Before the first token request, which loads HttpURLConnection on this thread.
            transformer.prepareHooks();
            tokens.start();
            new StatusRegistration(new AgentStatus(tokens, authorizer.metrics(), Clock.systemUTC()), agentThread)
                    .registerWhenServerExists(instrumentation);
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
