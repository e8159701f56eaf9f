package com.example.ordersservicecdk.refunds;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.example.ordersservicecdk.logging.JsonLogging;
import com.example.ordersservicecdk.refunds.model.Refund;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Consumes the queue behind {@code POST /refunds}: parses each message into the request record
 * {@link Refund} and hands it to {@link RefundProcessor}.
 *
 * <p>Messages of a batch succeed or fail independently. The handler returns the ids of the failed
 * ones (the event source mapping reports batch item failures), so only those return to the queue
 * and the others are deleted.
 *
 * <p>Processing is idempotent by the SHA-256 hash of the body: SQS delivers a message at least once, and
 * a client may send the same request again. Before processing, the handler claims the key in an
 * {@link IdempotencyStore}. A message whose key was processed already is acknowledged without calling
 * the processor; one whose key another delivery is processing right now is reported failed, to be
 * retried later; a processing failure releases the key, so the retry runs.
 *
 * <p>Each processed message is logged with its end-to-end delay, from the API accepting it to its processing
 * returning, and each invocation publishes those delays as the {@code EndToEndDelay} metric.
 */
public class RefundHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, Resource {
    /** The message attribute the API integration sets to the API Gateway request id. */
    static final String CORRELATION_ID_ATTRIBUTE = "correlationId";
    /** The attribute SQS sets on every message: when it accepted the message, in epoch milliseconds. */
    static final String SENT_TIMESTAMP_ATTRIBUTE = "SentTimestamp";
    /** Logging context keys: every log line written while a message is handled carries both. */
    static final String CORRELATION_ID = "correlationId";
    static final String MESSAGE_ID = "messageId";
    /**
     * The metric of the delay from the API accepting a message to its processing returning, one value per
     * processed message, in milliseconds, dimensions [Service]. Alarms match its name and dimensions exactly.
     */
    static final String END_TO_END_DELAY = "EndToEndDelay";
    /** The same delay as a field of the "Processed the message" log line, for Logs Insights to filter and sort by. */
    static final String END_TO_END_DELAY_FIELD = "endToEndDelayMs";

    /**
     * How long the key of a processed message is remembered: as long as the queue keeps a message (its
     * retention), so no delivery of a processed message can come later.
     */
    static final Duration REMEMBER_FOR = Duration.ofSeconds(345600);
    /**
     * How long a claim holds off other deliveries of its key: the function timeout. A claim older than that
     * belongs to an invocation that timed out or crashed, and the next delivery takes it over.
     */
    static final Duration CLAIM_LEASE = Duration.ofSeconds(145);

    /** A request the API accepts (events' request.json), which {@link #prime()} parses before a SnapStart snapshot. */
    static final String PRIMING_BODY = """
            {
              "email": "example-email",
              "orderId": "3f6c2a8e-5b1d-4c7e-9a2f-8d4b6e1c0a57",
              "amount": 19.99
            }
            """;

    private static final Logger LOG = LoggerFactory.getLogger(RefundHandler.class);

    /**
     * Built once per execution environment and shared: costly to create, thread-safe once built,
     * and captured by a SnapStart snapshot. Unknown properties are ignored because the API's request
     * model allows fields beyond the declared ones; null for a primitive field is an error.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * Writes the metrics to standard output in CloudWatch embedded metric format. Built once per execution
     * environment like MAPPER, so a SnapStart snapshot holds it ready; Powertools keeps what an invocation records
     * apart (by X-Ray trace id), so sharing it is safe. Powertools reads the namespace from
     * POWERTOOLS_METRICS_NAMESPACE.
     */
    private static final Metrics METRICS = metrics();

    private final RefundProcessor processor;
    private final IdempotencyStore store;

    /** Used by Lambda: the store is the DynamoDB table the IDEMPOTENCY_TABLE environment variable names. */
    public RefundHandler() {
        this(new RefundProcessor(), new DynamoDbIdempotencyStore());
    }

    /** Used by tests, and to pass a processor its dependencies. */
    public RefundHandler(RefundProcessor processor, IdempotencyStore store) {
        this.processor = processor;
        this.store = store;
        // SnapStart calls beforeCheckpoint before it takes the snapshot (a no-op on a JVM without CRaC).
        Core.getGlobalContext().register(this);
    }

