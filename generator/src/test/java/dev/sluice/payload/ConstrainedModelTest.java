package dev.sluice.payload;

import static dev.sluice.payload.Fixtures.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sluice.it.Repository;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A schema's constraints reach the request model, at any depth, and the sample body satisfies them. */
class ConstrainedModelTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory DRAFT_04 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    /** Like API Gateway: {@code format} is not enforced. */
    private static final SchemaValidatorsConfig NO_FORMATS = SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();
    private static final Path EVERY_KEYWORD = Repository.root().resolve("generator/src/test/resources/schemas/every-keyword.schema.json");

    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    private PayloadShape read(String json) throws IOException {
        Path file = fs.getPath("/s.json");
        Files.writeString(file, json.replace('\'', '"'));
        return JsonSchemaReader.read(file);
    }

    private static JsonNode model(PayloadShape shape) throws IOException {
        return MAPPER.readTree(RequestModel.draft04(shape, "Order"));
    }

    /** The model's validation messages for a body, as API Gateway would check it (draft-04, no formats). */
    static Set<ValidationMessage> validate(PayloadShape shape, String body) throws IOException {
        JsonSchema schema = DRAFT_04.getSchema(RequestModel.draft04(shape, "Order"), NO_FORMATS);
        return schema.validate(MAPPER.readTree(body));
    }

    @Test
    void everyCarriedKeywordReachesTheModelAtEveryDepth() throws IOException {
        JsonNode m = model(JsonSchemaReader.read(EVERY_KEYWORD));
        // The root.
        assertEquals("false", m.at("/additionalProperties").toString());
        assertEquals(7, m.at("/minProperties").intValue());
        assertEquals(12, m.at("/maxProperties").intValue());
        JsonNode p = m.get("properties");
        assertEquals("^ORD-[0-9]{6}$", p.at("/orderId/pattern").asText());
        assertEquals(10, p.at("/orderId/minLength").intValue());
        assertEquals(10, p.at("/orderId/maxLength").intValue());
        assertEquals("[\"web\",\"store\",\"phone\"]", p.at("/channel/enum").toString());
        assertEquals("{\"anyOf\":[{\"type\":\"string\",\"enum\":[\"low\",\"normal\",\"high\"]},{\"type\":\"null\"}]}", p.get("priority").toString());
        assertEquals("{\"type\":\"integer\",\"minimum\":-2147483648,\"maximum\":2147483647,\"enum\":[2]}", p.get("version").toString(),
                "const is an enum of one");
        assertEquals(0, p.at("/total/minimum").intValue());
        assertTrue(p.at("/total/exclusiveMinimum").isMissingNode());
        assertEquals(10000000, p.at("/total/maximum").intValue());
        assertTrue(p.at("/total/exclusiveMaximum").booleanValue(), "draft-06's numeric exclusiveMaximum becomes draft-04's boolean");
        assertEquals("0.01", p.at("/total/multipleOf").asText());
        assertEquals("[\"string\",\"null\"]", p.at("/note/type").toString());
        assertEquals(500, p.at("/note/maxLength").intValue());
        assertTrue(p.at("/note/default").isMissingNode(), "annotations are not carried");
        assertEquals("{\"type\":\"string\",\"maxLength\":64}", p.at("/attributes/additionalProperties").toString());
        assertEquals(10, p.at("/attributes/maxProperties").intValue());
        // A nested object (through a $ref).
        JsonNode customer = p.get("customer");
        assertEquals("false", customer.at("/additionalProperties").toString());
        assertEquals(2, customer.at("/minProperties").intValue());
        assertEquals("^C[0-9]{4,8}$", customer.at("/properties/id/pattern").asText());
        assertEquals(6, customer.at("/properties/email/minLength").intValue());
        assertEquals(254, customer.at("/properties/email/maxLength").intValue());
        assertTrue(customer.at("/properties/email/format").isMissingNode(), "email is an annotation");
        assertEquals(0, customer.at("/properties/loyaltyPoints/minimum").intValue());
        assertTrue(customer.at("/properties/loyaltyPoints/exclusiveMinimum").booleanValue(), "draft-04's boolean form is kept");
        assertEquals("{\"anyOf\":[{\"type\":\"integer\",\"minimum\":-2147483648,\"maximum\":2147483647,\"enum\":[1,2,3,4,5]},{\"type\":\"null\"}]}",
                customer.at("/properties/rating").toString(), "an optional enum of numbers");
        // List items, and a list in them.
        JsonNode lines = p.get("lines");
        assertEquals(1, lines.at("/minItems").intValue());
        assertEquals(50, lines.at("/maxItems").intValue());
        assertTrue(lines.at("/uniqueItems").booleanValue());
        JsonNode line = lines.get("items");
        assertEquals("false", line.at("/additionalProperties").toString());
        assertEquals("^[A-Z]{3}-[0-9]{4}$", line.at("/properties/sku/pattern").asText());
        assertEquals(1, line.at("/properties/quantity/minimum").intValue());
        assertEquals(1000, line.at("/properties/quantity/maximum").intValue());
        assertEquals(1, line.at("/properties/quantity/multipleOf").intValue());
        assertEquals(0, line.at("/properties/unitPrice/minimum").intValue());
        assertTrue(line.at("/properties/unitPrice/exclusiveMinimum").booleanValue());
        JsonNode tag = line.at("/properties/tags/items");
        assertEquals(2, tag.at("/minLength").intValue());
        assertEquals(16, tag.at("/maxLength").intValue());
        assertEquals("^[a-z][a-z0-9-]*$", tag.at("/pattern").asText());
        assertTrue(line.at("/properties/tags/uniqueItems").booleanValue());
        assertEquals(5, line.at("/properties/tags/maxItems").intValue());
    }

    @Test
    void theModelIsDraft04AndHoldsNoNullAndTheSampleSatisfiesIt() throws IOException {
        PayloadShape shape = JsonSchemaReader.read(EVERY_KEYWORD);
        JsonNode model = model(shape);
        JsonSchema meta = DRAFT_04.getSchema(SchemaLocation.of("http://json-schema.org/draft-04/schema#"));
        assertEquals(Set.of(), meta.validate(model));
        assertEquals(List.of(), RequestModelTest.nulls(model, ""));
        String sample = SampleBody.valid(shape);
        assertEquals(Set.of(), validate(shape, sample), sample);
        JsonNode body = MAPPER.readTree(sample);
        assertEquals("ORD-000000", body.get("orderId").asText(), "made to match the pattern and the lengths");
        assertEquals("AAA-0000", body.at("/lines/0/sku").asText());
        // 19.99, the plain sample number, is a multiple of 0.01 only in decimal arithmetic; 1 is one in doubles too.
        assertEquals(new BigDecimal("1"), body.get("total").decimalValue().stripTrailingZeros());
    }

    @ParameterizedTest
    @CsvSource({"19.99, 0.01, false", "0.07, 0.01, false", "1, 0.01, true", "19.5, 0.5, true", "20, 10, true",
            "19.995, 0.01, false"})
    void aSampleNumberIsAMultipleInDecimalAndInDoubles(String value, String step, boolean multiple) {
        assertEquals(multiple, SampleValues.multipleInEveryValidator(new BigDecimal(value), new BigDecimal(step)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/orderId | \"ORD-12345\"",
        "/orderId | \"ord-123456\"",
        "/extra | 1",
        "/customer/id | \"C12\"",
        "/customer/nickname | \"x\"",
        "/customer/loyaltyPoints | 0",
        "/customer/rating | 6",
        "/lines/0/quantity | 0",
        "/lines/0/quantity | 1001",
        "/lines/0/unitPrice | 0",
        "/lines/0/unitPrice | 1.001",
        "/lines/0/tags | [\"a\"]",
        "/lines/0/tags | [\"ok\", \"ok\"]",
        "/lines/0/tags | [\"Upper\"]",
        "/lines/0/colour | \"red\"",
        "/lines | []",
        "/total | 10000000",
        "/total | -1",
        "/channel | \"fax\"",
        "/priority | \"urgent\"",
        "/version | 3",
        "/note | 7",
        "/attributes/k | 5"})
    void eachConstraintRefusesWhatBreaksIt(String pointer, String json) throws IOException {
        PayloadShape shape = JsonSchemaReader.read(EVERY_KEYWORD);
        ObjectNode body = (ObjectNode) MAPPER.readTree(SampleBody.valid(shape));
        set(body, pointer, MAPPER.readTree(json));
        assertFalse(validate(shape, body.toString()).isEmpty(), pointer + " = " + json + " should be refused");
    }

    @Test
    void nullIsStillAcceptedWhereTheSchemaAllowsIt() throws IOException {
        PayloadShape shape = JsonSchemaReader.read(EVERY_KEYWORD);
        ObjectNode body = (ObjectNode) MAPPER.readTree(SampleBody.valid(shape));
        body.putNull("priority").putNull("note");
        ((ObjectNode) body.get("customer")).putNull("rating");
        assertEquals(Set.of(), validate(shape, body.toString()));
    }

    private static void set(ObjectNode body, String pointer, JsonNode value) {
        String[] parts = pointer.substring(1).split("/");
        JsonNode parent = body;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    @Test
    void allOfTightensBoundsAndAppliesEveryPattern() throws IOException {
        JsonNode p = model(read("""
                {'type': 'object', 'properties': {'code': {'allOf': [
                    {'type': 'string', 'minLength': 2, 'maxLength': 9, 'pattern': '^[A-Z]'},
                    {'minLength': 4, 'maxLength': 12, 'pattern': '[0-9]$'}]},
                  'n': {'allOf': [{'type': 'number', 'minimum': 1, 'multipleOf': 0.5}, {'exclusiveMinimum': 1, 'multipleOf': 0.75}]}}}""")).get("properties");
        assertEquals(4, p.at("/code/minLength").intValue());
        assertEquals(9, p.at("/code/maxLength").intValue());
        assertEquals("^[A-Z]", p.at("/code/pattern").asText());
        assertEquals("[{\"pattern\":\"[0-9]$\"}]", p.at("/code/allOf").toString());
        assertEquals(1, p.at("/n/minimum").intValue());
        assertTrue(p.at("/n/exclusiveMinimum").booleanValue());
        assertEquals("1.5", p.at("/n/multipleOf").asText(), "the least common multiple of 0.5 and 0.75");
    }

    @Test
    void typeListsAndPlainUnionsAreKeptAsTypeLists() throws IOException {
        JsonNode p = model(read("""
                {'type': 'object', 'required': ['a', 'b'], 'properties': {'a': {'type': ['string', 'integer'], 'maxLength': 3},
                 'b': {'oneOf': [{'type': 'string'}, {'type': 'boolean'}, {'type': 'null'}]}}}""")).get("properties");
        assertEquals("{\"type\":[\"string\",\"integer\"],\"maxLength\":3}", p.get("a").toString());
        assertEquals("{\"type\":[\"string\",\"boolean\",\"null\"]}", p.get("b").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not", "patternProperties", "dependencies", "dependentRequired", "dependentSchemas", "if", "then", "else",
        "contains", "minContains", "maxContains", "propertyNames", "unevaluatedProperties", "unevaluatedItems", "prefixItems",
        "$recursiveRef", "$recursiveAnchor", "$dynamicRef", "$dynamicAnchor"})
    void aKeywordDraft04CannotCarryIsRefusedByName(String keyword) {
        rejects(() -> read("{'type': 'object', 'properties': {'o': {'type': 'object', 'properties': {'x': {'type': 'string', '"
                + keyword + "': {}}}}}}"), "uses '" + keyword + "'", "property 'o.x'");
        rejects(() -> read("{'type': 'object', '" + keyword + "': {}, 'properties': {'x': {'type': 'string'}}}"),
                "uses '" + keyword + "'", "at the root");
    }

    @Test
    void nullsFromTheSchemaNeverReachTheModel() throws IOException {
        rejects(() -> read("{'type': 'object', 'properties': {'x': {'const': null}}}"), "allows only null", "property 'x'");
        rejects(() -> read("{'type': 'object', 'properties': {'x': {'enum': [{'a': null}]}}}"), "null inside");
        JsonNode m = model(read("{'type': 'object', 'properties': {'x': {'type': 'string', 'default': null, 'enum': ['a', null], 'examples': [null]}}}"));
        assertEquals(List.of(), RequestModelTest.nulls(m, ""));
        assertEquals("{\"anyOf\":[{\"type\":\"string\",\"enum\":[\"a\"]},{\"type\":\"null\"}]}", m.at("/properties/x").toString());
    }

    @Test
    void contradictionsAndMisuseAreNamed() {
        rejects(() -> read("{'type': 'object', 'properties': {'x': {'type': 'string', 'minLength': 5, 'maxLength': 3}}}"),
                "minLength of 5 above its maxLength of 3", "property 'x'");
        rejects(() -> read("{'type': 'object', 'properties': {'x': {'type': 'number', 'minimum': 5, 'exclusiveMaximum': 5}}}"),
                "no number below its maximum");
        rejects(() -> read("{'type': 'object', 'properties': {'x': {'type': 'number', 'multipleOf': 0}}}"), "multipleOf");
        rejects(() -> read("{'type': 'object', 'properties': {'x': {'type': 'string', 'pattern': '(['}}}"), "not a valid regular expression");
        rejects(() -> read("{'type': 'object', 'properties': {'x': {'type': 'string', 'maxLength': -1}}}"), "maxLength", "whole number");
        rejects(() -> read("{'type': 'object', 'properties': {'x': {'allOf': [{'type': 'string'}, {'type': 'integer'}]}}}"),
                "no value satisfies");
        rejects(() -> read("{'type': 'object', 'properties': {'x': {'anyOf': [{'type': 'string', 'maxLength': 2}, {'type': 'integer'}]}}}"),
                "'anyOf' whose branches are not just types", "'maxLength'");
        rejects(() -> read("{'type': 'object', 'properties': {'x': {'$id': 'other.json', 'type': 'string'}}}"), "embedded '$id'");
        rejects(() -> read("""
                {'type': 'object', 'properties': {'o': {'allOf': [
                  {'type': 'object', 'properties': {'a': {'type': 'string'}}, 'additionalProperties': false},
                  {'properties': {'b': {'type': 'string'}}}]}}}"""), "additionalProperties", "'b'");
    }
}
