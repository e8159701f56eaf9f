package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Request bodies a request model must refuse, derived from the model (JSON Schema draft-04) and one body it accepts:
 * for each kind of constraint the model holds anywhere (a required property, a type, an optional property's type, an
 * enum, a pattern, a length, a range, a multiple, an array's size or uniqueness, an object's size or closed set of
 * properties), the sample with one value changed so that it breaks that constraint and, where possible, nothing
 * else. Each body is checked invalid by a draft-04 validator, failing on the keyword it is meant to break, before
 * anyone sends it; the sample is checked valid. {@code format} is left out: API Gateway does not enforce it.
 *
 * <p>Generic on purpose: whatever constraints a generator change adds to the model, the contract suite
 * ({@link ContractSuite}) then sends a body that breaks each, without a test to update.
 */
final class ModelViolations {
    private ModelViolations() {}

    /** One body the model must refuse: what it breaks, where (a JSON pointer), and the body itself. */
    record Violation(String kind, String pointer, String change, JsonNode body) {
        String describe() {
            return kind + " at " + (pointer.isEmpty() ? "/" : pointer) + ": " + change;
        }
    }

    /** The kinds, in the order they are reported. */
    static final List<String> KINDS = List.of("required", "type", "type (optional field)", "enum", "pattern",
            "minLength", "maxLength", "minimum", "maximum", "multipleOf", "minItems", "maxItems", "uniqueItems",
            "additionalProperties", "minProperties", "maxProperties");

