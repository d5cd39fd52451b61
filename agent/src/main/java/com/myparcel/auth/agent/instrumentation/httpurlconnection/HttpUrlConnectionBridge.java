package com.myparcel.auth.agent.instrumentation.httpurlconnection;

import com.myparcel.auth.agent.authorization.AgentMetrics;
import com.myparcel.auth.agent.authorization.AgentRuntime;
import com.myparcel.auth.agent.authorization.ReplayPolicy;
import com.myparcel.auth.agent.bootstrap.HttpUrlConnectionHooks;
import com.myparcel.auth.agent.authorization.RequestAuthorizer;
import com.myparcel.auth.agent.log.AgentLog;
import com.myparcel.auth.agent.token.AccessToken;
import com.myparcel.auth.agent.token.AgentRequests;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * What the advice inlined into {@code sun.net.www.protocol.http.HttpURLConnection} calls, through
 * {@link HttpUrlConnectionHooks}: it connects
 * that JDK class to the {@link RequestAuthorizer} and decides nothing itself. Every method catches
 * everything: a failure inside the agent leaves the request as the application made it.
 */
public final class HttpUrlConnectionBridge implements HttpUrlConnectionHooks.Handler {

    private static final String AUTHORIZATION = "Authorization";

    /** Before the request is sent (connect, getOutputStream, getInputStream): add the token if it is due. */
    @Override
    public void beforeSend(HttpURLConnection connection) {
        try {
            RequestAuthorizer authorizer = AgentRuntime.authorizer();
            if (authorizer == null) {
                return;
            }
            // A request passes here up to four times (getResponseCode, getInputStream, connect, plainConnect):
            // the cheapest checks first, the thread-local one only for a request about to be judged.
            Exchange seen = Exchanges.find(connection);
            if (seen != null && seen.judged) {
                return;
            }
            URL url = connection.getURL();
            if (!authorizer.isApiDestination(url.getProtocol(), url.getHost(), url.getPort())
                    || AgentRequests.inProgress()) {
                return;
            }
            Exchange exchange = seen != null ? seen : Exchanges.of(connection);
            if (exchange.judged) {
                return;
            }
            exchange.judged = true;
            AccessToken token = authorizer.authorize(AgentMetrics.Client.HTTP_URL_CONNECTION, url.getProtocol(),
                    url.getHost(), url.getPort(), exchange.applicationSetAuthorization);
            if (token == null) {
                return;
            }
            setAuthorization(connection, exchange, token);
            exchange.sentToken = token;
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
        }
    }

    /** The application set a request header: remember when it is its own Authorization. */
    @Override
    public void onRequestProperty(HttpURLConnection connection, String key) {
        try {
            if (AUTHORIZATION.equalsIgnoreCase(key) && !AgentRequests.inProgress()
                    && AgentRuntime.authorizer() != null) {
                Exchange exchange = Exchanges.of(connection);
                if (!exchange.agentSettingAuthorization) {
                    exchange.applicationSetAuthorization = true;
                }
            }
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
        }
    }

    /** In streaming mode, keep a copy of what the application writes so that a 401 can be replayed. */
    @Override
    public OutputStream onOutputStream(HttpURLConnection connection, OutputStream jdkStream,
            boolean streaming) {
        try {
            if (jdkStream == null || AgentRequests.inProgress()) {
                return jdkStream;
            }
            Exchange exchange = Exchanges.find(connection);
            if (exchange == null || exchange.sentToken == null || !streaming) {
                return jdkStream;
            }
            ReplayableBodyStream copying = exchange.streamedBody;
            if (copying == null || !copying.wraps(jdkStream)) {
                copying = new ReplayableBodyStream(jdkStream);
                exchange.streamedBody = copying;
            }
            return copying;
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return jdkStream;
        }
    }

    /**
     * After getInputStream: the response to replay, if any. Returns the replay's token, having recorded
     * the replay; null when the request is not replayed (the application then sees this response).
     */
    @Override
    public AccessToken tokenForReplay(HttpURLConnection connection, int responseCode, Throwable thrown,
            boolean streaming) {
        try {
            int status = thrown instanceof HttpRetryException
                    ? ((HttpRetryException) thrown).responseCode() : responseCode;
            if (!ReplayPolicy.mayReplay(status)) {
                return null; // most answers: no need to look the connection's exchange up
            }
            RequestAuthorizer authorizer = AgentRuntime.authorizer();
            if (authorizer == null || AgentRequests.inProgress()) {
                return null;
            }
            Exchange exchange = Exchanges.find(connection);
            if (exchange == null || exchange.sentToken == null) {
                return null;
            }
            boolean bodyReplayable = !streaming
                    || exchange.streamedBody != null && exchange.streamedBody.isKept();
            if (!ReplayPolicy.shouldReplay(status, true, exchange.replays, bodyReplayable)) {
                if (status == 401 && exchange.replays == 0) {
                    // Not replayed (body too large to keep): the next request still gets a new token.
                    authorizer.rejected(exchange.sentToken);
                    AgentLog.warn("401 on a streamed body larger than 1 MiB: not replayed");
                }
                return null;
            }
            exchange.replays++;
            AccessToken replacement =
                    authorizer.tokenForReplay(AgentMetrics.Client.HTTP_URL_CONNECTION, exchange.sentToken);
            if (replacement == null) {
                AgentLog.warn("401 from " + connection.getURL().getHost() + " and no new token within"
                        + " myparcel.token-wait: the application gets the 401");
                return null;
            }
            exchange.sentToken = replacement;
            return replacement;
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return null;
        }
    }

    /** The streamed body to send again, or null in buffered mode (the JDK still holds that body). */
    @Override
    public byte[] streamedBodyForReplay(HttpURLConnection connection, boolean streaming) {
        Exchange exchange = Exchanges.find(connection);
        ReplayableBodyStream body = exchange == null ? null : exchange.streamedBody;
        if (body == null || !streaming) {
            return null;
        }
        exchange.streamedBody = null;
        return body.copy();
    }

    /** Puts the replay's token and body on the connection, which the advice has reset. */
    @Override
    public IOException prepareReplay(HttpURLConnection connection, Object replayToken, byte[] body) {
        try {
            AccessToken token = (AccessToken) replayToken;
            setAuthorization(connection, Exchanges.of(connection), token);
            if (body != null) {
                AgentRequests.run(() -> {
                    try (OutputStream out = connection.getOutputStream()) {
                        out.write(body);
                    }
                    return null;
                });
            }
            AgentLog.debug("replaying " + connection.getRequestMethod() + " " + connection.getURL().getHost()
                    + connection.getURL().getPath() + " with token " + token.fingerprint());
            return null;
        } catch (IOException e) {
            return e;
        } catch (Throwable t) {
            AgentLog.internalFailure(t);
            return new IOException("replay after 401 failed", t);
        }
    }


    private static void setAuthorization(HttpURLConnection connection, Exchange exchange, AccessToken token) {
        exchange.agentSettingAuthorization = true; // the property hook must not take it for the application's
        try {
            connection.setRequestProperty(AUTHORIZATION, token.authorizationHeaderValue());
        } finally {
            exchange.agentSettingAuthorization = false;
        }
    }

}
