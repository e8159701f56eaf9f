package com.example.orders.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the deployed pipeline does, read from {@code pipeline.json}: generated from the same plan as the
 * infrastructure, whose tests check that it declares these same values. The local pipeline takes every
 * setting from here, never from a copy of its own.
 *
 * <p>Reading is strict: a key missing or unknown fails, so a change to the file cannot slip past the local
 * pipeline unnoticed.
 */
@JsonIgnoreProperties("description")
public record PipelineSettings(Api api, Queue queue, Integration integration, EventSource eventSource) {
    /** The file, in the consumer project's folder: the working directory of Maven's tests and of mvn -Plocal. */
    public static final Path FILE = Path.of("pipeline.json");

    /**
     * {@code POST path}, its body validated against the JSON Schema in {@code requestModel}; a body the model refuses
     * gets the BAD_REQUEST_BODY gateway response, {@code badRequestBody}.
     */
    public record Api(String path, Path requestModel, GatewayResponse badRequestBody) {}

    /**
     * A gateway response: the status and the body template API Gateway answers with. Its {@code $context} variables
     * are substituted, the template is not run by Velocity (AWS: "not processed by the Velocity Template Language
     * engine").
     */
    public record GatewayResponse(int statusCode, String template) {}

    /** The queue, and its dead-letter queue after {@code maxReceiveCount} receives. */
    public record Queue(boolean fifo, int visibilityTimeoutSeconds, int maxReceiveCount, int maxMessageBytes,
                        int retentionSeconds, boolean contentBasedDeduplication) {}

    /**
     * The API's SQS integration. What it sets on each message besides the body, as planned: on a FIFO queue, the
     * message group (the value at a dot path of the body) and the deduplication id. How it does so: its mapping
     * templates as deployed (Velocity), {@code requestTemplates} by content type and {@code responses}; a content
     * type with no request template is refused, as {@code passthroughBehavior} NEVER has it.
     */
    public record Integration(String messageGroupIdField, DeduplicationId messageDeduplicationId,
                              String messageDeduplicationIdField, String passthroughBehavior,
                              Map<String, String> requestTemplates, List<Response> responses) {}

    /**
     * An integration response: taken when {@code selectionPattern} matches SQS's HTTP status (an empty pattern is
     * the default, taken when none other matches), answering {@code statusCode} with {@code template}'s output.
     */
    public record Response(String selectionPattern, int statusCode, String template) {}

    /** Where the integration takes a FIFO message's deduplication id from. */
    public enum DeduplicationId {
        /** The value at {@code messageDeduplicationIdField}. */
        @JsonProperty("field") FIELD,
        /** The API request id: no two requests are duplicates. */
        @JsonProperty("requestId") REQUEST_ID,
        /** None: the queue deduplicates by the body's SHA-256 hash. */
        @JsonProperty("content") CONTENT,
        /** None: a standard queue. */
        @JsonProperty("none") NONE
    }

    /** The Lambda event source mapping. */
    public record EventSource(int batchSize, int batchingWindowSeconds, int maximumConcurrency,
                              boolean reportBatchItemFailures) {}

    public static PipelineSettings read() {
        try {
            return JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .build()
                    .readValue(FILE.toFile(), PipelineSettings.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
        }
    }
}
