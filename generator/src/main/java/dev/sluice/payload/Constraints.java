package dev.sluice.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a schema asks of a value beyond its type: the draft-04 validation keywords a {@code --schema} may give
 * (docs/payload.md lists every keyword and what becomes of it). Absent bounds are null; {@code patterns} all
 * apply (the request model gives the first as {@code pattern} and the others in an {@code allOf}).
 *
 * <p>{@code enumValues} restricts a non-string value to a list (a string enum is a {@link FieldType.EnumType});
 * {@code types} are the JSON types an {@link FieldType.AnyType} admits (empty: any). {@code closed} is
 * {@code additionalProperties: false}; {@code additional} the schema of properties beyond the listed ones, if
 * one is given. {@code examples} are the schema's own {@code examples}, {@code example} and {@code default}:
 * not carried into the model, but a sample value when none can be made.
 */
public record Constraints(
        Long minLength, Long maxLength, List<String> patterns,
        Bound minimum, Bound maximum, BigDecimal multipleOf,
        Long minItems, Long maxItems, boolean uniqueItems,
        Long minProperties, Long maxProperties, boolean closed, Typed additional,
        List<JsonNode> enumValues, List<String> types, List<JsonNode> examples) {

    public static final Constraints NONE = new Constraints(null, null, List.of(), null, null, null, null, null, false,
            null, null, false, null, List.of(), List.of(), List.of());

    /** A numeric bound: the value, and whether the value itself is excluded. */
    public record Bound(BigDecimal value, boolean exclusive) {}

    public Constraints {
        patterns = List.copyOf(patterns);
        enumValues = List.copyOf(enumValues);
        types = List.copyOf(types);
        examples = List.copyOf(examples);
    }

    /** These constraints and one more pattern (kept once). */
    public Constraints withPattern(String pattern) {
        if (patterns.contains(pattern)) {
            return this;
        }
        List<String> more = new ArrayList<>(patterns);
        more.add(pattern);
        return new Constraints(minLength, maxLength, more, minimum, maximum, multipleOf, minItems, maxItems, uniqueItems,
                minProperties, maxProperties, closed, additional, enumValues, types, examples);
    }

    /** These constraints with a length within {@code [min, max]} as well (null: no bound of that side). */
    public Constraints withLength(Long min, Long max) {
        Long low = min == null ? minLength : minLength == null ? min : Long.valueOf(Math.max(min, minLength));
        Long high = max == null ? maxLength : maxLength == null ? max : Long.valueOf(Math.min(max, maxLength));
        return new Constraints(low, high, patterns, minimum, maximum, multipleOf, minItems, maxItems, uniqueItems,
                minProperties, maxProperties, closed, additional, enumValues, types, examples);
    }

    /** These constraints with these sample candidates. */
    public Constraints withExamples(List<JsonNode> candidates) {
        return new Constraints(minLength, maxLength, patterns, minimum, maximum, multipleOf, minItems, maxItems, uniqueItems,
                minProperties, maxProperties, closed, additional, enumValues, types, candidates);
    }
}
