package dev.sluice.plan;

import dev.sluice.answers.Durations;
import java.time.Duration;

/**
 * How the plan writes numbers for people: ages, counts, money. Locale-independent, so output is
 * byte-stable; written by hand rather than with {@link String#format}, whose first use costs a fresh
 * JVM tens of milliseconds (sluice runs once and exits).
 */
public final class Formats {
    private Formats() {}

    /** An age or duration in seconds: "0.6 s", "47 s", "2m15s", "1d2h"; "unbounded" when infinite. */
    public static String seconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "unbounded";
        }
        if (seconds < 10) {
            return trimmed(seconds, 1) + " s";
        }
        if (seconds < 60) {
            return Math.round(seconds) + " s";
        }
        long whole = (long) Math.ceil(seconds - 1e-9);
        if (whole >= 86_400 * 2) { // days and hours are enough
            whole = (whole + 1_799) / 3_600 * 3_600;
        } else if (whole >= 7_200) { // hours and minutes
            whole = (whole + 59) / 60 * 60;
        }
        return Durations.format(Duration.ofSeconds(whole));
    }

    /** A count of messages or requests: "13,140,000"; one decimal below 10 when not whole. */
    public static String count(double value) {
        if (!Double.isFinite(value)) {
            return "unbounded";
        }
        if (value < 10 && value != Math.rint(value)) {
            return fixed(value, 1);
        }
        return grouped(Math.round(value));
    }

    /** A rate: "49.7", "5", "0.25", "3,157.9". */
    public static String rate(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return grouped((long) value);
        }
        return value < 1 ? fixed(value, 2) : fixed(value, 1);
    }

    /** Money to the cent: "$45.99", "$4,816.55". */
    public static String money(double dollars) {
        return "$" + fixed(dollars, 2);
    }

    /** A unit price as listed: "$3.50", "$0.20", "$0.0000133334". */
    public static String unitPrice(double dollars) {
        int decimals = 2;
        while (decimals < 12 && Math.abs(Double.parseDouble(fixed(dollars, decimals).replace(",", "")) - dollars) > dollars * 1e-12) {
            decimals++;
        }
        return "$" + fixed(dollars, decimals);
    }

    /** {@code value} rounded to {@code decimals} places, thousands grouped: "1,234.50". */
    public static String fixed(double value, int decimals) {
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long scaled = Math.round(Math.abs(value) * scale);
        String sign = value < 0 && scaled != 0 ? "-" : "";
        String whole = grouped(scaled / scale);
        if (decimals == 0) {
            return sign + whole;
        }
        String fraction = Long.toString(scaled % scale);
        return sign + whole + "." + "0".repeat(decimals - fraction.length()) + fraction;
    }

    /** Like {@link #fixed} without a trailing ".0": "12.3", "12". */
    public static String trimmed(double value, int decimals) {
        String text = fixed(value, decimals);
        if (text.indexOf('.') >= 0) {
            while (text.endsWith("0")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.endsWith(".")) {
                text = text.substring(0, text.length() - 1);
            }
        }
        return text.equals("-0") ? "0" : text;
    }

    /** A whole number with thousands separated by commas. */
    public static String grouped(long value) {
        String digits = Long.toString(Math.abs(value));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (value < 0) {
            out.append('-');
        }
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }
}
