package dev.sluice.payload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the fields-list form of the payload (BRIEF §3.1): {@code NAME:TYPE} specs with an optional
 * trailing {@code ?}, several per item when separated by top-level commas. Every error is an
 * {@link InvalidPayloadException} whose value is the offending spec (or item) and whose reason names the
 * offending piece.
 */
public final class FieldListParser {
    /** A JSON field name as the fields list accepts it. */
    public static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    /** Deepest nesting of list/object types accepted. */
    public static final int MAX_DEPTH = 16;

    private static final Pattern BAD_ENUM_VALUE = Pattern.compile("[\"'\\\\\\p{Cntrl}]");

    private FieldListParser() {}

    public static PayloadShape parse(List<String> items) {
        if (items == null || items.isEmpty() || items.stream().allMatch(i -> i == null || i.isBlank())) {
            throw new InvalidPayloadException(items == null ? null : String.join(",", items),
                    "is empty: give at least one field");
        }
        List<Field> fields = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String item : items) {
            String text = item == null ? "" : item;
            for (String spec : splitTopLevel(text, text)) {
                Field field = field(spec, spec, "", 0);
                if (!names.add(field.name())) {
                    throw error(spec, "repeats the field name '" + field.name() + "'");
                }
                fields.add(field);
            }
        }
        return new PayloadShape(fields);
    }

    /**
     * Every field's spec, one per field, trimmed: the items as given, split at their top-level commas. What
     * {@link #parse} reads, written the way a project records it.
     */
    public static List<String> specs(List<String> items) {
        parse(items);
        List<String> specs = new ArrayList<>();
        for (String item : items) {
            for (String spec : splitTopLevel(item == null ? "" : item, item)) {
                if (!spec.isBlank()) {
                    specs.add(spec.trim());
                }
            }
        }
        return specs;
    }

    /** Splits on commas outside brackets; checks that {@code ( < {} are balanced. */
    private static List<String> splitTopLevel(String text, String value) {
        List<String> parts = new ArrayList<>();
        Deque<Character> open = new ArrayDeque<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '(', '<', '{' -> open.push(c);
                case ')', '>', '}' -> {
                    char expected = c == ')' ? '(' : c == '>' ? '<' : '{';
                    if (open.isEmpty()) {
                        throw error(value, "has unbalanced brackets: '" + c + "' has no opening '" + expected + "'");
                    }
                    if (open.peek() != expected) {
                        throw error(value, "has unbalanced brackets: '" + c + "' where '" + open.peek() + "' is still open");
                    }
                    open.pop();
                }
                case ',' -> {
                    if (open.isEmpty()) {
                        parts.add(text.substring(start, i));
                        start = i + 1;
                    }
                }
                default -> { }
            }
        }
        if (!open.isEmpty()) {
            throw error(value, "has unbalanced brackets: '" + open.peek() + "' is not closed");
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static Field field(String rawSpec, String value, String parentPath, int depth) {
        String spec = rawSpec.trim();
        if (spec.isEmpty()) {
            String where = parentPath.isEmpty() ? "" : " in field '" + parentPath + "'";
            throw error(value, "has an empty field spec" + where + " (a stray comma?)");
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw error(value, "has no ':' between name and type in '" + spec + "'");
        }
        String name = spec.substring(0, colon).trim();
        String path = parentPath.isEmpty() ? name : parentPath + "." + name;
        if (name.isEmpty()) {
            throw error(value, "has a field with no name in '" + spec + "'");
        }
        if (name.contains("/") || name.contains("\\") || name.contains("..")) {
            throw error(value, "has a path-like field name '" + name + "'");
        }
        if (!FIELD_NAME.matcher(name).matches()) {
            String hint = name.endsWith("?") ? " (put the ? after the type)"
                    : " (letters, digits, '_' and '-', starting with a letter or '_')";
            throw error(value, "has an invalid field name '" + name + "'" + hint);
        }
        String typeText = spec.substring(colon + 1).trim();
        boolean optional = typeText.endsWith("?");
        if (optional) {
            typeText = typeText.substring(0, typeText.length() - 1).trim();
        }
        if (typeText.isEmpty()) {
            throw error(value, "has no type for field '" + path + "'");
        }
        return new Field(name, type(typeText, value, path, depth), optional);
    }

    private static FieldType type(String text, String value, String path, int depth) {
        if (depth >= MAX_DEPTH) {
            throw error(value, "nests types deeper than " + MAX_DEPTH + " levels in field '" + path + "'");
        }
        for (FieldType.ScalarKind kind : FieldType.ScalarKind.values()) {
            if (kind.spelling().equalsIgnoreCase(text)) {
                return new FieldType.Scalar(kind);
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("enum")) {
            return enumType(body(text, "enum", '(', ')', value, path), value, path);
        }
        if (lower.startsWith("list")) {
            String inner = body(text, "list", '<', '>', value, path).trim();
            if (inner.isEmpty()) {
                throw error(value, "has a list with no item type in field '" + path + "'");
            }
            if (inner.endsWith("?")) {
                throw error(value, "has an optional list item type '" + inner + "' in field '" + path
                        + "' (list items cannot be optional)");
            }
            return new FieldType.ListType(type(inner, value, path, depth + 1));
        }
        if (lower.startsWith("object")) {
            String inner = body(text, "object", '{', '}', value, path);
            if (inner.isBlank()) {
                throw error(value, "has an object with no fields in field '" + path + "'");
            }
            List<Field> fields = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            for (String spec : splitTopLevel(inner, value)) {
                Field field = field(spec, value, path, depth + 1);
                if (!names.add(field.name())) {
                    throw error(value, "repeats the field name '" + field.name() + "' in field '" + path + "'");
                }
                fields.add(field);
            }
            return new FieldType.ObjectType(fields);
        }
        throw error(value, "has an unknown type '" + text + "' in field '" + path + "'");
    }

    /** The text between {@code open} and the final {@code close} of {@code keyword(...)}. */
    private static String body(String text, String keyword, char open, char close, String value, String path) {
        String rest = text.substring(keyword.length()).trim();
        if (!rest.isEmpty() && rest.charAt(0) != open) {
            throw error(value, "has an unknown type '" + text + "' in field '" + path + "'");
        }
        if (rest.length() < 2 || rest.charAt(rest.length() - 1) != close) {
            throw error(value, "has a malformed type '" + text + "' in field '" + path + "' (write " + keyword + open
                    + "..." + close + ")");
        }
        return rest.substring(1, rest.length() - 1);
    }

    private static FieldType enumType(String body, String value, String path) {
        if (body.isBlank()) {
            throw error(value, "has an empty enum in field '" + path + "'");
        }
        Set<String> values = new LinkedHashSet<>();
        for (String raw : body.split(",", -1)) {
            String v = raw.trim();
            if (v.isEmpty()) {
                throw error(value, "has an empty enum value in field '" + path + "'");
            }
            if (BAD_ENUM_VALUE.matcher(v).find() || v.chars().anyMatch(c -> "()<>{}".indexOf(c) >= 0)) {
                throw error(value, "has an invalid enum value '" + v + "' in field '" + path + "'");
            }
            if (!values.add(v)) {
                throw error(value, "repeats the enum value '" + v + "' in field '" + path + "'");
            }
        }
        return new FieldType.EnumType(List.copyOf(values));
    }

    private static InvalidPayloadException error(String value, String reason) {
        return new InvalidPayloadException(value.trim(), reason);
    }
}
