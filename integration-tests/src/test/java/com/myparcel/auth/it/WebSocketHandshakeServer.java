package com.myparcel.auth.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A TLS server on loopback, with the test certificate, that answers WebSocket opening handshakes (RFC 6455,
 * section 4.2.2) and records each handshake's request line and headers. It speaks no frames after the handshake
 * and keeps the connection until the client drops it. A request without the upgrade headers gets 400, as a real
 * WebSocket endpoint answers a plain GET. WireMock has no WebSocket endpoints.
 */
final class WebSocketHandshakeServer implements AutoCloseable {

    /** The request line, recorded under this key beside the headers (whose names are lower-cased). */
    static final String REQUEST_LINE = ":request";
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final SSLServerSocket serverSocket;
    private final List<Map<String, String>> handshakes = new CopyOnWriteArrayList<>();

    private WebSocketHandshakeServer(SSLServerSocket serverSocket) {
        this.serverSocket = serverSocket;
    }

    static WebSocketHandshakeServer start() throws Exception {
        KeyStore keys = KeyStore.getInstance(TestCertificates.STORE_TYPE);
        try (InputStream in = Files.newInputStream(TestCertificates.keystore())) {
            keys.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, TestCertificates.PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        WebSocketHandshakeServer server = new WebSocketHandshakeServer((SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(server::acceptConnections, "websocket-handshake-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Every handshake request received, in order. */
    List<Map<String, String>> handshakes() {
        return List.copyOf(handshakes);
    }

    private void acceptConnections() {
        while (!serverSocket.isClosed()) {
            try (Socket connection = serverSocket.accept()) {
                connection.setSoTimeout(30_000);
                answer(connection);
            } catch (IOException e) {
                // closed by close(), or a client that went away: the next one is independent
            }
        }
    }

    private void answer(Socket connection) throws IOException {
        BufferedReader in = new BufferedReader(
                new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
        String requestLine = in.readLine();
        if (requestLine == null) {
            return;
        }
        Map<String, String> request = new LinkedHashMap<>();
        request.put(REQUEST_LINE, requestLine);
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            int colon = line.indexOf(':');
            request.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        handshakes.add(request);
        OutputStream out = connection.getOutputStream();
        String key = request.get("sec-websocket-key");
        if (key == null || !"websocket".equalsIgnoreCase(request.get("upgrade"))) {
            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return;
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        while (in.read() >= 0) {
            // the client's frames, until it drops the connection
        }
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
