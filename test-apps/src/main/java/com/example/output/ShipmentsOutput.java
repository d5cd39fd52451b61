package com.example.output;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The stdout lines every shipments app prints ({@code SENT}, {@code RESULT}, {@code ERROR}), so the tests read all alike. */
public final class ShipmentsOutput {

    private ShipmentsOutput() {
    }

    /** {@code SENT <method> <path> <bytes> <sha256>}: the request body the app hands to its HTTP library. */
    public static void sent(String method, URI uri, String body) {
        sent(method, uri.getPath(), body);
    }

    public static void sent(String method, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        System.out.println("SENT " + method + " " + path + " " + bytes.length + " " + sha256(bytes));
    }

    /** {@code RESULT <method> <path> <status> <bodyLength> <first 80 chars of body>}. */
    public static void result(String method, URI uri, int status, String body) {
        result(method, uri.getPath(), status, body);
    }

    public static void result(String method, String path, int status, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        String snippet = text.length() > 80 ? text.substring(0, 80) : text;
        System.out.println("RESULT " + method + " " + path + " " + status + " " + bytes.length + " " + snippet);
    }

    /** {@code ERROR <method> <url> <ExceptionClass>: <message>}: the request failed without an HTTP answer. */
    public static void error(String method, URI uri, Exception e) {
        error(method, uri.toString(), e);
    }

    public static void error(String method, String target, Exception e) {
        String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        System.out.println("ERROR " + method + " " + target + " " + e.getClass().getName() + ": " + message);
    }

    private static String sha256(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
