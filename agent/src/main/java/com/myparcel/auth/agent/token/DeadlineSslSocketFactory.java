package com.myparcel.auth.agent.token;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The JVM's default TLS socket factory, with a deadline on every read of the token request: the TLS
 * handshake, the status line, the headers and the body. The read timeout restarts with every byte, so a
 * server answering byte by byte could otherwise hold the agent's thread for ever; enforcing the deadline
 * in the socket itself needs no timer thread.
 *
 * <p>It makes no unconnected sockets (the {@link javax.net.SocketFactory} default), so HttpURLConnection
 * connects a plain socket itself, through any proxy, and asks for TLS layered over it: the plain socket
 * is wrapped in a {@link DeadlineSocket} first, and TLS reads through it.
 */
final class DeadlineSslSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final long deadlineNanos;

    /** @param deadlineNanos in {@link System#nanoTime()}'s terms */
    DeadlineSslSocketFactory(SSLSocketFactory delegate, long deadlineNanos) {
        this.delegate = delegate;
        this.deadlineNanos = deadlineNanos;
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
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        return delegate.createSocket(new DeadlineSocket(plain, deadlineNanos), host, port, autoClose);
    }

    // HttpURLConnection layers TLS over its own socket (above); the direct forms get the deadline the
    // same way.

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(new Socket(host, port), host, port, true);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(new Socket(host, port, localHost, localPort), host, port, true);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(new Socket(host, port), host.getHostName(), port, true);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket(new Socket(address, port, localAddress, localPort), address.getHostName(), port, true);
    }
}
