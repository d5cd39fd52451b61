package com.myparcel.auth.bench.apps;

import java.net.URI;

/**
 * Makes one API request as soon as main starts and prints when its answer arrived: the time until the
 * first authorized response. Arguments: {@code <urlconnection|httpclient> <url>}.
 */
public final class FirstRequestApp {

    public static final String FIRST_RESPONSE = "FIRST_RESPONSE";
    public static final String FIRST_FAILED = "FIRST_FAILED";

    private FirstRequestApp() {
    }

    public static void main(String[] args) {
        try {
            int status = ApiRequester.create(args[0], URI.create(args[1])).get();
            System.out.println(FIRST_RESPONSE + " " + status);
        } catch (Exception e) {
            System.out.println(FIRST_FAILED + " " + e);
            System.exit(1);
        }
    }
}
