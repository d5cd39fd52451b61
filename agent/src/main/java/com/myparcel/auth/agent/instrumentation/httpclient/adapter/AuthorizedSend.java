package com.myparcel.auth.agent.instrumentation.httpclient.adapter;

import com.myparcel.auth.agent.authorization.ReplayPolicy;
import com.myparcel.auth.agent.authorization.RequestAuthorizer;
import com.myparcel.auth.agent.token.AccessToken;
import com.myparcel.auth.agent.token.AgentRequests;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.PushPromiseHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One application request through HttpClient that the agent authorized, from the first attempt to
 * the replay after a 401. Like OkHttp's follow-up loop, this holds the mechanics of sending again; the
 * {@link RequestAuthorizer} says which token to send.
 *
 * @param <T> the application's response body type
 */
final class AuthorizedSend<T> {

    private final RequestAuthorizer authorizer;
    private final HttpRequest original;
    private final BodyHandler<T> applicationHandler;
    private final AccessToken sentToken;
    /** Set by the body handler when the first answer is a 401 that will be replayed. */
    private volatile boolean replayDue;

    AuthorizedSend(RequestAuthorizer authorizer, HttpRequest original, BodyHandler<T> applicationHandler,
            AccessToken sentToken) {
        this.authorizer = authorizer;
        this.original = original;
        this.applicationHandler = applicationHandler;
        this.sentToken = sentToken;
    }

    /** What the first attempt sends: a copy of the application's request with the token. */
    HttpRequest firstRequest() {
        return AuthorizedRequests.copy(original, sentToken.authorizationHeaderValue());
    }

    /**
     * The first attempt's body handler: a 401 that will be replayed has its body discarded, so the
     * application's handler (an {@code ofFile} handler, say) only ever sees the answer it gets.
     */
    BodyHandler<T> firstHandler() {
        return responseInfo -> {
            if (ReplayPolicy.shouldReplay(responseInfo.statusCode(), true, 0, true)) {
                replayDue = true;
                return HttpResponse.BodySubscribers.replacing(null);
            }
            return applicationHandler.apply(responseInfo);
        };
    }

    /**
     * The future the application gets: the first attempt's answer, or after a 401 the replay's. A
     * cancel on it reaches whichever attempt is in flight.
     */
    CompletableFuture<HttpResponse<T>> replayingUnauthorized(HttpClient client,
            CompletableFuture<HttpResponse<T>> firstAttempt, PushPromiseHandler<T> pushPromiseHandler) {
        CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>(firstAttempt);
        result.whenComplete((response, failure) -> {
            if (result.isCancelled()) {
                inFlight.get().cancel(true);
            }
        });
        firstAttempt.whenComplete((response, failure) -> {
            if (failure != null || !replayDue) {
                complete(result, response, failure);
                return;
            }
            CompletableFuture<HttpResponse<T>> replay = authorizer.tokenForReplayAsync(sentToken)
                    .thenCompose(token -> send(client, token, pushPromiseHandler));
            inFlight.set(replay);
            if (result.isCancelled()) {
                replay.cancel(true);
            }
            replay.whenComplete((replayResponse, replayFailure) -> complete(result, replayResponse, replayFailure));
        });
        return result;
    }

    /** The replay, with the new token, or without one when none arrived within token-wait. */
    private CompletableFuture<HttpResponse<T>> send(HttpClient client, AccessToken token,
            PushPromiseHandler<T> pushPromiseHandler) {
        HttpRequest replay = AuthorizedRequests.copy(original, token == null ? null : token.authorizationHeaderValue());
        return AgentRequests.run(() -> client.sendAsync(replay, applicationHandler, pushPromiseHandler));
    }

    private static <T> void complete(CompletableFuture<HttpResponse<T>> result, HttpResponse<T> response,
            Throwable failure) {
        if (failure == null) {
            result.complete(response);
            return;
        }
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        result.completeExceptionally(cause);
    }
}
