package com.example.ordersservice.ordersevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.example.ordersservice.aws.AwsJsonApi;
import com.example.ordersservice.aws.AwsServiceException;
import com.example.ordersservice.logging.JsonLogging;
import com.example.ordersservice.ordersevents.model.Event;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The handler against the sample events in {@code events/}. The Lambda context is null: the
 * handler reads nothing from it, and Powertools leaves out the function fields without one.
 * Both sample events hold messages of one message group, in order. The dead-letter queue the handler moves a
 * message to on its last receive is a stand-in for SQS that records what it is sent.
 */
class EventHandlerTest {
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
    private static final String DEAD_LETTER_QUEUE_URL =
            "https://sqs.us-east-1.amazonaws.com/123456789012/orders-service-DeadLetterQueue-1HZ0EXAMPLE.fifo";

    private final RecordingProcessor processor = new RecordingProcessor();
    private final RecordingSqs sqs = new RecordingSqs();
    private final EventHandler handler = new EventHandler(processor,
            new DeadLetterQueue(sqs, DEAD_LETTER_QUEUE_URL), MAX_RECEIVE_COUNT);

    @Test
    void processesEveryMessageOfAGoodBatch() throws IOException {
        SQSBatchResponse response = handler.handleRequest(event("sqs-event.json"), null);

        assertEquals(List.of(), failedIds(response));
        String sample = Files.readString(Path.of("events/ordersevents", "request.json"));
        Event expected = EventHandler.parse(sample);
        assertEquals(List.of(expected, expected), processor.received, "each message reaches the processor parsed");
    }

    @Test
    void primingParsesTheSampleAndLogsOneLineOfItsOwnWithoutAMetricOrTheProcessor() throws IOException {
        String sample = Files.readString(Path.of("events/ordersevents", "request.json"));
        assertEquals(EventHandler.parse(sample), EventHandler.parse(EventHandler.PRIMING_BODY),
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
        assertEquals("Primed for a SnapStart snapshot: parsed a sample Event, serialized a sample metric"
                + ", primed the dead-letter queue",
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
    void reportsThePoisonMessageAndHoldsBackTheRestOfItsGroup() {
        SQSEvent event = event("sqs-event-poison.json");
        List<String> ids = event.getRecords().stream().map(SQSMessage::getMessageId).toList();

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertEquals(ids.subList(1, 3), failedIds(response), "the poison message and the one behind it in its group");
        assertEquals(1, processor.received.size(), "the message before the poison one is processed");
    }

    @Test
    void reportsTheMessageTheProcessorFailsOnAndTheRestOfItsGroup() {
        SQSEvent event = event("sqs-event.json");
        processor.failOnCall = 1;

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertEquals(event.getRecords().stream().map(SQSMessage::getMessageId).toList(), failedIds(response));
        assertEquals(1, processor.received.size(), "the next message of the group waits behind the failed one");
    }

    @Test
    void keepsTheOrderOfAGroupAfterAFailureAndGoesOnWithOtherGroups() {
        SQSMessage sample = event("sqs-event.json").getRecords().get(0);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(
                inGroup(sample, "a", "g1"),
                inGroup(sample, "b", "g1"),
                inGroup(sample, "c", "g1"),
                inGroup(sample, "x", "g2"),
                inGroup(sample, "y", "g2")));
        processor.failOnCall = 2;

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertEquals(List.of("a", "b", "x", "y"), processor.messageIds,
                "b fails, c of the same group is not processed, the other group goes on, each in order");
        assertEquals(List.of("b", "c"), failedIds(response));
        assertEquals(List.of(), sqs.sent, "nothing moved to the dead-letter queue before the last receive");
    }

    @Test
    void movesAMessageFailingOnItsLastReceiveToTheDeadLetterQueueAndGoesOnWithItsGroupInOrder() {
        SQSMessage sample = event("sqs-event.json").getRecords().get(0);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(
                received(MAX_RECEIVE_COUNT, inGroup(sample, "a", "g1")),
                received(MAX_RECEIVE_COUNT, inGroup(sample, "b", "g1")),
                received(MAX_RECEIVE_COUNT - 1, inGroup(sample, "c", "g1")),
                inGroup(sample, "x", "g2")));
        processor.failOnCall = 1;

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertEquals(List.of(), failedIds(response), "a is moved, so its group goes on: nothing returns to the queue");
        assertEquals(List.of("a", "b", "c", "x"), processor.messageIds, "a fails, b and c follow it in order");
        ObjectNode moved = only(sqs.sent);
        assertEquals(DEAD_LETTER_QUEUE_URL, moved.path("QueueUrl").asText());
        assertEquals(sample.getBody(), moved.path("MessageBody").asText());
        assertEquals("g1", moved.path("MessageGroupId").asText(), "it keeps its group");
        assertEquals("a", moved.path("MessageDeduplicationId").asText(), "its message id, as SQS's redrive policy would set");
        ObjectNode attributes = JsonNodeFactory.instance.objectNode();
        sample.getMessageAttributes().forEach((name, attribute) -> attributes.putObject(name)
                .put("DataType", "String")
                .put("StringValue", attribute.getStringValue()));
        assertEquals(attributes, moved.path("MessageAttributes"), "it keeps its correlationId and path parameters");
    }

    @Test
    void movesABinaryMessageAttributeInBase64() {
        SQSMessage message = received(MAX_RECEIVE_COUNT, inGroup(event("sqs-event.json").getRecords().get(0), "a", "g1"));
        MessageAttribute signature = new MessageAttribute();
        signature.setDataType("Binary");
        signature.setBinaryValue(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}));
        Map<String, MessageAttribute> attributes = new HashMap<>(message.getMessageAttributes());
        attributes.put("signature", signature);
        message.setMessageAttributes(attributes);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        processor.failOnCall = 1;

