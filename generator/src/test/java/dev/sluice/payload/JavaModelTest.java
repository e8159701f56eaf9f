package dev.sluice.payload;

import static dev.sluice.payload.Fixtures.any;
import static dev.sluice.payload.Fixtures.enumOf;
import static dev.sluice.payload.Fixtures.integer;
import static dev.sluice.payload.Fixtures.list;
import static dev.sluice.payload.Fixtures.object;
import static dev.sluice.payload.Fixtures.optional;
import static dev.sluice.payload.Fixtures.required;
import static dev.sluice.payload.Fixtures.scalar;
import static dev.sluice.payload.Fixtures.shape;
import static dev.sluice.payload.Fixtures.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.payload.FieldType.ScalarKind;
import dev.sluice.payload.JavaType.Component;
import dev.sluice.payload.JavaType.Constant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JavaModelTest {

    private static Map<String, JavaType> byName(List<JavaType> types) {
        return types.stream().collect(Collectors.toMap(JavaType::name, Function.identity()));
    }

    private static Component component(JavaType type, String jsonName) {
        return type.components().stream().filter(c -> c.jsonName().equals(jsonName)).findFirst().orElseThrow();
    }

    @Test
    void everyTypeMapsToItsJavaSpelling() {
        List<JavaType> types = JavaModel.types(shape(
                required("s", string()), required("i", integer()), optional("oi", integer()),
                required("l", scalar(ScalarKind.LONG)), optional("ol", scalar(ScalarKind.LONG)),
                required("n", scalar(ScalarKind.NUMBER)), required("b", scalar(ScalarKind.BOOLEAN)),
                optional("ob", scalar(ScalarKind.BOOLEAN)), required("t", scalar(ScalarKind.TIMESTAMP)),
                required("d", scalar(ScalarKind.DATE)), required("u", scalar(ScalarKind.UUID)),
                required("li", list(integer())), required("ll", list(list(scalar(ScalarKind.BOOLEAN)))),
                optional("x", any())), "Order");
        assertEquals(1, types.size());
        JavaType order = types.get(0);
        assertEquals("Order", order.name());
        assertTrue(order.isRecord());
        assertEquals(List.of("String", "int", "Integer", "long", "Long", "BigDecimal", "boolean", "Boolean", "Instant",
                        "LocalDate", "UUID", "List<Integer>", "List<List<Boolean>>", "JsonNode"),
                order.components().stream().map(Component::javaType).toList());
        assertEquals(List.of("com.fasterxml.jackson.databind.JsonNode", "java.math.BigDecimal", "java.time.Instant",
                "java.time.LocalDate", "java.util.List", "java.util.UUID"), order.imports());
        assertTrue(order.components().stream().noneMatch(Component::annotated));
        assertEquals(List.of(false, false, true), order.components().subList(0, 3).stream().map(Component::optional).toList());
    }

    @Test
    void nestedTypesFollowInFirstUseOrderAndAreNamedAfterTheirField() {
        List<JavaType> types = JavaModel.types(shape(
                required("status", enumOf("NEW", "PAID")),
                required("shippingAddress", object(required("city", string()), required("country", enumOf("DE", "FR")))),
                required("items", list(object(required("sku", string()), required("qty", integer())))),
                required("tags", list(enumOf("a", "b")))), "Order");
        assertEquals(List.of("Order", "Status", "ShippingAddress", "Country", "Item", "Tag"),
                types.stream().map(JavaType::name).toList());
        JavaType order = types.get(0);
        assertEquals(List.of("Status", "ShippingAddress", "List<Item>", "List<Tag>"),
                order.components().stream().map(Component::javaType).toList());
        assertEquals(List.of("java.util.List"), order.imports());
        JavaType status = types.get(1);
        assertTrue(status.isEnum());
        assertEquals(List.of(new Constant("NEW", "NEW", false), new Constant("PAID", "PAID", false)), status.constants());
        assertEquals(List.of(), status.imports());
        JavaType tag = types.get(5);
        assertEquals(List.of(new Constant("a", "A", true), new Constant("b", "B", true)), tag.constants());
        assertEquals(List.of(JavaModel.JSON_PROPERTY), tag.imports());
    }

    @Test
    void clashingNamesArePrefixedWithTheParent() {
        List<JavaType> types = JavaModel.types(shape(
                required("status", enumOf("NEW", "PAID")),
                required("shipment", object(required("status", enumOf("SENT", "LOST")))),
                required("order", object(required("id", integer())))), "Order");
        assertEquals(List.of("Order", "Status", "Shipment", "ShipmentStatus", "OrderOrder"),
                types.stream().map(JavaType::name).toList());
        assertEquals("ShipmentStatus", byName(types).get("Shipment").components().get(0).javaType());
    }

    @Test
    void prefixedNameTakenTooGetsANumber() {
        List<JavaType> types = JavaModel.types(shape(
                required("x", enumOf("a")),
                required("rootX", enumOf("b")),
                required("X", enumOf("c")),
                required("y", object(required("x", enumOf("d"))))), "Root");
        assertEquals(List.of("Root", "X", "RootX", "RootX2", "Y", "YX"), types.stream().map(JavaType::name).toList());
        assertEquals(List.of("X", "RootX", "RootX2", "Y"), types.get(0).components().stream().map(Component::javaType).toList());
        assertEquals(List.of("x", "rootX", "x2", "y"), types.get(0).components().stream().map(Component::javaName).toList());
        assertEquals(List.of(new Constant("c", "C", true)), byName(types).get("RootX2").constants());
        assertEquals("YX", byName(types).get("Y").components().get(0).javaType());
    }

    @Test
    void equalShapesUnderTheSameNameAreReused() {
        FieldType item = object(required("sku", string()));
        List<JavaType> types = JavaModel.types(shape(
                required("items", list(item)),
                required("backorder", object(required("items", list(item))))), "Order");
        assertEquals(List.of("Order", "Item", "Backorder"), types.stream().map(JavaType::name).toList());
        assertEquals("List<Item>", types.get(2).components().get(0).javaType());
    }

    @Test
    void namesThatWouldShadowJavaTypesArePrefixed() {
        List<JavaType> types = JavaModel.types(shape(
                required("string", object(required("v", string()))),
                required("record", enumOf("A")),
                required("instant", object(required("at", scalar(ScalarKind.TIMESTAMP)))),
                required("list", object(required("x", integer())))), "Event");
        assertEquals(List.of("Event", "EventString", "EventRecord", "EventInstant", "EventList"),
                types.stream().map(JavaType::name).toList());
        JavaType event = types.get(0);
        assertEquals(List.of("string", "recordValue", "instant", "list"),
                event.components().stream().map(Component::javaName).toList());
        assertEquals(List.of("EventString", "EventRecord", "EventInstant", "EventList"),
                event.components().stream().map(Component::javaType).toList());
        assertEquals(List.of("java.time.Instant"), types.get(3).imports());
    }

    @Test
    void javaNamesDifferingFromJsonNamesAreAnnotated() {
        List<JavaType> types = JavaModel.types(shape(
                required("first-name", string()), required("firstName", string()), required("class", string()),
                required("2fa", scalar(ScalarKind.BOOLEAN)), required("ok", scalar(ScalarKind.BOOLEAN))), "User");
        JavaType user = types.get(0);
        assertEquals(List.of(
                new Component("first-name", "firstName", "String", false, true),
                new Component("firstName", "firstName2", "String", false, true),
                new Component("class", "classValue", "String", false, true),
                new Component("2fa", "field2fa", "boolean", false, true),
                new Component("ok", "ok", "boolean", false, false)), user.components());
        assertEquals(List.of(JavaModel.JSON_PROPERTY), user.imports());
    }

    @Test
    void enumConstantsAreUpperSnakeAndUnique() {
        List<JavaType> types = JavaModel.types(shape(required("state", enumOf("in-progress", "in_progress", "1st", "DONE"))), "Job");
        JavaType state = types.get(1);
        assertEquals(List.of(
                new Constant("in-progress", "IN_PROGRESS", true),
                new Constant("in_progress", "IN_PROGRESS_2", true),
                new Constant("1st", "V1ST", true),
                new Constant("DONE", "DONE", false)), state.constants());
        assertEquals(List.of(JavaModel.JSON_PROPERTY), state.imports());
        assertFalse(types.get(0).imports().contains(JavaModel.JSON_PROPERTY));
    }

    @Test
    void nestedRecordImportsOnlyWhatItUses() {
        List<JavaType> types = JavaModel.types(shape(
                required("at", scalar(ScalarKind.TIMESTAMP)),
                required("line", object(required("price", scalar(ScalarKind.NUMBER)), required("id", scalar(ScalarKind.UUID))))), "Order");
        assertEquals(List.of("java.time.Instant"), types.get(0).imports());
        assertEquals(List.of("java.math.BigDecimal", "java.util.UUID"), types.get(1).imports());
    }
}
