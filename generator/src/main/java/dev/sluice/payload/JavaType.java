package dev.sluice.payload;

import java.util.List;

/**
 * One Java type the consumer gets for the payload: a record (with components) or an enum (with
 * constants). {@code imports} lists what its source file must import, sorted.
 */
public record JavaType(String name, Kind kind, List<Component> components, List<Constant> constants, List<String> imports) {
    public JavaType {
        components = List.copyOf(components);
        constants = List.copyOf(constants);
        imports = List.copyOf(imports);
    }

    public enum Kind { RECORD, ENUM }

    public boolean isRecord() {
        return kind == Kind.RECORD;
    }

    public boolean isEnum() {
        return kind == Kind.ENUM;
    }

    /**
     * A record component. {@code javaType} is the source spelling (e.g. {@code List<Item>},
     * {@code int}, {@code Integer} when optional). {@code annotated} is true when the JSON name is
     * not the Java name, so the component carries {@code @JsonProperty(jsonName)}.
     */
    public record Component(String jsonName, String javaName, String javaType, boolean optional, boolean annotated) {}

    /** An enum constant; {@code annotated} when the JSON value is not the constant's name. */
    public record Constant(String jsonValue, String javaName, boolean annotated) {}
}
