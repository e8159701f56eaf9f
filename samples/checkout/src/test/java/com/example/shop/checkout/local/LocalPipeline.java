package com.example.shop.checkout.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.example.shop.checkout.DeadLetterQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The deployed pipeline on this machine, without Docker or an AWS account: {@link ApiStandIn} for the API,
 * ElasticMQ ({@link LocalSqs}) for the queue and its dead-letter queue, and {@link EventSourcePoller} invoking
 * the real handler as Lambda's event source mapping would. Every setting comes from pipeline.json
 * ({@link PipelineSettings}); the queue's retention is not emulated (ElasticMQ keeps messages until deleted).
 * The handler gets what the deployed function's environment gives it ({@link FunctionEnvironment}).
 *
 * <pre>{@code
 * try (LocalPipeline pipeline = LocalPipeline.builder(environment -> new CheckoutHandler(processor,
 *                 environment.deadLetterQueue(), environment.maxReceiveCount()))
 *         .timeScale(100)
 *         .start()) {
 *     // POST to pipeline.apiUrl(), as to the deployed API
 * }
 * }</pre>
 */
public final class LocalPipeline implements AutoCloseable {
    /** The function's name in the Lambda context and log lines. */
    private static final String FUNCTION_NAME = "checkout";
    /** The deployed function's memory and timeout, which the Lambda context reports. */
    private static final int FUNCTION_MEMORY_MB = 1024;
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(12);
    /** Numbers the queues of each pipeline, so pipelines sharing one ElasticMQ each get fresh queues. */
    private static final AtomicInteger PIPELINES = new AtomicInteger();

    private final PipelineSettings settings;
    private final LocalSqs sqs;
    private final boolean ownsSqs;
    private final LocalSqs.Queue queue;
    private final LocalSqs.Queue deadLetterQueue;
    private final Duration visibilityTimeout;
    /** Starts the event source mapping's poller. */
    private final Supplier<EventSourcePoller> pollers;
    /** The event source mapping's poller; null while the mapping is disabled. */
    private EventSourcePoller poller;
    private final ApiStandIn api;

    /**
     * What the deployed function's environment variables give the handler: the dead-letter queue it moves a message
     * failing on its last receive to (DEAD_LETTER_QUEUE_URL; here ElasticMQ's, through the pipeline's SQS client), and
     * the queue's maxReceiveCount (MAX_RECEIVE_COUNT), which tells it that receive. ElasticMQ sets each message's
     * ApproximateReceiveCount, which the poller passes on as Lambda does.
     */
    public record FunctionEnvironment(DeadLetterQueue deadLetterQueue, int maxReceiveCount) {}

