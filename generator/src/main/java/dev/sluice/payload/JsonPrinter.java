package dev.sluice.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Prints JSON the way generated files show it: two-space indentation, {@code "key": value}, empty
 * containers as {@code {}} and {@code []}, {@code \n} line ends, no trailing newline. Keys keep
 * their insertion order, so the output is as deterministic as the tree.
 */
final class JsonPrinter {
    private JsonPrinter() {}

    static String print(JsonNode node) {
        StringBuilder out = new StringBuilder();
        print(node, 0, out);
        return out.toString();
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
                pad(indent + 1, out).append(TextNode.valueOf(entry.getKey())).append(": ");
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
        } else {
            out.append(node); // scalars: Jackson's own JSON spelling, strings quoted and escaped
        }
    }

    private static StringBuilder pad(int indent, StringBuilder out) {
        return out.append("  ".repeat(indent));
    }
}
