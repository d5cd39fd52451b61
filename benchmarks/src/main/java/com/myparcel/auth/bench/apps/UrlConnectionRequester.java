package com.myparcel.auth.bench.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import javax.net.ssl.HttpsURLConnection;

/** {@link ApiRequester} with java.net.HttpURLConnection, the way legacy code uses it. */
final class UrlConnectionRequester implements ApiRequester {

    private final URL url;
    private final String ownAuthorization;

    UrlConnectionRequester(URI uri, String ownAuthorization) {
        try {
            this.url = uri.toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        this.ownAuthorization = ownAuthorization;
        // The JDK creates its default SSLSocketFactory lazily, unsynchronised: threads whose first requests
        // race each get a factory of their own, and as the keep-alive cache keys connections by factory,
        // their connections are never reused. Creating it here, before any thread starts, avoids that.
        HttpsURLConnection.getDefaultSSLSocketFactory();
    }

    @Override
    public int get() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestProperty("Accept", "application/vnd.api+json");
        if (ownAuthorization != null) {
            connection.setRequestProperty("Authorization", ownAuthorization);
        }
        int status = connection.getResponseCode();
        // Read to the end and close (not disconnect): the connection goes back to the keep-alive cache.
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (body != null) {
                body.transferTo(OutputStream.nullOutputStream());
            }
        }
        return status;
    }
}
