package com.acme.billing.paymentsidempotent.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Valid request bodies for the tests and the benchmark: the sample {@code events/request.json}, varied so that
 * the pipeline takes no two for duplicates. Each body carries a sequence number in a property of its own (the
 * request model allows properties beyond its fields), so no two bodies are equal; the deduplication key, if
 * any, takes a value of its own per body; on a FIFO queue the message group key cycles through {@link #GROUPS}
 * values. A varied value is valid by the field's schema in the request model: the next value of an enum, the
 * number itself, a UUID, date or timestamp where the field's pattern asks for one, text otherwise.
 */
public final class SampleRequests {
    /** The sample request. */
    public static final Path SAMPLE = Path.of("events", "request.json");
    /** On a FIFO queue, how many message groups the requests spread over. */
    public static final int GROUPS = 40;
    /** The property holding each body's sequence number: unknown to the payload records, which ignore it. */
    private static final String SEQUENCE = "_localSequence";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FIRST_TIMESTAMP = Instant.parse("2026-01-01T00:00:00Z");
    private static final LocalDate FIRST_DATE = LocalDate.parse("2026-01-01");

    private final ObjectNode sample;
    private final JsonNode model;
    private final String groupKey;
    private final String duplicateKey;

    private SampleRequests(ObjectNode sample, JsonNode model, String groupKey, String duplicateKey) {
        this.sample = sample;
        this.model = model;
        this.groupKey = groupKey;
        this.duplicateKey = duplicateKey;
    }

    public static SampleRequests of(PipelineSettings settings) {
        try {
            return new SampleRequests((ObjectNode) JSON.readTree(SAMPLE.toFile()),
                    JSON.readTree(settings.api().requestModel().toFile()),
                    settings.integration().messageGroupIdField(),
                    duplicateKey(settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The field whose value makes two requests duplicates, if any, as a dot path. */
    private static String duplicateKey(PipelineSettings settings) {
        // The idempotent consumer's key: pipeline.json describes the queue, which does not deduplicate.
        return "paymentId";
    }

    /** The sample request as it is. */
    public static String sample() {
        try {
            return Files.readString(SAMPLE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many distinct requests {@link #body} makes: as many as asked, unless the deduplication key is an enum or
     * a boolean, which has only so many values.
     */
    public int distinct() {
        if (duplicateKey == null) {
            return Integer.MAX_VALUE;
        }
        JsonNode schema = schemaAt(duplicateKey);
        if (schema.path("enum").isArray()) {
            return schema.path("enum").size();
        }
        return types(schema).contains("boolean") ? 2 : Integer.MAX_VALUE;
    }

    /** The {@code n}th request body, n from 0. */
    public String body(int n) {
        ObjectNode body = sample.deepCopy();
        body.put(SEQUENCE, n);
        if (groupKey != null) {
            set(body, groupKey, variant(schemaAt(groupKey), n % GROUPS));
        }
        if (duplicateKey != null) {
            set(body, duplicateKey, variant(schemaAt(duplicateKey), n));
        }
        return body.toString();
    }

    /** The schema of the field at a dot path of the request model. */
    private JsonNode schemaAt(String dotPath) {
        JsonNode schema = model;
        for (String name : dotPath.split("\\.")) {
            schema = schema.path("properties").path(name);
        }
        return schema;
    }

    private static void set(ObjectNode body, String dotPath, JsonNode value) {
        String[] names = dotPath.split("\\.");
        ObjectNode parent = body;
        for (int i = 0; i < names.length - 1; i++) {
            parent = (ObjectNode) parent.get(names[i]);
        }
        parent.set(names[names.length - 1], value);
    }

    /** The {@code n}th value of a field, valid by its schema: distinct for each n, unless an enum or a boolean. */
    private static JsonNode variant(JsonNode schema, int n) {
        JsonNode values = schema.path("enum");
        if (values.isArray() && !values.isEmpty()) {
            return values.get(n % values.size());
        }
        if (types(schema).contains("integer") || types(schema).contains("number")) {
            return IntNode.valueOf(n);
        }
        if (types(schema).contains("boolean")) {
            return BooleanNode.valueOf(n % 2 == 0);
        }
        String text = "r-" + n;
        if (!schema.has("pattern")) {
            return TextNode.valueOf(text);
        }
        Pattern pattern = Pattern.compile(schema.get("pattern").asText());
        return Stream.of(UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString(),
                        FIRST_DATE.plusDays(n).toString(), FIRST_TIMESTAMP.plusSeconds(n).toString(), text)
                .filter(candidate -> pattern.matcher(candidate).find())
                .findFirst()
                .map(TextNode::valueOf)
                .orElseThrow(() -> new IllegalStateException("no varied value matches the pattern " + pattern));
    }

    /** The types a schema allows: its {@code type}, a name or a list of names. */
    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        return type.isArray() ? Set.of(JSON.convertValue(type, String[].class)) : Set.of(type.asText());
    }
}
