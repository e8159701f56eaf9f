package dev.sluice.payload;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.payload.FieldType.ScalarKind;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Small builders and checks shared by the payload tests. */
final class Fixtures {
    private Fixtures() {}

    static FieldType scalar(ScalarKind kind) {
        return new FieldType.Scalar(kind);
    }

    static FieldType string() {
        return scalar(ScalarKind.STRING);
    }

    static FieldType integer() {
        return scalar(ScalarKind.INT);
    }

    static FieldType list(FieldType items) {
        return new FieldType.ListType(items);
    }

    static FieldType object(Field... fields) {
        return new FieldType.ObjectType(List.of(fields));
    }

    static FieldType enumOf(String... values) {
        return new FieldType.EnumType(List.of(values));
    }

    static FieldType any() {
        return new FieldType.AnyType();
    }

    static Field required(String name, FieldType type) {
        return new Field(name, type, false);
    }

    static Field optional(String name, FieldType type) {
        return new Field(name, type, true);
    }

    static PayloadShape shape(Field... fields) {
        return new PayloadShape(List.of(fields));
    }

    /** The shape without any constraints: what the older tests compare. */
    static PayloadShape bare(PayloadShape shape) {
        return new PayloadShape(shape.fields().stream().map(Fixtures::bare).toList());
    }

    private static Field bare(Field field) {
        return new Field(field.name(), bare(field.type()), field.optional());
    }

    static FieldType bare(FieldType type) {
        if (type instanceof FieldType.Scalar s) {
            return new FieldType.Scalar(s.kind());
        }
        if (type instanceof FieldType.EnumType e) {
            return new FieldType.EnumType(e.values());
        }
        if (type instanceof FieldType.ListType l) {
            return new FieldType.ListType(bare(l.items()));
        }
        if (type instanceof FieldType.ObjectType o) {
            return new FieldType.ObjectType(o.fields().stream().map(Fixtures::bare).toList());
        }
        return new FieldType.AnyType();
    }

    /**
     * Runs {@code action}, expects the payload refused, and checks that its value and reason together contain every
     * one of {@code pieces} (the value quoted as the user's error quotes it: {@code 'amount'}); returns it for further
     * checks. Which question it answers is the validator's business (AnswersValidatorTest, CliTest).
     */
    static InvalidPayloadException rejects(Executable action, String... pieces) {
        InvalidPayloadException e = assertThrows(InvalidPayloadException.class, action);
        String said = (e.value() == null ? "(no value)" : "'" + e.value() + "'") + " " + e.reason();
        for (String piece : pieces) {
            assertTrue(said.contains(piece), () -> "expected '" + piece + "' in: " + said);
        }
        return e;
    }
}
