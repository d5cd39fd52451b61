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

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpRequest request;

    HttpClientRequester(URI uri, String ownAuthorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().header("Accept", "application/vnd.api+json");
        if (ownAuthorization != null) {
            builder.header("Authorization", ownAuthorization);
        }
        this.request = builder.build();
    }

    @Override
    public int get() throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
