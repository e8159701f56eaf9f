package dev.sluice.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.payload.KeyBounds;
import dev.sluice.payload.RequestModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** D5: key fields are bounded in the request model so that SQS and DynamoDB can always take them; some are refused. */
class KeyFieldsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static RawAnswers fields(String... fields) {
        return RawAnswers.empty().with(Question.NAME, "orders-api").with(Question.FIELDS, List.of(fields));
    }

    private static JsonNode property(Answers a, String pointer) throws IOException {
        return MAPPER.readTree(RequestModel.draft04(a.payload(), "Order")).at("/properties" + pointer);
    }

    private static InvalidAnswerException refused(RawAnswers raw) {
        return assertThrows(InvalidAnswerException.class, () -> AnswersValidator.validate(raw));
    }

    @Test
    void aFifoGroupKeyOfTextIsBoundedToWhatSqsTakes() throws IOException {
        Answers a = AnswersValidator.validate(fields("customer:object{id:string}", "at:timestamp").with(Question.ORDERING, "key:customer.id"));
        assertEquals(KeyBounds.SQS_ID_PATTERN, property(a, "/customer/properties/id/pattern").asText());
        assertTrue(property(a, "/at/allOf").isMissingNode(), "other fields keep their model");
    }

    @Test
    void aFifoDeduplicationKeyOfTextIsBoundedTooAndATimestampNeedsNoBoundsBeyondItsPattern() throws IOException {
        Answers a = AnswersValidator.validate(fields("customer:string", "at:timestamp", "ref:string").with(Question.ORDERING, "key:at")
                .with(Question.DUPLICATES, "dedupe:ref"));
        assertEquals(KeyBounds.SQS_ID_PATTERN, property(a, "/ref/pattern").asText());
        assertEquals(RequestModel.TIMESTAMP_PATTERN, property(a, "/at/pattern").asText());
        assertTrue(property(a, "/at/allOf").isMissingNode(), "the timestamp pattern already keeps it within what SQS takes");
        assertTrue(java.util.regex.Pattern.compile(KeyBounds.SQS_ID_PATTERN).matcher("2026-01-15T09:30:00.123456789+02:00").matches());
    }

    @Test
    void aUserPatternAndTheSqsPatternBothApplyThroughAllOf(@TempDir Path dir) throws IOException {
        Path schema = dir.resolve("s.json");
        Files.writeString(schema, "{\"type\":\"object\",\"required\":[\"account\"],\"properties\":{\"account\":"
                + "{\"type\":\"string\",\"pattern\":\"^[A-Z]{2}[0-9]+$\"}}}");
        Answers a = AnswersValidator.validate(RawAnswers.empty().with(Question.NAME, "orders-api").with(Question.SCHEMA, schema.toString())
                .with(Question.ORDERING, "key:account"));
        assertEquals("^[A-Z]{2}[0-9]+$", property(a, "/account/pattern").asText());
        assertEquals("[{\"pattern\":\"" + KeyBounds.SQS_ID_PATTERN + "\"}]", property(a, "/account/allOf").toString());
    }

    @Test
    void aKeyWhoseSchemaLeavesNothingSqsTakesIsRefused(@TempDir Path dir) throws IOException {
        Path schema = dir.resolve("s.json");
        Files.writeString(schema, "{\"type\":\"object\",\"required\":[\"name\"],\"properties\":{\"name\":"
                + "{\"type\":\"string\",\"pattern\":\"^[a-z]+ [a-z]+$\"}}}");
        RawAnswers raw = RawAnswers.empty().with(Question.NAME, "orders-api").with(Question.SCHEMA, schema.toString());
        AnswersValidator.validate(raw); // fine without a key
        InvalidAnswerException e = refused(raw.with(Question.ORDERING, "key:name"));
        assertEquals("--ordering", e.question());
        assertTrue(e.reason().contains("property 'name'"), e.reason());
    }

    @Test
    void anEnumGroupKeyWhoseValuesSqsRefusesIsRefused() {
        InvalidAnswerException e = refused(fields("status:enum(new,in progress)").with(Question.ORDERING, "key:status"));
        assertEquals("--ordering", e.question());
        assertTrue(e.reason().contains("'in progress'"), e.reason());
        AnswersValidator.validate(fields("status:enum(new,in-progress)").with(Question.ORDERING, "key:status"));
    }

    @Test
    void anIdempotencyKeyHasAtMost512CharactersAndAtLeastOne() throws IOException {
        Answers a = AnswersValidator.validate(fields("ref:string", "n:int").with(Question.DUPLICATES, "dedupe:ref"));
        assertFalse(a.fifo());
        assertEquals(512, property(a, "/ref/maxLength").intValue(), "512 characters are at most 2048 bytes of UTF-8");
        assertEquals(1, property(a, "/ref/minLength").intValue(), "DynamoDB refuses an empty key");
        assertEquals(KeyBounds.DYNAMODB_KEY_MAX_BYTES, KeyBounds.IDEMPOTENCY_KEY_MAX_LENGTH * 4);
        assertTrue(property(a, "/ref/pattern").isMissingNode(), "a standard queue takes any text");
    }

    @Test
    void aTighterMaxLengthOfTheSchemaStands(@TempDir Path dir) throws IOException {
        Path schema = dir.resolve("s.json");
        Files.writeString(schema, "{\"type\":\"object\",\"required\":[\"a\",\"b\"],\"properties\":{\"a\":{\"type\":\"string\",\"maxLength\":20},"
                + "\"b\":{\"type\":\"string\",\"maxLength\":4000,\"minLength\":3}}}");
        RawAnswers raw = RawAnswers.empty().with(Question.NAME, "orders-api").with(Question.SCHEMA, schema.toString());
        assertEquals(20, property(AnswersValidator.validate(raw.with(Question.DUPLICATES, "dedupe:a")), "/a/maxLength").intValue());
        Answers b = AnswersValidator.validate(raw.with(Question.DUPLICATES, "dedupe:b"));
        assertEquals(512, property(b, "/b/maxLength").intValue());
        assertEquals(3, property(b, "/b/minLength").intValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"flag:boolean", "status:enum(A,B,C)"})
    void aDedupeKeyWithFewValuesIsRefused(String field) {
        String name = field.substring(0, field.indexOf(':'));
        for (String ordering : List.of("none", "key:id")) {
            InvalidAnswerException e = refused(fields("id:string", field).with(Question.ORDERING, ordering)
                    .with(Question.DUPLICATES, "dedupe:" + name));
            assertEquals("--duplicates", e.question());
            assertTrue(e.reason().contains("('" + name + "')") && e.reason().contains("duplicate"), e.reason());
        }
    }

    @Test
    void aDedupeKeyWithAnEnumOfNumbersIsRefused(@TempDir Path dir) throws IOException {
        Path schema = dir.resolve("s.json");
        Files.writeString(schema, "{\"type\":\"object\",\"required\":[\"tier\"],\"properties\":{\"tier\":{\"enum\":[1,2,3]}}}");
        InvalidAnswerException e = refused(RawAnswers.empty().with(Question.NAME, "orders-api").with(Question.SCHEMA, schema.toString())
                .with(Question.DUPLICATES, "dedupe:tier"));
        assertTrue(e.reason().contains("an enum field"), e.reason());
    }

    @Test
    void aKeyNameApiGatewaysJsonPathCannotQuoteIsRefused(@TempDir Path dir) throws IOException {
        Path schema = dir.resolve("s.json");
        Files.writeString(schema, "{\"type\":\"object\",\"required\":[\"it's\"],\"properties\":{\"it's\":{\"type\":\"string\"}}}");
        InvalidAnswerException e = refused(RawAnswers.empty().with(Question.NAME, "orders-api").with(Question.SCHEMA, schema.toString())
                .with(Question.ORDERING, "key:it's"));
        assertTrue(e.reason().contains("JSONPath cannot quote"), e.reason());
    }
}
