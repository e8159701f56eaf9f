package dev.sluice.payload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Java types for a payload: the root record, then every nested record and enum in first-use
 * order (depth first: a nested type comes right after the type that first uses it, before that
 * type's later fields' types).
 *
 * <p>Naming: a nested type is named after its field ({@link JavaNames#typeName}: {@code
 * shippingAddress} → {@code ShippingAddress}, {@code items} → {@code Item}). If that name is taken by
 * another type of a different shape, or would shadow {@code java.lang} or an imported type
 * ({@link JavaNames#isTakenTypeName}), the parent type's name is put in front ({@code OrderStatus});
 * if that is taken too, a number is appended ({@code OrderStatus2}). A field whose type is equal in
 * name and shape to one already generated reuses it. Components are named by
 * {@link JavaNames#fieldName}, constants by {@link JavaNames#constantName}; two that map to the same
 * Java name get {@code 2}, {@code 3}, ... ({@code _2} for constants).
 */
public final class JavaModel {
    public static final String LIST = "java.util.List";
    public static final String BIG_DECIMAL = "java.math.BigDecimal";
    public static final String INSTANT = "java.time.Instant";
    public static final String LOCAL_DATE = "java.time.LocalDate";
    public static final String UUID = "java.util.UUID";
    public static final String JSON_NODE = "com.fasterxml.jackson.databind.JsonNode";
    public static final String JSON_PROPERTY = "com.fasterxml.jackson.annotation.JsonProperty";

    private final List<JavaType> types = new ArrayList<>();
    /** Every type name given so far, with the payload type it stands for. */
    private final Map<String, FieldType> named = new HashMap<>();

    private JavaModel() {}

    public static List<JavaType> types(PayloadShape shape, String rootName) {
        JavaModel model = new JavaModel();
        model.named.put(rootName, shape.asObject());
        model.record(rootName, shape.asObject());
        return List.copyOf(model.types);
    }

    private void record(String name, FieldType.ObjectType object) {
        int index = types.size();
        types.add(null); // keeps the place: nested types follow their first user
        Set<String> imports = new TreeSet<>();
        Set<String> javaNames = new HashSet<>();
        List<JavaType.Component> components = new ArrayList<>();
        for (Field field : object.fields()) {
            String javaName = unique(JavaNames.fieldName(field.name()), javaNames, "");
            String javaType = javaType(field.type(), field.optional(), field.name(), name, imports);
            boolean annotated = !javaName.equals(field.name());
            if (annotated) {
                imports.add(JSON_PROPERTY);
            }
            components.add(new JavaType.Component(field.name(), javaName, javaType, field.optional(), annotated));
        }
        types.set(index, new JavaType(name, JavaType.Kind.RECORD, components, List.of(), List.copyOf(imports)));
    }

    private void enumeration(String name, FieldType.EnumType enumType) {
        Set<String> javaNames = new HashSet<>();
        List<JavaType.Constant> constants = new ArrayList<>();
        boolean annotated = false;
        for (String value : enumType.values()) {
            String javaName = unique(JavaNames.constantName(value), javaNames, "_");
            boolean differs = !javaName.equals(value);
            annotated |= differs;
            constants.add(new JavaType.Constant(value, javaName, differs));
        }
        types.add(new JavaType(name, JavaType.Kind.ENUM, List.of(), constants,
                annotated ? List.of(JSON_PROPERTY) : List.of()));
    }

    /** The source spelling of a field's type; generates the nested type on first use. */
    private String javaType(FieldType type, boolean boxed, String jsonName, String parent, Set<String> imports) {
        if (type instanceof FieldType.Scalar scalar) {
            return switch (scalar.kind()) {
                case STRING -> "String";
                case INT -> boxed ? "Integer" : "int";
                case LONG -> boxed ? "Long" : "long";
                case BOOLEAN -> boxed ? "Boolean" : "boolean";
                case NUMBER -> imported(BIG_DECIMAL, imports);
                case TIMESTAMP -> imported(INSTANT, imports);
                case DATE -> imported(LOCAL_DATE, imports);
                case UUID -> imported(UUID, imports);
            };
        }
        if (type instanceof FieldType.ListType list) {
            imports.add(LIST);
            return "List<" + javaType(list.items(), true, jsonName, parent, imports) + ">";
        }
        if (type instanceof FieldType.EnumType enumType) {
            String name = nestedName(jsonName, parent, type);
            if (!named.containsKey(name)) {
                named.put(name, type);
                enumeration(name, enumType);
            }
            return name;
        }
        if (type instanceof FieldType.ObjectType object) {
            String name = nestedName(jsonName, parent, type);
            if (!named.containsKey(name)) {
                named.put(name, type);
                record(name, object);
            }
            return name;
        }
        return imported(JSON_NODE, imports); // AnyType
    }

    /**
     * The name for a nested type: an existing name of an equal type (reuse), or the first free
     * candidate of {@code Base}, {@code ParentBase}, {@code ParentBase2}, ...
     */
    private String nestedName(String jsonName, String parent, FieldType type) {
        String base = JavaNames.typeName(jsonName);
        for (String candidate : List.of(base, parent + base)) {
            if (type.equals(named.get(candidate)) || free(candidate)) {
                return candidate;
            }
        }
        for (int n = 2; ; n++) {
            String candidate = parent + base + n;
            if (type.equals(named.get(candidate)) || free(candidate)) {
                return candidate;
            }
        }
    }

    private boolean free(String name) {
        return !named.containsKey(name) && !JavaNames.isTakenTypeName(name) && !JavaNames.isReserved(name);
    }

    private static String imported(String qualified, Set<String> imports) {
        imports.add(qualified);
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    private static String unique(String name, Set<String> used, String separator) {
        String candidate = name;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = name + separator + n;
        }
        return candidate;
    }
}
