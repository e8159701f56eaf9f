package com.example.orders.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.orders.OrderHandler;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parsing of message bodies into {@link Order}, the way {@link OrderHandler} parses them. Each test
 * starts from the sample request, {@code events/request.json}, and changes one thing.
 */
class PayloadParsingTest {
    /** Writes a parsed request back as JSON in the request's own spelling, to compare it with the sample. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /**
     * JSON equality that compares numbers by value: the sample's 1 is the record's 1L, its 19.990
     * the record's 19.99.
     */
    private static final Comparator<JsonNode> SAME_VALUE = (expected, actual) ->
            expected.isNumber() && actual.isNumber()
                    ? expected.decimalValue().compareTo(actual.decimalValue())
                    : expected.equals(actual) ? 0 : 1;

    /** The fields the API's request model requires. */
    static List<String> requiredFields() {
        return List.of("orderId", "customerId", "placedAt", "status", "items", "shippingAddress");
    }

    /** The fields the API's request model lets a request leave out. */
    static List<String> optionalFields() {
        return List.of("giftMessage", "class");
    }

    @Test
    void parsesTheSampleRequestWithEveryValue() throws IOException {
        ObjectNode sample = sample();

        JsonNode parsed = JSON.valueToTree(OrderHandler.parse(sample.toString()));

        assertTrue(sample.equals(SAME_VALUE, parsed), () -> "expected " + sample + ", parsed " + parsed);
    }

    @ParameterizedTest
    @MethodSource("requiredFields")
    void rejectsABodyWithoutARequiredField(String field) throws IOException {
        ObjectNode body = sample();
        body.remove(field);

        assertThrows(JsonProcessingException.class, () -> OrderHandler.parse(body.toString()));
    }

    @ParameterizedTest
    @MethodSource("requiredFields")
    void rejectsANullRequiredField(String field) throws IOException {
        ObjectNode body = sample();
        body.putNull(field);

        assertThrows(JsonProcessingException.class, () -> OrderHandler.parse(body.toString()));
    }

    @ParameterizedTest
    @MethodSource("optionalFields")
    void acceptsABodyWithoutAnOptionalField(String field) throws IOException {
        ObjectNode body = sample();
        body.remove(field);

        JsonNode parsed = JSON.valueToTree(OrderHandler.parse(body.toString()));

        assertNull(parsed.get(field));
    }

    @ParameterizedTest
    @MethodSource("optionalFields")
    void acceptsANullOptionalField(String field) throws IOException {
        ObjectNode body = sample();
        body.putNull(field);

        assertDoesNotThrow(() -> OrderHandler.parse(body.toString()));
    }

    @Test
    void rejectsAFieldOfTheWrongType() throws IOException {
        ObjectNode body = sample();
        body.put("orderId", "not a UUID");

        assertThrows(JsonProcessingException.class, () -> OrderHandler.parse(body.toString()));
    }

    @Test
    void ignoresFieldsTheModelDoesNotDeclare() throws IOException {
        ObjectNode body = sample();
        body.put("addedByANewerClient", true);

        assertEquals(OrderHandler.parse(sample().toString()), OrderHandler.parse(body.toString()));
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        assertThrows(JsonProcessingException.class, () -> OrderHandler.parse("this body is not JSON"));
    }

    private static ObjectNode sample() throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(Path.of("events", "request.json")));
    }
}
