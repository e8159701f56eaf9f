package com.example.ordersservice.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.example.ordersservice.orders.OrderHandler;
import com.example.ordersservice.orders.model.Order;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How fast {@link OrderHandler} starts as Lambda starts it, against a minimal handler, and how small its jar is
 * ({@link ColdStart} says what is measured and how):
 * {@code mvn -q -Plocal -DskipTests package exec:exec -Dlocal.main=com.example.ordersservice.local.OrdersColdStartBenchmark}.
 * The processor is the project's.
 */
public final class OrdersColdStartBenchmark {
    private static final ColdStart.Endpoint ENDPOINT = new ColdStart.Endpoint(OrdersColdStartBenchmark.class,
            "OrderHandler", "orders-service-orders", 1024, Duration.ofSeconds(78),
            Path.of("events/orders"), Order.class, OrdersColdStartBenchmark::handler,
            Map.of());

    private OrdersColdStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        ColdStart.main(ENDPOINT, args);
    }

    /** The handler as Lambda constructs it. */
    private static RequestHandler<SQSEvent, ?> handler() {
        return new OrderHandler();
    }
}
