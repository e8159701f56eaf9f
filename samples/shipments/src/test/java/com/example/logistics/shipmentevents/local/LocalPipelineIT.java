package com.example.logistics.shipmentevents.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.example.logistics.shipmentevents.EventHandler;
import com.example.logistics.shipmentevents.EventProcessor;
import com.example.logistics.shipmentevents.model.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The pipeline end to end, as deployed but on this machine: POST to the API stand-in, the message through ElasticMQ,
 * the real {@link EventHandler} invoked as the event source mapping would, with a processor that records what
 * reaches it and fails as told. One ElasticMQ for the class, fresh queues for each test. Time runs faster: the
 * visibility timeout is one second, and the batching window shrinks by as much.
 */
class LocalPipelineIT {
    /** The logging context keys the handler sets for each message. */
    private static final String CORRELATION_ID = "correlationId";
    private static final String MESSAGE_ID = "messageId";
    /** Requests in the test whose handler throws for a whole batch. */
    private static final int CRASH_REQUESTS = 20;
    /** The burst: the client threads sending its requests, and the share of processing attempts that fail. */
    private static final int CLIENTS = 8;
    private static final double FAILURE_RATE = 0.05;
    /** How long a test waits for the pipeline to get somewhere. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PipelineSettings SETTINGS = PipelineSettings.read();
    private static LocalSqs sqs;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Recorder queueSaw = new Recorder();
    private final RecordingProcessor processor = new RecordingProcessor();
    private final SampleRequests samples = SampleRequests.of(SETTINGS);
    private LocalPipeline pipeline;

    @BeforeAll
    static void startElasticMq() {
        sqs = LocalSqs.start();
    }

    @AfterAll
    static void stopElasticMq() {
        sqs.close();
    }

    @AfterEach
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
        client.close();
    }

    /**
     * Starts a pipeline with fresh queues whose handlers the supplier makes. The time scale makes the visibility
     * timeout one second.
     */
    private void start(Supplier<? extends RequestHandler<SQSEvent, SQSBatchResponse>> handlers) {
        pipeline = LocalPipeline.builder(handlers)
                .sqs(sqs)
                .timeScale(SETTINGS.queue().visibilityTimeoutSeconds())
                .listener(queueSaw)
                .start();
    }

    /** Starts a pipeline with the handler as deployed, on the recording processor. */
    private void start() {
        start(this::handler);
    }

    /** The handler as deployed, on the recording processor. */
    private EventHandler handler() {
        return new EventHandler(processor);
    }

    @Test
    void processesAnAcceptedRequestWithTheRequestIdAsCorrelationId() throws Exception {
        start();

        HttpResponse<String> response = post(SampleRequests.sample());

        assertEquals(202, response.statusCode(), response::body);
        JsonNode accepted = JSON.readTree(response.body());
        String requestId = accepted.path("requestId").asText();
        assertFalse(accepted.path("messageId").asText().isEmpty(), response::body);
        assertEquals(requestId, response.headers().firstValue("x-amzn-RequestId").orElseThrow());
        await("the request is processed", () -> processor.processed.containsKey(requestId));
        assertEquals(EventHandler.parse(SampleRequests.sample()), processor.processed.get(requestId));
        await("the message is deleted", () -> pipeline.sqs().messagesIn(pipeline.queue()) == 0);
    }

    @Test
    void refusesABodyThatDoesNotMatchTheRequestModelAndQueuesNothing() throws Exception {
        start();

        // The sample, but in a list: JSON, not the object the request model asks for.
        HttpResponse<String> response = post("[" + SampleRequests.sample() + "]");

        assertEquals(400, response.statusCode(), response::body);
        JsonNode error = JSON.readTree(response.body());
        assertTrue(error.path("message").asText().startsWith("["), response::body);
        assertEquals(response.headers().firstValue("x-amzn-RequestId").orElseThrow(), error.path("requestId").asText());
        assertNothingQueued();
    }

    @Test
    void refusesABodyThatIsNotJson() throws Exception {
        start();

        HttpResponse<String> response = post("{\"not\": json");

        assertEquals(400, response.statusCode(), response::body);
        assertNothingQueued();
    }

    @Test
    void refusesAContentTypeOtherThanJson() throws Exception {
        start();

        HttpResponse<String> response = send(request().header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(SampleRequests.sample())));

