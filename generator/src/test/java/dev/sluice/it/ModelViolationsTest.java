package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ModelViolationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every constraint kind draft-04 offers a request model, on a required, an optional and a nested field. */
    static final String EVERY_KIND = """
            {
              "$schema": "http://json-schema.org/draft-04/schema#",
              "type": "object",
              "additionalProperties": false,
              "minProperties": 4,
              "maxProperties": 9,
              "required": ["id", "price", "tags", "kind", "lines"],
              "properties": {
                "id": {"type": "string", "pattern": "^[a-z]+$", "minLength": 2, "maxLength": 8},
                "price": {"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1000, "multipleOf": 0.01},
                "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3, "uniqueItems": true},
                "kind": {"type": "string", "enum": ["a", "b"]},
                "phase": {"anyOf": [{"type": "string", "enum": ["x", "y"]}, {"type": "null"}]},
                "note": {"type": ["string", "null"]},
                "lines": {"type": "array", "items": {"type": "object", "required": ["qty"],
                  "properties": {"qty": {"type": "integer", "minimum": 1, "maximum": 99}}}}
              }
            }
            """;
    static final String EVERY_KIND_SAMPLE = """
            {"id": "abc", "price": 9.99, "tags": ["t"], "kind": "a", "phase": "x", "note": "n", "lines": [{"qty": 2}]}
            """;

    @Test
    void aModelWithEveryKindOfConstraintYieldsOneViolationOfEach() throws IOException {
        JsonNode model = JSON.readTree(EVERY_KIND);
        JsonNode sample = JSON.readTree(EVERY_KIND_SAMPLE);
        List<ModelViolations.Violation> violations = ModelViolations.of(model, sample);

        assertEquals(ModelViolations.KINDS, violations.stream().map(ModelViolations.Violation::kind).toList());
        Map<String, String> where = new TreeMap<>();
        for (ModelViolations.Violation v : violations) {
            where.put(v.kind(), v.pointer());
            assertFalse(ModelViolations.errors(model, v.body()).isEmpty(), "refused: " + v.describe());
            assertOnlyChangedAt(sample, v);
        }
        assertEquals("/phase", where.get("type (optional field)"), "the first optional field in the model's order");
        assertEquals("", where.get("required"), "a property left out of the top-level object");
        assertEquals("/id", where.get("type"));
        assertEquals("/kind", where.get("enum"));
        assertEquals("/id", where.get("pattern"));
        assertEquals("/price", where.get("minimum"));
        assertEquals("/tags", where.get("uniqueItems"));
        assertEquals("", where.get("additionalProperties"));
    }

    @Test
    void eachViolationBreaksTheKeywordItIsNamedAfter() throws IOException {
        JsonNode model = JSON.readTree(EVERY_KIND);
        for (ModelViolations.Violation v : ModelViolations.of(model, JSON.readTree(EVERY_KIND_SAMPLE))) {
            String keyword = v.kind().startsWith("type") ? "type" : v.kind();
            Set<String> errors = ModelViolations.errors(model, v.body());
            assertTrue(errors.contains(keyword) || errors.contains("anyOf"), v.describe() + " fails on " + errors);
        }
    }

    @Test
    void anExclusiveMinimumIsBrokenAtTheBoundItself() throws IOException {
        ModelViolations.Violation minimum = kind(ModelViolations.of(JSON.readTree(EVERY_KIND), JSON.readTree(EVERY_KIND_SAMPLE)), "minimum");
        assertEquals(0, minimum.body().at("/price").decimalValue().signum(), minimum.describe());
    }

    @Test
    void anOptionalEnumIsAnAnyOfWithNullAndStillYieldsAnEnumMissAndAWrongType() throws IOException {
        JsonNode model = JSON.readTree("""
                {"type": "object", "properties": {"phase": {"anyOf": [{"type": "string", "enum": ["x", "y"]}, {"type": "null"}]}}}
                """);
        List<ModelViolations.Violation> violations = ModelViolations.of(model, JSON.readTree("{\"phase\": \"x\"}"));
        assertEquals(List.of("type (optional field)", "enum"), violations.stream().map(ModelViolations.Violation::kind).toList());
        assertTrue(kind(violations, "enum").body().at("/phase").isTextual(), "an enum miss keeps the type: a string");
        assertTrue(kind(violations, "type (optional field)").body().at("/phase").isNumber());
    }

    @Test
    void anOptionalFieldTheSampleLeavesOutIsSentWithAWrongType() throws IOException {
        JsonNode model = JSON.readTree("""
                {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "note": {"type": ["string", "null"]}}}
                """);
        ModelViolations.Violation optional = kind(ModelViolations.of(model, JSON.readTree("{\"id\": \"a\"}")), "type (optional field)");
        assertEquals("/note", optional.pointer());
        assertEquals(12345, optional.body().at("/note").intValue());
    }

    @Test
    void aSampleTheModelRefusesIsAnError() throws IOException {
        JsonNode model = JSON.readTree(EVERY_KIND);
        assertThrows(IllegalArgumentException.class, () -> ModelViolations.of(model, JSON.readTree("{\"id\": 1}")));
    }

    /** Every sample's own request model and request.json, as the contract suite reads them from a generated project. */
    @Test
    void everySampleProjectYieldsViolationsItsModelRefuses() throws IOException {
        List<Path> models;
        try (Stream<Path> walk = Files.walk(Repository.samples())) {
            models = walk.filter(p -> p.endsWith("src/main/resources/request-model.json")).sorted().toList();
        }
        assertFalse(models.isEmpty());
        List<String> seen = new ArrayList<>();
        for (Path modelFile : models) {
            Path module = modelFile.getParent().getParent().getParent().getParent();
            JsonNode model = JSON.readTree(modelFile.toFile());
            JsonNode sample = JSON.readTree(module.resolve("events/request.json").toFile());
            List<ModelViolations.Violation> violations = ModelViolations.of(model, sample);
            Set<String> kinds = violations.stream().map(ModelViolations.Violation::kind).collect(Collectors.toSet());
            assertTrue(kinds.containsAll(Set.of("required", "type")), modelFile + ": " + kinds);
            for (ModelViolations.Violation v : violations) {
                assertFalse(ModelViolations.errors(model, v.body()).isEmpty(), modelFile + ": " + v.describe());
            }
            seen.add(Repository.samples().relativize(modelFile).toString());
        }
        // The orders sample holds an enum, a pattern (uuid, timestamp) and optional strings, and integer bounds.
        JsonNode orders = JSON.readTree(Repository.samples().resolve("orders/src/main/resources/request-model.json").toFile());
        Set<String> kinds = ModelViolations.of(orders, JSON.readTree(Repository.samples().resolve("orders/events/request.json").toFile()))
                .stream().map(ModelViolations.Violation::kind).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Set.of("required", "type", "type (optional field)", "enum", "pattern", "minimum", "maximum")),
                kinds.toString());
        assertTrue(seen.size() >= 6, seen.toString());
    }

    private static ModelViolations.Violation kind(List<ModelViolations.Violation> violations, String kind) {
        return violations.stream().filter(v -> v.kind().equals(kind)).findFirst().orElseThrow(() -> new AssertionError(kind));
    }

    /** The violation's body is the sample with only the value at its pointer changed. */
    private static void assertOnlyChangedAt(JsonNode sample, ModelViolations.Violation v) {
        JsonNode restored = ModelViolations.with(v.body(), pointerPath(v.pointer()), sample.at(v.pointer()));
        assertEquals(sample, restored, v.describe());
        assertFalse(sample.at(v.pointer()).equals(v.body().at(v.pointer())), v.describe());
    }

    private static List<Object> pointerPath(String pointer) {
        List<Object> path = new ArrayList<>();
        if (pointer.isEmpty()) {
            return path;
        }
        for (String segment : pointer.substring(1).split("/")) {
            path.add(segment.matches("\\d+") ? (Object) Integer.parseInt(segment) : segment.replace("~1", "/").replace("~0", "~"));
        }
        return path;
    }
}
