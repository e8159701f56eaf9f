package com.example.shop.checkout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.example.shop.checkout.logging.JsonLogging;
import com.example.shop.checkout.model.Checkout;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
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
 * Consumes the queue behind {@code POST /v1/checkout}: parses each message into the request record
 * {@link Checkout} and hands it to {@link CheckoutProcessor}.
 *
 * <p>The queue is FIFO, its messages grouped by {@code storeCode}: Lambda's event source mapping
 * delivers the messages of a group in order within a batch, and none of a group while an earlier one is in
 * flight. The handler keeps that order: once a message fails (its body or its processing), every later message
 * of the same group in the batch is reported failed without being processed, so the group is retried from the
 * failed message on, in order. Messages of other groups go on. The handler returns the ids of the failed ones
 * (the event source mapping reports batch item failures); only those return to the queue.
 *
 * <p>A message that fails on its last receive (its ApproximateReceiveCount has reached the queue's
 * maxReceiveCount) is moved to the {@link DeadLetterQueue} by the handler itself and counts as done, so the later
 * messages of its group are processed in order in the same batch. Left to the queue's redrive policy instead, it
 * would drag them along: reported failed behind it, their receive counts rise with its own, and SQS would
 * dead-letter them with it, unprocessed. Should the move fail, the message and the later ones of its group are
 * reported failed as before, and the redrive policy moves it on its next receive.
 *
 * <p>Each processed message is logged with its end-to-end delay, from the API accepting it to its processing
 * returning, and each invocation publishes those delays as the {@code EndToEndDelay} metric.
 */
public class CheckoutHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, Resource {
    /** The message attribute the API integration sets to the API Gateway request id. */
    static final String CORRELATION_ID_ATTRIBUTE = "correlationId";
    /** The attribute SQS sets on every message: when it accepted the message, in epoch milliseconds. */
    static final String SENT_TIMESTAMP_ATTRIBUTE = "SentTimestamp";
    /** The attribute SQS sets on every message of a FIFO queue: its message group. */
    static final String MESSAGE_GROUP_ID_ATTRIBUTE = "MessageGroupId";
    /** The attribute SQS sets on every message: how often it was received, this receive included. */
    static final String RECEIVE_COUNT_ATTRIBUTE = "ApproximateReceiveCount";
    /**
     * The environment variable holding the queue's maxReceiveCount: a message that fails on that receive would be
     * dead-lettered by SQS on the next one, so the handler moves it then.
     */
    static final String MAX_RECEIVE_COUNT_VARIABLE = "MAX_RECEIVE_COUNT";
    /** Logging context keys: every log line written while a message is handled carries all three. */
    static final String CORRELATION_ID = "correlationId";
    static final String MESSAGE_ID = "messageId";
    static final String MESSAGE_GROUP_ID = "messageGroupId";
    /**
     * The metric of the delay from the API accepting a message to its processing returning, one value per
     * processed message, in milliseconds, dimensions [Service]. Alarms match its name and dimensions exactly.
     */
    static final String END_TO_END_DELAY = "EndToEndDelay";
    /** The same delay as a field of the "Processed the message" log line, for Logs Insights to filter and sort by. */
    static final String END_TO_END_DELAY_FIELD = "endToEndDelayMs";

    /** A request the API accepts (events' request.json), which {@link #prime()} parses before a SnapStart snapshot. */
    static final String PRIMING_BODY = """
            {
              "orderId": "ORD-00000000",
              "storeCode": "AA-000",
              "channel": "web",
              "priority": "low",
              "customer": {
                "id": "C000000",
                "email": "a@a.aa",
                "loyaltyTier": "bronze",
                "points": 10,
                "address": {
                  "country": "AA",
                  "postcode": "000",
                  "street": [
                    "example-street"
                  ]
                }
              },
              "lines": [
                {
                  "sku": "AAA-0000",
                  "quantity": 1,
                  "unitPrice": 1,
                  "discountPercent": 1,
                  "tags": [
                    "aa",
                    "ba"
                  ]
                }
              ],
              "total": 1,
              "currency": "EUR",
              "placedAt": "2026-01-15T09:30:00Z",
              "giftMessage": "example-giftMessage",
              "schemaVersion": 3,
              "metadata": {}
            }
            """;

    private static final Logger LOG = LoggerFactory.getLogger(CheckoutHandler.class);

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

    private final CheckoutProcessor processor;
    private final DeadLetterQueue deadLetterQueue;
    private final int maxReceiveCount;

    /**
     * Used by Lambda: the dead-letter queue DEAD_LETTER_QUEUE_URL names, and the queue's maxReceiveCount from
     * MAX_RECEIVE_COUNT. Built once per execution environment, so a SnapStart snapshot holds the SQS client ready.
     */
    public CheckoutHandler() {
        this(new CheckoutProcessor(), DeadLetterQueue.fromEnvironment(), maxReceiveCountFromEnvironment());
    }

