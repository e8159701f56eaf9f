package dev.sluice.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Prints JSON the way generated files show it: two-space indentation, {@code "key": value}, empty
 * containers as {@code {}} and {@code []}, {@code \n} line ends, no trailing newline. Keys keep
 * their insertion order, so the output is as deterministic as the tree.
 */
public final class JsonPrinter {
    private JsonPrinter() {}

    static String print(JsonNode node) {
        StringBuilder out = new StringBuilder();
        print(node, 0, out);
        return out.toString();
    }

    /** A JSON string literal, quotes included, as Jackson writes one. */
    public static String string(String text) {
        return quote(text, new StringBuilder()).toString();
    }

    /**
     * A JSON document read into the tree Jackson's {@code ObjectMapper.readTree} would make (an integer as the smallest of
     * int, long and big integer nodes, a fraction as a double node), with only Jackson's streaming parser: no
     * {@code ObjectMapper}, whose start-up is a sizeable part of a cold run.
     */
    public static JsonNode parse(String json) {
        try (com.fasterxml.jackson.core.JsonParser parser = new com.fasterxml.jackson.core.JsonFactory().createParser(json)) {
            JsonNode node = read(parser, parser.nextToken());
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value: " + json);
            }
            return node;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static JsonNode read(com.fasterxml.jackson.core.JsonParser parser, com.fasterxml.jackson.core.JsonToken token)
            throws java.io.IOException {
        com.fasterxml.jackson.databind.node.JsonNodeFactory f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        return switch (token) {
            case START_OBJECT -> {
                com.fasterxml.jackson.databind.node.ObjectNode object = f.objectNode();
                for (var t = parser.nextToken(); t != com.fasterxml.jackson.core.JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    object.set(name, read(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                com.fasterxml.jackson.databind.node.ArrayNode array = f.arrayNode();
                for (var t = parser.nextToken(); t != com.fasterxml.jackson.core.JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(read(parser, t));
                }
                yield array;
            }
            case VALUE_STRING -> f.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> f.numberNode(parser.getIntValue());
                case LONG -> f.numberNode(parser.getLongValue());
                default -> f.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> f.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> f.booleanNode(true);
            case VALUE_FALSE -> f.booleanNode(false);
            case VALUE_NULL -> f.nullNode();
            default -> throw new IllegalArgumentException("unexpected " + token);
        };
    }

    /** On one line, without spaces, as Jackson's {@code writeValueAsString} writes a tree: {@code ["a",1]}. */
    public static String compact(JsonNode node) {
        StringBuilder out = new StringBuilder();
        compact(node, out);
        return out.toString();
    }

    private static void compact(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                quote(entry.getKey(), out).append(':');
                compact(entry.getValue(), out);
                out.append(it.hasNext() ? "," : "");
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                compact(it.next(), out);
                out.append(it.hasNext() ? "," : "");
            }
            out.append(']');
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else {
            out.append(node.asText());
        }
    }

    private static void print(JsonNode node, int indent, StringBuilder out) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                quote(entry.getKey(), pad(indent + 1, out)).append(": ");
                print(entry.getValue(), indent + 1, out);
                out.append(it.hasNext() ? ",\n" : "\n");
            }
            pad(indent, out).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                pad(indent + 1, out);
                print(it.next(), indent + 1, out);
                out.append(it.hasNext() ? ",\n" : "\n");
            }
            pad(indent, out).append(']');
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else {
            // Numbers, booleans and null as Jackson spells them. Not node.toString(): that starts a whole
            // ObjectMapper (some 400 classes, a tenth of a cold run) to print one scalar.
            out.append(node.asText());
        }
    }

    /** A JSON string as Jackson writes it: quoted, short backslash escapes, a four-hex-digit escape for other control characters. */
    private static StringBuilder quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static StringBuilder pad(int indent, StringBuilder out) {
        return out.append("  ".repeat(indent));
    }
}