    private static final JsonSchemaFactory DRAFT_04 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    /** Like API Gateway: {@code format} is not enforced. */
    private static final SchemaValidatorsConfig NO_FORMATS = SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * One violation per kind of constraint present in {@code model} where the sample reaches it (a constraint on an
     * array's items needs an item in the sample), in the order of {@link #KINDS}.
     *
     * @throws IllegalArgumentException if the model refuses the sample itself
     */
    static List<Violation> of(JsonNode model, JsonNode sample) {
        JsonSchema schema = DRAFT_04.getSchema(model, NO_FORMATS);
        Set<ValidationMessage> sampleErrors = schema.validate(sample);
        if (!sampleErrors.isEmpty()) {
            throw new IllegalArgumentException("the model refuses the valid sample: " + sampleErrors);
        }
        Map<String, Violation> first = new LinkedHashMap<>();
        walk(model, sample, new ArrayList<>(), true, sample, schema, first);
        return KINDS.stream().filter(first::containsKey).map(first::get).toList();
    }

    /** The keywords of the errors a validator reports for {@code body} (empty: valid). */
    static Set<String> errors(JsonNode model, JsonNode body) {
        return DRAFT_04.getSchema(model, NO_FORMATS).validate(body).stream().map(ValidationMessage::getType)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    // ------------------------------------------------------------------ the walk

    /**
     * Visits {@code node} (the schema) with {@code value} (the sample's value there, present), proposing a violation of
     * each constraint the node holds, then its properties and its first item.
     */
    private static void walk(JsonNode node, JsonNode value, List<Object> path, boolean required, JsonNode sample,
                             JsonSchema schema, Map<String, Violation> found) {
        if (!path.isEmpty()) {
            wrongType(node).ifPresent(wrong -> propose(found, sample, schema, required ? "type" : "type (optional field)",
                    path, wrong, article(typeOf(wrong)) + " where " + allowedTypes(node) + " is asked", "type"));
        }
        Set<String> enumValues = enumValues(node);
        if (!enumValues.isEmpty() && value.isTextual()) {
            String outside = "not-" + String.join("-", enumValues);
            propose(found, sample, schema, "enum", path, JSON.textNode(outside), "\"" + outside + "\" outside the enum", "enum");
        }
        // The keywords below may sit in the node or, for an optional field, in the non-null branch of its anyOf.
        for (JsonNode s : branches(node)) {
            if (value.isTextual()) {
                strings(s, value.asText(), path, sample, schema, found);
            }
            if (value.isNumber()) {
                numbers(s, value.decimalValue(), path, sample, schema, found);
            }
            if (value.isArray()) {
                arrays(s, (ArrayNode) value, path, sample, schema, found);
            }
            if (value.isObject()) {
                objects(s, (ObjectNode) value, path, sample, schema, found);
            }
        }
    }

    private static void strings(JsonNode s, String value, List<Object> path, JsonNode sample, JsonSchema schema,
                                Map<String, Violation> found) {
        if (s.has("pattern")) {
            Pattern pattern = Pattern.compile(s.get("pattern").asText());
            for (String candidate : List.of("", " ", "?", "not matching ~ " + value, "0")) {
                if (!pattern.matcher(candidate).find()) {
                    propose(found, sample, schema, "pattern", path, JSON.textNode(candidate),
                            "\"" + candidate + "\" does not match " + s.get("pattern").asText(), "pattern");
                    break;
                }
            }
        }
        int length = value.codePointCount(0, value.length());
        if (s.has("minLength") && s.get("minLength").asInt() > 0) {
            int min = s.get("minLength").asInt();
            String shorter = value.substring(0, value.offsetByCodePoints(0, Math.min(length, min - 1)));
            propose(found, sample, schema, "minLength", path, JSON.textNode(shorter),
                    shorter.codePointCount(0, shorter.length()) + " characters, fewer than " + min, "minLength");
        }
        if (s.has("maxLength")) {
            int max = s.get("maxLength").asInt();
            String longer = value + (value.isEmpty() ? "x" : value.substring(value.length() - 1)).repeat(max + 1 - length);
            propose(found, sample, schema, "maxLength", path, JSON.textNode(longer), (max + 1) + " characters, more than " + max,
                    "maxLength");
        }
    }

    private static void numbers(JsonNode s, BigDecimal value, List<Object> path, JsonNode sample, JsonSchema schema,
                                Map<String, Violation> found) {
        if (s.has("minimum")) {
            BigDecimal min = s.get("minimum").decimalValue();
            boolean exclusive = s.path("exclusiveMinimum").asBoolean(false);
            BigDecimal below = exclusive ? min : min.subtract(BigDecimal.ONE);
            propose(found, sample, schema, "minimum", path, JSON.numberNode(below),
                    below.toPlainString() + (exclusive ? ", not above " : ", below ") + min.toPlainString(), "minimum");
        }
        if (s.has("maximum")) {
            BigDecimal max = s.get("maximum").decimalValue();
            boolean exclusive = s.path("exclusiveMaximum").asBoolean(false);
            BigDecimal above = exclusive ? max : max.add(BigDecimal.ONE);
            propose(found, sample, schema, "maximum", path, JSON.numberNode(above),
                    above.toPlainString() + (exclusive ? ", not below " : ", above ") + max.toPlainString(), "maximum");
        }
        if (s.has("multipleOf")) {
            BigDecimal step = s.get("multipleOf").decimalValue();
            // An integer step above 1 keeps an integer an integer; otherwise half a step off the grid.
            boolean wholeStep = step.stripTrailingZeros().scale() <= 0 && step.compareTo(BigDecimal.ONE) > 0;
            BigDecimal off = value.add(wholeStep ? BigDecimal.ONE : step.divide(BigDecimal.valueOf(2)));
            propose(found, sample, schema, "multipleOf", path, JSON.numberNode(off),
                    off.toPlainString() + ", not a multiple of " + step.toPlainString(), "multipleOf");
        }
    }

    private static void arrays(JsonNode s, ArrayNode value, List<Object> path, JsonNode sample, JsonSchema schema,
                               Map<String, Violation> found) {
        if (s.has("minItems") && s.get("minItems").asInt() > 0) {
            int min = s.get("minItems").asInt();
            ArrayNode fewer = JSON.arrayNode();
            for (int i = 0; i < Math.min(value.size(), min - 1); i++) {
                fewer.add(value.get(i).deepCopy());
            }
            propose(found, sample, schema, "minItems", path, fewer, fewer.size() + " items, fewer than " + min, "minItems");
        }
        if (!value.isEmpty() && s.has("maxItems")) {
            int max = s.get("maxItems").asInt();
            ArrayNode more = value.deepCopy();
            while (more.size() <= max) {
                more.add(value.get(0).deepCopy());
            }
            propose(found, sample, schema, "maxItems", path, more, more.size() + " items, more than " + max, "maxItems");
        }
        if (!value.isEmpty() && s.path("uniqueItems").asBoolean(false)) {
            ArrayNode twice = JSON.arrayNode().add(value.get(0).deepCopy()).add(value.get(0).deepCopy());
            propose(found, sample, schema, "uniqueItems", path, twice, "the same item twice", "uniqueItems");
        }
        if (!value.isEmpty() && s.path("items").isObject()) {
            List<Object> first = new ArrayList<>(path);
            first.add(0);
            walk(s.get("items"), value.get(0), first, true, sample, schema, found);
        }
    }

    private static void objects(JsonNode s, ObjectNode value, List<Object> path, JsonNode sample, JsonSchema schema,
                                Map<String, Violation> found) {
        Set<String> required = new LinkedHashSet<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        for (String name : required) {
            if (value.has(name)) {
                ObjectNode without = value.deepCopy();
                without.remove(name);
                propose(found, sample, schema, "required", path, without, "\"" + name + "\" left out", "required");
            }
        }
        if (s.has("additionalProperties") && s.get("additionalProperties").isBoolean()
                && !s.get("additionalProperties").asBoolean()) {
            ObjectNode more = value.deepCopy();
            String name = unusedName(value, s);
            more.put(name, "x");
            propose(found, sample, schema, "additionalProperties", path, more, "an undeclared property \"" + name + "\"",
                    "additionalProperties");
        }
        if (s.has("minProperties") && s.get("minProperties").asInt() > 0) {
            int min = s.get("minProperties").asInt();
            ObjectNode fewer = JSON.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            // Required properties first, so the body breaks minProperties rather than required where it can.
            List<Map.Entry<String, JsonNode>> ordered = new ArrayList<>();
            fields.forEachRemaining(ordered::add);
            ordered.sort((a, b) -> Boolean.compare(!required.contains(a.getKey()), !required.contains(b.getKey())));
            for (Map.Entry<String, JsonNode> field : ordered) {
                if (fewer.size() >= min - 1) {
                    break;
                }
                fewer.set(field.getKey(), field.getValue().deepCopy());
            }
            propose(found, sample, schema, "minProperties", path, fewer, fewer.size() + " properties, fewer than " + min,
                    "minProperties");
        }
        if (s.has("maxProperties")) {
            int max = s.get("maxProperties").asInt();
            ObjectNode more = value.deepCopy();
            while (more.size() <= max) {
                more.put(unusedName(more, s), "x");
            }
            propose(found, sample, schema, "maxProperties", path, more, more.size() + " properties, more than " + max,
                    "maxProperties");
        }
        JsonNode properties = s.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            List<Object> child = new ArrayList<>(path);
            child.add(property.getKey());
            boolean isRequired = required.contains(property.getKey());
            if (value.has(property.getKey())) {
                walk(property.getValue(), value.get(property.getKey()), child, isRequired, sample, schema, found);
            } else if (!isRequired) {
                // An optional field the sample leaves out can still be sent with a wrong type.
                wrongType(property.getValue()).ifPresent(wrong -> propose(found, sample, schema, "type (optional field)",
                        child, wrong, article(typeOf(wrong)) + " where " + allowedTypes(property.getValue()) + " is asked", "type"));
            }
        }
    }

    // ------------------------------------------------------------------ proposals

    /**
     * Keeps the sample with {@code path} set to {@code replacement} as the violation of {@code kind}, unless one was
     * kept already or the validator does not refuse it for {@code keyword} (or, for a field whose schema is an
     * {@code anyOf}, for the anyOf).
     */
    private static void propose(Map<String, Violation> found, JsonNode sample, JsonSchema schema, String kind,
                                List<Object> path, JsonNode replacement, String change, String keyword) {
        if (found.containsKey(kind)) {
            return;
        }
        JsonNode body = with(sample, path, replacement);
        Set<String> keywords = schema.validate(body).stream().map(ValidationMessage::getType).collect(Collectors.toSet());
        if (keywords.contains(keyword) || keywords.contains("anyOf") || keywords.contains("oneOf")) {
            found.put(kind, new Violation(kind, pointer(path), change, body));
        }
    }

    /** A copy of {@code root} with the value at {@code path} replaced (or added, for a missing property). */
    static JsonNode with(JsonNode root, List<Object> path, JsonNode replacement) {
        if (path.isEmpty()) {
            return replacement.deepCopy();
        }
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        for (Object segment : path.subList(0, path.size() - 1)) {
            parent = segment instanceof Integer i ? parent.get(i) : parent.get((String) segment);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, replacement.deepCopy());
        } else {
            ((ObjectNode) parent).set((String) last, replacement.deepCopy());
        }
        return copy;
    }

