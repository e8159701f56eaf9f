package com.acme.billing.paymentsidempotent.local;

import com.acme.billing.paymentsidempotent.IdempotencyStore;
import com.acme.billing.paymentsidempotent.InMemoryIdempotencyStore;
import com.acme.billing.paymentsidempotent.PaymentEventHandler;
import com.acme.billing.paymentsidempotent.PaymentEventProcessor;
import com.acme.billing.paymentsidempotent.model.PaymentEvent;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the local pipeline: how long it takes to start (ElasticMQ, the queues, the poller and the API), and how
 * many requests per second it carries end to end, from the first POST until every request is processed.
 * {@code mvn -q -Plocal -Dlocal.main=com.acme.billing.paymentsidempotent.local.LocalPipelineBenchmark}, with
 * {@code -Dlocal.requests=N} for another number of requests than 10,000.
 *
 * <p>The requests come from {@value #CLIENTS} client threads, each waiting for its answer before sending the next,
 * after a warm-up of a tenth as many. The processor counts and does nothing else, so the figures are the
 * pipeline's own. Time runs {@value #TIME_SCALE} times faster than deployed, so that the last batch does not wait
 * out a whole batching window; the log lines go to {@value #LOG}, not to the console.
 */
public final class LocalPipelineBenchmark {
    private static final int CLIENTS = 8;
    private static final int TIME_SCALE = 100;
    private static final String LOG = "target/local-benchmark.log";

    private LocalPipelineBenchmark() {}

    /** Counts what it processes. */
    private static final class CountingProcessor extends PaymentEventProcessor {
        final AtomicInteger processed = new AtomicInteger();

        @Override
        public void process(PaymentEvent request) {
            processed.incrementAndGet();
        }
    }

    public static void main(String[] args) throws Exception {
        PrintStream console = System.out;
        // Before anything logs, so every log line goes to the file, not the console.
        Files.createDirectories(Path.of(LOG).getParent());
        System.setOut(new PrintStream(new FileOutputStream(LOG), false, StandardCharsets.UTF_8));

        int requests = Integer.getInteger("local.requests", 10_000);
        int warmUp = requests / 10;
        CountingProcessor processor = new CountingProcessor();
        IdempotencyStore store = new InMemoryIdempotencyStore();
        long start = System.nanoTime();
        try (LocalPipeline pipeline = LocalPipeline.builder(() -> new PaymentEventHandler(processor, store))
                .timeScale(TIME_SCALE)
                .start();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            long startUp = Duration.ofNanos(System.nanoTime() - start).toMillis();
            SampleRequests samples = SampleRequests.of(pipeline.settings());
            if (samples.distinct() < warmUp + requests) {
                throw new IllegalStateException("the deduplication key has " + samples.distinct() + " values only");
            }

            postAndAwait(pipeline.apiUrl(), client, samples, 0, warmUp, processor);
            long sent = System.nanoTime();
            double acceptSeconds = postAndAwait(pipeline.apiUrl(), client, samples, warmUp, warmUp + requests,
                    processor);
            double seconds = (System.nanoTime() - sent) / 1e9;

            console.printf("start-up: %d ms (ElasticMQ, queues, poller, API)%n", startUp);
            console.printf("%d requests from %d clients: accepted in %.1f s (%.0f/s), processed in %.1f s:"
                    + " %.0f requests/s end to end%n",
                    requests, CLIENTS, acceptSeconds, requests / acceptSeconds, seconds, requests / seconds);
            console.printf("(time %dx faster: batching window %d ms; log lines in %s)%n", TIME_SCALE,
                    pipeline.settings().eventSource().batchingWindowSeconds() * 1000 / TIME_SCALE, LOG);
        }
    }

    /**
     * Posts the requests {@code from} to {@code to} from {@link #CLIENTS} threads and waits until all are processed;
     * returns the seconds the posting took.
     */
    private static double postAndAwait(URI api, HttpClient client, SampleRequests samples, int from, int to,
                                       CountingProcessor processor) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                running.add(clients.submit(() -> {
                    for (int n = next.getAndIncrement(); n < to; n = next.getAndIncrement()) {
                        post(api, client, samples.body(n));
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (processor.processed.get() < to) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(processor.processed.get() + " of " + to + " processed after 5 minutes");
            }
            Thread.sleep(5);
        }
        return seconds;
    }

    private static void post(URI api, HttpClient client, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(api)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
        }
    }
}
