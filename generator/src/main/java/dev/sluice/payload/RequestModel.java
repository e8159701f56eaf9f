package dev.sluice.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
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
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    private RequestModel() {}

    /** The model, pretty-printed (two-space indentation), without a trailing newline. */
    public static String draft04(PayloadShape shape, String title) {
        ObjectNode model = JSON.objectNode();
        model.put("$schema", DRAFT_04);
        model.put("title", title);
        model.put("type", "object");
        object(model, shape.fields(), shape.constraints());
        return JsonPrinter.print(model);
    }

    /** The keywords of an object: its properties, which are required, and what it says of other properties. */
    private static void object(ObjectNode schema, List<Field> fields, Constraints c) {
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
        objectBounds(schema, c);
    }

    private static void objectBounds(ObjectNode schema, Constraints c) {
        if (c.closed()) {
            schema.put("additionalProperties", false);
        } else if (c.additional() != null) {
            schema.set("additionalProperties", schema(c.additional().type(), c.additional().nullable()));
        }
        count(schema, "minProperties", c.minProperties());
        count(schema, "maxProperties", c.maxProperties());
    }

    private static ObjectNode schema(FieldType type, boolean nullable) {
        Constraints c = type.constraints();
        ObjectNode schema = JSON.objectNode();
        // A null among an enum's values would be a JSON null in the document: an enum that admits null is
        // anyOf the enum and {"type": "null"} instead (below), and the enum's own schema does not admit null.
        boolean orNull = nullable && (type instanceof FieldType.EnumType || !c.enumValues().isEmpty());
        boolean typeNullable = nullable && !orNull;
        if (type instanceof FieldType.AnyType) {
            if (!c.types().isEmpty()) {
                List<String> types = new java.util.ArrayList<>(c.types());
                if (typeNullable) {
                    types.add("null");
                }
                if (types.size() == 1) {
                    schema.put("type", types.get(0));
                } else {
                    types.forEach(schema.putArray("type")::add);
                }
            }
            strings(schema, null, c);
            numbers(schema, null, null, c);
            arrays(schema, c);
            objectBounds(schema, c);
        } else if (type instanceof FieldType.Scalar scalar) {
            switch (scalar.kind()) {
                case STRING -> strings(type(schema, "string", typeNullable), null, c);
                case TIMESTAMP -> {
                    type(schema, "string", typeNullable).put("format", "date-time");
                    strings(schema, TIMESTAMP_PATTERN, c);
                }
                case DATE -> strings(type(schema, "string", typeNullable), DATE_PATTERN, c);
                case UUID -> strings(type(schema, "string", typeNullable), UUID_PATTERN, c);
                case INT -> numbers(type(schema, "integer", typeNullable), INT_MIN, INT_MAX, c);
                case LONG -> numbers(type(schema, "integer", typeNullable), null, null, c);
                case NUMBER -> numbers(type(schema, "number", typeNullable), null, null, c);
                case BOOLEAN -> type(schema, "boolean", typeNullable);
            }
        } else if (type instanceof FieldType.EnumType enumType) {
            type(schema, "string", false);
            enumType.values().forEach(schema.putArray("enum")::add);
            strings(schema, null, c);
        } else if (type instanceof FieldType.ListType list) {
            type(schema, "array", typeNullable);
            schema.set("items", schema(list.items(), false));
            arrays(schema, c);
        } else if (type instanceof FieldType.ObjectType object) {
            type(schema, "object", typeNullable);
            object(schema, object.fields(), c);
        }
        if (!c.enumValues().isEmpty()) {
            c.enumValues().forEach(schema.putArray("enum")::add);
        }
        return orNull ? orNull(schema) : schema;
    }

    /** Patterns (the format's first, then the schema's: the first as pattern, the others in an allOf) and lengths. */
    private static void strings(ObjectNode schema, String formatPattern, Constraints c) {
        List<String> patterns = new java.util.ArrayList<>();
        if (formatPattern != null) {
            patterns.add(formatPattern);
        }
        c.patterns().stream().filter(p -> !patterns.contains(p)).forEach(patterns::add);
        if (!patterns.isEmpty()) {
            schema.put("pattern", patterns.get(0));
        }
        if (patterns.size() > 1) {
            ArrayNode allOf = schema.putArray("allOf");
            patterns.subList(1, patterns.size()).forEach(p -> allOf.addObject().put("pattern", p));
        }
        count(schema, "minLength", c.minLength());
        count(schema, "maxLength", c.maxLength());
    }

    /** Bounds (an int field's within the int range) and multipleOf. */
    private static void numbers(ObjectNode schema, BigDecimal floor, BigDecimal ceiling, Constraints c) {
        Constraints.Bound low = tighter(c.minimum(), floor, 1);
        Constraints.Bound high = tighter(c.maximum(), ceiling, -1);
        if (low != null) {
            schema.set("minimum", number(low.value()));
            if (low.exclusive()) {
                schema.put("exclusiveMinimum", true);
            }
        }
        if (high != null) {
            schema.set("maximum", number(high.value()));
            if (high.exclusive()) {
                schema.put("exclusiveMaximum", true);
            }
        }
        if (c.multipleOf() != null) {
            schema.set("multipleOf", number(c.multipleOf()));
        }
    }

    /** The tighter of a schema's bound and a type's inclusive limit (sign 1: the larger minimum; -1: the smaller maximum). */
    static Constraints.Bound tighter(Constraints.Bound bound, BigDecimal limit, int sign) {
        if (limit == null) {
            return bound;
        }
        if (bound == null || limit.compareTo(bound.value()) * sign > 0) {
            return new Constraints.Bound(limit, false);
        }
        return bound;
    }

    private static void arrays(ObjectNode schema, Constraints c) {
        count(schema, "minItems", c.minItems());
        count(schema, "maxItems", c.maxItems());
        if (c.uniqueItems()) {
            schema.put("uniqueItems", true);
        }
    }

    private static void count(ObjectNode schema, String keyword, Long value) {
        if (value != null) {
            schema.put(keyword, value.longValue());
        }
    }

    /** A number as the model prints it: whole numbers without a fraction, others in plain notation. */
    static JsonNode number(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() <= 0) {
            java.math.BigInteger whole = plain.toBigIntegerExact();
            if (whole.bitLength() < 32) {
                return JSON.numberNode(whole.intValue());
            }
            return whole.bitLength() < 64 ? JSON.numberNode(whole.longValue()) : JSON.numberNode(whole);
        }
        return JSON.numberNode(plain);
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

    private static ObjectNode type(ObjectNode schema, String type, boolean nullable) {
        if (nullable) {
            schema.putArray("type").add(type).add("null");
        } else {
            schema.put("type", type);
        }
        return schema;
    }
}
