package com.example.orders.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * Does what Lambda's event source mapping does with the queue, on threads of this JVM: at most
 * {@code maximumConcurrency} batches in flight, each gathered up to {@code batchSize} messages within
 * {@code batchingWindowSeconds} of its first one, handed to the handler as an {@link SQSEvent}, and then:
 * <ul>
 *   <li>the handler returns: the messages not in its batch item failures are deleted, the failed ones become
 *       visible again when their visibility timeout ends (all are deleted if the mapping does not report batch
 *       item failures); a failure naming no message of the batch fails the whole batch, as in Lambda;</li>
 *   <li>the handler throws: nothing is deleted, and the whole batch returns after the visibility timeout.</li>
 * </ul>
 * A message received more often than the redrive policy's maxReceiveCount moves to the dead-letter queue: SQS
 * does that, on a receive, not the mapping.
 *
 * <p>Each concurrent slot has a handler of its own, from the given supplier, as each Lambda execution environment
 * constructs its own; the invocations of a slot run one at a time.
 */
public final class EventSourcePoller implements AutoCloseable {
    /** What the poller did with messages; for tests, which check what the queue saw. */
    public interface Listener {
        /** A message was received, for a batch; again after each return to the queue. */
        default void received(SQSMessage message) {}

        /** A message was deleted after its batch: processed, or acknowledged as a duplicate. */
        default void deleted(SQSMessage message) {}
    }

    /** SQS returns at most 10 messages per receive, and waits at most 20 s for them (long polling). */
    private static final int MAX_PER_RECEIVE = 10;
    private static final int MAX_WAIT_SECONDS = 20;
    /** How long an idle poller waits for a message per receive: also how long its thread outlives close(). */
    private static final int IDLE_WAIT_SECONDS = 1;
    /** The pause between receives that find nothing while the batching window has less than a second left. */
    private static final Duration WINDOW_POLL_PAUSE = Duration.ofMillis(20);
    /** Powertools keeps what an invocation records apart by its X-Ray trace id, read first from this thread-local. */
    private static final String TRACE_ID_KEY = "AWS_LAMBDA_X_TRACE_ID";

    private static final Logger LOG = LoggerFactory.getLogger(EventSourcePoller.class);

    private final SqsClient sqs;
    private final LocalSqs.Queue queue;
    private final PipelineSettings.EventSource settings;
    private final Duration batchingWindow;
    private final Supplier<? extends RequestHandler<SQSEvent, SQSBatchResponse>> handlers;
    private final LambdaContextStandIn.Function function;
    private final Listener listener;
    /** Held, shared, by each slot while it handles a batch; close() takes it exclusively to wait for them. */
    private final ReadWriteLock batches = new ReentrantReadWriteLock();
    private volatile boolean running = true;

    /**
     * Starts polling.
     *
     * @param batchingWindow the mapping's batching window, scaled as the pipeline's time is
     * @param handlers       makes the handler of each concurrent slot
     * @param function       what the Lambda context tells the handler about its function
     */
    public EventSourcePoller(SqsClient sqs, LocalSqs.Queue queue, PipelineSettings.EventSource settings,
                             Duration batchingWindow,
                             Supplier<? extends RequestHandler<SQSEvent, SQSBatchResponse>> handlers,
                             LambdaContextStandIn.Function function, Listener listener) {
        this.sqs = sqs;
        this.queue = queue;
        this.settings = settings;
        this.batchingWindow = batchingWindow;
        this.handlers = handlers;
        this.function = function;
        this.listener = listener;
        for (int slot = 1; slot <= settings.maximumConcurrency(); slot++) {
            Thread.ofPlatform().name("poller-" + slot).daemon().start(this::poll);
        }
    }

    private void poll() {
        RequestHandler<SQSEvent, SQSBatchResponse> handler = handlers.get();
        while (running) {
            try {
                List<Message> first = receive(Math.min(MAX_PER_RECEIVE, settings.batchSize()), IDLE_WAIT_SECONDS);
                if (!first.isEmpty()) {
                    handle(handler, first);
                }
            } catch (SdkException e) {
                if (running) {
                    LOG.warn("Polling the queue failed; trying again in a second", e);
                    sleep(Duration.ofSeconds(1));
                }
            }
        }
    }

    /** Gathers a batch from its first messages on, invokes the handler with it and acknowledges it. */
    private void handle(RequestHandler<SQSEvent, SQSBatchResponse> handler, List<Message> first) {
        batches.readLock().lock();
        try {
            if (!running) {
                // Received while closing: as with a disabled mapping, they return after their visibility timeout.
                return;
            }
            invoke(handler, gather(first));
        } finally {
            batches.readLock().unlock();
        }
    }