        handler.handleRequest(event, null);

        JsonNode moved = only(sqs.sent).path("MessageAttributes").path("signature");
        assertEquals("Binary", moved.path("DataType").asText());
        assertEquals("AAEC/w==", moved.path("BinaryValue").asText(), "SQS's JSON protocol takes binary values in base64");
        assertFalse(moved.has("StringValue"), moved.toString());
    }

    @Test
    void movesAPoisonMessageOnItsLastReceiveAndProcessesTheRestOfItsGroup() {
        SQSEvent event = event("sqs-event-poison.json");
        SQSMessage poison = received(MAX_RECEIVE_COUNT, event.getRecords().get(1));

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertEquals(List.of(), failedIds(response));
        assertEquals(2, processor.received.size(), "the messages around the poison one are processed");
        assertEquals(List.of(poison.getBody()), sqs.sent.stream().map(request -> request.path("MessageBody").asText()).toList());
    }

    @Test
    void movesNothingBeforeTheLastReceive() {
        SQSEvent event = event("sqs-event-poison.json");
        event.getRecords().forEach(message -> received(MAX_RECEIVE_COUNT - 1, message));
        List<String> ids = event.getRecords().stream().map(SQSMessage::getMessageId).toList();

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertEquals(ids.subList(1, 3), failedIds(response), "the poison message and the one behind it return");
        assertEquals(List.of(), sqs.sent);
    }

    @Test
    void leavesTheMessageAndItsGroupToTheRedrivePolicyWhenTheMoveFails() {
        SQSMessage sample = event("sqs-event.json").getRecords().get(0);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(
                received(MAX_RECEIVE_COUNT, inGroup(sample, "a", "g1")),
                received(MAX_RECEIVE_COUNT, inGroup(sample, "b", "g1")),
                inGroup(sample, "x", "g2")));
        processor.failOnCall = 1;
        sqs.refuse = true;

        List<JsonNode> lines = new ArrayList<>();
        SQSBatchResponse response = handleLogging(event, lines);

        assertEquals(List.of("a", "b"), failedIds(response), "a and the rest of its group return, as without the move");
        assertEquals(List.of("a", "x"), processor.messageIds);
        assertTrue(lines.stream().anyMatch(line -> line.path("level").asText().equals("ERROR")
                        && line.path("message").asText().startsWith("Could not move the message")
                        && line.path("messageId").asText().equals("a")),
                lines::toString);
    }

    @Test
    void everyLogLineCarriesTheCorrelationIdAndMessageIdOfItsMessage() {
        processor.failOnCall = 1;
        // A good message, a poison one and one the processor fails on: each logs through another path.
        for (SQSMessage message : event("sqs-event-poison.json").getRecords()) {
            List<JsonNode> lines = logLinesOf(() -> handler.handleRequest(batchOf(message), null));

            assertFalse(lines.isEmpty(), "handling a message logs at least one line");
            String correlationId = message.getMessageAttributes().get("correlationId").getStringValue();
            String group = message.getAttributes().get("MessageGroupId");
            for (JsonNode line : lines) {
                assertEquals(correlationId, line.path("correlationId").asText(), line::toString);
                assertEquals(message.getMessageId(), line.path("messageId").asText(), line::toString);
                assertEquals(group, line.path("messageGroupId").asText(), line::toString);
            }
        }
    }

    @Test
    void usesTheMessageIdAsCorrelationIdWithoutTheAttribute() {
        SQSMessage message = event("sqs-event.json").getRecords().get(0);
        message.setMessageAttributes(without("correlationId", message.getMessageAttributes()));

        List<JsonNode> lines = logLinesOf(
                () -> assertEquals(List.of(), failedIds(handler.handleRequest(batchOf(message), null))));

        assertFalse(lines.isEmpty());
        for (JsonNode line : lines) {
            assertEquals(message.getMessageId(), line.path("correlationId").asText(), line::toString);
        }
    }

    @Test
    void handsThePathParametersToTheProcessor() {
        handler.handleRequest(event("sqs-event.json"), null);

        // The sample events carry what the API integration sets for /orders/orderId-1/events.
        List<String> sample = List.of("orderId-1");
        assertEquals(List.of(sample, sample), processor.pathParameters);
    }

    @Test
    void rejectsAMessageWithoutAPathParameterAttributeAsItRejectsABadBody() {
        SQSEvent event = event("sqs-event.json");
        SQSMessage first = event.getRecords().get(0);
        first.setMessageAttributes(without("orderId", first.getMessageAttributes()));

        List<SQSBatchResponse> response = new ArrayList<>();
        List<JsonNode> lines = logLinesOf(() -> response.add(handler.handleRequest(event, null)));

        assertEquals(event.getRecords().stream().map(SQSMessage::getMessageId).toList(), failedIds(response.get(0)),
                "the message, and the next one of its group behind it");
        assertEquals(0, processor.received.size());
        assertTrue(lines.stream().anyMatch(line -> line.path("level").asText().equals("ERROR")
                        && line.path("messageId").asText().equals(first.getMessageId())
                        && line.path("message").asText().contains("no message attribute orderId")),
                lines::toString);
    }

    /** The message attributes without the one of that name. */
    private static Map<String, MessageAttribute> without(String name, Map<String, MessageAttribute> attributes) {
        Map<String, MessageAttribute> rest = new HashMap<>(attributes);
        rest.remove(name);
        return rest;
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
        assertEquals("orders-service", directive.path("Namespace").asText(), document::toString);
        assertEquals(json("[[\"Service\"]]"), directive.path("Dimensions"), document::toString);
        assertEquals("orders-service", document.path("Service").asText(), document::toString);
        assertEquals(json("[{\"Name\":\"EndToEndDelay\",\"Unit\":\"Milliseconds\"}]"), directive.path("Metrics"),
                document::toString);
        List<Double> delays = values(document.path("EndToEndDelay"));
        assertEquals(1, delays.size(), "the message before the poison one; the one behind it was not processed");
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
            return EVENTS.readValue(Path.of("events/ordersevents", file).toFile(), SQSEvent.class);
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

    /** The message, received for the given time: SQS's ApproximateReceiveCount. */
    private static SQSMessage received(int times, SQSMessage message) {
        Map<String, String> attributes = new HashMap<>(message.getAttributes());
        attributes.put("ApproximateReceiveCount", String.valueOf(times));
        message.setAttributes(attributes);
        return message;
    }

    /** Handles the event and adds what it logged to {@code lines}. */
    private SQSBatchResponse handleLogging(SQSEvent event, List<JsonNode> lines) {
        List<SQSBatchResponse> response = new ArrayList<>();
        lines.addAll(logLinesOf(() -> response.add(handler.handleRequest(event, null))));
        return response.get(0);
    }

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items::toString);
        return items.get(0);
    }

    /** A copy of the sample message with another message id, in the given message group. */
    private static SQSMessage inGroup(SQSMessage sample, String messageId, String group) {
        SQSMessage message = new SQSMessage();
        message.setMessageId(messageId);
        message.setBody(sample.getBody());
        message.setMessageAttributes(sample.getMessageAttributes());
        Map<String, String> attributes = new HashMap<>(sample.getAttributes());
        attributes.put("MessageGroupId", group);
        message.setAttributes(attributes);
        return message;
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
        return out.toString(StandardCharsets.UTF_8).lines().map(EventHandlerTest::json).toList();
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
                .map(EventHandlerTest::json)
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
     * Records what it is given, and the id of its message, and logs a line, as a real processor would; fails on
     * the call it is told to.
     */
    /**
     * SQS as the dead-letter queue sees it: records each message sent, or refuses it as an unavailable service would.
     * Any other call fails, as the handler makes none.
     */
    private static final class RecordingSqs implements AwsJsonApi {
        final List<ObjectNode> sent = new ArrayList<>();
        boolean refuse;

        @Override
        public JsonNode call(String operation, ObjectNode request) {
            assertEquals("SendMessage", operation, "the one call the handler makes");
            if (refuse) {
                throw new AwsServiceException("sqs SendMessage", 503, "ServiceUnavailable", "Service Unavailable",
                        request.objectNode());
            }
            sent.add(request);
            return request.objectNode().put("MessageId", "dead-letter-" + sent.size());
        }
    }

    private static final class RecordingProcessor extends EventProcessor {
        private static final Logger LOG = LoggerFactory.getLogger(RecordingProcessor.class);

        final List<Event> received = new ArrayList<>();
        /** The path parameters of each call, in path order. */
        final List<List<String>> pathParameters = new ArrayList<>();
        final List<String> messageIds = new ArrayList<>();
        int failOnCall;

        @Override
        public void process(Event event, String orderId) {
            received.add(event);
            pathParameters.add(List.of(orderId));
            messageIds.add(MDC.get(EventHandler.MESSAGE_ID));
            LOG.info("Recorded the request");
            if (received.size() == failOnCall) {
                throw new IllegalStateException("the downstream service is unavailable");
            }
        }
    }
}