    private LocalPipeline(Builder builder) throws IOException {
        settings = PipelineSettings.read();
        ownsSqs = builder.sqs == null;
        sqs = ownsSqs ? LocalSqs.start() : builder.sqs;
        // ElasticMQ counts visibility timeouts in whole seconds.
        long visibilitySeconds = Math.round(settings.queue().visibilityTimeoutSeconds() / builder.timeScale);
        visibilityTimeout = Duration.ofSeconds(Math.max(1, visibilitySeconds));
        String name = FUNCTION_NAME + "-" + PIPELINES.incrementAndGet();
        deadLetterQueue = createQueue(name + "-dlq", Map.of());
        String redrivePolicy = "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":%d}"
                .formatted(deadLetterQueue.arn(), settings.queue().maxReceiveCount());
        queue = createQueue(name, Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilityTimeout.toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy));
        Duration batchingWindow = Duration.ofSeconds(settings.eventSource().batchingWindowSeconds());
        LambdaContextStandIn.Function function = new LambdaContextStandIn.Function(
                FUNCTION_NAME, FUNCTION_MEMORY_MB, scaled(FUNCTION_TIMEOUT, builder.timeScale));
        FunctionEnvironment environment = new FunctionEnvironment(
                new DeadLetterQueue(sqs.api(), deadLetterQueue.url()), settings.queue().maxReceiveCount());
        pollers = () -> new EventSourcePoller(sqs.client(), queue, settings.eventSource(),
                scaled(batchingWindow, builder.timeScale), () -> builder.handlers.apply(environment), function,
                builder.listener);
        if (builder.enabled) {
            enable();
        }
        try {
            api = new ApiStandIn(settings, sqs, queue, builder.port);
        } catch (IOException | RuntimeException e) {
            // The port is taken, say: stop what runs already, or ElasticMQ's threads keep the JVM alive.
            disable();
            if (ownsSqs) {
                sqs.close();
            }
            throw e;
        }
    }

    /** A FIFO queue (and dead-letter queue) on a FIFO pipeline, deduplicating as the deployed one does. */
    private LocalSqs.Queue createQueue(String name, Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> all = new HashMap<>(attributes);
        if (settings.queue().fifo()) {
            all.put(QueueAttributeName.FIFO_QUEUE, "true");
            all.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                    String.valueOf(settings.queue().contentBasedDeduplication()));
            name += ".fifo";
        }
        return sqs.createQueue(name, settings.queue().maxMessageBytes(), all);
    }

    private static Duration scaled(Duration duration, double timeScale) {
        return Duration.ofNanos(Math.round(duration.toNanos() / timeScale));
    }

    /**
     * A pipeline whose consumer is the handler the function makes from the function's environment, one per concurrent
     * batch, as each Lambda execution environment constructs its own.
     */
    public static Builder builder(
            Function<FunctionEnvironment, ? extends RequestHandler<SQSEvent, SQSBatchResponse>> handlers) {
        return new Builder(handlers);
    }

    public static final class Builder {
        private final Function<FunctionEnvironment, ? extends RequestHandler<SQSEvent, SQSBatchResponse>> handlers;
        private double timeScale = 1;
        private int port;
        private LocalSqs sqs;
        private EventSourcePoller.Listener listener = new EventSourcePoller.Listener() {};
        private boolean enabled = true;

        private Builder(Function<FunctionEnvironment, ? extends RequestHandler<SQSEvent, SQSBatchResponse>> handlers) {
            this.handlers = handlers;
        }

        /**
         * Runs time faster: the visibility timeout (at least 1 s, ElasticMQ's shortest), the batching window and
         * the function timeout the Lambda context reports are divided by this factor. 1, real time, by default.
         */
        public Builder timeScale(double factor) {
            if (!(factor >= 1)) {
                throw new IllegalArgumentException("the time scale must be 1 or more, not " + factor);
            }
            this.timeScale = factor;
            return this;
        }

        /** The API's port on 127.0.0.1; 0, the default, for one the system picks. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Creates the queues on this ElasticMQ instead of starting one of its own: one server for many pipelines, each
         * with fresh queues, which stay until the server stops.
         */
        public Builder sqs(LocalSqs sqs) {
            this.sqs = sqs;
            return this;
        }

        /** Is told of every message the poller receives and deletes. */
        public Builder listener(EventSourcePoller.Listener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Whether the event source mapping polls from the start (true, the default), or only once
         * {@link LocalPipeline#enable()} is called, as a mapping created disabled and enabled later: meanwhile the
         * queue fills, and the first batches are full.
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Starts ElasticMQ unless given one, creates the queues, and starts the poller (if enabled) and the API. */
        public LocalPipeline start() {
            try {
                return new LocalPipeline(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the API", e);
            }
        }
    }

    public PipelineSettings settings() {
        return settings;
    }

    /** The endpoint: {@code POST} here as to the deployed API. */
    public URI apiUrl() {
        return api.url();
    }

    public LocalSqs sqs() {
        return sqs;
    }

    public LocalSqs.Queue queue() {
        return queue;
    }

    public LocalSqs.Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    /** The queue's visibility timeout, scaled: how long a failed message stays away before it is received again. */
    public Duration visibilityTimeout() {
        return visibilityTimeout;
    }

    /** Enables the event source mapping, if it is not: the poller starts receiving. */
    public synchronized void enable() {
        if (poller == null) {
            poller = pollers.get();
        }
    }

    /** Disables the event source mapping: returns once its batches in flight are done. */
    private synchronized void disable() {
        if (poller != null) {
            poller.close();
            poller = null;
        }
    }

    /** Stops the API, then the poller once its batches in flight are done, then ElasticMQ unless it was given. */
    @Override
    public void close() {
        api.close();
        disable();
        if (ownsSqs) {
            sqs.close();
        }
    }
}
