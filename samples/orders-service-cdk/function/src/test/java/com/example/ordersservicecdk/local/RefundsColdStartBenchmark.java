package com.example.ordersservicecdk.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.example.ordersservicecdk.refunds.InMemoryIdempotencyStore;
import com.example.ordersservicecdk.refunds.RefundHandler;
import com.example.ordersservicecdk.refunds.RefundProcessor;
import com.example.ordersservicecdk.refunds.model.Refund;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How fast {@link RefundHandler} starts as Lambda starts it, against a minimal handler, and how small its jar is
 * ({@link ColdStart} says what is measured and how):
 * {@code mvn -q -Plocal -DskipTests package exec:exec -Dlocal.main=com.example.ordersservicecdk.local.RefundsColdStartBenchmark}.
 * The processor is the project's, with the in-memory idempotency store in place of DynamoDB.
 */
public final class RefundsColdStartBenchmark {
    private static final ColdStart.Endpoint ENDPOINT = new ColdStart.Endpoint(RefundsColdStartBenchmark.class,
            "RefundHandler", "orders-service-cdk-refunds", 1024, Duration.ofSeconds(145),
            Path.of("events/refunds"), Refund.class, RefundsColdStartBenchmark::handler,
            Map.of());

    private RefundsColdStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        ColdStart.main(ENDPOINT, args);
    }

    /** The handler as Lambda constructs it, with the in-memory store in place of DynamoDB. */
    private static RequestHandler<SQSEvent, ?> handler() {
        return new RefundHandler(new RefundProcessor(), new InMemoryIdempotencyStore());
    }
}
