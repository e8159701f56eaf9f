package dev.sluice.answers;

import dev.sluice.payload.JavaNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an endpoint's path says besides where it is: its path parameters, and the name that tells it apart from the
 * service's other endpoints (its Java package, its logical ids' prefix, its metrics' dimension).
 */
public final class EndpointPaths {
    /** A segment: lower-case letters, digits, '-' and '_', or a {parameter} whose name is a camelCase identifier. */
    static final Pattern PATH = Pattern.compile("(/([a-z0-9][a-z0-9_-]*|\\{[a-z][A-Za-z0-9]*\\}))+");
    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z][A-Za-z0-9]*)\\}");

    private EndpointPaths() {}

    /** The names of the path's {parameters}, in order. */
    public static List<String> parameters(String path) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The endpoint's name: its literal segments in PascalCase ({@code /orders/{orderId}/events} → {@code OrdersEvents},
     * {@code /v1/payments} → {@code V1Payments}); {@code Root} for a path of parameters only.
     */
    public static String name(String path) {
        StringBuilder name = new StringBuilder();
        for (String segment : path.substring(1).split("/")) {
            if (segment.startsWith("{")) {
                continue;
            }
            for (String word : segment.split("[^a-z0-9]+")) {
                if (!word.isEmpty()) {
                    name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
        }
        if (name.length() == 0 || !Character.isLetter(name.charAt(0))) {
            name.insert(0, "Root");
        }
        return name.toString();
    }

    /** The endpoint's Java package's last part: its name in lower case, kept clear of Java keywords. */
    public static String packageSegment(String path) {
        String segment = name(path).toLowerCase(Locale.ROOT);
        return JavaNames.isReserved(segment) ? segment + "endpoint" : segment;
    }

    /** The path with each parameter's name left out ({@code /orders/{}/events}): two paths API Gateway takes as one. */
    static String shape(String path) {
        return PARAMETER.matcher(path).replaceAll("{}");
    }
}
