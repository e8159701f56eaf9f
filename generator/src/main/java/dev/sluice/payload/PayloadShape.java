package dev.sluice.payload;

import java.util.List;

/** The request body: always a JSON object, described by its fields and the constraints on the object itself. */
public record PayloadShape(List<Field> fields, Constraints constraints) {
    public PayloadShape {
        fields = List.copyOf(fields);
    }

    public PayloadShape(List<Field> fields) {
        this(fields, Constraints.NONE);
    }

    public FieldType.ObjectType asObject() {
        return new FieldType.ObjectType(fields, constraints);
    }
}
