package com.myparcel.auth.bench.apps;

import java.io.IOException;
import java.net.URI;

/**
 * One GET of the API resource with one of the two JDK clients, its body read to the end (so that the
 * connection is kept alive), returning the status. Without the agent, the application sets
 * {@code Authorization} itself from the system property {@value #OWN_AUTHORIZATION_PROPERTY}; with the
 * agent it sets nothing.
 */
public interface ApiRequester {

    /** The Authorization value a baseline application sends itself; absent when the agent adds it. */
    String OWN_AUTHORIZATION_PROPERTY = "bench.authorization";

    int get() throws IOException, InterruptedException;

    /** @param client {@code urlconnection} or {@code httpclient} */
    static ApiRequester create(String client, URI uri) {
        String ownAuthorization = System.getProperty(OWN_AUTHORIZATION_PROPERTY);
        switch (client) {
            case "urlconnection":
                return new UrlConnectionRequester(uri, ownAuthorization);
            case "httpclient":
                return new HttpClientRequester(uri, ownAuthorization);
            default:
                throw new IllegalArgumentException("client must be urlconnection or httpclient, not " + client);
        }
    }
}
