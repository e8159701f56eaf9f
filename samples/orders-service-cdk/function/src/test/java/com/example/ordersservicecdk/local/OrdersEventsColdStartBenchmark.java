package com.example.ordersservicecdk.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.example.ordersservicecdk.ordersevents.EventHandler;
import com.example.ordersservicecdk.ordersevents.model.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How fast {@link EventHandler} starts as Lambda starts it, against a minimal handler, and how small its jar is
 * ({@link ColdStart} says what is measured and how):
 * {@code mvn -q -Plocal -DskipTests package exec:exec -Dlocal.main=com.example.ordersservicecdk.local.OrdersEventsColdStartBenchmark}.
 * The processor is the project's.
 */
public final class OrdersEventsColdStartBenchmark {
    private static final ColdStart.Endpoint ENDPOINT = new ColdStart.Endpoint(OrdersEventsColdStartBenchmark.class,
            "EventHandler", "orders-service-cdk-ordersevents", 1024, Duration.ofSeconds(12),
            Path.of("events/ordersevents"), Event.class, OrdersEventsColdStartBenchmark::handler,
            Map.of("DEAD_LETTER_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/benchmark.fifo",
                    "MAX_RECEIVE_COUNT", "5"));

    private OrdersEventsColdStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        ColdStart.main(ENDPOINT, args);
    }

    /** The handler as Lambda constructs it. */
    private static RequestHandler<SQSEvent, ?> handler() {
        return new EventHandler();
    }
}