    /** Before a SnapStart snapshot: {@link #prime()}. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws JsonProcessingException {
        prime();
    }

    /** After a restore: nothing, since priming leaves no state behind. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    /**
     * Does once, before the snapshot, what the first invocation after every restore would otherwise pay for: Jackson
     * builds the {@link Refund} deserializers on a sample request, the JSON encoder formats a line with a
     * structured field, as "Processed the message" does, and the metrics library builds its serializers
     * ({@link #primeMetrics()}). It calls no processor, publishes no metric and leaves the cold-start flag and the
     * logging context as they were; its one log line says what it did. Public for the cold-start benchmark, which
     * calls it where no snapshot is taken.
     *
     * <p>The idempotency store primes its requests too ({@link IdempotencyStore#prime()}): the DynamoDB store marshals
     * and signs a sample claim and reads a canned answer, so no request leaves the function, and the code the first
     * claim after a restore would load is in the snapshot.
     *
     * @throws JsonProcessingException if the sample no longer parses: the payload's classes and the sample disagree
     */
    public void prime() throws JsonProcessingException {
        long start = System.nanoTime();
        parse(PRIMING_BODY);
        primeMetrics();
        store.prime();
        LOG.atInfo()
                .addKeyValue("primingMs", (System.nanoTime() - start) / 1_000_000)
                .log("Primed for a SnapStart snapshot: parsed a sample Refund, serialized a sample metric"
                        + ", primed the idempotency store");
    }

