package com.example.ordersservicecdk.refunds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.example.ordersservicecdk.logging.JsonLogging;
import com.example.ordersservicecdk.refunds.model.Refund;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The handler against the sample events in {@code events/}. The Lambda context is null: the
 * handler reads nothing from it, and Powertools leaves out the function fields without one.
 * The idempotency store is in memory; the sample events deliver the same request more than once.
 */
class RefundHandlerTest {
    /**
     * Reads events as the Lambda runtime does: their "Records" and "eventSourceARN" differ in case
     * from the event classes' properties.
     */
    private static final ObjectMapper EVENTS = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The queue's maxReceiveCount: SQS's redrive policy dead-letters a message received more often. */
    private static final int MAX_RECEIVE_COUNT = 5;

    private final RecordingProcessor processor = new RecordingProcessor();
    private final RefundHandler handler = new RefundHandler(processor, new InMemoryIdempotencyStore());

    @Test
    void processesEveryMessageOfAGoodBatch() throws IOException {
        SQSBatchResponse response = handler.handleRequest(event("sqs-event.json"), null);

        assertEquals(List.of(), failedIds(response));
        String sample = Files.readString(Path.of("events/refunds", "request.json"));
        Refund expected = RefundHandler.parse(sample);
        assertEquals(List.of(expected), processor.received,
                "the first message reaches the processor parsed; the second repeats its request, a duplicate");
    }

