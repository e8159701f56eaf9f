package dev.sluice.answers;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them: {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or combined, {@code 1h30m}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {}

    public static Optional<Duration> parse(String text) {
        String trimmed = text.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = FORM.matcher(trimmed);
        if (trimmed.isEmpty() || !m.matches()) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.ZERO;
            if (m.group(1) != null) d = d.plusDays(Long.parseLong(m.group(1)));
            if (m.group(2) != null) d = d.plusHours(Long.parseLong(m.group(2)));
            if (m.group(3) != null) d = d.plusMinutes(Long.parseLong(m.group(3)));
            if (m.group(4) != null) d = d.plusSeconds(Long.parseLong(m.group(4)));
            return Optional.of(d);
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            return Optional.empty();
        }
    }

    /** The shortest way to write {@code d} in the accepted form, e.g. {@code 90s → 1m30s}. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = s / 86_400, hours = s % 86_400 / 3_600, minutes = s % 3_600 / 60, seconds = s % 60;
        if (days > 0) out.append(days).append('d');
        if (hours > 0) out.append(hours).append('h');
        if (minutes > 0) out.append(minutes).append('m');
        if (seconds > 0) out.append(seconds).append('s');
        return out.toString();
    }
}
