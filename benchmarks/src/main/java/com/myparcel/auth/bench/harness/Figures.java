package com.myparcel.auth.bench.harness;

import java.util.Locale;

/** How figures are written in result tables. */
public final class Figures {

    private Figures() {
    }

    public static String millis(double nanos) {
        return Double.isNaN(nanos) ? "n/a" : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    public static String micros(double nanos) {
        return Double.isNaN(nanos) ? "n/a" : String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
    }

    /** Tenths of a microsecond: for CPU time per request, where a few tenths are the difference. */
    public static String microsOneDecimal(double nanos) {
        return Double.isNaN(nanos) ? "n/a" : String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }

    public static String microsTwoDecimals(double nanos) {
        return Double.isNaN(nanos) ? "n/a" : String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
    }

    /** A share (0.0123) as a percentage ("1.23 %"). */
    public static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", share * 100);
    }

    public static String ratio(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a" : String.format(Locale.ROOT, "%.3f", ratio);
    }

    public static String perSecond(double rate) {
        return Double.isNaN(rate) ? "n/a" : String.format(Locale.ROOT, "%.0f/s", rate);
    }

    public static String bytes(double bytes) {
        if (Double.isNaN(bytes)) {
            return "n/a";
        }
        if (Math.abs(bytes) >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }

    public static String yesNo(boolean met) {
        return met ? "yes" : "**no**";
    }
}