    /**
     * Used by tests, and to pass a processor its dependencies.
     *
     * @param maxReceiveCount the queue's redrive policy's maxReceiveCount: a message that fails on that receive is
     *                        moved to {@code deadLetterQueue}
     */
    public CheckoutHandler(CheckoutProcessor processor, DeadLetterQueue deadLetterQueue, int maxReceiveCount) {
        this.processor = processor;
        this.deadLetterQueue = deadLetterQueue;
        this.maxReceiveCount = maxReceiveCount;
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
     * builds the {@link Checkout} deserializers on a sample request, the JSON encoder formats a line with a
     * structured field, as "Processed the message" does, and the metrics library builds its serializers
     * ({@link #primeMetrics()}). It calls no processor, publishes no metric and leaves the cold-start flag and the
     * logging context as they were; its one log line says what it did. Public for the cold-start benchmark, which
     * calls it where no snapshot is taken.
     *
     * <p>The dead-letter queue primes its request too ({@link DeadLetterQueue#prime()}): it marshals and signs a sample
     * move and reads a canned answer, so no request leaves the function, and the code the first move after a restore
     * would load is in the snapshot.
     *
     * @throws JsonProcessingException if the sample no longer parses: the payload's classes and the sample disagree
     */
    public void prime() throws JsonProcessingException {
        long start = System.nanoTime();
        parse(PRIMING_BODY);
        primeMetrics();
        deadLetterQueue.prime();
        LOG.atInfo()
                .addKeyValue("primingMs", (System.nanoTime() - start) / 1_000_000)
                .log("Primed for a SnapStart snapshot: parsed a sample Checkout, serialized a sample metric"
                        + ", primed the dead-letter queue");
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
            Set<String> failedGroups = new HashSet<>();
            for (SQSMessage message : event.getRecords()) {
                String group = messageGroupId(message);
                if (!handle(message, group, failedGroups.contains(group), delays)) {
                    failedGroups.add(group);
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
    public static Checkout parse(String body) throws JsonProcessingException {
        return MAPPER.readValue(body, Checkout.class);
    }

    /**
     * Handles one message; false if it failed and must return to the queue. A message behind a failed one
     * of its group is not processed: it returns to the queue as well, to be retried after that one.
     */
    private boolean handle(SQSMessage message, String group, boolean behindAFailure, List<Long> delays) {
        MDC.put(CORRELATION_ID, correlationId(message));
        MDC.put(MESSAGE_ID, message.getMessageId());
        MDC.put(MESSAGE_GROUP_ID, group);
        try {
            if (behindAFailure) {
                LOG.warn("Not processed: an earlier message of its group failed in this batch, so this one returns"
                        + " to the queue and is retried after it, in order");
                return false;
            }
            processor.process(parse(message.getBody()));
            recordProcessed(message, delays);
            return true;
        } catch (JsonProcessingException e) {
            // No retry can fix the body: on its last receive it moves to the dead-letter queue (afterFailure).
            // Until then the later messages of its group wait behind it.
            LOG.error("Rejected the message on receive {} of {}: its body is not a valid Checkout: {}",
                    receiveCount(message), maxReceiveCount, reason(e));
            return afterFailure(message);
        } catch (RuntimeException e) {
            LOG.error("Processing failed on receive {} of {}", receiveCount(message), maxReceiveCount, e);
            return afterFailure(message);
        } finally {
            MDC.remove(CORRELATION_ID);
            MDC.remove(MESSAGE_ID);
            MDC.remove(MESSAGE_GROUP_ID);
        }
    }

    /**
     * What becomes of a message that failed: before its last receive, it returns to the queue to be retried (false).
     * On its last receive the handler moves it to the dead-letter queue and it counts as done (true), so the later
     * messages of its group are processed, in order; if the move fails, it returns to the queue (false), and the
     * redrive policy moves it on its next receive.
     */
    private boolean afterFailure(SQSMessage message) {
        if (receiveCount(message) < maxReceiveCount) {
            return false;
        }
        try {
            deadLetterQueue.send(message);
        } catch (RuntimeException e) {
            LOG.error("Could not move the message to the dead-letter queue: it returns to the queue with the later"
                    + " messages of its group, and the redrive policy moves it there on its next receive", e);
            return false;
        }
        LOG.warn("Moved the message to the dead-letter queue after its last receive; the later messages of its group"
                + " go on");
        return true;
    }

    /** How often SQS has handed the message out, this receive included; 0 if it does not say. */
    private static int receiveCount(SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get(RECEIVE_COUNT_ATTRIBUTE);
        try {
            return count == null ? 0 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int maxReceiveCountFromEnvironment() {
        String value = System.getenv(MAX_RECEIVE_COUNT_VARIABLE);
        try {
            int count = Integer.parseInt(value == null ? "" : value.strip());
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Reported below, as a value out of range is.
        }
        throw new IllegalStateException(MAX_RECEIVE_COUNT_VARIABLE + " must be the queue's maxReceiveCount, a whole"
                + " number from 1, not " + value);
    }

    /** The message group SQS set on the message; one without (not from a FIFO queue) is a group of its own. */
    private static String messageGroupId(SQSMessage message) {
        String group = message.getAttributes() == null ? null : message.getAttributes().get(MESSAGE_GROUP_ID_ATTRIBUTE);
        return group == null ? message.getMessageId() : group;
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
