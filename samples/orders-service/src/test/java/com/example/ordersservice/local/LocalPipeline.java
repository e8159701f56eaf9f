package com.example.ordersservice.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.example.ordersservice.aws.AwsJsonApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The deployed service on this machine, without Docker or an AWS account: {@link ApiStandIn} for the API, routing each
 * endpoint's path to that endpoint's queue; ElasticMQ ({@link LocalSqs}) for every endpoint's queue and dead-letter
 * queue; and one {@link EventSourcePoller} per endpoint, invoking that endpoint's real handler as its event source
 * mapping would. Every setting comes from the endpoints' pipeline files ({@link PipelineSettings#FILES}); the queues'
 * retention is not emulated (ElasticMQ keeps messages until deleted).
 *
 * <p>An endpoint is named by its path as the API declares it ({@code /orders}, {@code /orders/{orderId}/events}, {@code /refunds}). Each handler is
 * made from what the deployed function's environment gives it ({@link FunctionEnvironment}); an endpoint given no
 * handler gets its handler as deployed, on its real processor.
 *
 * <pre>{@code
 * try (LocalPipeline pipeline = LocalPipeline.builder()
 *         .handlers("/orders", environment -> new OrderHandler(processor))
 *         .timeScale(100)
 *         .start()) {
 *     // POST to pipeline.apiUrl() and an endpoint's path, as to the deployed API
 * }
 * }</pre>
 */
public final class LocalPipeline implements AutoCloseable {
    /** Numbers the queues of each pipeline, so pipelines sharing one ElasticMQ each get fresh queues. */
    private static final AtomicInteger PIPELINES = new AtomicInteger();

    /**
     * What the deployed function's environment variables give the handler: the dead-letter queue a FIFO endpoint's
     * handler moves a message failing on its last receive to (DEAD_LETTER_QUEUE_URL; here ElasticMQ's, through
     * {@link LocalSqs#api()}), and the queue's maxReceiveCount (MAX_RECEIVE_COUNT), which tells it that receive. The
     * handlers of other endpoints need neither.
     */
    public record FunctionEnvironment(AwsJsonApi sqs, String deadLetterQueueUrl, int maxReceiveCount) {}

    /**
     * An endpoint as deployed: its pipeline file, its function (name, memory and timeout, which the Lambda context
     * reports) and its handler on the real processor.
     */
    private record Deployed(Path file, String functionName, int memoryMb, Duration timeout,
                            Function<FunctionEnvironment, ? extends RequestHandler<SQSEvent, SQSBatchResponse>> handlers) {}

    /**
     * The service's endpoints as deployed, in the API's order. Classes go by their full names: two endpoints may name
     * theirs alike.
     */
    private static List<Deployed> deployed() {
        List<Deployed> deployed = new ArrayList<>();
        deployed.add(new Deployed(PipelineSettings.FILES.get(0), "orders-service-orders", 1024,
                Duration.ofSeconds(78), environment -> new com.example.ordersservice.orders.OrderHandler(
                        new com.example.ordersservice.orders.OrderProcessor())));
        deployed.add(new Deployed(PipelineSettings.FILES.get(1), "orders-service-ordersevents", 1024,
                Duration.ofSeconds(11), environment -> new com.example.ordersservice.ordersevents.EventHandler(
                        new com.example.ordersservice.ordersevents.EventProcessor(),
                        new com.example.ordersservice.ordersevents.DeadLetterQueue(environment.sqs(),
                                environment.deadLetterQueueUrl()),
                        environment.maxReceiveCount())));
        // One store for all of /refunds's concurrent handlers, as the deployed ones share the DynamoDB table.
        com.example.ordersservice.refunds.IdempotencyStore refundsStore =
                new com.example.ordersservice.refunds.InMemoryIdempotencyStore();
        deployed.add(new Deployed(PipelineSettings.FILES.get(2), "orders-service-refunds", 1024,
                Duration.ofSeconds(145), environment -> new com.example.ordersservice.refunds.RefundHandler(
                        new com.example.ordersservice.refunds.RefundProcessor(), refundsStore)));
        return deployed;
    }

