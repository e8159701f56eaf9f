package dev.sluice.payload;

import java.util.List;

/** The request body: always a JSON object, described by its fields. */
public record PayloadShape(List<Field> fields) {
    public PayloadShape {
        fields = List.copyOf(fields);
    }

    public FieldType.ObjectType asObject() {
        return new FieldType.ObjectType(fields);
    }
}
