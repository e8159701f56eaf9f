package com.example.ordersservicecdk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Valid request bodies for the tests and the benchmark: the sample {@code events/ordersevents/request.json}, varied so that
 * the pipeline takes no two for duplicates.
 * Each body carries its number in a property of its own, {@link #SEQUENCE} (the request model admits properties beyond its fields there), so no two
 * bodies are equal.
 * The message group key {@code shipment.id} cycles through {@link #GROUPS} values.
 * Sluice chose every varied value so that the request model accepts it (its patterns, lengths, bounds, enums).
 */
public final class OrdersEventsSampleRequests {
    /** The sample request. */
    public static final Path SAMPLE = Path.of("events/ordersevents", "request.json");
    /** On a FIFO queue, how many message groups the requests spread over. */
    public static final int GROUPS = 40;
    /** The property holding each body's number: unknown to the payload records, which ignore it. */
    private static final String SEQUENCE = "_localSequence";
    /** The object that holds it, as a dot path ("" for the body itself). */
    private static final String SEQUENCE_OBJECT = "";
    /** The message group key, and its values: "r-" then 2 of 0-9 (100 values). */
    private static final String GROUP_KEY = "shipment.id";
    private static final Variation GROUP = Variation.text("r-", "0123456789", 2, "");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode sample;

    private OrdersEventsSampleRequests(ObjectNode sample) {
        this.sample = sample;
    }

    /** The requests for a pipeline; its settings name the keys the API integration reads, which these vary. */
    public static OrdersEventsSampleRequests of(PipelineSettings settings) {
        check(GROUP_KEY, settings.integration().messageGroupIdField());
        try {
            return new OrdersEventsSampleRequests((ObjectNode) JSON.readTree(SAMPLE.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(String varied, String configured) {
        if (!varied.equals(configured)) {
            throw new IllegalStateException("pipeline.json keys requests by " + configured + ", these vary " + varied);
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
        set(body, GROUP_KEY, GROUP.value(n % GROUPS));
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

    private static void set(ObjectNode body, String dotPath, JsonNode value) {
        int last = dotPath.lastIndexOf('.');
        object(body, last < 0 ? "" : dotPath.substring(0, last)).set(dotPath.substring(last + 1), value);
    }

    /**
     * Numbered values of one field, each valid by its schema (Sluice worked them out from the request model): text
     * as a prefix, a counter written in an alphabet at a fixed width and a suffix; numbers from a start by a step;
     * or a list of values in turn. After {@link #count} values they repeat.
     */
    private record Variation(String prefix, String alphabet, int width, String suffix, BigDecimal start, BigDecimal step,
                             long count, JsonNode values) {
        static Variation text(String prefix, String alphabet, int width, String suffix) {
            long count = 1;
            for (int i = 0; i < width && count < Long.MAX_VALUE / alphabet.length(); i++) {
                count *= alphabet.length();
            }
            return new Variation(prefix, alphabet, width, suffix, null, null, count, null);
        }

        static Variation numbers(String start, String step, long count) {
            return new Variation(null, null, 0, null, new BigDecimal(start), new BigDecimal(step), count, null);
        }

        static Variation values(String json) {
            try {
                JsonNode values = JSON.readTree(json);
                return new Variation(null, null, 0, null, null, null, values.size(), values);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode value(long n) {
            long k = Math.floorMod(n, count);
            if (values != null) {
                return values.get((int) k);
            }
            if (start != null) {
                BigDecimal number = start.add(step.multiply(BigDecimal.valueOf(k))).stripTrailingZeros();
                return JsonNodeFactory.instance.numberNode(number.scale() <= 0 ? new BigDecimal(number.toBigIntegerExact()) : number);
            }
            StringBuilder digits = new StringBuilder();
            for (int i = 0; i < width; i++, k /= alphabet.length()) {
                digits.insert(0, alphabet.charAt((int) (k % alphabet.length())));
            }
            return JsonNodeFactory.instance.textNode(prefix + digits + suffix);
        }
    }
}