    private final LocalSqs sqs;
    private final boolean ownsSqs;
    /** Each endpoint's part, by its path. */
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final ApiStandIn api;

    /** One endpoint's part of the pipeline: its settings, its queue and dead-letter queue, its poller. */
    public static final class Endpoint {
        private final PipelineSettings settings;
        private final LocalSqs.Queue queue;
        private final LocalSqs.Queue deadLetterQueue;
        private final Duration visibilityTimeout;
        /** Starts the event source mapping's poller. */
        private final Supplier<EventSourcePoller> pollers;
        /** The event source mapping's poller; null while the mapping is disabled. */
        private EventSourcePoller poller;

        private Endpoint(PipelineSettings settings, Deployed deployed, LocalSqs sqs, String queueName, Builder builder) {
            this.settings = settings;
            // ElasticMQ counts visibility timeouts in whole seconds.
            long visibilitySeconds = Math.round(settings.queue().visibilityTimeoutSeconds() / builder.timeScale);
            visibilityTimeout = Duration.ofSeconds(Math.max(1, visibilitySeconds));
            deadLetterQueue = createQueue(sqs, queueName + "-dlq", Map.of());
            String redrivePolicy = "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":%d}"
                    .formatted(deadLetterQueue.arn(), settings.queue().maxReceiveCount());
            queue = createQueue(sqs, queueName, Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilityTimeout.toSeconds()),
                    QueueAttributeName.REDRIVE_POLICY, redrivePolicy));
            Duration batchingWindow = Duration.ofSeconds(settings.eventSource().batchingWindowSeconds());
            LambdaContextStandIn.Function function = new LambdaContextStandIn.Function(
                    deployed.functionName(), deployed.memoryMb(), scaled(deployed.timeout(), builder.timeScale));
            FunctionEnvironment environment = new FunctionEnvironment(sqs.api(), deadLetterQueue.url(),
                    settings.queue().maxReceiveCount());
            Function<FunctionEnvironment, ? extends RequestHandler<SQSEvent, SQSBatchResponse>> handlers =
                    builder.handlers.getOrDefault(settings.api().path(), deployed.handlers());
            pollers = () -> new EventSourcePoller(sqs.client(), queue, settings.eventSource(),
                    scaled(batchingWindow, builder.timeScale), () -> handlers.apply(environment), function,
                    builder.listener);
        }

        /** A FIFO queue (and dead-letter queue) on a FIFO endpoint, deduplicating as the deployed one does. */
        private LocalSqs.Queue createQueue(LocalSqs sqs, String name, Map<QueueAttributeName, String> attributes) {
            Map<QueueAttributeName, String> all = new HashMap<>(attributes);
            if (settings.queue().fifo()) {
                all.put(QueueAttributeName.FIFO_QUEUE, "true");
                all.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                        String.valueOf(settings.queue().contentBasedDeduplication()));
                name += ".fifo";
            }
            return sqs.createQueue(name, settings.queue().maxMessageBytes(), all);
        }

        public PipelineSettings settings() {
            return settings;
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

        private synchronized void enable() {
            if (poller == null) {
                poller = pollers.get();
            }
        }

        private synchronized void disable() {
            if (poller != null) {
                poller.close();
                poller = null;
            }
        }
    }

    private LocalPipeline(Builder builder) throws IOException {
        ownsSqs = builder.sqs == null;
        sqs = ownsSqs ? LocalSqs.start() : builder.sqs;
        int pipeline = PIPELINES.incrementAndGet();
        List<ApiStandIn.Route> routes = new ArrayList<>();
        for (Deployed deployed : deployed()) {
            PipelineSettings settings = PipelineSettings.read(deployed.file());
            Endpoint endpoint = new Endpoint(settings, deployed, sqs, deployed.functionName() + "-" + pipeline, builder);
            endpoints.put(settings.api().path(), endpoint);
            routes.add(new ApiStandIn.Route(settings, endpoint.queue()));
        }
        if (!endpoints.keySet().containsAll(builder.handlers.keySet())) {
            throw new IllegalArgumentException("handlers for " + builder.handlers.keySet() + ", but the endpoints are "
                    + endpoints.keySet());
        }
        if (builder.enabled) {
            enable();
        }
        try {
            api = new ApiStandIn(routes, sqs, builder.port);
        } catch (IOException | RuntimeException e) {
            // The port is taken, say: stop what runs already, or ElasticMQ's threads keep the JVM alive.
            disable();
            if (ownsSqs) {
                sqs.close();
            }
            throw e;
        }
    }

    private static Duration scaled(Duration duration, double timeScale) {
        return Duration.ofNanos(Math.round(duration.toNanos() / timeScale));
    }

    /** A pipeline whose endpoints run their handlers as deployed, on their real processors, unless told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Function<FunctionEnvironment, ? extends RequestHandler<SQSEvent, SQSBatchResponse>>>
                handlers = new HashMap<>();
        private double timeScale = 1;
        private int port;
        private LocalSqs sqs;
        private EventSourcePoller.Listener listener = new EventSourcePoller.Listener() {};
        private boolean enabled = true;

        private Builder() {}

        /**
         * The endpoint's consumer: the handler the function makes from the function's environment, one per concurrent
         * batch, as each Lambda execution environment constructs its own.
         *
         * @param endpoint the endpoint's path, as the API declares it
         */
        public Builder handlers(String endpoint,
                Function<FunctionEnvironment, ? extends RequestHandler<SQSEvent, SQSBatchResponse>> handlers) {
            this.handlers.put(endpoint, handlers);
            return this;
        }

        /**
         * Runs time faster: the visibility timeouts (at least 1 s, ElasticMQ's shortest), the batching windows and
         * the function timeouts the Lambda context reports are divided by this factor. 1, real time, by default.
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

        /** Is told of every message the pollers receive and delete, of every endpoint. */
        public Builder listener(EventSourcePoller.Listener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Whether the event source mappings poll from the start (true, the default), or only once
         * {@link LocalPipeline#enable()} is called, as mappings created disabled and enabled later: meanwhile the
         * queues fill, and the first batches are full.
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Starts ElasticMQ unless given one, creates the queues, and starts the pollers (if enabled) and the API. */
        public LocalPipeline start() {
            try {
                return new LocalPipeline(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the API", e);
            }
        }
    }

    /** The endpoints' paths, in the API's order. */
    public List<String> endpoints() {
        return List.copyOf(endpoints.keySet());
    }

    /** An endpoint's part of the pipeline, by its path as the API declares it. */
    public Endpoint endpoint(String path) {
        Endpoint endpoint = endpoints.get(path);
        if (endpoint == null) {
            throw new IllegalArgumentException("no endpoint " + path + "; the endpoints are " + endpoints.keySet());
        }
        return endpoint;
    }

    public PipelineSettings settings(String endpoint) {
        return endpoint(endpoint).settings();
    }

    /** The API's root: {@code POST} to an endpoint's path under it, as to the deployed API. */
    public URI apiUrl() {
        return api.url();
    }

    public LocalSqs sqs() {
        return sqs;
    }

    public LocalSqs.Queue queue(String endpoint) {
        return endpoint(endpoint).queue();
    }

    public LocalSqs.Queue deadLetterQueue(String endpoint) {
        return endpoint(endpoint).deadLetterQueue();
    }

    /** Enables every endpoint's event source mapping, if it is not: the pollers start receiving. */
    public void enable() {
        endpoints.values().forEach(Endpoint::enable);
    }

    /** Disables the event source mappings: returns once their batches in flight are done. */
    private void disable() {
        endpoints.values().forEach(Endpoint::disable);
    }

    /** Stops the API, then the pollers once their batches in flight are done, then ElasticMQ unless it was given. */
    @Override
    public void close() {
        api.close();
        disable();
        if (ownsSqs) {
            sqs.close();
        }
    }
}
