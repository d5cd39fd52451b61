package com.myparcel.auth.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP port on the loopback address standing in front of the token server, for failures WireMock cannot make:
 * <ul>
 *   <li>{@link Mode#REFUSE}: nothing listens on the port, so connecting is refused;</li>
 *   <li>{@link Mode#BLACKHOLE}: connections are accepted and then never answered (not even the TLS handshake);</li>
 *   <li>{@link Mode#FORWARD}: connections are piped byte for byte to the real token server, TLS included.</li>
 * </ul>
 * {@link #forward()} switches to the healthy mode while the test runs; connections already held stay held.
 */
final class SwitchableTcpFront implements AutoCloseable {

    enum Mode { REFUSE, BLACKHOLE, FORWARD }

    private final int port;
    private final int targetPort;
    private final List<Long> acceptedAt = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Mode mode;
    private volatile ServerSocket server;
    private volatile boolean closed;

    SwitchableTcpFront(Mode initial, int targetPort) {
        this.targetPort = targetPort;
        this.mode = initial;
        try {
            if (initial == Mode.REFUSE) {
                // A port that was free a moment ago and on which nothing listens now.
                try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                    port = probe.getLocalPort();
                }
            } else {
                ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                port = socket.getLocalPort();
                listen(socket);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** When each connection was accepted (epoch millis), in order. */
    List<Long> acceptedAt() {
        return List.copyOf(acceptedAt);
    }

    /** From now on, new connections reach the token server. */
    synchronized void forward() {
        Mode before = mode;
        mode = Mode.FORWARD;
        if (before == Mode.REFUSE) {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
                listen(socket);
            } catch (IOException e) {
                throw new UncheckedIOException("could not listen on " + port + " again", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(server);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private void listen(ServerSocket socket) {
        server = socket;
        Thread acceptor = new Thread(() -> {
            while (!closed) {
                Socket accepted;
                try {
                    accepted = socket.accept();
                } catch (IOException e) {
                    return; // closed
                }
                acceptedAt.add(System.currentTimeMillis());
                sockets.add(accepted);
                if (mode == Mode.FORWARD) {
                    pipeToTarget(accepted);
                } // BLACKHOLE: held open, never read, never answered
            }
        }, "tcp-front-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pipeToTarget(Socket client) {
        try {
            Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(target);
            pipe(client, target);
            pipe(target, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) != -1) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side closed
            } finally {
                closeQuietly(to);
                closeQuietly(from);
            }
        }, "tcp-front-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
