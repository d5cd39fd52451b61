package com.example.legacy;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLConnection;

/**
 * A first {@code -javaagent} that opens (but never connects) an HTTP and an HTTPS connection in its premain,
 * so that the JDK's HttpURLConnection classes are already loaded when a later agent starts.
 * Prints one {@code EARLY <connection class>} line per connection to stdout.
 *
 * <p>With an agent argument {@code fault=<kind>} it does something else entirely: loaded AFTER the real agent, it
 * breaks that agent from the outside ({@link com.example.reliability.FaultInjector}).
 */
public class EarlyLoader {

    public static void premain(String args, Instrumentation instrumentation) throws IOException {
        if (args != null && args.startsWith("fault=")) {
            com.example.reliability.FaultInjector.install(args.substring("fault=".length()));
            return;
        }
        open("http://127.0.0.1:9/early");
        open("https://127.0.0.1:9/early");
    }

    private static void open(String spec) throws IOException {
        URLConnection connection = new URL(spec).openConnection();
        System.out.println("EARLY " + connection.getClass().getName());
    }
}
