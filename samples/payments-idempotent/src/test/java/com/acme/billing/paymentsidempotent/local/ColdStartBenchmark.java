package com.acme.billing.paymentsidempotent.local;

import com.acme.billing.paymentsidempotent.InMemoryIdempotencyStore;
import com.acme.billing.paymentsidempotent.PaymentEventHandler;
import com.acme.billing.paymentsidempotent.PaymentEventProcessor;
import com.acme.billing.paymentsidempotent.model.PaymentEvent;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How fast {@link PaymentEventHandler} starts as Lambda starts it, against a minimal handler, and how small its jar is
 * ({@link ColdStart} says what is measured and how):
 * {@code mvn -q -Plocal -DskipTests package exec:exec -Dlocal.main=com.acme.billing.paymentsidempotent.local.ColdStartBenchmark}.
 * The processor is the project's, with the in-memory idempotency store in place of DynamoDB.
 */
public final class ColdStartBenchmark {
    private static final ColdStart.Endpoint ENDPOINT = new ColdStart.Endpoint(ColdStartBenchmark.class,
            "PaymentEventHandler", "payments-idempotent", 1024, Duration.ofSeconds(91),
            Path.of("events"), PaymentEvent.class, ColdStartBenchmark::handler,
            Map.of());

    private ColdStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        ColdStart.main(ENDPOINT, args);
    }

    /** The handler as Lambda constructs it, with the in-memory store in place of DynamoDB. */
    private static RequestHandler<SQSEvent, ?> handler() {
        return new PaymentEventHandler(new PaymentEventProcessor(), new InMemoryIdempotencyStore());
    }
}
