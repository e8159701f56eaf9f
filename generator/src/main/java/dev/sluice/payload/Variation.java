package dev.sluice.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;

/**
 * Numbered values of one field, each valid by the field's schema in the request model, for the local pipeline's
 * requests (SampleRequests): text as a prefix, a counter written in an alphabet at a fixed width, and a suffix
 * ({@code "r-" + 000042 + ""}); numbers from a start by a step; or a list of values taken in turn. The generated
 * code computes the same values as {@link #value}; {@link #javaExpression} spells the recipe for it.
 */
public record Variation(Kind kind, String prefix, String alphabet, int width, String suffix, BigDecimal start,
                        BigDecimal step, long count, List<JsonNode> values) {

    public enum Kind { TEXT, NUMBER, VALUES }

    public Variation {
        values = List.copyOf(values);
    }

    static Variation text(String prefix, String alphabet, int width, String suffix) {
        long count = 1;
        for (int i = 0; i < width && count < Long.MAX_VALUE / alphabet.length(); i++) {
            count *= alphabet.length();
        }
        return new Variation(Kind.TEXT, prefix, alphabet, width, suffix, null, null, count, List.of());
    }

    static Variation numbers(BigDecimal start, BigDecimal step, long count) {
        return new Variation(Kind.NUMBER, null, null, 0, null, start, step, count, List.of());
    }

    static Variation values(List<JsonNode> values) {
        return new Variation(Kind.VALUES, null, null, 0, null, null, null, values.size(), values);
    }

    /** The {@code n}th value (n from 0); after {@link #count} values they repeat. */
    public JsonNode value(long n) {
        long k = Math.floorMod(n, count);
        return switch (kind) {
            case TEXT -> {
                StringBuilder digits = new StringBuilder();
                long rest = k;
                for (int i = 0; i < width; i++) {
                    digits.insert(0, alphabet.charAt((int) (rest % alphabet.length())));
                    rest /= alphabet.length();
                }
                yield JsonNodeFactory.instance.textNode(prefix + digits + suffix);
            }
            case NUMBER -> RequestModel.number(start.add(step.multiply(BigDecimal.valueOf(k))));
            case VALUES -> values.get((int) k);
        };
    }

    /** The recipe as the generated SampleRequests spells it: a call of its own {@code Variation} factories. */
    public String javaExpression() {
        return switch (kind) {
            case TEXT -> "Variation.text(" + JavaNames.stringLiteral(prefix) + ", " + JavaNames.stringLiteral(alphabet) + ", " + width
                    + ", " + JavaNames.stringLiteral(suffix) + ")";
            case NUMBER -> "Variation.numbers(\"" + start.toPlainString() + "\", \"" + step.toPlainString() + "\", " + count + "L)";
            case VALUES -> "Variation.values(" + JavaNames.stringLiteral(valuesJson()) + ")";
        };
    }

    /** The values as one JSON array. */
    private String valuesJson() {
        com.fasterxml.jackson.databind.node.ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return JsonPrinter.compact(array);
    }

    /** In words, for the generated code's comment: {@code "r-" then 6 of 0-9} and the like. */
    public String description() {
        return switch (kind) {
            case TEXT -> (prefix.isEmpty() ? "" : "\"" + prefix + "\" then ") + width + " of " + alphabetName()
                    + (suffix.isEmpty() ? "" : " then \"" + suffix + "\"") + " (" + count + " values)";
            case NUMBER -> "from " + start.toPlainString() + " by " + step.toPlainString() + " (" + count + " values)";
            case VALUES -> "each of " + valuesJson() + " in turn";
        };
    }

    private String alphabetName() {
        return switch (alphabet) {
            case SampleValues.DIGITS -> "0-9";
            case SampleValues.LOWER -> "a-z";
            case SampleValues.UPPER -> "A-Z";
            default -> "\"" + alphabet + "\"";
        };
    }
}
