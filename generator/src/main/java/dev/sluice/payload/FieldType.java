package dev.sluice.payload;

import java.util.List;

/** The type of one payload field: the shared vocabulary of the three payload forms. */
public sealed interface FieldType {

    /** A JSON scalar with a fixed Java mapping. */
    record Scalar(ScalarKind kind) implements FieldType {}

    /** A string restricted to a fixed set of values. */
    record EnumType(List<String> values) implements FieldType {
        public EnumType {
            values = List.copyOf(values);
        }
    }

    /** A JSON array whose items all have one type. */
    record ListType(FieldType items) implements FieldType {}

    /** A nested JSON object. */
    record ObjectType(List<Field> fields) implements FieldType {
        public ObjectType {
            fields = List.copyOf(fields);
        }
    }

    /** Any JSON value: inferred from a {@code null} or an empty array in an example document. */
    record AnyType() implements FieldType {}

    /** The scalar types of BRIEF §3.1, with their spelling in a fields list. */
    enum ScalarKind {
        STRING("string"),
        INT("int"),
        LONG("long"),
        NUMBER("number"),
        BOOLEAN("boolean"),
        TIMESTAMP("timestamp"),
        DATE("date"),
        UUID("uuid");

        private final String spelling;

        ScalarKind(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }
}
