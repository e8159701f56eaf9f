package dev.sluice.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JavaNamesTest {

    @ParameterizedTest
    @CsvSource({
        "/orders, Order",
        "/v1/payments, Payment",
        "/order-items, OrderItem",
        "/categories, Category",
        "/status, Status",
        "/statuses, Status",
        "/addresses, Address",
        "/boxes, Box",
        "/batches, Batch",
        "/people, Person",
        "/news, News",
        "/orders/, Order",
        "/orders/{id}/line_items, LineItem",
        "/orders/{orderId}, Order",
        "/orders/2024, Order",
        "/api/v2, Api",
        "/123, Message",
        "/, Message",
        "'', Message",
        "/v1, Message",
        "/classes, ClassMessage",
        "/strings, StringMessage",
        "/records, RecordMessage",
        "/lists, ListMessage",
        "/3d-models, Message3dModel",
        "/ORDERS, Order",
        "/houses, House",
        "/responses, Response"})
    void rootTypeName(String path, String expected) {
        assertEquals(expected, JavaNames.rootTypeName(path));
    }

    @ParameterizedTest
    @CsvSource({
        "first-name, firstName",
        "first_name, firstName",
        "FIRST_NAME, firstName",
        "FirstName, firstName",
        "firstName, firstName",
        "userID, userID",
        "2fa, field2fa",
        "class, classValue",
        "enum, enumValue",
        "record, recordValue",
        "hashCode, hashCodeValue",
        "getClass, getClassValue",
        "_, field",
        "'', field",
        "$, field",
        "first name, firstName",
        "a.b.c, aBC",
        "HTTPServer, httpServer",
        "x-Request-ID, xRequestId",
        "größe, größe"})
    void fieldName(String json, String expected) {
        assertEquals(expected, JavaNames.fieldName(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"class", "2fa", "", "---", "first-name", "a b", "__", "toString", "null", "true", "_", "ünïcode", "x\"y"})
    void fieldNamesAreAlwaysLegalIdentifiers(String json) {
        String name = JavaNames.fieldName(json);
        assertTrue(SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name) && !JavaNames.isReserved(name), name);
    }

    @ParameterizedTest
    @CsvSource({
        "shippingAddress, ShippingAddress",
        "items, Item",
        "status, Status",
        "line_items, LineItem",
        "order-lines, OrderLine",
        "categories, Category",
        "address, Address",
        "URLS, Url",
        "2fa, Type2fa",
        "'', Value",
        "children, Child"})
    void typeName(String json, String expected) {
        assertEquals(expected, JavaNames.typeName(json));
    }

    @ParameterizedTest
    @CsvSource({
        "in-progress, IN_PROGRESS",
        "IN_PROGRESS, IN_PROGRESS",
        "inProgress, IN_PROGRESS",
        "In Progress, IN_PROGRESS",
        "1st, V1ST",
        "NEW, NEW",
        "paid, PAID",
        "a.b, A_B",
        "'', VALUE",
        "!!, VALUE"})
    void constantName(String value, String expected) {
        assertEquals(expected, JavaNames.constantName(value));
    }

    @Test
    void takenTypeNames() {
        assertTrue(JavaNames.isTakenTypeName("String"));
        assertTrue(JavaNames.isTakenTypeName("Instant"));
        assertTrue(JavaNames.isTakenTypeName("JsonNode"));
        assertFalse(JavaNames.isTakenTypeName("Order"));
    }
}
