package dev.sluice.payload;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The API Gateway request model for a payload: a JSON Schema draft-04 document (the only draft API
 * Gateway validates with). API Gateway does not enforce {@code format}, so timestamps, dates and
 * UUIDs also carry a {@code pattern}; {@code int} carries the int range so a value the consumer
 * cannot hold is refused at the door. An optional field may be absent or {@code null} (its type list
 * adds "null", or an optional enum is {@code anyOf} its values and {@code {"type": "null"}}), matching
 * the consumer, where both read as a Java {@code null}. The document holds no JSON null anywhere.
 */
public final class RequestModel {
    public static final String DRAFT_04 = "http://json-schema.org/draft-04/schema#";
    /** RFC 3339 date-time with seconds, at most nanosecond fractions, and a Z or numeric offset. */
    public static final String TIMESTAMP_PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$";
    public static final String DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
    public static final String UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RequestModel() {}

    /** The model, pretty-printed (two-space indentation), without a trailing newline. */
    public static String draft04(PayloadShape shape, String title) {
        ObjectNode model = JSON.objectNode();
        model.put("$schema", DRAFT_04);
        model.put("title", title);
        model.put("type", "object");
        properties(model, shape.fields());
        return JsonPrinter.print(model);
    }

    private static void properties(ObjectNode schema, List<Field> fields) {
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (Field field : fields) {
            properties.set(field.name(), schema(field.type(), field.optional()));
            if (!field.optional()) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
    }

    private static ObjectNode schema(FieldType type, boolean nullable) {
        ObjectNode schema = JSON.objectNode();
        if (type instanceof FieldType.AnyType) {
            return schema; // any JSON value
        }
        if (type instanceof FieldType.Scalar scalar) {
            switch (scalar.kind()) {
                case STRING -> type(schema, "string", nullable);
                case TIMESTAMP -> {
                    type(schema, "string", nullable);
                    schema.put("format", "date-time");
                    schema.put("pattern", TIMESTAMP_PATTERN);
                }
                case DATE -> {
                    type(schema, "string", nullable);
                    schema.put("pattern", DATE_PATTERN);
                }
                case UUID -> {
                    type(schema, "string", nullable);
                    schema.put("pattern", UUID_PATTERN);
                }
                case INT -> {
                    type(schema, "integer", nullable);
                    schema.put("minimum", Integer.MIN_VALUE);
                    schema.put("maximum", Integer.MAX_VALUE);
                }
                case LONG -> type(schema, "integer", nullable);
                case NUMBER -> type(schema, "number", nullable);
                case BOOLEAN -> type(schema, "boolean", nullable);
            }
        } else if (type instanceof FieldType.EnumType enumType) {
            ObjectNode values = JSON.objectNode();
            values.put("type", "string");
            enumType.values().forEach(values.putArray("enum")::add);
            return nullable ? orNull(values) : values;
        } else if (type instanceof FieldType.ListType list) {
            type(schema, "array", nullable);
            schema.set("items", schema(list.items(), false));
        } else if (type instanceof FieldType.ObjectType object) {
            type(schema, "object", nullable);
            properties(schema, object.fields());
        }
        return schema;
    }

    /**
     * A schema that also admits null, without a JSON null in the document: CloudFormation refuses any null
     * value in a template, Json-typed properties included, so {@code "enum": [..., null]} cannot be deployed.
     */
    private static ObjectNode orNull(ObjectNode schema) {
        ObjectNode either = JSON.objectNode();
        ArrayNode anyOf = either.putArray("anyOf");
        anyOf.add(schema);
        anyOf.addObject().put("type", "null");
        return either;
    }

    private static void type(ObjectNode schema, String type, boolean nullable) {
        if (nullable) {
            schema.putArray("type").add(type).add("null");
        } else {
            schema.put("type", type);
        }
    }
}