    @Test
    void primingParsesTheSampleAndLogsOneLineOfItsOwnWithoutAMetricOrTheProcessor() throws IOException {
        String sample = Files.readString(Path.of("events/refunds", "request.json"));
        assertEquals(RefundHandler.parse(sample), RefundHandler.parse(RefundHandler.PRIMING_BODY),
                "the sample request, on one line");
        List<JsonNode> metrics = new ArrayList<>();
        List<JsonNode> lines = logLinesOf(() -> metrics.addAll(metricDocumentsOf(() -> {
            try {
                handler.prime();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        })));

        assertEquals(1, lines.size(), lines.toString());
        assertEquals("Primed for a SnapStart snapshot: parsed a sample Refund, serialized a sample metric"
                + ", primed the idempotency store",
                lines.get(0).path("message").asText());
        assertTrue(lines.get(0).path("primingMs").isNumber(), lines.get(0).toString());
        assertFalse(lines.get(0).has("correlationId"), "no message's line");
        assertEquals(List.of(), metrics, "priming publishes no metric");
        assertEquals(List.of(), processor.received, "priming calls no processor");
    }

    @Test
    void theSnapStartHooksRunWithTheClassesTheJarShips() throws Exception {
        // What SnapStart calls before its snapshot, here where no snapshot is taken: Powertools' metrics priming
        // loads its classes by name (the AspectJ runtime among them), then the handler primes itself.
        new MetricsFactory().beforeCheckpoint(null);
        logLinesOf(() -> {
            try {
                handler.beforeCheckpoint(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        handler.afterRestore(null);
    }

    @Test
    void reportsOnlyThePoisonMessage() {
        SQSEvent event = event("sqs-event-poison.json");
        String poisonId = event.getRecords().get(1).getMessageId();

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertEquals(List.of(poisonId), failedIds(response));
        assertEquals(1, processor.received.size(), "the first message is processed; the third repeats its request");
    }

    @Test
    void leavesAMessageFailingOnItsLastReceiveToTheRedrivePolicy() {
        SQSEvent event = event("sqs-event-poison.json");
        SQSMessage poison = event.getRecords().get(1);
        Map<String, String> attributes = new HashMap<>(poison.getAttributes());
        attributes.put("ApproximateReceiveCount", String.valueOf(MAX_RECEIVE_COUNT));
        poison.setAttributes(attributes);

        SQSBatchResponse response = handler.handleRequest(event, null);

        // A standard queue keeps no order: SQS moves the message on its next receive, and nothing waits for it.
        assertEquals(List.of(poison.getMessageId()), failedIds(response));
    }

    @Test
    void reportsTheMessageTheProcessorFailsOn() {
        SQSEvent event = event("sqs-event.json");
        processor.failOnCall = 1;

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertEquals(List.of(event.getRecords().get(0).getMessageId()), failedIds(response));
        assertEquals(2, processor.received.size(), "the failure released the key: the next message is processed");
    }

    @Test
    void processesTheSameMessageDeliveredTwiceOnce() {
        SQSMessage message = event("sqs-event.json").getRecords().get(0);

        SQSBatchResponse first = handler.handleRequest(batchOf(message), null);
        SQSBatchResponse second = handler.handleRequest(batchOf(message), null);

        assertEquals(List.of(), failedIds(first));
        assertEquals(List.of(), failedIds(second), "the duplicate is acknowledged");
        assertEquals(1, processor.received.size(), "the duplicate does not reach the processor");
    }

    @Test
    void processesConcurrentDuplicatesOnce() throws Exception {
        SQSMessage message = event("sqs-event.json").getRecords().get(0);
        CountDownLatch processing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        processor.whileProcessing = () -> {
            processing.countDown();
            await(finish);
        };
        ExecutorService otherInstance = Executors.newSingleThreadExecutor();
        try {
            Future<SQSBatchResponse> first = otherInstance.submit(() -> handler.handleRequest(batchOf(message), null));
            assertTrue(processing.await(10, TimeUnit.SECONDS), "the first delivery reaches the processor");

            SQSBatchResponse second = handler.handleRequest(batchOf(message), null);
            finish.countDown();

            assertEquals(List.of(message.getMessageId()), failedIds(second), "the second delivery is retried later");
            assertEquals(List.of(), failedIds(first.get(10, TimeUnit.SECONDS)));
        } finally {
            finish.countDown();
            otherInstance.shutdownNow();
        }
        assertEquals(List.of(), failedIds(handler.handleRequest(batchOf(message), null)), "the retry is a duplicate");
        assertEquals(1, processor.received.size(), "only the first delivery reaches the processor");
    }

    @Test
    void runsTheRetryOfAFailedMessage() {
        SQSMessage message = event("sqs-event.json").getRecords().get(0);
        processor.failOnCall = 1;

        SQSBatchResponse failed = handler.handleRequest(batchOf(message), null);
        SQSBatchResponse retried = handler.handleRequest(batchOf(message), null);
        SQSBatchResponse later = handler.handleRequest(batchOf(message), null);

        assertEquals(List.of(message.getMessageId()), failedIds(failed));
        assertEquals(List.of(), failedIds(retried), "the retry succeeds");
        assertEquals(List.of(), failedIds(later), "a later delivery is a duplicate");
        assertEquals(2, processor.received.size(), "the failed attempt and the retry reach the processor");
    }

    @Test
    void everyLogLineCarriesTheCorrelationIdAndMessageIdOfItsMessage() {
        processor.failOnCall = 1;
        // A good message, a poison one and one the processor fails on: each logs through another path.
        for (SQSMessage message : event("sqs-event-poison.json").getRecords()) {
            List<JsonNode> lines = logLinesOf(() -> handler.handleRequest(batchOf(message), null));

            assertFalse(lines.isEmpty(), "handling a message logs at least one line");
            String correlationId = message.getMessageAttributes().get("correlationId").getStringValue();
            for (JsonNode line : lines) {
                assertEquals(correlationId, line.path("correlationId").asText(), line::toString);
                assertEquals(message.getMessageId(), line.path("messageId").asText(), line::toString);
            }
        }
    }

    @Test
    void usesTheMessageIdAsCorrelationIdWithoutTheAttribute() {
        SQSMessage message = event("sqs-event.json").getRecords().get(0);
        message.setMessageAttributes(Map.of());

        List<JsonNode> lines = logLinesOf(
                () -> assertEquals(List.of(), failedIds(handler.handleRequest(batchOf(message), null))));

        assertFalse(lines.isEmpty());
        for (JsonNode line : lines) {
            assertEquals(message.getMessageId(), line.path("correlationId").asText(), line::toString);
        }
    }

    @Test
    void publishesTheEndToEndDelayOfEachProcessedMessage() {
        long sentAt = System.currentTimeMillis() - 1500;
        SQSEvent event = sentAt(sentAt, event("sqs-event-poison.json"));

        List<JsonNode> documents = metricDocumentsOf(() -> handler.handleRequest(event, null));
        long longestPossible = System.currentTimeMillis() - sentAt;

        assertEquals(1, documents.size(), "one flush per invocation");
        JsonNode document = documents.get(0);
        JsonNode directive = document.path("_aws").path("CloudWatchMetrics").path(0);
        // What the alarms match, exactly; the namespace and service come from the variables pom.xml sets.
        assertEquals("orders-service-cdk", directive.path("Namespace").asText(), document::toString);
        assertEquals(json("[[\"Service\"]]"), directive.path("Dimensions"), document::toString);
        assertEquals("orders-service-cdk", document.path("Service").asText(), document::toString);
        assertEquals(json("[{\"Name\":\"EndToEndDelay\",\"Unit\":\"Milliseconds\"}]"), directive.path("Metrics"),
                document::toString);
        List<Double> delays = values(document.path("EndToEndDelay"));
        assertEquals(1, delays.size(), "the first message; the poison one failed and the third is a duplicate");
        for (double delay : delays) {
            assertTrue(delay >= 1500 && delay <= longestPossible,
                    () -> delay + " ms, not within [1500, " + longestPossible + "] ms");
        }
    }

    @Test
    void logsEachProcessedMessageWithItsEndToEndDelay() {
        long sentAt = System.currentTimeMillis() - 1500;
        SQSEvent event = sentAt(sentAt, event("sqs-event-poison.json"));
        List<SQSMessage> messages = event.getRecords();

        List<JsonNode> processed = logLinesOf(() -> handler.handleRequest(event, null)).stream()
                .filter(line -> line.path("message").asText().equals("Processed the message"))
                .toList();
        long longestPossible = System.currentTimeMillis() - sentAt;

        List<SQSMessage> expected = List.of(messages.get(0));
        assertEquals(expected.stream().map(SQSMessage::getMessageId).toList(),
                processed.stream().map(line -> line.path("messageId").asText()).toList());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode line = processed.get(i);
            String correlationId = expected.get(i).getMessageAttributes().get("correlationId").getStringValue();
            assertEquals(correlationId, line.path("correlationId").asText(), line::toString);
            // A number, not text: Logs Insights sorts and compares it as one.
            assertTrue(line.path("endToEndDelayMs").isIntegralNumber(), line::toString);
            long delay = line.path("endToEndDelayMs").asLong();
            assertTrue(delay >= 1500 && delay <= longestPossible, line::toString);
        }
    }

    @Test
    void publishesNothingWhenNoMessageIsProcessed() {
        SQSMessage poison = event("sqs-event-poison.json").getRecords().get(1);
        List<JsonNode> documents = new ArrayList<>();

        List<JsonNode> lines = logLinesOf(
                () -> documents.addAll(metricDocumentsOf(() -> handler.handleRequest(batchOf(poison), null))));

        assertEquals(List.of(), documents, "no empty metrics document");
        assertEquals(List.of("ERROR"), lines.stream().map(line -> line.path("level").asText()).toList(),
                "the rejection alone, no warning about an empty flush");
    }

    @Test
    void leavesOutTheDelayOfAMessageWithoutSentTimestamp() {
        SQSMessage message = event("sqs-event.json").getRecords().get(0);
        Map<String, String> attributes = new HashMap<>(message.getAttributes());
        attributes.remove("SentTimestamp");
        message.setAttributes(attributes);
        List<JsonNode> documents = new ArrayList<>();

        List<JsonNode> lines = logLinesOf(
                () -> documents.addAll(metricDocumentsOf(() -> handler.handleRequest(batchOf(message), null))));

        assertEquals(List.of(), documents);
        JsonNode processed = lines.stream()
                .filter(line -> line.path("message").asText().equals("Processed the message"))
                .findFirst()
                .orElseThrow();
        assertTrue(processed.path("endToEndDelayMs").isMissingNode(), processed::toString);
    }

    private static SQSEvent event(String file) {
        try {
            return EVENTS.readValue(Path.of("events/refunds", file).toFile(), SQSEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SQSEvent batchOf(SQSMessage message) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    /** The event, with every message sent at the given time (epoch milliseconds), as SQS records it. */
    private static SQSEvent sentAt(long sentAt, SQSEvent event) {
        for (SQSMessage message : event.getRecords()) {
            Map<String, String> attributes = new HashMap<>(message.getAttributes());
            attributes.put("SentTimestamp", String.valueOf(sentAt));
            message.setAttributes(attributes);
        }
        return event;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "the test lets processing finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    /** Runs the action and returns what it logged, one JSON object per line, in the function's own layout. */
    private static List<JsonNode> logLinesOf(Runnable action) {
        var root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
        capture.setContext(root.getLoggerContext());
        capture.setName("capture");
        capture.setEncoder(((OutputStreamAppender<ILoggingEvent>) root.getAppender(JsonLogging.APPENDER)).getEncoder());
        capture.setOutputStream(out);
        capture.start();
        root.addAppender(capture);
        try {
            action.run();
        } finally {
            root.detachAppender(capture);
            capture.stop();
        }
        return out.toString(StandardCharsets.UTF_8).lines().map(RefundHandlerTest::json).toList();
    }

    /**
     * Runs the action and returns the metrics documents it wrote to standard output, where the EMF library writes
     * them in Lambda and, with AWS_EMF_ENVIRONMENT=Local (pom.xml), in tests.
     */
    private static List<JsonNode> metricDocumentsOf(Runnable action) {
        PrintStream standardOutput = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(standardOutput);
        }
        return out.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("\"_aws\""))
                .map(RefundHandlerTest::json)
                .toList();
    }

    /** The values of a metric in a metrics document: one value is written bare, more as an array. */
    private static List<Double> values(JsonNode metric) {
        List<Double> values = new ArrayList<>();
        if (metric.isArray()) {
            metric.forEach(value -> values.add(value.asDouble()));
        } else if (metric.isNumber()) {
            values.add(metric.asDouble());
        }
        return values;
    }

    private static JsonNode json(String line) {
        try {
            return EVENTS.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON log line: " + line, e);
        }
    }

    /**
     * Records what it is given and logs a line, as a real processor would; runs what it is told to while
     * processing, and fails on the call it is told to.
     */
    private static final class RecordingProcessor extends RefundProcessor {
        private static final Logger LOG = LoggerFactory.getLogger(RecordingProcessor.class);

        final List<Refund> received = new ArrayList<>();
        Runnable whileProcessing = () -> { };
        int failOnCall;

        @Override
        public void process(Refund refund) {
            received.add(refund);
            LOG.info("Recorded the request");
            whileProcessing.run();
            if (received.size() == failOnCall) {
                throw new IllegalStateException("the downstream service is unavailable");
            }
        }
    }
}
