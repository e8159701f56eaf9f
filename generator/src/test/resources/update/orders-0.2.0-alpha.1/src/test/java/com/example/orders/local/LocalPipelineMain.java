package com.example.orders.local;

import com.example.orders.OrderHandler;
import com.example.orders.OrderProcessor;
import java.time.Duration;

/**
 * Runs the pipeline on this machine with the real {@link OrderProcessor}, in real time, until Ctrl-C:
 * {@code mvn -Plocal} (the profile local in pom.xml), {@code -Dlocal.port=N} for another port than 3000. Every
 * processed message shows in the handler's JSON log lines.
 */
public final class LocalPipelineMain {
    private LocalPipelineMain() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        LocalPipeline pipeline = LocalPipeline
                .builder(() -> new OrderHandler(new OrderProcessor()))
                .port(Integer.getInteger("local.port", 3000))
                .start();
        long ready = Duration.ofNanos(System.nanoTime() - start).toMillis();
        Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "local-pipeline-stop"));

        PipelineSettings.EventSource eventSource = pipeline.settings().eventSource();
        String gathering = eventSource.batchingWindowSeconds() == 0
                ? "as they arrive"
                : "gathered for up to " + eventSource.batchingWindowSeconds() + " s";
        System.out.printf("""

                The local pipeline is ready (%d ms): POST %s
                  queue %s, visibility timeout %d s, dead-letter queue after %d receives
                  batches of up to %d messages, %s, at most %d at once
                Send the sample request:
                  curl -i %s -H 'Content-Type: application/json' -d @%s
                Ctrl-C stops it.

                """,
                ready, pipeline.apiUrl(),
                pipeline.queue().url(), pipeline.visibilityTimeout().toSeconds(),
                pipeline.settings().queue().maxReceiveCount(),
                eventSource.batchSize(), gathering, eventSource.maximumConcurrency(),
                pipeline.apiUrl(), SampleRequests.SAMPLE);
    }
}
