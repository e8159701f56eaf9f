package dev.sluice.payload;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.payload.FieldType.ScalarKind;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON Schema form of the payload: a draft-04, draft-06/07, 2019-09 or 2020-12 schema whose
 * root is an object with properties. Follows local {@code $ref}s (any JSON pointer into the same
 * document, so {@code #/definitions/...} and {@code #/$defs/...}) and merges {@code allOf} (bounds tightened,
 * patterns and enums all applied).
 *
 * <p>Mapping: string ({@code format} date-time → timestamp, date → date, uuid → uuid), integer
 * ({@code format: int64} or a bound beyond the int range → long, else int), number, boolean, string
 * {@code enum}/{@code const} → enum (other values: the scalar with the values kept), array → list of
 * {@code items}, object with properties → nested object. A field is optional when it is not {@code required}
 * or when it may be null ({@code type} list with "null", a null {@code enum} value, a {@code oneOf}/{@code anyOf}
 * null branch, {@code nullable: true}). A type list of several non-null types, an object without properties
 * and a {@code oneOf}/{@code anyOf} of plain types become {@link FieldType.AnyType} admitting those types.
 * Property names are kept as they are (only an empty one is refused).
 *
 * <p>Every validation keyword draft-04 can express is kept as the type's {@link Constraints}, at any depth;
 * {@link SchemaKeywords} says for every keyword of every draft whether it is carried, an annotation, or
 * refused (exit 2 naming it). Nothing null from the schema reaches the request model.
 */
public final class JsonSchemaReader {
    /** Deepest nesting of schemas (through properties, items and $ref) accepted. */
    public static final int MAX_DEPTH = 64;

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "array", "object", "null");

    private final JsonNode document;
    private final Path file;
    /** $refs being followed along the current path from the root: one on {@link #cyclic} seen again is a cycle. */
    private final Deque<String> following = new ArrayDeque<>();
    /**
     * The $refs that can reach themselves: through the schema a $ref names, its properties, items and parts, to
     * another $ref, and so on back. Only these can recur for real; a $ref met again elsewhere (an allOf of the
     * object and one of its properties naming the same definition) is a reuse, not a cycle.
     */
    private final Set<String> cyclic;

    private JsonSchemaReader(JsonNode document, Path file) {
        this.document = document;
        this.file = file;
        this.cyclic = cyclicRefs();
    }

    private Set<String> cyclicRefs() {
        Map<String, Set<String>> edges = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>(refsWithin(document));
        while (!todo.isEmpty()) {
            String ref = todo.pop();
            if (!edges.containsKey(ref)) {
                Set<String> next = new HashSet<>();
                try {
                    next.addAll(refsWithin(resolve(ref, "")));
                } catch (InvalidPayloadException e) {
                    // not resolvable: reported where it is used
                }
                edges.put(ref, next);
                todo.addAll(next);
            }
        }
        Set<String> onCycles = new HashSet<>();
        for (String start : edges.keySet()) {
            Deque<String> stack = new ArrayDeque<>(edges.get(start));
            Set<String> seen = new HashSet<>();
            while (!stack.isEmpty()) {
                String ref = stack.pop();
                if (ref.equals(start)) {
                    onCycles.add(start);
                    break;
                }
                if (seen.add(ref)) {
                    stack.addAll(edges.getOrDefault(ref, Set.of()));
                }
            }
        }
        return onCycles;
    }

    /** Every $ref in a schema and its subschemas, leaving out definitions (met only through a $ref of their own). */
    private static Set<String> refsWithin(JsonNode node) {
        Set<String> refs = new HashSet<>();
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref") && entry.getValue().isTextual()) {
                    refs.add(entry.getValue().textValue());
                } else if (!entry.getKey().equals("definitions") && !entry.getKey().equals("$defs")) {
                    refs.addAll(refsWithin(entry.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> refs.addAll(refsWithin(item)));
        }
        return refs;
    }

    public static PayloadShape read(Path file) {
        return read(JsonFiles.read(file), file);
    }

    /** A schema given as content ({@code sluice serve}), {@code label} naming it in errors. */
    public static PayloadShape parse(String content, Path label) {
        return read(JsonFiles.parse(content.getBytes(java.nio.charset.StandardCharsets.UTF_8), label), label);
    }

    private static PayloadShape read(JsonNode document, Path file) {
        if (!document.isObject()) {
            throw new InvalidPayloadException(file,
                    "is not a JSON Schema object (its root is " + JsonFiles.kind(document) + ")");
        }
        JsonNode dialect = document.get("$schema");
        if (dialect != null && dialect.isTextual() && dialect.textValue().matches(".*draft-0[0-3].*")) {
            throw new InvalidPayloadException(file,
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
            throw new InvalidPayloadException(file,
                    "does not describe an object (its root type is " + type + ")");
        }
        if (root.has("anyOf") || root.has("oneOf") || root.has("enum")) {
            throw new InvalidPayloadException(file,
                    "has an anyOf, oneOf or enum at the root: the body must be one object with properties");
        }
        JsonNode properties = root.get("properties");
        if (properties == null || !properties.isObject() || properties.isEmpty()) {
            throw new InvalidPayloadException(file,
                    "does not describe an object with properties (the root needs \"type\": \"object\" and \"properties\")");
        }
        Constraints constraints = reader.constraints(root, "", 0);
        return new PayloadShape(reader.fields(root, "", 0), constraints);
    }

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
        if (schema.has("anyOf") || schema.has("oneOf")) {
            return union(schema, path, depth);
        }
        JsonNode typeNode = schema.get("type");
        List<String> declared = typeNode == null ? null : typeNames(typeNode, path);
        boolean nullable = schema.path("nullable").asBoolean(false) || declared != null && declared.contains("null");
        Constraints constraints = constraints(schema, path, depth);
        if (schema.has("enum")) {
            return enumeration(schema, declared, nullable, constraints, path);
        }
        String type;
        if (declared == null) {
            type = impliedType(schema);
            if (type == null) {
                return new Typed(new FieldType.AnyType(constraints), nullable); // no usable type: any JSON value
            }
        } else {
            List<String> types = new ArrayList<>(declared);
            types.remove("null");
            if (types.isEmpty()) {
                throw error("allows only null" + at(path) + ": a field that is always null carries nothing, leave it out");
            }
            if (types.size() == 2 && types.contains("integer") && types.contains("number")) {
                types = List.of("number");
            }
            if (types.size() > 1) {
                return new Typed(new FieldType.AnyType(withTypes(constraints, types)), nullable);
            }
            type = types.get(0);
        }
        FieldType result = switch (type) {
            case "string" -> new FieldType.Scalar(stringKind(schema), constraints);
            case "integer" -> new FieldType.Scalar(integerKind(schema), constraints);
            case "number" -> new FieldType.Scalar(ScalarKind.NUMBER, constraints);
            case "boolean" -> new FieldType.Scalar(ScalarKind.BOOLEAN, constraints);
            case "array" -> new FieldType.ListType(items(schema, path, depth), constraints);
            default -> { // "object"
                JsonNode properties = schema.get("properties");
                yield properties == null || properties.isEmpty() ? new FieldType.AnyType(withTypes(constraints, List.of("object")))
                        : new FieldType.ObjectType(fields(schema, path, depth), constraints);
            }
        };
        return new Typed(result, nullable);
    }

    /** The names a {@code type} gives: one or a list, each a JSON Schema type. */
    private List<String> typeNames(JsonNode typeNode, String path) {
        List<String> names = new ArrayList<>();
        if (typeNode.isTextual()) {
            names.add(typeNode.textValue());
        } else if (typeNode.isArray()) {
            typeNode.forEach(t -> names.add(t.asText()));
        } else {
            throw error("has a 'type' that is neither a name nor a list" + at(path));
        }
        names.forEach(t -> checkKnown(t, path));
        return names;
    }

    private static Constraints withTypes(Constraints c, List<String> types) {
        return new Constraints(c.minLength(), c.maxLength(), c.patterns(), c.minimum(), c.maximum(), c.multipleOf(), c.minItems(),
                c.maxItems(), c.uniqueItems(), c.minProperties(), c.maxProperties(), c.closed(), c.additional(), c.enumValues(),
                types, c.examples());
    }

    private static Constraints withEnum(Constraints c, List<JsonNode> values) {
        return new Constraints(c.minLength(), c.maxLength(), c.patterns(), c.minimum(), c.maximum(), c.multipleOf(), c.minItems(),
                c.maxItems(), c.uniqueItems(), c.minProperties(), c.maxProperties(), c.closed(), c.additional(), values,
                c.types(), c.examples());
    }

    /** The validation keywords of a (flattened, normalized) schema, checked for sense. */
    private Constraints constraints(ObjectNode schema, String path, int depth) {
        Long minLength = count(schema, "minLength", path);
        Long maxLength = count(schema, "maxLength", path);
        checkOrder("minLength", minLength, "maxLength", maxLength, path);
        List<String> patterns = new ArrayList<>();
        schema.path("pattern").forEach(p -> patterns.add(p.textValue()));
        Constraints.Bound minimum = bound(schema, "minimum", "exclusiveMinimum", path);
        Constraints.Bound maximum = bound(schema, "maximum", "exclusiveMaximum", path);
        if (minimum != null && maximum != null) {
            int order = minimum.value().compareTo(maximum.value());
            if (order > 0 || order == 0 && (minimum.exclusive() || maximum.exclusive())) {
                throw error("has a minimum " + minimum.value().toPlainString() + " that leaves no number below its maximum "
                        + maximum.value().toPlainString() + at(path));
            }
        }
        BigDecimal multipleOf = null;
        JsonNode m = schema.get("multipleOf");
        if (m != null) {
            if (!m.isNumber() || m.decimalValue().signum() <= 0) {
                throw error("has a multipleOf that is not a number above 0" + at(path));
            }
            multipleOf = m.decimalValue().stripTrailingZeros();
        }
        Long minItems = count(schema, "minItems", path);
        Long maxItems = count(schema, "maxItems", path);
        checkOrder("minItems", minItems, "maxItems", maxItems, path);
        boolean uniqueItems = flag(schema, "uniqueItems", path);
        Long minProperties = count(schema, "minProperties", path);
        Long maxProperties = count(schema, "maxProperties", path);
        checkOrder("minProperties", minProperties, "maxProperties", maxProperties, path);
        boolean closed = false;
        Typed additional = null;
        JsonNode extra = schema.get("additionalProperties");
        if (extra != null) {
            if (extra.isBoolean()) {
                closed = !extra.booleanValue();
            } else if (extra.isObject()) {
                additional = type(extra, path + "{}", depth + 1);
            } else {
                throw error("has an additionalProperties that is neither a boolean nor a schema" + at(path));
            }
        }
        List<JsonNode> examples = new ArrayList<>();
        JsonNode listed = schema.get("examples");
        if (listed != null && listed.isArray()) {
            listed.forEach(examples::add);
        }
        for (String single : List.of("example", "default")) {
            if (schema.has(single)) {
                examples.add(schema.get(single));
            }
        }
        examples.removeIf(JsonNode::isNull);
        return new Constraints(minLength, maxLength, patterns, minimum, maximum, multipleOf, minItems, maxItems, uniqueItems,
                minProperties, maxProperties, closed, additional, List.of(), List.of(), examples);
    }

    /** A count keyword (minLength, maxItems, ...): a whole number of at least 0, or null when absent. */
    private Long count(ObjectNode schema, String keyword, String path) {
        JsonNode value = schema.get(keyword);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.decimalValue().signum() < 0 || value.decimalValue().stripTrailingZeros().scale() > 0
                || value.decimalValue().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw error("has a " + keyword + " that is not a whole number of at least 0" + at(path));
        }
        return value.decimalValue().longValueExact();
    }

    private void checkOrder(String minKeyword, Long min, String maxKeyword, Long max, String path) {
        if (min != null && max != null && min > max) {
            throw error("has a " + minKeyword + " of " + min + " above its " + maxKeyword + " of " + max + at(path)
                    + ": no value satisfies it");
        }
    }

    private boolean flag(ObjectNode schema, String keyword, String path) {
        JsonNode value = schema.get(keyword);
        if (value != null && !value.isBoolean()) {
            throw error("has a " + keyword + " that is not true or false" + at(path));
        }
        return value != null && value.booleanValue();
    }

    /** A normalized bound: {@code minimum} (a number) and {@code exclusiveMinimum} (true or false), or null. */
    private Constraints.Bound bound(ObjectNode schema, String keyword, String exclusiveKeyword, String path) {
        JsonNode value = schema.get(keyword);
        if (value == null) {
            return null;
        }
        return new Constraints.Bound(value.decimalValue(), schema.path(exclusiveKeyword).asBoolean(false));
    }

    /**
     * {@code anyOf}/{@code oneOf}: null branches make the field optional; one other branch is merged with the
     * rest of the schema (as an allOf); several branches that only name a type admit those types. Anything else
     * (branches with constraints of their own) the request model could carry, but no record type could hold.
     */
    private Typed union(ObjectNode schema, String path, int depth) {
        if (schema.has("anyOf") && schema.has("oneOf")) {
            throw error("has both anyOf and oneOf" + at(path) + ", which is not supported");
        }
        String keyword = schema.has("oneOf") ? "oneOf" : "anyOf";
        JsonNode branches = schema.get(keyword);
        if (!branches.isArray() || branches.isEmpty()) {
            throw error("has a '" + keyword + "' that is not a non-empty list" + at(path));
        }
        ObjectNode rest = schema.deepCopy();
        rest.remove(keyword);
        List<ObjectNode> others = new ArrayList<>();
        boolean nullable = false;
        for (int i = 0; i < branches.size(); i++) {
            List<String> pushed = new ArrayList<>();
            try {
                ObjectNode branch = flatten(branches.get(i), path, pushed);
                if (isNullOnly(branch)) {
                    nullable = true;
                } else {
                    others.add(branch);
                }
            } finally {
                pushed.forEach(ref -> following.remove(ref));
            }
        }
        if (others.size() == 1) {
            merge(rest, others.get(0), path);
            Typed one = typeOf(rest, path, depth);
            return nullable ? new Typed(one.type(), true) : one;
        }
        List<String> types = new ArrayList<>();
        for (ObjectNode branch : others) {
            for (Iterator<String> names = branch.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                boolean annotation = SchemaKeywords.of(name).map(k -> k.handling() == SchemaKeywords.Handling.ANNOTATION).orElse(true);
                if (!name.equals("type") && !annotation) {
                    throw error("has a '" + keyword + "' whose branches are not just types ('" + name + "' in a branch)" + at(path)
                            + ": the payload records hold one type per field");
                }
            }
            JsonNode type = branch.get("type");
            if (type == null) {
                return new Typed(new FieldType.AnyType(constraints(rest, path, depth)), nullable); // a branch admits anything
            }
            for (String name : typeNames(type, path)) {
                if (name.equals("null")) {
                    nullable = true;
                } else if (!types.contains(name)) {
                    types.add(name);
                }
            }
        }
        if (!rest.path("type").isMissingNode() || rest.has("enum")) {
            throw error("has a '" + keyword + "' of several types beside a type or enum of its own" + at(path) + ", which is not supported");
        }
        return new Typed(new FieldType.AnyType(withTypes(constraints(rest, path, depth), types)), nullable);
    }

    /** A branch that admits only null: {@code {"type": "null"}}, or an enum of null. */
    private static boolean isNullOnly(ObjectNode branch) {
        JsonNode type = branch.get("type");
        boolean nullType = type != null && (type.isTextual() && type.textValue().equals("null")
                || type.isArray() && type.size() == 1 && type.get(0).asText().equals("null"));
        JsonNode values = branch.get("enum");
        boolean nullEnum = values != null && values.isArray() && !values.isEmpty() && java.util.stream.StreamSupport
                .stream(values.spliterator(), false).allMatch(JsonNode::isNull);
        return nullType || nullEnum;
    }

    /**
     * {@code enum} (and {@code const}, already an enum of one): strings are a Java enum; numbers or booleans the
     * scalar with the values kept as the model's enum; values of several kinds a JSON value field with them. A
     * null member makes the field optional (the model admits null through a type, never a null value).
     */
    private Typed enumeration(ObjectNode schema, List<String> declared, boolean nullable, Constraints constraints, String path) {
        JsonNode list = schema.get("enum");
        if (!list.isArray() || list.isEmpty()) {
            throw error("has an 'enum' that is not a non-empty list" + at(path));
        }
        List<JsonNode> values = new ArrayList<>();
        list.forEach(values::add);
        nullable |= values.removeIf(JsonNode::isNull);
        if (values.isEmpty()) {
            throw error("allows only null" + at(path) + ": a field that is always null carries nothing, leave it out");
        }
        if (declared != null) {
            values.removeIf(v -> declared.stream().noneMatch(t -> hasType(v, t)));
            if (values.isEmpty()) {
                throw error("has no enum value of its type " + declared + at(path) + ": no value satisfies it");
            }
        }
        for (JsonNode value : values) {
            if (value.isContainerNode() && containsNull(value)) {
                throw error("has an enum value with a null inside" + at(path) + ", which a CloudFormation template cannot carry");
            }
        }
        if (values.stream().allMatch(JsonNode::isTextual)) {
            Set<String> distinct = new LinkedHashSet<>();
            for (JsonNode value : values) {
                if (value.textValue().isEmpty()) {
                    throw error("has an empty enum value" + at(path));
                }
                distinct.add(value.textValue());
            }
            return new Typed(new FieldType.EnumType(List.copyOf(distinct), constraints), nullable);
        }
        List<JsonNode> distinct = new ArrayList<>();
        for (JsonNode value : values) {
            if (distinct.stream().noneMatch(v -> sameValue(v, value))) {
                distinct.add(value);
            }
        }
        Constraints kept = withEnum(constraints, distinct);
        ScalarKind kind;
        if (distinct.stream().allMatch(JsonNode::isIntegralNumber)) {
            kind = distinct.stream().allMatch(JsonNode::canConvertToInt) ? ScalarKind.INT
                    : distinct.stream().allMatch(JsonNode::canConvertToLong) ? ScalarKind.LONG : ScalarKind.NUMBER;
        } else if (distinct.stream().allMatch(JsonNode::isNumber)) {
            kind = ScalarKind.NUMBER;
        } else if (distinct.stream().allMatch(JsonNode::isBoolean)) {
            kind = ScalarKind.BOOLEAN;
        } else {
            return new Typed(new FieldType.AnyType(kept), nullable); // values of several kinds
        }
        return new Typed(new FieldType.Scalar(kind, kept), nullable);
    }

    private static boolean containsNull(JsonNode node) {
        if (node.isNull()) {
            return true;
        }
        for (JsonNode child : node) {
            if (containsNull(child)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a JSON value has a JSON Schema type (an integral number is also a "number"). */
    static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> value.isNull();
        };
    }

    /** JSON equality, numbers by value (1 and 1.0 are one value, as JSON Schema's enum sees them). */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private void checkKnown(String type, String path) {
        if (!TYPES.contains(type)) {
            throw error("has an unknown type '" + type + "'" + at(path));
        }
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
     * given twice gets both schemas as an {@code allOf}), {@code required} lists joined, bounds tightened,
     * patterns collected, enums and types intersected. Each $ref followed is pushed onto {@link #following}
     * and recorded in {@code pushed} for the caller to pop. Every schema object met is checked for refused
     * keywords ({@link SchemaKeywords}) and normalized ({@link #normalize}).
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
        checkKeywords((ObjectNode) node, node == document, path);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ObjectNode own = normalize(((ObjectNode) node).deepCopy(), path);
        JsonNode ref = own.remove("$ref");
        JsonNode allOf = own.remove("allOf");
        List<ObjectNode> parts = new ArrayList<>();
        parts.add(own);
        merge(result, own, path);
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
                ObjectNode referenced = flatten(resolved, path, pushed, chain);
                parts.add(referenced);
                merge(result, referenced, path);
                chain.pop();
            }
        }
        if (allOf != null) {
            if (!allOf.isArray()) {
                throw error("has an 'allOf' that is not a list" + at(path));
            }
            for (JsonNode part : allOf) {
                ObjectNode flat = flatten(part, path, pushed, chain);
                parts.add(flat);
                merge(result, flat, path);
            }
        }
        checkClosedParts(parts, result, path);
        return result;
    }

    /**
     * Refuses a keyword the request model or the payload records cannot hold, naming it; and an {@code $id}
     * below the root, which would make a {@code $ref} inside it mean another document.
     */
    private void checkKeywords(ObjectNode schema, boolean documentRoot, String path) {
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            SchemaKeywords.Keyword keyword = SchemaKeywords.of(name).orElse(null);
            if (keyword == null) {
                continue; // not JSON Schema's: ignored, as validators ignore unknown keywords
            }
            if (keyword.handling() == SchemaKeywords.Handling.REFUSED) {
                throw error("uses '" + name + "'" + at(path) + ", which the request model cannot carry (" + keyword.what() + ")");
            }
            if ((name.equals("$id") || name.equals("id") && schema.get(name).isTextual()) && !documentRoot) {
                throw error("has an embedded '" + name + "'" + at(path) + ", which is not supported (it changes what a $ref means)");
            }
        }
    }

    /**
     * One schema object in the forms {@link #merge} and {@link #typeOf} read: {@code const} as an enum of one,
     * draft-06's numeric {@code exclusiveMinimum}/{@code exclusiveMaximum} as draft-04's {@code minimum} with a
     * boolean, {@code pattern} as a list of patterns (each checked to compile).
     */
    private ObjectNode normalize(ObjectNode schema, String path) {
        JsonNode constant = schema.remove("const");
        if (constant != null) {
            ArrayNode one = JsonNodeFactory.instance.arrayNode().add(constant);
            JsonNode values = schema.get("enum");
            schema.set("enum", values == null ? one : intersect(values, one, path));
        }
        normalizeBound(schema, "minimum", "exclusiveMinimum", 1, path);
        normalizeBound(schema, "maximum", "exclusiveMaximum", -1, path);
        JsonNode pattern = schema.get("pattern");
        if (pattern != null) {
            ArrayNode patterns = JsonNodeFactory.instance.arrayNode();
            for (JsonNode p : pattern.isArray() ? pattern : JsonNodeFactory.instance.arrayNode().add(pattern)) {
                if (!p.isTextual()) {
                    throw error("has a pattern that is not a string" + at(path));
                }
                try {
                    java.util.regex.Pattern.compile(p.textValue());
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw error("has a pattern that is not a valid regular expression (" + e.getDescription() + ")" + at(path));
                }
                patterns.add(p);
            }
            schema.set("pattern", patterns);
        }
        return schema;
    }

    /**
     * {@code minimum}/{@code exclusiveMinimum} (sign 1) or {@code maximum}/{@code exclusiveMaximum} (sign -1) as
     * one bound in draft-04's form: the numeric exclusive form of draft-06 and later and an inclusive bound beside
     * it become the tighter of the two.
     */
    private void normalizeBound(ObjectNode schema, String keyword, String exclusiveKeyword, int sign, String path) {
        JsonNode inclusive = schema.get(keyword);
        JsonNode exclusive = schema.get(exclusiveKeyword);
        if (inclusive != null && !inclusive.isNumber()) {
            throw error("has a " + keyword + " that is not a number" + at(path));
        }
        if (exclusive == null || exclusive.isBoolean()) { // draft-04's form, or none
            if (inclusive == null) {
                schema.remove(exclusiveKeyword); // exclusiveMinimum: true without a minimum bounds nothing
            } else if (exclusive == null) {
                schema.put(exclusiveKeyword, false);
            }
            return;
        }
        if (!exclusive.isNumber()) {
            throw error("has an " + exclusiveKeyword + " that is neither a number nor a boolean" + at(path));
        }
        BigDecimal bound = exclusive.decimalValue();
        boolean isExclusive = true;
        if (inclusive != null && inclusive.decimalValue().compareTo(bound) * sign > 0) {
            bound = inclusive.decimalValue();
            isExclusive = false;
        }
        schema.put(keyword, bound);
        schema.put(exclusiveKeyword, isExclusive);
    }

    /**
     * An {@code additionalProperties} applies to the properties of its own schema object only: merged with
     * fields from another part (a $ref or an allOf sibling), it would refuse those. Such a schema is refused.
     */
    private void checkClosedParts(List<ObjectNode> parts, ObjectNode result, String path) {
        JsonNode merged = result.get("properties");
        if (merged == null || parts.size() < 2) {
            return;
        }
        for (ObjectNode part : parts) {
            JsonNode extra = part.get("additionalProperties");
            if (extra == null || extra.isBoolean() && extra.booleanValue()) {
                continue;
            }
            JsonNode own = part.path("properties");
            for (Iterator<String> names = merged.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!own.has(name)) {
                    throw error("has an additionalProperties beside a $ref or allOf that adds the property '" + name + "'" + at(path)
                            + ": it would refuse that property; give additionalProperties where every property is listed");
                }
            }
        }
    }

    private void merge(ObjectNode into, ObjectNode from, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            JsonNode existing = into.get(key);
            if (existing == null) {
                into.set(key, value.deepCopy());
                continue;
            }
            switch (key) {
                case "properties" -> {
                    if (existing.isObject() && value.isObject()) {
                        ObjectNode properties = (ObjectNode) existing;
                        value.fields().forEachRemaining(p -> {
                            JsonNode before = properties.get(p.getKey());
                            properties.set(p.getKey(), before == null ? p.getValue().deepCopy() : both(before, p.getValue()));
                        });
                    }
                }
                case "required" -> {
                    if (existing.isArray() && value.isArray()) {
                        Set<String> names = new LinkedHashSet<>();
                        existing.forEach(n -> names.add(n.asText()));
                        value.forEach(n -> names.add(n.asText()));
                        ArrayNode joined = JsonNodeFactory.instance.arrayNode();
                        names.forEach(joined::add);
                        into.set(key, joined);
                    }
                }
                case "items" -> into.set(key, both(existing, value));
                case "additionalProperties" -> {
                    if (existing.isBoolean() && existing.booleanValue() || value.isBoolean() && !value.booleanValue()) {
                        into.set(key, value.deepCopy());
                    } else if (!value.isBoolean() && !existing.isBoolean()) {
                        into.set(key, both(existing, value));
                    }
                }
                case "type" -> into.set(key, intersectTypes(existing, value, path));
                case "enum" -> into.set(key, intersect(existing, value, path));
                case "pattern" -> {
                    ArrayNode patterns = (ArrayNode) existing;
                    value.forEach(p -> {
                        if (!patterns.toString().contains(p.toString())) {
                            patterns.add(p);
                        }
                    });
                }
                case "minLength", "minItems", "minProperties" -> {
                    if (value.isNumber() && existing.isNumber() && value.decimalValue().compareTo(existing.decimalValue()) > 0) {
                        into.set(key, value.deepCopy());
                    }
                }
                case "maxLength", "maxItems", "maxProperties" -> {
                    if (value.isNumber() && existing.isNumber() && value.decimalValue().compareTo(existing.decimalValue()) < 0) {
                        into.set(key, value.deepCopy());
                    }
                }
                case "minimum", "maximum" -> {
                    String exclusiveKey = key.equals("minimum") ? "exclusiveMinimum" : "exclusiveMaximum";
                    int sign = key.equals("minimum") ? 1 : -1;
                    int order = value.decimalValue().compareTo(existing.decimalValue()) * sign;
                    boolean valueExclusive = from.path(exclusiveKey).asBoolean(false);
                    if (order > 0 || order == 0 && valueExclusive) {
                        into.set(key, value.deepCopy());
                        into.put(exclusiveKey, valueExclusive);
                    }
                }
                case "exclusiveMinimum", "exclusiveMaximum" -> { } // set with its bound above
                case "multipleOf" -> {
                    if (value.isNumber() && existing.isNumber()) {
                        into.put(key, leastCommonMultiple(existing.decimalValue(), value.decimalValue()));
                    }
                }
                case "uniqueItems" -> into.put(key, existing.asBoolean(false) || value.asBoolean(false));
                case "anyOf", "oneOf" -> throw error("has several '" + key + "' merged by allOf or $ref" + at(path) + ", which is not supported");
                default -> { } // the first one given stands (annotations, format, nullable)
            }
        }
    }

    /** Two schemas that both apply: {@code {"allOf": [a, b]}}. */
    private static JsonNode both(JsonNode a, JsonNode b) {
        ObjectNode both = JsonNodeFactory.instance.objectNode();
        both.putArray("allOf").add(a.deepCopy()).add(b.deepCopy());
        return both;
    }

    private JsonNode intersectTypes(JsonNode a, JsonNode b, String path) {
        List<String> left = typeNames(a, path);
        List<String> right = typeNames(b, path);
        ArrayNode common = JsonNodeFactory.instance.arrayNode();
        for (String type : left) {
            if (right.contains(type)) {
                common.add(type);
            } else if (type.equals("integer") && right.contains("number") || type.equals("number") && right.contains("integer")) {
                common.add("integer");
            }
        }
        if (common.isEmpty()) {
            throw error("has types " + left + " and " + right + " that must both hold" + at(path) + ": no value satisfies them");
        }
        return common.size() == 1 ? common.get(0) : common;
    }

    private ArrayNode intersect(JsonNode a, JsonNode b, String path) {
        if (!a.isArray() || !b.isArray()) {
            throw error("has an 'enum' that is not a list" + at(path));
        }
        ArrayNode common = JsonNodeFactory.instance.arrayNode();
        for (JsonNode value : a) {
            for (JsonNode other : b) {
                if (sameValue(value, other)) {
                    common.add(value);
                    break;
                }
            }
        }
        if (common.isEmpty()) {
            throw error("has enums (or a const) that must all hold but share no value" + at(path));
        }
        return common;
    }

    /** The least common multiple of two positive decimals (both scaled to whole numbers first). */
    static BigDecimal leastCommonMultiple(BigDecimal a, BigDecimal b) {
        int scale = Math.max(Math.max(a.scale(), b.scale()), 0);
        java.math.BigInteger x = a.movePointRight(scale).toBigIntegerExact();
        java.math.BigInteger y = b.movePointRight(scale).toBigIntegerExact();
        java.math.BigInteger lcm = x.divide(x.gcd(y)).multiply(y);
        return new BigDecimal(lcm).movePointLeft(scale).stripTrailingZeros();
    }

    private JsonNode resolve(String ref, String path) {
        if (!ref.startsWith("#")) {
            throw error("has a $ref '" + ref + "' that is not local to the file" + at(path));
        }
        if (following.contains(ref) && cyclic.contains(ref)) {
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

    private InvalidPayloadException error(String reason) {
        return new InvalidPayloadException(file, reason);
    }
}