    static String pointer(List<Object> path) {
        StringBuilder p = new StringBuilder();
        for (Object segment : path) {
            p.append('/').append(segment.toString().replace("~", "~0").replace("/", "~1"));
        }
        return p.toString();
    }

    // ------------------------------------------------------------------ schema reading

    /** The node and the branches of its anyOf/oneOf: an optional field is {"anyOf": [{...}, {"type": "null"}]}. */
    private static List<JsonNode> branches(JsonNode node) {
        List<JsonNode> all = new ArrayList<>();
        all.add(node);
        for (String combinator : List.of("anyOf", "oneOf")) {
            node.path(combinator).forEach(all::add);
        }
        return all;
    }

    /** The JSON types the node allows ("integer" counts as a number), or empty if it names none. */
    static Set<String> allowedTypes(JsonNode node) {
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode branch : branches(node)) {
            JsonNode type = branch.path("type");
            if (type.isTextual()) {
                types.add(type.asText());
            }
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    private static Set<String> enumValues(JsonNode node) {
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode branch : branches(node)) {
            branch.path("enum").forEach(v -> {
                if (!v.isNull()) {
                    values.add(v.asText());
                }
            });
        }
        return values;
    }

    /** A value of a JSON type the node does not allow, if it names its types. */
    private static Optional<JsonNode> wrongType(JsonNode node) {
        Set<String> allowed = allowedTypes(node);
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode candidate : List.<JsonNode>of(JSON.numberNode(12345), JSON.textNode("not-a-number"),
                JSON.booleanNode(true), JSON.objectNode(), JSON.arrayNode())) {
            String type = typeOf(candidate);
            boolean fits = allowed.contains(type) || (type.equals("integer") && allowed.contains("number"));
            if (!fits) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String article(String type) {
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }

    private static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case OBJECT -> "object";
            case ARRAY -> "array";
            default -> "null";
        };
    }

    /** A property name the object does not have and the schema does not declare. */
    private static String unusedName(JsonNode object, JsonNode schema) {
        for (int i = 1; ; i++) {
            String name = "undeclared" + i;
            if (!object.has(name) && !schema.path("properties").has(name)) {
                return name;
            }
        }
    }
}
