package com.myparcel.auth.bench.apps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * {@link ApiRequester} with one shared java.net.http.HttpClient and one immutable request sent again
 * and again. HTTP/1.1, because the loopback server (the JDK's HttpsServer) speaks nothing else.
 */
final class HttpClientRequester implements ApiRequester {

    private final HttpClient client;
    private final HttpRequest request;

    HttpClientRequester(URI uri, String ownAuthorization) {
        this(newClient(), uri, ownAuthorization);
    }

    /** Shares {@code client} (and its connection pool) with other requesters. */
    HttpClientRequester(HttpClient client, URI uri, String ownAuthorization) {
        this.client = client;
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().header("Accept", "application/vnd.api+json");
        if (ownAuthorization != null) {
            builder.header("Authorization", ownAuthorization);
        }
        this.request = builder.build();
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public int get() throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
