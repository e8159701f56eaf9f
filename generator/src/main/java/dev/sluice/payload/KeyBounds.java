package dev.sluice.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The bounds a key field gets in the request model, so that every request the API accepts is one the queue or
 * the idempotency table can take (a request it cannot take is then a 400, not an endless "retry later"):
 * a FIFO MessageGroupId or MessageDeduplicationId taken from a string field matches {@link #SQS_ID_PATTERN}
 * (1 to 128 printable ASCII characters, no space: what SQS takes), combined with the field's own patterns; an
 * idempotency key (a DynamoDB partition key: 1 to 2048 bytes) has at most {@link #IDEMPOTENCY_KEY_MAX_LENGTH}
 * characters, which UTF-8 writes in at most 4 bytes each, and at least 1.
 */
public final class KeyBounds {
    /** What SQS takes as a MessageGroupId or MessageDeduplicationId: 1-128 characters from '!' to '~'. */
    public static final String SQS_ID_PATTERN = "^[!-~]{1,128}$";
    /** DynamoDB's largest partition key, bytes. */
    public static final int DYNAMODB_KEY_MAX_BYTES = 2048;
    /** The most characters of an idempotency key: each is at most 4 bytes of UTF-8, so the key fits 2048 bytes. */
    public static final long IDEMPOTENCY_KEY_MAX_LENGTH = DYNAMODB_KEY_MAX_BYTES / 4;

    private static final Pattern SQS_ID = Pattern.compile(SQS_ID_PATTERN);

    private KeyBounds() {}

    /** Whether a value (an enum's, or a key's text) is one SQS takes as a group or deduplication id. */
    public static boolean sqsTakes(String value) {
        return SQS_ID.matcher(value).matches();
    }

    /** The field at a dot path of required objects. */
    public static Field field(PayloadShape shape, String dotPath) {
        List<Field> fields = shape.fields();
        Field found = null;
        for (String part : dotPath.split("\\.")) {
            found = fields.stream().filter(f -> f.name().equals(part)).findFirst().orElseThrow();
            if (found.type() instanceof FieldType.ObjectType object) {
                fields = object.fields();
            }
        }
        return found;
    }

    /**
     * Whether a key field is free text, which needs bounds. A timestamp, date or UUID needs none: its pattern
     * already keeps it to at most 35 printable ASCII characters without a space. Numbers and booleans are short.
     */
    public static boolean isText(FieldType type) {
        return type instanceof FieldType.Scalar scalar && scalar.kind() == FieldType.ScalarKind.STRING;
    }

    /** The shape with a FIFO id key bounded to what SQS takes (a text field; an enum's values are checked by the caller). */
    public static PayloadShape sqsId(PayloadShape shape, String dotPath) {
        return isText(field(shape, dotPath).type()) ? constrain(shape, dotPath, c -> c.withPattern(SQS_ID_PATTERN)) : shape;
    }

    /** The shape with an idempotency key bounded to 1 to {@link #IDEMPOTENCY_KEY_MAX_LENGTH} characters (a text field). */
    public static PayloadShape idempotencyKey(PayloadShape shape, String dotPath) {
        return isText(field(shape, dotPath).type())
                ? constrain(shape, dotPath, c -> c.withLength(1L, IDEMPOTENCY_KEY_MAX_LENGTH)) : shape;
    }

    /** The shape with the constraints of the field at a dot path changed. */
    static PayloadShape constrain(PayloadShape shape, String dotPath, UnaryOperator<Constraints> change) {
        return new PayloadShape(constrain(shape.fields(), dotPath.split("\\."), 0, change), shape.constraints());
    }

    private static List<Field> constrain(List<Field> fields, String[] parts, int at, UnaryOperator<Constraints> change) {
        List<Field> result = new ArrayList<>();
        for (Field field : fields) {
            if (!field.name().equals(parts[at])) {
                result.add(field);
            } else if (at == parts.length - 1) {
                result.add(new Field(field.name(), withConstraints(field.type(), change.apply(field.type().constraints())), field.optional()));
            } else {
                FieldType.ObjectType object = (FieldType.ObjectType) field.type();
                result.add(new Field(field.name(), new FieldType.ObjectType(constrain(object.fields(), parts, at + 1, change),
                        object.constraints()), field.optional()));
            }
        }
        return result;
    }

    private static FieldType withConstraints(FieldType type, Constraints c) {
        if (type instanceof FieldType.Scalar s) {
            return new FieldType.Scalar(s.kind(), c);
        }
        if (type instanceof FieldType.EnumType e) {
            return new FieldType.EnumType(e.values(), c);
        }
        throw new IllegalArgumentException("a key is a scalar or an enum, not " + type);
    }
}
