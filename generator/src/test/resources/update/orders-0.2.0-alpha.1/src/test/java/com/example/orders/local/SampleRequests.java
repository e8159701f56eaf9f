package com.example.orders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Valid request bodies for the tests and the benchmark: the sample {@code events/request.json}, varied so that
 * the pipeline takes no two for duplicates.
 * Each body carries its number in a property of its own, {@link #SEQUENCE} (the request model admits properties beyond its fields there), so no two
 * bodies are equal.
 * Sluice chose every varied value so that the request model accepts it (its patterns, lengths, bounds, enums).
 */
public final class SampleRequests {
    /** The sample request. */
    public static final Path SAMPLE = Path.of("events", "request.json");
    /** On a FIFO queue, how many message groups the requests spread over. */
    public static final int GROUPS = 40;
    /** The property holding each body's number: unknown to the payload records, which ignore it. */
    private static final String SEQUENCE = "_localSequence";
    /** The object that holds it, as a dot path ("" for the body itself). */
    private static final String SEQUENCE_OBJECT = "";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode sample;

    private SampleRequests(ObjectNode sample) {
        this.sample = sample;
    }

    /** The requests for a pipeline; its settings name the keys the API integration reads, which these vary. */
    public static SampleRequests of(PipelineSettings settings) {
        try {
            return new SampleRequests((ObjectNode) JSON.readTree(SAMPLE.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
     * The value at a dot path of a body ({@code customer.id}) as a mapping template prints {@code $input.path(...)}:
     * a string without quotes, a number or a boolean as written.
     */
    public static String text(JsonNode body, String dotPath) {
        JsonNode node = body;
        for (String name : dotPath.split("\\.")) {
            node = node.path(name);
        }
        return node.asText();
    }

    /** How many distinct requests {@link #body} makes: as many as asked, unless what sets them apart has fewer values. */
    public int distinct() {
        return Integer.MAX_VALUE;
    }

    /** The {@code n}th request body, n from 0. */
    public String body(int n) {
        ObjectNode body = sample.deepCopy();
        object(body, SEQUENCE_OBJECT).put(SEQUENCE, n);
        return body.toString();
    }

    /** The object at a dot path of the body ("" is the body). */
    private static ObjectNode object(ObjectNode body, String dotPath) {
        ObjectNode object = body;
        if (!dotPath.isEmpty()) {
            for (String name : dotPath.split("\\.")) {
                object = (ObjectNode) Objects.requireNonNull(object.get(name), dotPath);
            }
        }
        return object;
    }
}
