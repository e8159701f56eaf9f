package dev.sluice.payload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.payload.FieldType.ScalarKind;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Infers the payload shape from an example JSON object. Strings that are RFC 3339 instants, ISO
 * dates or UUIDs become {@code timestamp}, {@code date}, {@code uuid}; whole numbers {@code int}
 * ({@code long} beyond the int range, {@code number} beyond the long range); other numbers
 * {@code number}. An array's item type unifies all its elements (objects merge their fields; a field
 * missing or null in some element is optional; int and long widen to long, to number with fractions;
 * mixed string forms become string; anything else mixed becomes {@link FieldType.AnyType}). A
 * {@code null} becomes an optional AnyType, an empty array an optional list of AnyType, an empty
 * nested object a required AnyType. Every other field is required.
 */
public final class ExampleInferrer {
    /** Deepest nesting of objects and arrays accepted. */
    public static final int MAX_DEPTH = 32;

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile(RequestModel.TIMESTAMP_PATTERN);
    private static final Set<ScalarKind> STRING_FORMS = Set.of(ScalarKind.STRING, ScalarKind.TIMESTAMP, ScalarKind.DATE, ScalarKind.UUID);
    private static final Set<ScalarKind> NUMBERS = Set.of(ScalarKind.INT, ScalarKind.LONG, ScalarKind.NUMBER);

    private ExampleInferrer() {}

    public static PayloadShape infer(Path file) {
        return infer(JsonFiles.read(file), file);
    }

    /** An example given as content ({@code sluice serve}), {@code label} naming it in errors. */
    public static PayloadShape parse(String content, Path label) {
        return infer(JsonFiles.parse(content.getBytes(java.nio.charset.StandardCharsets.UTF_8), label), label);
    }

    private static PayloadShape infer(JsonNode root, Path file) {
        if (!root.isObject()) {
            throw new InvalidPayloadException(file, "is not a JSON object (its root is " + JsonFiles.kind(root) + ")");
        }
        if (root.isEmpty()) {
            throw new InvalidPayloadException(file, "is an empty JSON object: no fields to infer");
        }
        Obj object = object(root, file, "", 0);
        return new PayloadShape(fields(object));
    }

    // ---- what is known about a value while examples are merged ----

    private sealed interface Guess {}

    /** Nothing known yet: a {@code null}, or the items of an empty array. */
    private record Unknown() implements Guess {}

    /** Elements of different kinds: only {@link FieldType.AnyType} holds them all. */
    private record Mixed() implements Guess {}

    private record Scalar(ScalarKind kind) implements Guess {}

    private record Arr(Guess items) implements Guess {}

    private record Obj(Map<String, Slot> fields) implements Guess {}

    private record Slot(Guess type, boolean optional) {}

    private static Guess guess(JsonNode node, Path file, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidPayloadException(file, "nests deeper than " + MAX_DEPTH + " levels at '" + path + "'");
        }
        if (node.isNull()) {
            return new Unknown();
        }
        if (node.isTextual()) {
            return new Scalar(stringKind(node.textValue()));
        }
        if (node.isBoolean()) {
            return new Scalar(ScalarKind.BOOLEAN);
        }
        if (node.isIntegralNumber()) {
            return new Scalar(node.canConvertToInt() ? ScalarKind.INT : node.canConvertToLong() ? ScalarKind.LONG : ScalarKind.NUMBER);
        }
        if (node.isNumber()) {
            return new Scalar(ScalarKind.NUMBER);
        }
        if (node.isArray()) {
            Guess items = new Unknown();
            for (JsonNode element : node) {
                items = unify(items, guess(element, file, path + "[]", depth + 1));
            }
            return new Arr(items);
        }
        if (node.isObject()) {
            return object(node, file, path, depth);
        }
        return new Mixed();
    }

    private static Obj object(JsonNode node, Path file, String path, int depth) {
        Map<String, Slot> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (name.isEmpty()) {
                throw new InvalidPayloadException(file,
                        "has an empty field name" + (path.isEmpty() ? "" : " in '" + path + "'"));
            }
            fields.put(name, new Slot(guess(entry.getValue(), file, fieldPath, depth + 1), entry.getValue().isNull()));
        }
        return new Obj(fields);
    }

    static ScalarKind stringKind(String text) {
        if (UUID.matcher(text).matches()) {
            return ScalarKind.UUID;
        }
        if (DATE.matcher(text).matches()) {
            try {
                LocalDate.parse(text);
                return ScalarKind.DATE;
            } catch (DateTimeParseException e) {
                return ScalarKind.STRING;
            }
        }
        if (TIMESTAMP.matcher(text).matches()) {
            try {
                OffsetDateTime.parse(text);
                return ScalarKind.TIMESTAMP;
            } catch (DateTimeParseException e) {
                return ScalarKind.STRING;
            }
        }
        return ScalarKind.STRING;
    }

    private static Guess unify(Guess a, Guess b) {
        if (a instanceof Unknown) {
            return b;
        }
        if (b instanceof Unknown) {
            return a;
        }
        if (a instanceof Scalar x && b instanceof Scalar y) {
            if (x.kind() == y.kind()) {
                return x;
            }
            if (STRING_FORMS.contains(x.kind()) && STRING_FORMS.contains(y.kind())) {
                return new Scalar(ScalarKind.STRING);
            }
            if (NUMBERS.contains(x.kind()) && NUMBERS.contains(y.kind())) {
                return new Scalar(x.kind() == ScalarKind.NUMBER || y.kind() == ScalarKind.NUMBER ? ScalarKind.NUMBER : ScalarKind.LONG);
            }
            return new Mixed();
        }
        if (a instanceof Arr x && b instanceof Arr y) {
            return new Arr(unify(x.items(), y.items()));
        }
        if (a instanceof Obj x && b instanceof Obj y) {
            Map<String, Slot> merged = new LinkedHashMap<>();
            x.fields().forEach((name, slot) -> {
                Slot other = y.fields().get(name);
                merged.put(name, other == null ? new Slot(slot.type(), true)
                        : new Slot(unify(slot.type(), other.type()), slot.optional() || other.optional()));
            });
            y.fields().forEach((name, slot) -> merged.putIfAbsent(name, new Slot(slot.type(), true)));
            return new Obj(merged);
        }
        return new Mixed();
    }

    // ---- conversion to the shared vocabulary ----

    private static List<Field> fields(Obj object) {
        List<Field> fields = new ArrayList<>();
        object.fields().forEach((name, slot) ->
                fields.add(new Field(name, type(slot.type()), slot.optional() || unknownAtBottom(slot.type()))));
        return fields;
    }

    /** A null, or an (array of) empty array(s): the example says nothing of the type, so it may be absent. */
    private static boolean unknownAtBottom(Guess guess) {
        Guess g = guess;
        while (g instanceof Arr arr) {
            g = arr.items();
        }
        return g instanceof Unknown;
    }

    private static FieldType type(Guess guess) {
        if (guess instanceof Scalar s) {
            return new FieldType.Scalar(s.kind());
        }
        if (guess instanceof Arr a) {
            return new FieldType.ListType(type(a.items()));
        }
        if (guess instanceof Obj o && !o.fields().isEmpty()) {
            return new FieldType.ObjectType(fields(o));
        }
        return new FieldType.AnyType(); // null, mixed kinds, or an empty object
    }
}
