package com.example.ordersservicecdk.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * An endpoint's request model, read from its {@code request-model.json}: the one copy of the JSON Schema
 * (draft-04, the only draft API Gateway validates with) that sits beside the consumer's payload
 * records in {@code function/src/main/resources/} and reaches this module's classpath through the
 * infra pom. Reading it at synth time, rather than writing the schema again in Java, means an edit
 * to that file changes what API Gateway accepts on the next deploy, and nothing can drift.
 *
 * <p>CDK's {@link software.amazon.awscdk.services.apigateway.Model} takes the schema as a typed
 * {@link JsonSchema}; this turns the JSON into one, keyword by keyword, every draft-04 keyword included.
 * A keyword it cannot carry fails the synth instead of being dropped, so API Gateway never validates
 * less than the file says. The file holds no JSON null (CloudFormation refuses one anywhere in a template, and
 * jsii would carry it as "absent"): an optional enum is written {@code {"anyOf": [{"type": "string", "enum": [...]},
 * {"type": "null"}]}}; a null put there by hand fails the synth.
 */
final class RequestModelSchema {
    private RequestModelSchema() {}

    /**
     * A request model on the classpath, as a {@link JsonSchema}.
     *
     * @param resource where, e.g. {@code /request-model.json}
     */
    static JsonSchema read(String resource) {
        try (InputStream in = RequestModelSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (the infra pom copies it from"
                        + " function/src/main/resources)");
            }
            return schema(new ObjectMapper().readTree(in), resource + " #");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * One schema, keyword by keyword: every keyword of JSON Schema draft-04 that CDK's JsonSchema can
     * carry. {@code id} cannot (CDK writes it as draft-06's {@code $id}, which draft-04 does not know),
     * and neither can a keyword draft-04 does not define: both fail the synth, naming the keyword.
     */
    static JsonSchema schema(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(at + ": a schema must be a JSON object");
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
                        throw new IllegalArgumentException(here
                                + ": API Gateway validates with draft-04 only");
                    }
                    schema.schema(JsonSchemaVersion.DRAFT4);
                }
                case "$ref" -> schema.ref(value.asText());
                case "title" -> schema.title(value.asText());
                case "description" -> schema.description(value.asText());
                case "default" -> schema.defaultValue(plain(value, here));
                case "type" -> {
                    if (value.isArray()) {
                        List<JsonSchemaType> types = new ArrayList<>();
                        value.forEach(type -> types.add(type(type, here)));
                        schema.type(types);
                    } else {
                        schema.type(type(value, here));
                    }
                }
                case "enum" -> {
                    List<Object> values = new ArrayList<>();
                    value.forEach(v -> values.add(plain(v, here)));
                    schema.enumValue(values);
                }
                case "allOf" -> schema.allOf(list(value, here));
                case "anyOf" -> schema.anyOf(list(value, here));
                case "oneOf" -> schema.oneOf(list(value, here));
                case "not" -> schema.not(schema(value, here));
                case "definitions" -> schema.definitions(schemas(value, here));
                // numbers
                case "multipleOf" -> schema.multipleOf(value.numberValue());
                case "minimum" -> schema.minimum(value.numberValue());
                case "maximum" -> schema.maximum(value.numberValue());
                // draft-04's form: a boolean beside minimum or maximum
                case "exclusiveMinimum" -> schema.exclusiveMinimum(bool(value, here));
                case "exclusiveMaximum" -> schema.exclusiveMaximum(bool(value, here));
                // strings
                case "minLength" -> schema.minLength(value.numberValue());
                case "maxLength" -> schema.maxLength(value.numberValue());
                case "pattern" -> schema.pattern(value.asText());
                case "format" -> schema.format(value.asText());
                // arrays
                case "items" -> {
                    if (value.isArray()) {
                        schema.items(list(value, here));
                    } else {
                        schema.items(schema(value, here));
                    }
                }
                case "additionalItems" -> {
                    if (value.isBoolean()) {
                        schema.additionalItems(value.booleanValue());
                    } else {
                        schema.additionalItems(schema(value, here));
                    }
                }
                case "minItems" -> schema.minItems(value.numberValue());
                case "maxItems" -> schema.maxItems(value.numberValue());
                case "uniqueItems" -> schema.uniqueItems(bool(value, here));
                // objects
                case "properties" -> schema.properties(schemas(value, here));
                case "patternProperties" -> schema.patternProperties(schemas(value, here));
                case "additionalProperties" -> {
                    if (value.isBoolean()) {
                        schema.additionalProperties(value.booleanValue());
                    } else {
                        schema.additionalProperties(schema(value, here));
                    }
                }
                case "required" -> {
                    List<String> required = new ArrayList<>();
                    value.forEach(name -> required.add(name.asText()));
                    schema.required(required);
                }
                case "minProperties" -> schema.minProperties(value.numberValue());
                case "maxProperties" -> schema.maxProperties(value.numberValue());
                case "dependencies" -> {
                    // Per property: a schema the object must also match, or the names it then requires.
                    Map<String, Object> dependencies = new LinkedHashMap<>();
                    value.fields().forEachRemaining(e -> dependencies.put(e.getKey(), e.getValue().isArray()
                            ? plain(e.getValue(), here + "/" + e.getKey())
                            : schema(e.getValue(), here + "/" + e.getKey())));
                    schema.dependencies(dependencies);
                }
                case "id" -> throw new IllegalArgumentException(here + ": CDK writes id as $id"
                        + " (draft-06), which draft-04 does not know; remove it or define the model without CDK's JsonSchema");
                default -> throw new IllegalArgumentException(here
                        + ": not a draft-04 keyword CDK's JsonSchema carries; add it to RequestModelSchema or remove it");
            }
        }
        return schema.build();
    }

    private static boolean bool(JsonNode value, String at) {
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(at + ": draft-04 takes a boolean here, not " + value);
        }
        return value.booleanValue();
    }

    /**
     * A JSON value (of enum, default or a dependency's names) as the Java value jsii carries: a string,
     * number, boolean, list or map. jsii carries a null as "absent", so a null value fails the synth rather
     * than vanish.
     */
    private static Object plain(JsonNode value, String at) {
        if (value.isNull()) {
            throw new IllegalArgumentException(at + ": a JSON null cannot reach API Gateway through"
                    + " the CDK (jsii drops it)");
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                items.add(plain(value.get(i), at + "/" + i));
            }
            return items;
        }
        Map<String, Object> members = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> members.put(e.getKey(), plain(e.getValue(), at + "/" + e.getKey())));
        return members;
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
            default -> throw new IllegalArgumentException(at + ": unknown type " + type);
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
}
