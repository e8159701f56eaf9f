package dev.sluice.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * A request body that the {@link RequestModel} accepts: every field present (optional ones too),
 * with fixed plausible values, so generated samples and tests are reproducible.
 */
public final class SampleBody {
    public static final String TIMESTAMP = "2026-01-15T09:30:00Z";
    public static final String DATE = "2026-01-15";
    public static final String UUID = "3f6c2a8e-5b1d-4c7e-9a2f-8d4b6e1c0a57";
    public static final BigDecimal NUMBER = new BigDecimal("19.99");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SampleBody() {}

    /** The body, pretty-printed (two-space indentation), without a trailing newline. */
    public static String valid(PayloadShape shape) {
        return JsonPrinter.print(object(shape.fields()));
    }

    private static ObjectNode object(List<Field> fields) {
        ObjectNode object = JSON.objectNode();
        for (Field field : fields) {
            object.set(field.name(), value(field.type(), field.name()));
        }
        return object;
    }

    private static JsonNode value(FieldType type, String name) {
        if (type instanceof FieldType.Scalar scalar) {
            return switch (scalar.kind()) {
                case STRING -> JSON.textNode("example-" + name);
                case INT, LONG -> JSON.numberNode(1);
                case NUMBER -> JSON.numberNode(NUMBER);
                case BOOLEAN -> JSON.booleanNode(true);
                case TIMESTAMP -> JSON.textNode(TIMESTAMP);
                case DATE -> JSON.textNode(DATE);
                case UUID -> JSON.textNode(UUID);
            };
        }
        if (type instanceof FieldType.EnumType enumType) {
            return JSON.textNode(enumType.values().get(0));
        }
        if (type instanceof FieldType.ListType list) {
            ArrayNode array = JSON.arrayNode();
            array.add(value(list.items(), name));
            return array;
        }
        if (type instanceof FieldType.ObjectType object) {
            return object(object.fields());
        }
        return JSON.textNode("example-" + name); // AnyType: any JSON value, a small string will do
    }
}
