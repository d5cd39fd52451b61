package com.myparcel.auth.agent.instrumentation.httpclient.adapter;

import com.myparcel.auth.agent.authorization.AgentMetrics;
import com.myparcel.auth.agent.authorization.ReplayPolicy;
import com.myparcel.auth.agent.authorization.RequestAuthorizer;
import com.myparcel.auth.agent.token.AccessToken;
import com.myparcel.auth.agent.token.AgentRequests;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.PushPromiseHandler;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/**
 * One application request through HttpClient that the agent authorized, from the first attempt to
 * the replay after a 401. Like OkHttp's follow-up loop, this holds the mechanics of sending again; the
 * {@link RequestAuthorizer} says which token to send.
 *
 * <p>A 401 that is to be replayed is held back from the application: its body is kept aside, not
 * given to the application's body handler (an {@code ofFile} handler never sees it). When no replay
 * can be made (no new token within token-wait, the client closed meanwhile, the replay failed), the
 * application gets that 401 after all, its body passed through its own handler.
 *
 * @param <T> the application's response body type
 */
final class AuthorizedSend<T> {

    private final RequestAuthorizer authorizer;
    private final HttpRequest original;
    private final BodyHandler<T> applicationHandler;
    private final AccessToken sentToken;
    /** Set by the body handler when the first answer is a 401 that may be replayed. */
    private volatile ResponseInfo heldBackUnauthorized;

    AuthorizedSend(RequestAuthorizer authorizer, HttpRequest original, BodyHandler<T> applicationHandler,
            AccessToken sentToken) {
        this.authorizer = authorizer;
        this.original = original;
        this.applicationHandler = applicationHandler;
        this.sentToken = sentToken;
    }

    /** What the first attempt sends: the application's request with the token. */
    HttpRequest firstRequest() {
        return AuthorizedRequest.withAuthorization(original, sentToken.authorizationHeaderValue());
    }

    /** The first attempt's body handler: a 401 to replay is kept as bytes, anything else is the application's. */
    @SuppressWarnings("unchecked")
    BodyHandler<T> firstHandler() {
        return responseInfo -> {
            if (ReplayPolicy.shouldReplay(responseInfo.statusCode(), true, 0, true)) {
                heldBackUnauthorized = responseInfo;
                return (BodySubscriber<T>) HttpResponse.BodySubscribers.ofByteArray();
            }
            return applicationHandler.apply(responseInfo);
        };
    }

    /**
     * The future the application gets: the first attempt's answer, or after a 401 the replay's. A
     * cancel on it reaches whichever step is in flight: the first attempt, the wait for a token, or the
     * replay.
     */
    CompletableFuture<HttpResponse<T>> replayingUnauthorized(HttpClient client,
            CompletableFuture<HttpResponse<T>> firstAttempt, PushPromiseHandler<T> pushPromiseHandler) {
        StepCancellingFuture<HttpResponse<T>> result = new StepCancellingFuture<>(firstAttempt);
        firstAttempt.whenComplete((response, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
            } else if (heldBackUnauthorized == null) {
                result.complete(new ApplicationResponse<>(response, original, response.body()));
            } else {
                replay(client, response, pushPromiseHandler, result);
            }
        });
        return result;
    }

    private void replay(HttpClient client, HttpResponse<T> unauthorized, PushPromiseHandler<T> pushPromiseHandler,
            StepCancellingFuture<HttpResponse<T>> result) {
        CompletableFuture<AccessToken> newToken = authorizer.tokenForReplayAsync(AgentMetrics.Client.HTTP_CLIENT, sentToken);
        result.inFlight(newToken);
        newToken.whenComplete((token, noToken) -> {
            if (result.isDone()) {
                return; // cancelled while waiting for the token
            }
            if (token == null) {
                giveUnauthorized(unauthorized, result);
                return;
            }
            CompletableFuture<HttpResponse<T>> replay;
            try {
                HttpRequest request = AuthorizedRequest.withAuthorization(original, token.authorizationHeaderValue());
                replay = AgentRequests.run(() -> client.sendAsync(request, applicationHandler, pushPromiseHandler));
            } catch (RuntimeException e) {
                giveUnauthorized(unauthorized, result);
                return;
            }
            result.inFlight(replay);
            if (result.isCancelled()) {
                replay.cancel(true);
                return;
            }
            replay.whenComplete((response, failure) -> {
                if (failure == null) {
                    result.complete(new ApplicationResponse<>(response, original, response.body()));
                } else {
                    giveUnauthorized(unauthorized, result); // for example: the client was closed meanwhile
                }
            });
        });
    }

    /** The held-back 401, its kept body now passed through the application's own body handler. */
    private void giveUnauthorized(HttpResponse<T> unauthorized, CompletableFuture<HttpResponse<T>> result) {
        if (result.isDone()) {
            return; // cancelled by the application: nothing reaches its handler any more
        }
        try {
            byte[] body = (byte[]) unauthorized.body();
            BodySubscriber<T> subscriber = applicationHandler.apply(heldBackUnauthorized);
            deliver(body, subscriber).whenComplete((applicationBody, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(unwrap(failure));
                } else {
                    result.complete(new ApplicationResponse<>(unauthorized, original, applicationBody));
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** Feeds a body that is already in memory to a subscriber, as the JDK would have. */
    private static <T> CompletableFuture<T> deliver(byte[] body, BodySubscriber<T> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            private boolean delivered;

            @Override
            public synchronized void request(long n) {
                if (delivered || n <= 0) {
                    return;
                }
                delivered = true;
                subscriber.onNext(List.of(ByteBuffer.wrap(body)));
                subscriber.onComplete();
            }

            @Override
            public synchronized void cancel() {
                delivered = true;
            }
        });
        return subscriber.getBody().toCompletableFuture();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
