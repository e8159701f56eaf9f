package dev.sluice.payload;

import java.util.List;

/**
 * The type of one payload field: the shared vocabulary of the three payload forms. Each carries the
 * {@link Constraints} a JSON Schema put on it ({@link Constraints#NONE} from a fields list or an example).
 */
public sealed interface FieldType {

    Constraints constraints();

    /** A JSON scalar with a fixed Java mapping. */
    record Scalar(ScalarKind kind, Constraints constraints) implements FieldType {
        public Scalar(ScalarKind kind) {
            this(kind, Constraints.NONE);
        }
    }

    /** A string restricted to a fixed set of values. */
    record EnumType(List<String> values, Constraints constraints) implements FieldType {
        public EnumType {
            values = List.copyOf(values);
        }

        public EnumType(List<String> values) {
            this(values, Constraints.NONE);
        }
    }

    /** A JSON array whose items all have one type. */
    record ListType(FieldType items, Constraints constraints) implements FieldType {
        public ListType(FieldType items) {
            this(items, Constraints.NONE);
        }
    }

    /** A nested JSON object. */
    record ObjectType(List<Field> fields, Constraints constraints) implements FieldType {
        public ObjectType {
            fields = List.copyOf(fields);
        }

        public ObjectType(List<Field> fields) {
            this(fields, Constraints.NONE);
        }
    }

    /**
     * Any JSON value: inferred from a {@code null} or an empty array in an example document, or a schema
     * without one type (its {@link Constraints#types} then lists those it admits).
     */
    record AnyType(Constraints constraints) implements FieldType {
        public AnyType() {
            this(Constraints.NONE);
        }
    }

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
