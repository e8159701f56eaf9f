package com.example.logistics.shipmentevents.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.example.logistics.shipmentevents.EventHandler;
import com.example.logistics.shipmentevents.model.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How fast {@link EventHandler} starts as Lambda starts it, against a minimal handler, and how small its jar is
 * ({@link ColdStart} says what is measured and how):
 * {@code mvn -q -Plocal -DskipTests package exec:exec -Dlocal.main=com.example.logistics.shipmentevents.local.ColdStartBenchmark}.
 * The processor is the project's.
 */
public final class ColdStartBenchmark {
    private static final ColdStart.Endpoint ENDPOINT = new ColdStart.Endpoint(ColdStartBenchmark.class,
            "EventHandler", "shipment-events", 1024, Duration.ofSeconds(54),
            Path.of("events"), Event.class, ColdStartBenchmark::handler,
            Map.of());

    private ColdStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        ColdStart.main(ENDPOINT, args);
    }

    /** The handler as Lambda constructs it. */
    private static RequestHandler<SQSEvent, ?> handler() {
        return new EventHandler();
    }
}
