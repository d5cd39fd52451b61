package com.myparcel.auth.bench.harness;

/** A line a child wrote, and System.nanoTime() (of the runner) when the runner read it. */
public record OutputLine(String text, long arrivedNanos) {

    /** The text after {@code marker} and a space, for lines like {@code "WINDOW requests=12 ..."}. */
    public String rest(String marker) {
        return text.length() > marker.length() ? text.substring(marker.length()).trim() : "";
    }
}
