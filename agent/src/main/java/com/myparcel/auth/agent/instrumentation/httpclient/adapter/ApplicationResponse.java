package com.myparcel.auth.agent.instrumentation.httpclient.adapter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * A response as the application may see it: the JDK's response, but whose {@link #request()} is the
 * application's own request, not the agent's authorized copy (an application that logs
 * {@code response.request().headers()} must not log the token).
 *
 * @param <T> the application's body type
 */
final class ApplicationResponse<T> implements HttpResponse<T> {

    private final HttpResponse<?> delegate;
    private final HttpRequest request;
    private final T body;

    ApplicationResponse(HttpResponse<?> delegate, HttpRequest request, T body) {
        this.delegate = delegate;
        this.request = request;
        this.body = body;
    }

    @Override
    public int statusCode() {
        return delegate.statusCode();
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    /** Earlier responses of a redirect chain, with their requests stripped of the agent's token too. */
    @Override
    public Optional<HttpResponse<T>> previousResponse() {
        return delegate.previousResponse().map(previous -> {
            @SuppressWarnings("unchecked")
            T previousBody = (T) previous.body();
            return new ApplicationResponse<>(previous, AuthorizedRequest.withoutAuthorization(previous.request()), previousBody);
        });
    }

    @Override
    public HttpHeaders headers() {
        return delegate.headers();
    }

    @Override
    public T body() {
        return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return delegate.sslSession();
    }

    @Override
    public URI uri() {
        return delegate.uri();
    }

    @Override
    public HttpClient.Version version() {
        return delegate.version();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
