package com.example.orders.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonSchemaVersion;

/**
 * The API's request model, read from {@code request-model.json}: the one copy of the JSON Schema
 * (draft-04, the only draft API Gateway validates with) that sits beside the consumer's payload
 * records in {@code function/src/main/resources/} and reaches this module's classpath through the
 * infra pom. Reading it at synth time, rather than writing the schema again in Java, means an edit
 * to that file changes what API Gateway accepts on the next deploy, and nothing can drift.
 *
 * <p>CDK's {@link software.amazon.awscdk.services.apigateway.Model} takes the schema as a typed
 * {@link JsonSchema}; this turns the JSON into one, keyword by keyword. A keyword it does not know
 * fails the synth instead of being dropped, so API Gateway never validates less than the file says.
 * The one rewrite: an enum's {@code null} member (see {@link #withoutNullEnumMembers}).
 */
final class RequestModelSchema {
    static final String RESOURCE = "/request-model.json";

    private RequestModelSchema() {}

    /** The request model on the classpath, as a {@link JsonSchema}. */
    static JsonSchema read() {
        try (InputStream in = RequestModelSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (the infra pom copies it from"
                        + " function/src/main/resources)");
            }
            return schema(withoutNullEnumMembers(new ObjectMapper().readTree(in)), "#");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * jsii, which carries the schema from Java into the CDK, turns every JSON null into "absent": an
     * optional enum's null member ({@code "type": ["string", "null"], "enum": ["A", "B", null]}) would
     * vanish, and API Gateway would refuse the null the consumer accepts. Such a schema becomes its
     * equivalent without a null value, {@code {"anyOf": [{"type": "string", "enum": ["A", "B"]},
     * {"type": "null"}]}}; everything else stays as written.
     */
    static JsonNode withoutNullEnumMembers(JsonNode node) {
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(withoutNullEnumMembers(item)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        node.fields().forEachRemaining(e -> copy.set(e.getKey(), withoutNullEnumMembers(e.getValue())));
        JsonNode values = copy.get("enum");
        if (values == null || !values.isArray() || !containsNull(values)) {
            return copy;
        }
        ArrayNode nonNull = JsonNodeFactory.instance.arrayNode();
        values.forEach(v -> {
            if (!v.isNull()) {
                nonNull.add(v);
            }
        });
        copy.set("enum", nonNull);
        JsonNode type = copy.get("type");
        if (type != null && type.isArray()) {
            ArrayNode types = JsonNodeFactory.instance.arrayNode();
            type.forEach(t -> {
                if (!t.asText().equals("null")) {
                    types.add(t);
                }
            });
            copy.set("type", types.size() == 1 ? types.get(0) : types);
        }
        ObjectNode orNull = JsonNodeFactory.instance.objectNode();
        orNull.putArray("anyOf").add(copy).addObject().put("type", "null");
        return orNull;
    }

    private static boolean containsNull(JsonNode values) {
        for (JsonNode v : values) {
            if (v.isNull()) {
                return true;
            }
        }
        return false;
    }

    static JsonSchema schema(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(RESOURCE + " " + at + ": a schema must be a JSON object");
        }
        JsonSchema.Builder schema = JsonSchema.builder();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            String here = at + "/" + keyword;
            switch (keyword) {
                case "$schema" -> {
                    if (!value.asText().startsWith("http://json-schema.org/draft-04/schema")) {
                        throw new IllegalArgumentException(RESOURCE + " " + here
                                + ": API Gateway validates with draft-04 only");
                    }
                    schema.schema(JsonSchemaVersion.DRAFT4);
                }
                case "title" -> schema.title(value.asText());
                case "description" -> schema.description(value.asText());
                case "type" -> {
                    if (value.isArray()) {
                        List<JsonSchemaType> types = new ArrayList<>();
                        value.forEach(type -> types.add(type(type, here)));
                        schema.type(types);
                    } else {
                        schema.type(type(value, here));
                    }
                }
                case "properties" -> schema.properties(schemas(value, here));
                case "required" -> {
                    List<String> required = new ArrayList<>();
                    value.forEach(name -> required.add(name.asText()));
                    schema.required(required);
                }
                case "additionalProperties" -> {
                    if (value.isBoolean()) {
                        schema.additionalProperties(value.booleanValue());
                    } else {
                        schema.additionalProperties(schema(value, here));
                    }
                }
                case "items" -> schema.items(schema(value, here));
                case "enum" -> {
                    List<Object> values = new ArrayList<>();
                    value.forEach(v -> values.add(scalar(v, here)));
                    schema.enumValue(values);
                }
                case "format" -> schema.format(value.asText());
                case "pattern" -> schema.pattern(value.asText());
                case "minimum" -> schema.minimum(value.numberValue());
                case "maximum" -> schema.maximum(value.numberValue());
                case "exclusiveMinimum" -> schema.exclusiveMinimum(value.booleanValue());
                case "exclusiveMaximum" -> schema.exclusiveMaximum(value.booleanValue());
                case "multipleOf" -> schema.multipleOf(value.numberValue());
                case "minLength" -> schema.minLength(value.numberValue());
                case "maxLength" -> schema.maxLength(value.numberValue());
                case "minItems" -> schema.minItems(value.numberValue());
                case "maxItems" -> schema.maxItems(value.numberValue());
                case "uniqueItems" -> schema.uniqueItems(value.booleanValue());
                case "minProperties" -> schema.minProperties(value.numberValue());
                case "maxProperties" -> schema.maxProperties(value.numberValue());
                case "allOf" -> schema.allOf(list(value, here));
                case "anyOf" -> schema.anyOf(list(value, here));
                case "oneOf" -> schema.oneOf(list(value, here));
                case "not" -> schema.not(schema(value, here));
                default -> throw new IllegalArgumentException(RESOURCE + " " + here
                        + ": keyword not mapped to CDK's JsonSchema; add it to RequestModelSchema");
            }
        }
        return schema.build();
    }

    private static JsonSchemaType type(JsonNode type, String at) {
        return switch (type.asText()) {
            case "null" -> JsonSchemaType.NULL;
            case "boolean" -> JsonSchemaType.BOOLEAN;
            case "object" -> JsonSchemaType.OBJECT;
            case "array" -> JsonSchemaType.ARRAY;
            case "number" -> JsonSchemaType.NUMBER;
            case "integer" -> JsonSchemaType.INTEGER;
            case "string" -> JsonSchemaType.STRING;
            default -> throw new IllegalArgumentException(RESOURCE + " " + at + ": unknown type " + type);
        };
    }

    private static Map<String, JsonSchema> schemas(JsonNode node, String at) {
        Map<String, JsonSchema> schemas = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> schemas.put(e.getKey(), schema(e.getValue(), at + "/" + e.getKey())));
        return schemas;
    }

    private static List<JsonSchema> list(JsonNode node, String at) {
        List<JsonSchema> schemas = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            schemas.add(schema(node.get(i), at + "/" + i));
        }
        return schemas;
    }

    private static Object scalar(JsonNode value, String at) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        throw new IllegalArgumentException(RESOURCE + " " + at + ": enum values must be strings, numbers or booleans"
                + " (null: see withoutNullEnumMembers)");
    }
}
