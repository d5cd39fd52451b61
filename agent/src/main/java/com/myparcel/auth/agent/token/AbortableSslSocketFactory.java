package com.myparcel.auth.agent.token;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The JVM's default TLS socket factory, remembering the socket it made so that the token request can
 * be aborted from another thread: closing the socket ends a blocked read at once, where
 * {@code HttpURLConnection.disconnect()} would wait for the reading thread's lock.
 */
final class AbortableSslSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private volatile Socket socket;

    AbortableSslSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /** Closes the socket of the request, if any; the request then fails with an IOException. */
    void abort() {
        Socket made = socket;
        if (made != null) {
            try {
                made.close();
            } catch (IOException e) {
                // closing is all that was wanted
            }
        }
    }

    private Socket remember(Socket made) {
        socket = made;
        return made;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return remember(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket layered, String host, int port, boolean autoClose) throws IOException {
        return remember(delegate.createSocket(layered, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return remember(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return remember(delegate.createSocket(address, port, localAddress, localPort));
    }
}
