package com.myparcel.auth.agent.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations operators write: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT5M}). */
final class Durations {

    private static final Pattern SHORT_FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private Durations() {
    }

    static Duration parse(String setting, String text) throws InvalidSettingException {
        String trimmed = text.trim();
        Matcher matcher = SHORT_FORM.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            switch (matcher.group(2)) {
                case "ms":
                    return Duration.ofMillis(amount);
                case "s":
                    return Duration.ofSeconds(amount);
                case "m":
                    return Duration.ofMinutes(amount);
                default:
                    return Duration.ofHours(amount);
            }
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
}