        assertEquals(415, response.statusCode(), response::body);
        assertNothingQueued();
    }

    @Test
    void refusesABodyOverApiGatewaysPayloadLimit() throws Exception {
        start();

        HttpResponse<String> response = post("\"" + "x".repeat(ApiStandIn.MAX_PAYLOAD_BYTES) + "\"");

        assertEquals(413, response.statusCode(), response::body);
        assertNothingQueued();
    }

    /**
     * A valid request whose message is larger than the queue's maximum (body and attributes): SQS refuses it with
     * InvalidParameterValue, which the integration response answers with 400, for sending it again cannot succeed.
     * ElasticMQ ignores the queue's maximum; the local SQS refuses the message as SQS does, with SQS's error code.
     */
    @Test
    void answers400WhenTheQueueRefusesAMessageLargerThanItsMaximum() throws Exception {
        start();
        // The request model allows properties beyond its fields, so this is a valid request, if a large one.
        ObjectNode large = (ObjectNode) JSON.readTree(SampleRequests.sample());
        large.put("padding", "x".repeat(SETTINGS.queue().maxMessageBytes()));

        HttpResponse<String> response = post(large.toString());

        assertEquals(400, response.statusCode(), response::body);
        String message = JSON.readTree(response.body()).path("message").asText();
        assertTrue(message.contains("InvalidParameterValue") && message.contains("will not succeed"), message);
        assertNothingQueued();
    }

    /**
     * A valid request with a character SQS does not allow in a message (U+FFFF): SQS refuses it as
     * InvalidMessageContents, a 400 not to be retried. ElasticMQ calls it InvalidAttributeValue; the local SQS answers
     * with SQS's code.
     */
    @Test
    void answers400WhenSqsRefusesTheMessagesCharacters() throws Exception {
        start();
        ObjectNode body = (ObjectNode) JSON.readTree(SampleRequests.sample());
        body.put("padding", "\uffff");

        HttpResponse<String> response = post(body.toString());

        assertEquals(400, response.statusCode(), response::body);
        String message = JSON.readTree(response.body()).path("message").asText();
        assertTrue(message.contains("InvalidMessageContents") && message.contains("will not succeed"), message);
        assertNothingQueued();
    }

    @Test
    void movesAPoisonMessageToTheDeadLetterQueueAfterMaxReceiveCountReceives() throws Exception {
        start();
        processor.fails = correlationId -> true;
        String requestId = accept(samples.body(0));

        await("the message reaches the dead-letter queue",
                () -> pipeline.sqs().messagesIn(pipeline.deadLetterQueue()) == 1);

        int maxReceiveCount = SETTINGS.queue().maxReceiveCount();
        assertEquals(maxReceiveCount, processor.attempts.get(requestId).get(), "processing attempts");
        assertEquals(List.of(maxReceiveCount), queueSaw.receives.values().stream().map(AtomicInteger::get).toList(),
                "receives of the one message");
        assertEquals(List.of(requestId), drainCorrelationIds(pipeline.deadLetterQueue()));
        // The move is a send to the dead-letter queue, then a delete from the queue: the two counts need not agree
        // at one instant, so the queue is awaited empty rather than read once.
        await("the message left the queue", () -> pipeline.sqs().messagesIn(pipeline.queue()) == 0);
    }

    @Test
    void losesNothingWhenTheHandlerThrowsForAWholeBatch() throws Exception {
        // The first invocation throws before it processes anything, as a function that crashes on start would.
        Set<String> thrownBatch = ConcurrentHashMap.newKeySet();
        AtomicInteger crashes = new AtomicInteger(1);
        start(() -> {
            EventHandler handler = handler();
            return (event, context) -> {
                if (crashes.getAndDecrement() > 0) {
                    event.getRecords().forEach(message -> thrownBatch.add(message.getMessageId()));
                    throw new IllegalStateException("the function crashed");
                }
                return handler.handleRequest(event, context);
            };
        });
        List<String> requestIds = new ArrayList<>();
        for (int n = 0; n < CRASH_REQUESTS; n++) {
            requestIds.add(accept(samples.body(n)));
        }

        await("every request is processed", () -> processor.processed.keySet().containsAll(requestIds));

        assertFalse(thrownBatch.isEmpty(), "a batch was thrown for");
        for (String messageId : thrownBatch) {
            assertTrue(queueSaw.receives.get(messageId).get() >= 2, "received again after the visibility timeout");
        }
        await("the queue is empty", () -> pipeline.sqs().messagesIn(pipeline.queue()) == 0);
    }

    @Test
    void aBurstWithTransientFailuresEndsWithEveryRequestProcessedOrDeadLettered() throws Exception {
        start();
        processor.fails = correlationId -> ThreadLocalRandom.current().nextDouble() < FAILURE_RATE;
        int requests = Math.min(burst(), samples.distinct());
        // A "Processed the message" line per request would only slow the test down; warnings and errors still show.
        var root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        root.setLevel(Level.WARN);
        Set<String> accepted;
        try {
            accepted = acceptConcurrently(requests);
            await("every request is processed or dead-lettered", () -> processor.processed.size()
                    + pipeline.sqs().messagesIn(pipeline.deadLetterQueue()) >= requests);
        } finally {
            root.setLevel(level);
        }

        List<String> deadLettered = drainCorrelationIds(pipeline.deadLetterQueue());
        Set<String> outcomes = new HashSet<>(processor.processed.keySet());
        outcomes.addAll(deadLettered);
        assertEquals(accepted, outcomes, "every accepted request processed or dead-lettered, nothing else");
        assertTrue(deadLettered.stream().noneMatch(processor.processed::containsKey),
                "none both processed and dead-lettered");
        assertEquals(List.of(), processor.afterDeletion, "messages processed after they were deleted");
        await("the queue is empty", () -> pipeline.sqs().messagesIn(pipeline.queue()) == 0);
    }

    // ---------------------------------------------------------------- helpers

    /** Records what reaches the business logic, by correlation id, and fails as told. */
    private final class RecordingProcessor extends EventProcessor {
        final Map<String, Event> processed = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        /** Messages processed although the poller had deleted them: acknowledged, then processed again. */
        final List<String> afterDeletion = Collections.synchronizedList(new ArrayList<>());
        /** Whether processing the request with this correlation id fails this time. */
        volatile Predicate<String> fails = correlationId -> false;

        @Override
        public void process(Event request) {
            String correlationId = MDC.get(CORRELATION_ID);
            attempts.computeIfAbsent(correlationId, id -> new AtomicInteger()).incrementAndGet();
            if (queueSaw.deleted.contains(MDC.get(MESSAGE_ID))) {
                afterDeletion.add(MDC.get(MESSAGE_ID));
            }
            if (fails.test(correlationId)) {
                throw new IllegalStateException("processing failed, as the test asked");
            }
            processed.put(correlationId, request);
        }
    }

    /** What the poller received and deleted, by message id. */
    private static final class Recorder implements EventSourcePoller.Listener {
        final Map<String, AtomicInteger> receives = new ConcurrentHashMap<>();
        final Map<String, SQSMessage> messages = new ConcurrentHashMap<>();
        final Set<String> deleted = ConcurrentHashMap.newKeySet();

        @Override
        public void received(SQSMessage message) {
            receives.computeIfAbsent(message.getMessageId(), id -> new AtomicInteger()).incrementAndGet();
            messages.putIfAbsent(message.getMessageId(), message);
        }

        @Override
        public void deleted(SQSMessage message) {
            deleted.add(message.getMessageId());
        }
    }

    /** The burst's size in requests: the pom's {@code local.burst}, which {@code mvn verify -Dlocal.burst=N} overrides. */
    private static int burst() {
        String burst = System.getProperty("local.burst");
        if (burst == null) {
            return fail("local.burst is not set: run this test through Maven (mvn verify), whose pom sets it, or pass -Dlocal.burst=N");
        }
        return Integer.parseInt(burst);
    }

    private void assertNothingQueued() {
        assertEquals(0, pipeline.sqs().messagesIn(pipeline.queue()), "messages in the queue");
        assertEquals(Map.of(), queueSaw.receives, "messages received");
        assertEquals(Map.of(), processor.attempts, "requests processed");
    }

    /** Posts a body and returns the request id of its 202. */
    private String accept(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = post(body);
        assertEquals(202, response.statusCode(), response::body);
        return JSON.readTree(response.body()).path("requestId").asText();
    }

    /** Posts {@code requests} distinct bodies from {@link #CLIENTS} threads; returns their request ids. */
    private Set<String> acceptConcurrently(int requests) throws Exception {
        Set<String> requestIds = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                running.add(clients.submit(() -> {
                    for (int n = next.getAndIncrement(); n < requests; n = next.getAndIncrement()) {
                        requestIds.add(accept(samples.body(n)));
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
        }
        assertEquals(requests, requestIds.size(), "distinct request ids");
        return requestIds;
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return send(request()
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(pipeline.apiUrl());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Receives and deletes every message in a queue and returns their correlation ids. */
    private List<String> drainCorrelationIds(LocalSqs.Queue queue) {
        return drain(queue).stream()
                .map(message -> message.messageAttributes().get(ApiStandIn.CORRELATION_ID_ATTRIBUTE).stringValue())
                .toList();
    }

    /**
     * Receives and deletes every message in a queue and returns them, with their attributes and message attributes.
     * Deleting lets a FIFO queue hand out the next messages of a group.
     */
    private List<Message> drain(LocalSqs.Queue queue) {
        List<Message> messages = new ArrayList<>();
        List<Message> received;
        do {
            received = pipeline.sqs().client().receiveMessage(request -> request
                            .queueUrl(queue.url())
                            .maxNumberOfMessages(10)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                            .messageAttributeNames("All"))
                    .messages();
            for (Message message : received) {
                messages.add(message);
                pipeline.sqs().client().deleteMessage(request -> request
                        .queueUrl(queue.url())
                        .receiptHandle(message.receiptHandle()));
            }
        } while (!received.isEmpty());
        return messages;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + PATIENCE.toSeconds() + " s in vain: " + what);
            }
            Thread.sleep(20);
        }
    }
}
