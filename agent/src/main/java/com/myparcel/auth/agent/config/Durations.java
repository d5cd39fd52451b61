package com.myparcel.auth.agent.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Parses the durations operators write: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT5M}). */
final class Durations {

    private static final int MAX_DIGITS = 9;

    private Durations() {
    }

    static Duration parse(String setting, String text) throws InvalidSettingException {
        String trimmed = text.trim();
        Duration shortForm = shortForm(trimmed);
        if (shortForm != null) {
            return shortForm;
        }
        try {
            Duration duration = Duration.parse(trimmed);
            if (!duration.isNegative()) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // reported below with the accepted forms
        }
        throw new InvalidSettingException(setting, "'" + trimmed
                + "' is not a duration (use for example 500ms, 30s, 5m, 1h or PT5M)");
    }

    /**
     * Up to nine digits, optional spaces, a unit; null for anything else. Read by hand because
     * java.util.regex, first used in premain, costs the application's start milliseconds.
     */
    private static Duration shortForm(String text) {
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 || digits > MAX_DIGITS) {
            return null;
        }
        long amount = Long.parseLong(text, 0, digits, 10);
        int unit = digits;
        while (unit < text.length() && Character.isWhitespace(text.charAt(unit))) {
            unit++;
        }
        switch (text.substring(unit)) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return null;
        }
    }
}
