package com.myparcel.auth.agent.instrumentation;

import com.myparcel.auth.agent.bootstrap.HttpClientHooks;
import com.myparcel.auth.agent.bootstrap.HttpUrlConnectionHooks;
import com.myparcel.auth.agent.instrumentation.httpclient.adapter.HttpClientAdapter;
import com.myparcel.auth.agent.instrumentation.httpurlconnection.HttpUrlConnectionBridge;
import com.myparcel.auth.agent.log.AgentLog;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Connects each JDK client's bootstrap hooks to its adapter. A class of its own, called only after
 * {@link BootstrapInjector} has run: the JVM's verifier loads the hook types a class mentions when it
 * links that class, and loaded here before the injection they would come from the agent jar into the
 * application class loader, where the JDK cannot see them.
 */
public final class ClientAdapters {

    private ClientAdapters() {
    }

    public static void connect() {
        if (HttpUrlConnectionHooks.class.getClassLoader() != null || HttpClientHooks.class.getClassLoader() != null) {
            throw new IllegalStateException("the hooks were loaded outside the bootstrap class loader");
        }
        HttpUrlConnectionHooks.install(new HttpUrlConnectionBridge());
        HttpClientHooks.reportFailuresTo(new InternalFailures());
        HttpClientHooks.install(new HttpClientAdapterFactory());
    }

    /** Makes the HttpClient adapter when the first HttpClient request needs it: it loads java.net.http. */
    private static final class HttpClientAdapterFactory implements Callable<HttpClientHooks.Adapter> {
        @Override
        public HttpClientHooks.Adapter call() {
            return new HttpClientAdapter();
        }
    }

    /** What the HttpClient hooks report: internal errors of the agent, logged without their message. */
    private static final class InternalFailures implements Consumer<Throwable> {
        @Override
        public void accept(Throwable failure) {
            AgentLog.internalFailure(failure);
        }
    }
}