    /**
     * Receives more messages until the batch is full or the batching window, which opens with the first message,
     * has passed; or the poller closes, which invokes the batch gathered so far.
     */
    private List<Message> gather(List<Message> first) {
        List<Message> batch = new ArrayList<>(first);
        long windowEnds = System.nanoTime() + batchingWindow.toNanos();
        while (running && batch.size() < settings.batchSize()) {
            long left = windowEnds - System.nanoTime();
            if (left <= 0) {
                break;
            }
            int waitSeconds = (int) Math.min(MAX_WAIT_SECONDS, Duration.ofNanos(left).toSeconds());
            int max = Math.min(MAX_PER_RECEIVE, settings.batchSize() - batch.size());
            List<Message> received = receive(max, waitSeconds);
            batch.addAll(received);
            if (received.isEmpty() && waitSeconds == 0) {
                sleep(Duration.ofNanos(Math.min(left, WINDOW_POLL_PAUSE.toNanos())));
            }
        }
        return batch;
    }

    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(request -> request
                        .queueUrl(queue.url())
                        .maxNumberOfMessages(max)
                        .waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
    }

    private void invoke(RequestHandler<SQSEvent, SQSBatchResponse> handler, List<Message> batch) {
        SQSEvent event = new SQSEvent();
        event.setRecords(batch.stream().map(this::record).toList());
        event.getRecords().forEach(listener::received);
        SQSBatchResponse response;
        // Invocations run side by side in this JVM, where Lambda gives each execution environment a JVM of its
        // own: a trace id per invocation keeps what Powertools records for each apart.
        SdkInternalThreadLocal.put(TRACE_ID_KEY, traceId());
        try {
            response = handler.handleRequest(event, new LambdaContextStandIn(function));
        } catch (RuntimeException | Error e) {
            // Whatever the handler throws, the Lambda runtime reports the invocation failed.
            LOG.warn("The invocation failed: its {} messages return to the queue after the visibility timeout",
                    batch.size(), e);
            return;
        } finally {
            SdkInternalThreadLocal.remove(TRACE_ID_KEY);
        }
        delete(event.getRecords(), failedIds(event, response));
    }

    /**
     * The ids of the messages the handler reported failed; all of them if a failure names no message of the batch,
     * which Lambda takes as the whole batch failing. None if the mapping does not report batch item failures.
     */
    private Set<String> failedIds(SQSEvent event, SQSBatchResponse response) {
        Set<String> failed = new HashSet<>();
        if (!settings.reportBatchItemFailures() || response == null || response.getBatchItemFailures() == null) {
            return failed;
        }
        Set<String> inBatch = new HashSet<>();
        event.getRecords().forEach(message -> inBatch.add(message.getMessageId()));
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            if (failure == null || !inBatch.contains(failure.getItemIdentifier())) {
                LOG.warn("A batch item failure names no message of the batch: the whole batch failed");
                return inBatch;
            }
            failed.add(failure.getItemIdentifier());
        }
        return failed;
    }

    /** Deletes the messages not failed, ten per request as SQS takes them. */
    private void delete(List<SQSMessage> records, Set<String> failedIds) {
        List<SQSMessage> done = records.stream()
                .filter(message -> !failedIds.contains(message.getMessageId()))
                .toList();
        for (int from = 0; from < done.size(); from += MAX_PER_RECEIVE) {
            List<SQSMessage> chunk = done.subList(from, Math.min(done.size(), from + MAX_PER_RECEIVE));
            Map<String, SQSMessage> byEntryId = new HashMap<>();
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (SQSMessage message : chunk) {
                String entryId = String.valueOf(byEntryId.size());
                byEntryId.put(entryId, message);
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(entryId)
                        .receiptHandle(message.getReceiptHandle())
                        .build());
            }
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(
                    request -> request.queueUrl(queue.url()).entries(entries));
            response.successful().forEach(entry -> listener.deleted(byEntryId.get(entry.id())));
            response.failed().forEach(entry -> LOG.warn("Could not delete message {}: {}",
                    byEntryId.get(entry.id()).getMessageId(), entry.message()));
        }
    }

    /** The message as Lambda's event source mapping puts it in the event. */
    private SQSMessage record(Message message) {
        SQSMessage record = new SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        record.setAttributes(message.attributesAsStrings());
        Map<String, MessageAttribute> attributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> attributes.put(name, attribute(value)));
        record.setMessageAttributes(attributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queue.arn());
        record.setAwsRegion(LocalSqs.REGION);
        return record;
    }

    private static MessageAttribute attribute(MessageAttributeValue value) {
        MessageAttribute attribute = new MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(value.binaryValue().asByteBuffer());
        }
        return attribute;
    }

    /** An X-Ray trace id, in the form Lambda passes it: {@code Root=1-<time>-<random>;Parent=...;Sampled=0}. */
    private static String traceId() {
        String random = UUID.randomUUID().toString().replace("-", "");
        return "Root=1-%08x-%s;Parent=%s;Sampled=0".formatted(
                System.currentTimeMillis() / 1000, random.substring(0, 24), random.substring(16));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops polling: returns once the batches in flight are handled and acknowledged. A receive waiting for messages
     * may still return some; they go back to the queue after their visibility timeout.
     */
    @Override
    public void close() {
        running = false;
        batches.writeLock().lock();
        batches.writeLock().unlock();
    }
}
