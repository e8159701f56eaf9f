package dev.sluice.payload;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Question;
import dev.sluice.payload.FieldType.ScalarKind;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON Schema form of the payload: a draft-04, draft-06/07, 2019-09 or 2020-12 schema whose
 * root is an object with properties. Follows local {@code $ref}s (any JSON pointer into the same
 * document, so {@code #/definitions/...} and {@code #/$defs/...}) and merges {@code allOf}.
 *
 * <p>Mapping: string ({@code format} date-time → timestamp, date → date, uuid → uuid), integer
 * ({@code format: int64} or a bound beyond the int range → long, else int), number, boolean, string
 * {@code enum}/{@code const} → enum, array → list of {@code items}, object with properties → nested
 * object. A field is optional when it is not {@code required} or when it may be null ({@code type}
 * list with "null", a null {@code enum} value, a {@code oneOf}/{@code anyOf} null branch,
 * {@code nullable: true}). No usable type, a type list of several non-null types, an object without
 * properties and a {@code oneOf}/{@code anyOf} of several non-null branches all become
 * {@link FieldType.AnyType}. Property names are kept as they are (only an empty one is refused).
 */
public final class JsonSchemaReader {
    /** Deepest nesting of schemas (through properties, items and $ref) accepted. */
    public static final int MAX_DEPTH = 64;

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "array", "object", "null");

    private final JsonNode document;
    private final Path file;
    /** $refs being followed along the current path from the root: one seen again is a cycle. */
    private final Deque<String> following = new ArrayDeque<>();

    private JsonSchemaReader(JsonNode document, Path file) {
        this.document = document;
        this.file = file;
    }

    public static PayloadShape read(Path file) {
        JsonNode document = JsonFiles.read(file, Question.SCHEMA);
        if (!document.isObject()) {
            throw new InvalidAnswerException(Question.SCHEMA, file,
                    "is not a JSON Schema object (its root is " + JsonFiles.kind(document) + ")");
        }
        JsonNode dialect = document.get("$schema");
        if (dialect != null && dialect.isTextual() && dialect.textValue().matches(".*draft-0[0-3].*")) {
            throw new InvalidAnswerException(Question.SCHEMA, file,
                    "uses a JSON Schema draft before draft-04, which is not supported");
        }
        JsonSchemaReader reader = new JsonSchemaReader(document, file);
        List<String> pushed = new ArrayList<>();
        ObjectNode root = reader.flatten(document, "(root)", pushed);
        JsonNode type = root.get("type");
        boolean objectType = type == null
                || type.isTextual() && type.textValue().equals("object")
                || type.isArray() && nonNull(type).equals(List.of("object"));
        if (!objectType) {
            throw new InvalidAnswerException(Question.SCHEMA, file,
                    "does not describe an object (its root type is " + type + ")");
        }
        JsonNode properties = root.get("properties");
        if (properties == null || !properties.isObject() || properties.isEmpty()) {
            throw new InvalidAnswerException(Question.SCHEMA, file,
                    "does not describe an object with properties (the root needs \"type\": \"object\" and \"properties\")");
        }
        return new PayloadShape(reader.fields(root, "", 0));
    }

    /** A type and whether the schema also admits {@code null}. */
    private record Typed(FieldType type, boolean nullable) {}

    private List<Field> fields(ObjectNode schema, String path, int depth) {
        JsonNode properties = schema.get("properties");
        if (!properties.isObject()) {
            throw error("has 'properties' that is not an object" + at(path));
        }
        Set<String> required = new LinkedHashSet<>();
        JsonNode requiredNode = schema.get("required");
        if (requiredNode != null) {
            if (!requiredNode.isArray()) {
                throw error("has 'required' that is not a list of names" + at(path) + " (draft-03 style is not supported)");
            }
            requiredNode.forEach(n -> required.add(n.asText()));
        }
        List<Field> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            if (name.isEmpty()) {
                throw error("has a property with an empty name" + at(path));
            }
            String child = path.isEmpty() ? name : path + "." + name;
            Typed typed = type(property.getValue(), child, depth + 1);
            fields.add(new Field(name, typed.type(), !required.contains(name) || typed.nullable()));
        }
        return fields;
    }

    private Typed type(JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nests deeper than " + MAX_DEPTH + " levels at property '" + path + "'");
        }
        List<String> pushed = new ArrayList<>();
        try {
            return typeOf(flatten(node, path, pushed), path, depth);
        } finally {
            pushed.forEach(ref -> following.remove(ref));
        }
    }

    private Typed typeOf(ObjectNode schema, String path, int depth) {
        JsonNode typeNode = schema.get("type");
        boolean nullable = schema.path("nullable").asBoolean(false)
                || typeNode != null && typeNode.isArray() && nonNull(typeNode).size() < typeNode.size();
        if (schema.has("enum") || schema.has("const")) {
            return withNull(enumOrConst(schema, path), nullable);
        }
        String type;
        if (typeNode == null) {
            type = impliedType(schema);
            if (type == null) {
                return withNull(union(schema, path, depth), nullable);
            }
        } else if (typeNode.isTextual()) {
            type = typeNode.textValue();
        } else if (typeNode.isArray()) {
            List<String> types = nonNull(typeNode);
            if (types.isEmpty()) {
                return new Typed(new FieldType.AnyType(), true);
            }
            if (types.size() == 2 && types.contains("integer") && types.contains("number")) {
                types = List.of("number");
            }
            if (types.size() > 1) {
                types.forEach(t -> checkKnown(t, path));
                return new Typed(new FieldType.AnyType(), nullable);
            }
            type = types.get(0);
        } else {
            throw error("has a 'type' that is neither a name nor a list" + at(path));
        }
        checkKnown(type, path);
        FieldType result = switch (type) {
            case "string" -> new FieldType.Scalar(stringKind(schema));
            case "integer" -> new FieldType.Scalar(integerKind(schema));
            case "number" -> new FieldType.Scalar(ScalarKind.NUMBER);
            case "boolean" -> new FieldType.Scalar(ScalarKind.BOOLEAN);
            case "array" -> new FieldType.ListType(items(schema, path, depth));
            case "object" -> {
                JsonNode properties = schema.get("properties");
                yield properties == null || properties.isEmpty() ? new FieldType.AnyType()
                        : new FieldType.ObjectType(fields(schema, path, depth));
            }
            default -> null; // "null"
        };
        return result == null ? new Typed(new FieldType.AnyType(), true) : new Typed(result, nullable);
    }

    private void checkKnown(String type, String path) {
        if (!TYPES.contains(type)) {
            throw error("has an unknown type '" + type + "'" + at(path));
        }
    }

    private static Typed withNull(Typed typed, boolean nullable) {
        return nullable ? new Typed(typed.type(), true) : typed;
    }

    /** The type a schema without {@code type} implies by its other keywords, or null. */
    private static String impliedType(ObjectNode schema) {
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items") || schema.has("prefixItems")) {
            return "array";
        }
        if (schema.has("format") || schema.has("pattern") || schema.has("minLength") || schema.has("maxLength")) {
            return "string";
        }
        if (schema.has("minimum") || schema.has("maximum") || schema.has("multipleOf")) {
            return "number";
        }
        return null;
    }

    /** {@code oneOf}/{@code anyOf}: a single non-null branch is that branch; several are any JSON. */
    private Typed union(ObjectNode schema, String path, int depth) {
        JsonNode branches = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
        if (branches == null) {
            return new Typed(new FieldType.AnyType(), false); // no usable type: any JSON value
        }
        if (!branches.isArray() || branches.isEmpty()) {
            throw error("has a 'oneOf'/'anyOf' that is not a non-empty list" + at(path));
        }
        List<JsonNode> others = new ArrayList<>();
        boolean nullable = false;
        for (JsonNode branch : branches) {
            JsonNode type = branch.get("type");
            if (type != null && type.isTextual() && type.textValue().equals("null") && branch.size() == 1) {
                nullable = true;
            } else {
                others.add(branch);
            }
        }
        if (others.size() == 1) {
            return withNull(type(others.get(0), path, depth), nullable);
        }
        return new Typed(new FieldType.AnyType(), nullable);
    }

    private Typed enumOrConst(ObjectNode schema, String path) {
        List<JsonNode> values = new ArrayList<>();
        if (schema.has("enum")) {
            JsonNode list = schema.get("enum");
            if (!list.isArray() || list.isEmpty()) {
                throw error("has an 'enum' that is not a non-empty list" + at(path));
            }
            list.forEach(values::add);
        } else {
            values.add(schema.get("const"));
        }
        boolean nullable = values.removeIf(JsonNode::isNull);
        if (values.isEmpty()) {
            return new Typed(new FieldType.AnyType(), true);
        }
        if (values.stream().allMatch(JsonNode::isTextual)) {
            Set<String> distinct = new LinkedHashSet<>();
            for (JsonNode value : values) {
                if (value.textValue().isEmpty()) {
                    throw error("has an empty enum value" + at(path));
                }
                distinct.add(value.textValue());
            }
            return new Typed(new FieldType.EnumType(List.copyOf(distinct)), nullable);
        }
        ScalarKind kind;
        if (values.stream().allMatch(JsonNode::isIntegralNumber)) {
            kind = values.stream().allMatch(JsonNode::canConvertToInt) ? ScalarKind.INT
                    : values.stream().allMatch(JsonNode::canConvertToLong) ? ScalarKind.LONG : ScalarKind.NUMBER;
        } else if (values.stream().allMatch(JsonNode::isNumber)) {
            kind = ScalarKind.NUMBER;
        } else if (values.stream().allMatch(JsonNode::isBoolean)) {
            kind = ScalarKind.BOOLEAN;
        } else {
            return new Typed(new FieldType.AnyType(), nullable); // values of several kinds
        }
        return new Typed(new FieldType.Scalar(kind), nullable);
    }

    private static ScalarKind stringKind(ObjectNode schema) {
        return switch (schema.path("format").asText("")) {
            case "date-time" -> ScalarKind.TIMESTAMP;
            case "date" -> ScalarKind.DATE;
            case "uuid" -> ScalarKind.UUID;
            default -> ScalarKind.STRING;
        };
    }

    private static ScalarKind integerKind(ObjectNode schema) {
        String format = schema.path("format").asText("");
        if (format.equals("int64")) {
            return ScalarKind.LONG;
        }
        for (String bound : List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) {
            JsonNode value = schema.get(bound);
            if (value != null && value.isNumber()) { // draft-04's boolean exclusive* carry no bound
                BigDecimal number = value.decimalValue();
                if (number.compareTo(INT_MIN) < 0 || number.compareTo(INT_MAX) > 0) {
                    return ScalarKind.LONG;
                }
            }
        }
        return ScalarKind.INT;
    }

    private FieldType items(ObjectNode schema, String path, int depth) {
        JsonNode items = schema.get("items");
        if (schema.has("prefixItems") || items != null && items.isArray()) {
            throw error("has tuple items (prefixItems or a list of item schemas)" + at(path) + ", which is not supported");
        }
        if (items == null) {
            return new FieldType.AnyType();
        }
        return type(items, path + "[]", depth + 1).type();
    }

    /**
     * The schema with its {@code $ref} and {@code allOf} merged in: its own keywords first, then the
     * referenced schema's, then each {@code allOf} part's; {@code properties} are united (a property
     * given twice gets both schemas as an {@code allOf}), {@code required} lists joined. Each $ref
     * followed is pushed onto {@link #following} and recorded in {@code pushed} for the caller to pop.
     */
    private ObjectNode flatten(JsonNode node, String path, List<String> pushed) {
        return flatten(node, path, pushed, new ArrayDeque<>());
    }

    private ObjectNode flatten(JsonNode node, String path, List<String> pushed, Deque<String> chain) {
        if (node.isBoolean()) {
            if (!node.booleanValue()) {
                throw error("has the schema false, which accepts nothing" + at(path));
            }
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw error("has a schema that is " + JsonFiles.kind(node) + ", not an object" + at(path));
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ObjectNode own = ((ObjectNode) node).deepCopy();
        JsonNode ref = own.remove("$ref");
        JsonNode allOf = own.remove("allOf");
        merge(result, own);
        if (ref != null) {
            String target = ref.asText();
            if (chain.contains(target)) {
                throw error("has a cyclic $ref '" + target + "'" + at(path));
            }
            if (!pushed.contains(target)) { // else already merged in by an allOf sibling
                JsonNode resolved = resolve(target, path);
                following.push(target);
                pushed.add(target);
                chain.push(target);
                merge(result, flatten(resolved, path, pushed, chain));
                chain.pop();
            }
        }
        if (allOf != null) {
            if (!allOf.isArray()) {
                throw error("has an 'allOf' that is not a list" + at(path));
            }
            for (JsonNode part : allOf) {
                merge(result, flatten(part, path, pushed, chain));
            }
        }
        return result;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            JsonNode existing = into.get(key);
            if (existing == null) {
                into.set(key, value.deepCopy());
            } else if (key.equals("properties") && existing.isObject() && value.isObject()) {
                ObjectNode properties = (ObjectNode) existing;
                value.fields().forEachRemaining(p -> {
                    JsonNode before = properties.get(p.getKey());
                    if (before == null) {
                        properties.set(p.getKey(), p.getValue().deepCopy());
                    } else {
                        ObjectNode both = JsonNodeFactory.instance.objectNode();
                        ArrayNode parts = both.putArray("allOf");
                        parts.add(before);
                        parts.add(p.getValue().deepCopy());
                        properties.set(p.getKey(), both);
                    }
                });
            } else if (key.equals("required") && existing.isArray() && value.isArray()) {
                Set<String> names = new LinkedHashSet<>();
                existing.forEach(n -> names.add(n.asText()));
                value.forEach(n -> names.add(n.asText()));
                ArrayNode joined = JsonNodeFactory.instance.arrayNode();
                names.forEach(joined::add);
                into.set(key, joined);
            }
        }
    }

    private JsonNode resolve(String ref, String path) {
        if (!ref.startsWith("#")) {
            throw error("has a $ref '" + ref + "' that is not local to the file" + at(path));
        }
        if (following.contains(ref)) {
            throw error("has a cyclic $ref '" + ref + "'" + at(path));
        }
        String fragment = percentDecode(ref.substring(1));
        JsonNode target;
        if (fragment.isEmpty()) {
            target = document;
        } else if (!fragment.startsWith("/")) {
            target = null; // a plain-name anchor: not supported
        } else {
            try {
                target = document.at(JsonPointer.compile(fragment));
            } catch (IllegalArgumentException e) {
                target = null;
            }
        }
        if (target == null || target.isMissingNode()) {
            throw error("has a $ref '" + ref + "' that does not resolve" + at(path));
        }
        return target;
    }

    private static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static List<String> nonNull(JsonNode types) {
        List<String> result = new ArrayList<>();
        types.forEach(t -> {
            if (!t.asText().equals("null")) {
                result.add(t.asText());
            }
        });
        return result;
    }

    private static String at(String path) {
        return path.isEmpty() || path.equals("(root)") ? " at the root" : " in property '" + path + "'";
    }

    private InvalidAnswerException error(String reason) {
        return new InvalidAnswerException(Question.SCHEMA, file, reason);
    }
}
