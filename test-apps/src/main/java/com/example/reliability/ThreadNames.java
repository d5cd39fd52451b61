package com.example.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The {@code threads} command of the shipments apps: one {@code THREAD <name>} line per live thread of the JVM. */
public final class ThreadNames {

    private ThreadNames() {
    }

    public static void print() {
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.add(thread.getName());
        }
        Collections.sort(names);
        StringBuilder lines = new StringBuilder();
        for (String name : names) {
            lines.append("THREAD ").append(name.replaceAll("[\\r\\n]", " ")).append('\n');
        }
        System.out.print(lines);
    }
}