    /**
     * Serializes an {@value #END_TO_END_DELAY} document as an invocation's flush does, and drops it: the EMF library
     * (which Powertools' metrics module writes through) builds its Jackson serializers here, some 25 ms the first
     * flush after a restore would pay. Written nowhere, it publishes nothing.
     */
    private static void primeMetrics() throws JsonProcessingException {
        MetricsContext sample = new MetricsContext();
        sample.setNamespace("priming");
        sample.putDimension("Service", "priming");
        sample.putMetric(END_TO_END_DELAY, 1, Unit.MILLISECONDS);
        sample.putMetric(END_TO_END_DELAY, 2, Unit.MILLISECONDS);
        sample.serialize();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        JsonLogging.beginInvocation(context);
        // The end-to-end delays of the messages processed in this invocation, published together at its end.
        List<Long> delays = new ArrayList<>();
        try {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (SQSMessage message : event.getRecords()) {
                if (!handle(message, delays)) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
            return new SQSBatchResponse(failures);
        } finally {
            publish(delays);
            JsonLogging.endInvocation();
        }
    }

    /**
     * Parses the body of a message the way the handler does.
     *
     * @throws JsonProcessingException if the body is not JSON, lacks a required field or has a
     *     value of the wrong type
     */
    public static Refund parse(String body) throws JsonProcessingException {
        return MAPPER.readValue(body, Refund.class);
    }

    /** Handles one message; false if it failed and must return to the queue. */
    private boolean handle(SQSMessage message, List<Long> delays) {
        MDC.put(CORRELATION_ID, correlationId(message));
        MDC.put(MESSAGE_ID, message.getMessageId());
        try {
            return processOnce(message, parse(message.getBody()), delays);
        } catch (JsonProcessingException e) {
            // No retry can fix the body: after maxReceiveCount receives it moves to the dead-letter queue.
            LOG.error("Rejected the message: its body is not a valid Refund: {}", reason(e));
            return false;
        } catch (RuntimeException e) {
            LOG.error("Processing failed, the message will be retried", e);
            return false;
        } finally {
            MDC.remove(CORRELATION_ID);
            MDC.remove(MESSAGE_ID);
        }
    }

    /**
     * Processes the request unless another delivery of its key did or is doing so; false if the message must
     * return to the queue.
     */
    private boolean processOnce(SQSMessage message, Refund request, List<Long> delays) {
        String key = idempotencyKey(message.getBody());
        Instant now = Instant.now();
        return switch (store.claim(key, now.plus(CLAIM_LEASE), now.plus(REMEMBER_FOR))) {
            case COMPLETED -> {
                // No end-to-end delay: this delivery processed nothing, and the one that did recorded its own.
                LOG.info("Acknowledged a duplicate without processing it: body SHA-256 {} was processed already", key);
                yield true;
            }
            case IN_PROGRESS -> {
                LOG.warn("Not processed: another delivery of body SHA-256 {} is being processed; this one returns"
                        + " to the queue and is retried", key);
                yield false;
            }
            case CLAIMED -> {
                processClaimed(key, request);
                recordProcessed(message, delays);
                yield true;
            }
        };
    }

    /**
     * Processes a request whose key this delivery claimed, then marks the key completed; if processing fails,
     * releases the key so that the retry can claim it, and rethrows. Should marking the key fail, the message
     * returns to the queue and is processed again once the claim lapses: at least once, as without the store.
     */
    private void processClaimed(String key, Refund request) {
        try {
            processor.process(request);
        } catch (RuntimeException e) {
            try {
                store.release(key);
            } catch (RuntimeException releaseFailure) {
                // The claim then lapses after CLAIM_LEASE, and a later delivery takes it over.
                e.addSuppressed(releaseFailure);
            }
            throw e;
        }
        store.complete(key);
    }

    /** The idempotency key of a message: the SHA-256 hash of its body, in hexadecimal. */
    static String idempotencyKey(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /**
     * Logs that the message was processed, with its end-to-end delay as a JSON field of its own, and keeps the
     * delay for the invocation's metric.
     */
    private static void recordProcessed(SQSMessage message, List<Long> delays) {
        OptionalLong delay = endToEndDelayMillis(message, System.currentTimeMillis());
        if (delay.isPresent()) {
            delays.add(delay.getAsLong());
            LOG.atInfo().addKeyValue(END_TO_END_DELAY_FIELD, delay.getAsLong()).log("Processed the message");
        } else {
            LOG.info("Processed the message");
        }
    }

    /**
     * Milliseconds from SQS accepting the message until now: the API puts a request on the queue as it accepts
     * it, and a retried message keeps its SentTimestamp, so retries count. Empty without a readable SentTimestamp.
     * Never negative, though the clocks of SQS and Lambda may disagree by a few milliseconds.
     */
    private static OptionalLong endToEndDelayMillis(SQSMessage message, long nowMillis) {
        String sent = message.getAttributes() == null ? null : message.getAttributes().get(SENT_TIMESTAMP_ATTRIBUTE);
        if (sent == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Math.max(0, nowMillis - Long.parseLong(sent)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Publishes the invocation's end-to-end delays, one value per processed message, in one flush. Nothing
     * without a delay: Powertools would log a warning about an empty flush. A failure is logged, not thrown: the
     * messages are processed, and a failed invocation would return the whole batch to the queue.
     */
    private static void publish(List<Long> delays) {
        if (delays.isEmpty()) {
            return;
        }
        try {
            for (long delay : delays) {
                METRICS.addMetric(END_TO_END_DELAY, delay, MetricUnit.MILLISECONDS);
            }
            METRICS.flush();
        } catch (RuntimeException e) {
            LOG.error("Could not publish the {} metric", END_TO_END_DELAY, e);
        }
    }

    /**
     * The metrics with exactly the dimension set [Service], which the alarms match: the function's
     * POWERTOOLS_SERVICE_NAME (the log lines' service field), or Powertools' own default. Powertools sets the
     * dimension itself only when that variable is set; with no dimension set, the EMF library would add
     * LogGroup, ServiceName and ServiceType instead.
     */
    private static Metrics metrics() {
        String service = System.getenv("POWERTOOLS_SERVICE_NAME");
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.setDefaultDimensions(DimensionSet.of("Service",
                service == null || service.isBlank() ? "service_undefined" : service));
        return metrics;
    }

    /** The API request id the integration put on the message; the message id for a message sent otherwise. */
    private static String correlationId(SQSMessage message) {
        MessageAttribute attribute = message.getMessageAttributes() == null
                ? null
                : message.getMessageAttributes().get(CORRELATION_ID_ATTRIBUTE);
        if (attribute == null || attribute.getStringValue() == null || attribute.getStringValue().isBlank()) {
            return message.getMessageId();
        }
        return attribute.getStringValue();
    }

    /** Why a body was rejected, led by the path of the offending field (e.g. {@code items[0].sku}). */
    private static String reason(JsonProcessingException e) {
        StringBuilder path = new StringBuilder();
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
                } else {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
        }
        return path.isEmpty() ? e.getOriginalMessage() : path + ": " + e.getOriginalMessage();
    }
}
