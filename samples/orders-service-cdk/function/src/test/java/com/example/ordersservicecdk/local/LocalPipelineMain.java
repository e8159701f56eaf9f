package com.example.ordersservicecdk.local;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the service's pipeline on this machine with every endpoint's real processor, in real time, until Ctrl-C:
 * {@code mvn -Plocal} (the profile local in pom.xml), {@code -Dlocal.port=N} for another port than 3000. Every
 * processed message shows in its handler's JSON log lines. The idempotency stores are in memory, for as long as the
 * pipeline runs.
 */
public final class LocalPipelineMain {
    private LocalPipelineMain() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        LocalPipeline pipeline = LocalPipeline.builder()
                .port(Integer.getInteger("local.port", 3000))
                .start();
        long ready = Duration.ofNanos(System.nanoTime() - start).toMillis();
        Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "local-pipeline-stop"));

        System.out.printf("%nThe local pipeline is ready (%d ms):%n", ready);
        describe(pipeline, "/orders", "/orders", OrdersSampleRequests.SAMPLE);
        describe(pipeline, "/orders/{orderId}/events", "/orders/orderId-1/events", OrdersEventsSampleRequests.SAMPLE);
        describe(pipeline, "/refunds", "/refunds", RefundsSampleRequests.SAMPLE);
        System.out.printf("Ctrl-C stops it.%n%n");
    }

    /** An endpoint: where to POST, its queue and event source mapping, and how to send it its sample request. */
    private static void describe(LocalPipeline pipeline, String endpoint, String samplePath, Path sample) {
        PipelineSettings settings = pipeline.settings(endpoint);
        PipelineSettings.EventSource eventSource = settings.eventSource();
        String gathering = eventSource.batchingWindowSeconds() == 0
                ? "as they arrive"
                : "gathered for up to " + eventSource.batchingWindowSeconds() + " s";
        System.out.printf("""
                POST %s%s
                  queue %s, visibility timeout %d s, dead-letter queue after %d receives
                  batches of up to %d messages, %s, at most %d at once
                  the sample request: curl -i %s%s -H 'Content-Type: application/json' -d @%s
                """,
                pipeline.apiUrl(), endpoint,
                pipeline.queue(endpoint).url(), pipeline.endpoint(endpoint).visibilityTimeout().toSeconds(),
                settings.queue().maxReceiveCount(),
                eventSource.batchSize(), gathering, eventSource.maximumConcurrency(),
                pipeline.apiUrl(), samplePath, sample);
    }
}
