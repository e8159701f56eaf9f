package com.example.ordersfifo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.example.ordersfifo.model.Order;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The handler against the sample events in {@code events/}. The Lambda context is null: the
 * handler reads nothing from it, and Powertools leaves out the function fields without one.
 * Both sample events hold messages of one message group, in order.
 */
class OrderHandlerTest {
    /**
     * Reads events as the Lambda runtime does: their "Records" and "eventSourceARN" differ in case
     * from the event classes' properties.
     */
    private static final ObjectMapper EVENTS = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final RecordingProcessor processor = new RecordingProcessor();
    private final OrderHandler handler = new OrderHandler(processor);

    @Test
    void processesEveryMessageOfAGoodBatch() throws IOException {
        SQSBatchResponse response = handler.handleRequest(event("sqs-event.json"), null);

        assertEquals(List.of(), failedIds(response));
        String sample = Files.readString(Path.of("events", "request.json"));
        Order expected = OrderHandler.parse(sample);
        assertEquals(List.of(expected, expected), processor.received, "each message reaches the processor parsed");
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
        message.setMessageAttributes(Map.of());

        List<JsonNode> lines = logLinesOf(
                () -> assertEquals(List.of(), failedIds(handler.handleRequest(batchOf(message), null))));

        assertFalse(lines.isEmpty());
        for (JsonNode line : lines) {
            assertEquals(message.getMessageId(), line.path("correlationId").asText(), line::toString);
        }
    }

    private static SQSEvent event(String file) {
        try {
            return EVENTS.readValue(Path.of("events", file).toFile(), SQSEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SQSEvent batchOf(SQSMessage message) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
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
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        StringWriter out = new StringWriter();
        WriterAppender capture = WriterAppender.newBuilder()
                .setName("capture")
                .setTarget(out)
                .setLayout(configuration.getAppender("JsonAppender").getLayout())
                .build();
        capture.start();
        configuration.getRootLogger().addAppender(capture, null, null);
        context.updateLoggers();
        try {
            action.run();
        } finally {
            configuration.getRootLogger().removeAppender(capture.getName());
            context.updateLoggers();
            capture.stop();
        }
        return out.toString().lines().map(OrderHandlerTest::json).toList();
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
    private static final class RecordingProcessor extends OrderProcessor {
        private static final Logger LOG = LoggerFactory.getLogger(RecordingProcessor.class);

        final List<Order> received = new ArrayList<>();
        final List<String> messageIds = new ArrayList<>();
        int failOnCall;

        @Override
        public void process(Order order) {
            received.add(order);
            messageIds.add(MDC.get(OrderHandler.MESSAGE_ID));
            LOG.info("Recorded the request");
            if (received.size() == failOnCall) {
                throw new IllegalStateException("the downstream service is unavailable");
            }
        }
    }
}
