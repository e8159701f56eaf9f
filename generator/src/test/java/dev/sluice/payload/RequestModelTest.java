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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sluice.payload.FieldType.ScalarKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestModelTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory DRAFT_04 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    /** Like API Gateway: {@code format} is not enforced, so the patterns must do the work. */
    private static final SchemaValidatorsConfig NO_FORMATS = SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();

    /** Every type form, nested, optional and required. */
    static final PayloadShape RICH = shape(
            required("id", scalar(ScalarKind.UUID)),
            required("count", integer()),
            optional("total", scalar(ScalarKind.LONG)),
            required("price", scalar(ScalarKind.NUMBER)),
            optional("paid", scalar(ScalarKind.BOOLEAN)),
            required("at", scalar(ScalarKind.TIMESTAMP)),
            optional("day", scalar(ScalarKind.DATE)),
            required("first-name", string()),
            required("status", enumOf("NEW", "in-progress")),
            optional("priority", enumOf("LOW", "HIGH")),
            required("items", list(object(required("sku", string()), optional("qty", integer()),
                    required("dims", list(list(scalar(ScalarKind.NUMBER))))))),
            optional("address", object(required("city", string()), optional("zip", string()))),
            required("extra", any()),
            optional("note", any()));

    private static Set<ValidationMessage> validate(PayloadShape shape, String body) throws Exception {
        JsonSchema schema = DRAFT_04.getSchema(RequestModel.draft04(shape, "Order"), NO_FORMATS);
        return schema.validate(MAPPER.readTree(body));
    }

    @Test
    void smallModelIsPrintedExactly() {
        String model = RequestModel.draft04(shape(
                required("id", scalar(ScalarKind.UUID)),
                required("kind", enumOf("A", "B")),
                optional("note", string()),
                optional("tags", list(string()))), "Order");
        assertEquals("""
                {
                  "$schema": "http://json-schema.org/draft-04/schema#",
                  "title": "Order",
                  "type": "object",
                  "properties": {
                    "id": {
                      "type": "string",
                      "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
                    },
                    "kind": {
                      "type": "string",
                      "enum": [
                        "A",
                        "B"
                      ]
                    },
                    "note": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "tags": {
                      "type": [
                        "array",
                        "null"
                      ],
                      "items": {
                        "type": "string"
                      }
                    }
                  },
                  "required": [
                    "id",
                    "kind"
                  ]
                }""", model);
    }

    @Test
    void everyTypeFormMapsToDraft04() throws Exception {
        JsonNode model = MAPPER.readTree(RequestModel.draft04(RICH, "Order"));
        assertEquals(List.of("$schema", "title", "type", "properties", "required"), fieldNames(model));
        JsonNode p = model.get("properties");
        assertEquals("integer", p.at("/count/type").asText());
        assertEquals(Integer.MIN_VALUE, p.at("/count/minimum").intValue());
        assertEquals(Integer.MAX_VALUE, p.at("/count/maximum").intValue());
        assertEquals("[\"integer\",\"null\"]", p.at("/total/type").toString());
        assertTrue(p.at("/total/maximum").isMissingNode());
        assertEquals("number", p.at("/price/type").asText());
        assertEquals("date-time", p.at("/at/format").asText());
        assertEquals(RequestModel.TIMESTAMP_PATTERN, p.at("/at/pattern").asText());
        assertEquals("^\\d{4}-\\d{2}-\\d{2}$", p.at("/day/pattern").asText());
        assertTrue(p.at("/day/format").isMissingNode(), "draft-04 has no date format");
        assertEquals("{\"anyOf\":[{\"type\":\"string\",\"enum\":[\"LOW\",\"HIGH\"]},{\"type\":\"null\"}]}",
                p.get("priority").toString());
        assertEquals("array", p.at("/items/type").asText());
        assertEquals("object", p.at("/items/items/type").asText());
        assertEquals("[\"sku\",\"dims\"]", p.at("/items/items/required").toString());
        assertEquals("number", p.at("/items/items/properties/dims/items/items/type").asText());
        assertEquals("[\"city\"]", p.at("/address/required").toString());
        assertEquals("{}", p.get("extra").toString());
        assertEquals("[\"id\",\"count\",\"price\",\"at\",\"first-name\",\"status\",\"items\",\"extra\"]",
                model.get("required").toString());
    }

    @Test
    void theModelHoldsNoJsonNullAnywhere() throws Exception {
        // CloudFormation refuses a template with a null value; "null" as a type name is a string, not a null.
        JsonNode model = MAPPER.readTree(RequestModel.draft04(RICH, "Order"));
        assertEquals(List.of(), nulls(model, ""));
        assertEquals(Set.of(), validate(RICH, "{\"priority\": null}").stream()
                .filter(m -> m.getInstanceLocation().toString().contains("priority")).collect(java.util.stream.Collectors.toSet()),
                "an optional enum still admits null");
        assertFalse(validate(RICH, "{\"priority\": \"MEDIUM\"}").stream()
                .noneMatch(m -> m.getInstanceLocation().toString().contains("priority")), "and refuses a value not listed");
    }

    /** The JSON pointers of every null in a tree. */
    static List<String> nulls(JsonNode node, String at) {
        List<String> found = new java.util.ArrayList<>();
        if (node.isNull()) {
            found.add(at);
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> found.addAll(nulls(e.getValue(), at + "/" + e.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(nulls(node.get(i), at + "/" + i));
            }
        }
        return found;
    }

    @Test
    void requiredIsOmittedWhenEverythingIsOptional() throws Exception {
        JsonNode model = MAPPER.readTree(RequestModel.draft04(shape(optional("a", string()),
                optional("o", object(optional("b", string())))), "T"));
        assertFalse(model.has("required"));
        assertFalse(model.at("/properties/o").has("required"));
    }

    @Test
    void outputIsDeterministicAndHasNoTrailingNewline() {
        String first = RequestModel.draft04(RICH, "Order");
        assertEquals(first, RequestModel.draft04(RICH, "Order"));
        assertFalse(first.endsWith("\n"));
        assertFalse(first.contains("\r"));
        assertFalse(first.contains("\t"));
    }

    @Test
    void modelIsAValidDraft04Schema() throws Exception {
        JsonSchema meta = DRAFT_04.getSchema(SchemaLocation.of("http://json-schema.org/draft-04/schema#"));
        assertEquals(Set.of(), meta.validate(MAPPER.readTree(RequestModel.draft04(RICH, "Order"))));
        assertFalse(meta.validate(MAPPER.readTree("{\"type\": \"strng\"}")).isEmpty(), "the meta-schema is really checked");
    }

    @Test
    void sampleBodySatisfiesTheModel() throws Exception {
        assertEquals(Set.of(), validate(RICH, SampleBody.valid(RICH)));
    }

    @Test
    void optionalFieldsMayBeAbsentOrNull() throws Exception {
        ObjectNode body = (ObjectNode) MAPPER.readTree(SampleBody.valid(RICH));
        body.remove(List.of("total", "paid", "day", "priority", "address", "note"));
        assertEquals(Set.of(), validate(RICH, body.toString()));
        body.putNull("priority").putNull("address").putNull("total");
        assertEquals(Set.of(), validate(RICH, body.toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/id | \"not-a-uuid\"",
        "/count | 2147483648",
        "/count | 1.5",
        "/at | \"2026-01-15T09:30:00\"",
        "/at | \"2026-01-15 09:30:00Z\"",
        "/at | \"2026-01-15T09:30:00.1234567890Z\"",
        "/day | \"15.01.2026\"",
        "/status | \"DONE\"",
        "/status | null",
        "/first-name | 7",
        "/items | {}",
        "/price | \"19.99\""})
    void theModelRefusesBadValues(String pointer, String json) throws Exception {
        ObjectNode body = (ObjectNode) MAPPER.readTree(SampleBody.valid(RICH));
        body.set(pointer.substring(1), MAPPER.readTree(json));
        assertFalse(validate(RICH, body.toString()).isEmpty(), pointer + " = " + json + " should be refused");
    }

    @Test
    void theModelRefusesAMissingRequiredField() throws Exception {
        ObjectNode body = (ObjectNode) MAPPER.readTree(SampleBody.valid(RICH));
        body.remove("status");
        assertFalse(validate(RICH, body.toString()).isEmpty());
        ObjectNode nested = (ObjectNode) MAPPER.readTree(SampleBody.valid(RICH));
        ((ObjectNode) nested.get("items").get(0)).remove("sku");
        assertFalse(validate(RICH, nested.toString()).isEmpty());
    }

    @Test
    void timestampPatternAcceptsOffsetsAndFractions() throws Exception {
        PayloadShape s = shape(required("at", scalar(ScalarKind.TIMESTAMP)));
        for (String at : List.of("2026-01-15T09:30:00Z", "2026-01-15T09:30:00.5+02:00", "2026-01-15T09:30:00.123456789-05:30")) {
            assertEquals(Set.of(), validate(s, "{\"at\":\"" + at + "\"}"), at);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
