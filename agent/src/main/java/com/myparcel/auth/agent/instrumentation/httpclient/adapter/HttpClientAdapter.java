package com.myparcel.auth.agent.instrumentation.httpclient.adapter;

import com.myparcel.auth.agent.authorization.AgentMetrics;
import com.myparcel.auth.agent.authorization.AgentRuntime;
import com.myparcel.auth.agent.authorization.RequestAuthorizer;
import com.myparcel.auth.agent.bootstrap.HttpClientHooks;
import com.myparcel.auth.agent.instrumentation.httpclient.HttpRequestImplInstrumentation;
import com.myparcel.auth.agent.log.AgentLog;
import com.myparcel.auth.agent.token.AccessToken;
import com.myparcel.auth.agent.token.AgentRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.PushPromiseHandler;
import java.util.concurrent.CompletableFuture;

/**
 * Connects the JDK's HttpClient to the {@link RequestAuthorizer}, through {@link HttpClientHooks}; it
 * decides nothing itself. Made on the first HttpClient request (it loads java.net.http), by the
 * application class loader like the rest of the agent. Every method catches everything: a failure inside the agent leaves the request as the
 * application made it.
 */
public final class HttpClientAdapter implements HttpClientHooks.Adapter {

    /**
     * The JDK's own request class, which WebSocket handshakes are built as (see {@link #isWebSocketHandshake}).
     * Compared by identity: a profile on JDK 25, pinned to one core, put 0.26 µs per request in reading each
     * request's class name. Looked up without initialising it, which needs no access to its package; null if a JDK
     * had no such class, and then no request is taken for a handshake.
     */
    private static final Class<?> JDK_REQUEST_CLASS = jdkRequestClass();

    @Override
    public Object beforeSend(Object request, Object bodyHandler) {
        try {
            return beforeSend((HttpRequest) request, (BodyHandler<?>) bodyHandler);
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return null;
        }
    }

    /** Before a request is sent: the agent's handling of it, or null to leave it as it is. */
    private static AuthorizedSend<?> beforeSend(HttpRequest request, BodyHandler<?> handler) {
        try {
            RequestAuthorizer authorizer = AgentRuntime.authorizer();
            if (authorizer == null || request == null || handler == null || AgentRequests.inProgress()) {
                return null;
            }
            URI uri = request.uri();
            if (!authorizer.isApiDestination(uri.getScheme(), uri.getHost(), uri.getPort())) {
                return null;
            }
            if (isWebSocketHandshake(request)) {
                AgentLog.debug("WebSocket handshake to " + uri.getHost() + " left as the application made it");
                return null;
            }
            AccessToken token = authorizer.authorize(AgentMetrics.Client.HTTP_CLIENT, uri.getScheme(), uri.getHost(),
                    uri.getPort(), AuthorizedHeaders.hasAuthorization(request.headers()));
            if (token == null) {
                return null;
            }
            return start(authorizer, request, handler, token);
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return null;
        }
    }

    /**
     * A WebSocket's opening handshake. The JDK builds it as its internal HttpRequestImpl, keeps the upgrade headers
     * and the WebSocket mark only on a request of that class, and expects its own response type back: sent as a
     * view, it would go out as a plain GET, and the agent's response could not become a WebSocket. So it is left
     * as the application made it, without a token. An application's own requests are never of that class
     * ({@code HttpRequest.Builder} makes others).
     */
    private static boolean isWebSocketHandshake(HttpRequest request) {
        return request.getClass() == JDK_REQUEST_CLASS;
    }

    private static Class<?> jdkRequestClass() {
        try {
            return Class.forName(HttpRequestImplInstrumentation.CLASS_NAME, false, HttpRequest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static <T> AuthorizedSend<T> start(RequestAuthorizer authorizer, HttpRequest request,
            BodyHandler<T> handler, AccessToken token) {
        return new AuthorizedSend<>(authorizer, request, handler, token);
    }

    @Override
    public Object requestToSend(Object send, Object request) {
        try {
            return ((AuthorizedSend<?>) send).firstRequest();
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return request;
        }
    }

    @Override
    public Object bodyHandlerToUse(Object send, Object bodyHandler) {
        try {
            return ((AuthorizedSend<?>) send).firstHandler();
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return bodyHandler;
        }
    }

    /** After the first attempt started: the future the application gets. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Object afterSend(Object client, Object send, Object responseFuture, Object pushPromiseHandler) {
        if (responseFuture == null) {
            return null;
        }
        try {
            return ((AuthorizedSend) send).replayingUnauthorized((HttpClient) client,
                    (CompletableFuture) responseFuture, (PushPromiseHandler) pushPromiseHandler);
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return responseFuture;
        }
    }

    /**
     * The headers a JDK-internal request really sends: an agent-issued Authorization is removed when
     * the request goes to a destination that is not an API host (the JDK copies user headers onto
     * redirected requests; JDK 17 does not drop Authorization when the host changes).
     */
    @Override
    public Object headersToSend(URI uri, Object headers) {
        try {
            return headersToSend(uri, (HttpHeaders) headers);
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return headers;
        }
    }

    private static HttpHeaders headersToSend(URI uri, HttpHeaders headers) {
        try {
            RequestAuthorizer authorizer = AgentRuntime.authorizer();
            if (authorizer == null || headers == null || uri == null
                    || authorizer.isApiDestination(uri.getScheme(), uri.getHost(), uri.getPort())) {
                return headers; // a hop to an API host may carry any token: its headers need no look
            }
            String authorization = AuthorizedHeaders.authorization(headers);
            if (authorization == null
                    || authorizer.mayCarry(authorization, uri.getScheme(), uri.getHost(), uri.getPort())) {
                return headers;
            }
            AgentLog.debug("token kept from " + uri.getHost() + " (not an API host)");
            return AuthorizedHeaders.withoutAuthorization(headers);
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return headers;
        }
    }

}
