package com.acme.billing.payments.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.crac.Resource;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * Measures a consumer as Lambda starts it: each run is a JVM of its own on the deployable jar
 * ({@code target/function.jar}, with this project's test classes beside it for the benchmark's own classes), with
 * the JVM options of Lambda's Java runtime and the function's environment variables. Against it, a minimal handler
 * that only parses each body with Jackson, started the same way. Medians of {@code -Dlocal.runs} runs
 * ({@value #DEFAULT_RUNS}):
 * <ul>
 *   <li>JVM start → handler constructed → first batch of {@value #BATCH} handled, for both;</li>
 *   <li>the first batch after the SnapStart priming hooks ran (what an invocation after a restore pays);</li>
 *   <li>warm throughput, messages a second over {@value #WARM_BATCHES} batches, and the log bytes a message;</li>
 *   <li>the jar's size and what takes the most room in it.</li>
 * </ul>
 * Each endpoint's {@code ColdStartBenchmark} says what it measures ({@link Endpoint}) and runs this. The batches
 * are the endpoint's sample event's messages, repeated.
 */
final class ColdStart {
    private static final int DEFAULT_RUNS = 10;
    private static final int BATCH = 10;
    private static final int WARM_BATCHES = 2_000;
    private static final Path JAR = Path.of("target", "function.jar");
    /** Lambda's Java runtime's own options: C1 only, the serial collector, class data sharing. */
    private static final List<String> LAMBDA_JVM = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto");

    private ColdStart() {}

    /**
     * What one endpoint's benchmark measures.
     *
     * @param benchmark   the benchmark's class, whose main the measured JVMs run
     * @param handlerName the handler's name, for the report
     * @param function    the function's name (and Powertools' service name)
     * @param memoryMb    the function's memory, the measured JVM's heap
     * @param timeout     the function's timeout, for the context
     * @param events      the endpoint's sample events' folder
     * @param payload     the request's type, which the minimal handler parses
     * @param handler     the handler as Lambda constructs it
     * @param environment the function's own environment variables beyond Powertools' and the metrics library's
     */
    record Endpoint(Class<?> benchmark, String handlerName, String function, int memoryMb, Duration timeout, Path events,
                    Class<?> payload, Supplier<RequestHandler<SQSEvent, ?>> handler, Map<String, String> environment) {}

    /** The benchmark: no arguments; {@code run MODE} in a measured JVM. */
    static void main(Endpoint endpoint, String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("run")) {
            run(endpoint, args[1], Path.of(args[2]));
            return;
        }
        if (!Files.isRegularFile(JAR)) {
            System.err.println("No " + JAR + ": build the deployable jar first (mvn package).");
            System.exit(2);
        }
        int runs = Integer.getInteger("local.runs", DEFAULT_RUNS);
        System.out.printf("%s cold start, %d runs each, %d cores, %s%n", endpoint.handlerName(), runs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + Runtime.version());
        Path samples = Files.createTempFile("cold-start", ".messages");
        Files.write(samples, sampleMessages(endpoint));
        Map<String, List<Double>> minimal = runs(endpoint, samples, "minimal", runs);
        Map<String, List<Double>> handler = runs(endpoint, samples, "handler", runs);
        Map<String, List<Double>> primed = runs(endpoint, samples, "primed", runs);
        System.out.printf("%-44s %12s %12s%n", "", "minimal", endpoint.handlerName());
        row("JVM start → constructed (ms)", median(minimal, "constructed"), median(handler, "constructed"));
        row("JVM start → first batch of " + BATCH + " handled (ms)", median(minimal, "handled"), median(handler, "handled"));
        row("first batch's own time (ms)", median(minimal, "first"), median(handler, "first"));
        row("first batch after the priming hooks (ms)", Double.NaN, median(primed, "first"));
        System.out.printf("start → first batch: %.2f × the minimal handler's%n", median(handler, "handled") / median(minimal, "handled"));

        Map<String, List<Double>> warm = runs(endpoint, samples, "warm", 1);
        Files.delete(samples);
        double seconds = warm.get("warm").get(0) / 1000;
        long messages = (long) WARM_BATCHES * BATCH;
        System.out.printf("warm: %.0f messages/s, %.0f bytes of log a message%n", messages / seconds,
                warm.get("logBytes").get(0) / (messages + 2L * BATCH));
        composition();
    }

    /** {@code runs} JVMs in {@code mode}: the milliseconds from starting each to each mark it wrote, by mark. */
    private static Map<String, List<Double>> runs(Endpoint endpoint, Path samples, String mode, int runs) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = JAR + File.pathSeparator + Path.of("target", "test-classes");
        Map<String, List<Double>> marks = new TreeMap<>();
        for (int i = 0; i < runs; i++) {
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(LAMBDA_JVM);
            command.add("-Xmx" + endpoint.memoryMb() + "m");
            command.addAll(List.of("-cp", classpath, endpoint.benchmark().getName(), "run", mode, samples.toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> environment = builder.environment();
            // What Lambda sets, and what the function's template sets.
            environment.put("AWS_LAMBDA_FUNCTION_NAME", endpoint.function());
            environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(endpoint.memoryMb()));
            environment.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
            environment.put("AWS_REGION", "us-east-1");
            environment.put("POWERTOOLS_SERVICE_NAME", endpoint.function());
            environment.put("POWERTOOLS_METRICS_NAMESPACE", "payments");
            environment.put("AWS_EMF_ENVIRONMENT", "Lambda");
            environment.putAll(endpoint.environment());
            File log = File.createTempFile("cold-start", ".log");
            builder.redirectOutput(log);
            long start = System.nanoTime();
            Process process = builder.start();
            try (BufferedReader marksRead = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = marksRead.readLine()) != null; ) {
                    double elapsed = (System.nanoTime() - start) / 1e6;
                    if (!line.startsWith("@")) {
                        System.err.println(line);
                        continue;
                    }
                    String[] mark = line.substring(1).split(" ");
                    // A mark with a value is a duration the child measured itself; without, the time it was reached.
                    marks.computeIfAbsent(mark[0], k -> new ArrayList<>()).add(mark.length > 1 ? Long.parseLong(mark[1]) / 1e6 : elapsed);
                }
            }
            if (process.waitFor() != 0) {
                throw new IllegalStateException(mode + " run " + (i + 1) + " failed: exit code " + process.exitValue());
            }
            marks.computeIfAbsent("logBytes", k -> new ArrayList<>()).add((double) log.length());
            Files.delete(log.toPath());
        }
        return marks;
    }

    /**
     * In the measured JVM: constructs the handler, optionally primes it, handles a batch; marks each step on stderr.
     * Every batch is built before the clock starts.
     */
    private static void run(Endpoint endpoint, String mode, Path samples) throws Exception {
        List<String> messages = Files.readAllLines(samples);
        SQSEvent first = batch(messages, 0);
        List<SQSEvent> warmBatches = new ArrayList<>();
        if (mode.equals("warm")) {
            for (int i = 0; i <= WARM_BATCHES; i++) {
                warmBatches.add(batch(messages, i + 1));
            }
        }
        RequestHandler<SQSEvent, ?> handler = mode.equals("minimal") ? new MinimalHandler(endpoint.payload()) : endpoint.handler().get();
        mark("constructed");
        if (mode.equals("primed")) {
            // What SnapStart runs before its snapshot: Powertools' metrics priming, then the handler's.
            new MetricsFactory().beforeCheckpoint(null);
            ((Resource) handler).beforeCheckpoint(null);
        }
        Context context = new LambdaContextStandIn(new LambdaContextStandIn.Function(endpoint.function(), endpoint.memoryMb(), endpoint.timeout()));
        long start = System.nanoTime();
        handler.handleRequest(first, context);
        mark("first", System.nanoTime() - start);
        mark("handled");
        if (mode.equals("warm")) {
            handler.handleRequest(warmBatches.get(0), context);
            start = System.nanoTime();
            for (SQSEvent batch : warmBatches.subList(1, warmBatches.size())) {
                handler.handleRequest(batch, context);
            }
            mark("warm", System.nanoTime() - start);
        }
    }

    /** A handler that only parses each body, with the handler's own Jackson settings: the floor to compare with. */
    static final class MinimalHandler implements RequestHandler<SQSEvent, Integer> {
        private static final ObjectMapper MAPPER = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        private final Class<?> payload;

        MinimalHandler(Class<?> payload) {
            this.payload = payload;
        }

        @Override
        public Integer handleRequest(SQSEvent event, Context context) {
            int parsed = 0;
            for (SQSMessage message : event.getRecords()) {
                try {
                    MAPPER.readValue(message.getBody(), payload);
                    parsed++;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return parsed;
        }
    }

    /**
     * The endpoint's sample messages (sqs-event.json's), one a line as plain text: message id, body, attributes and
     * message attributes, each value Base64. Read here, in the benchmark's JVM: Lambda's runtime decodes an event
     * with a JSON library of its own, so the measured JVM must not warm the function's Jackson before the handler.
     */
    private static List<String> sampleMessages(Endpoint endpoint) throws IOException {
        ObjectMapper events = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        List<String> lines = new ArrayList<>();
        for (SQSMessage message : events.readValue(endpoint.events().resolve("sqs-event.json").toFile(), SQSEvent.class).getRecords()) {
            List<String> attributes = new ArrayList<>();
            Map<String, String> plain = message.getAttributes() == null ? Map.of() : message.getAttributes();
            plain.forEach((name, value) -> attributes.add(name + "=" + encode(value)));
            List<String> messageAttributes = new ArrayList<>();
            Map<String, MessageAttribute> typed = message.getMessageAttributes() == null ? Map.of() : message.getMessageAttributes();
            typed.forEach((name, value) -> messageAttributes.add(name + "=" + value.getDataType() + ":" + encode(value.getStringValue())));
            lines.add(String.join("\t", encode(message.getBody()), String.join(",", attributes), String.join(",", messageAttributes)));
        }
        return lines;
    }

    /** {@value #BATCH} of the sample messages, repeated, each with an id of its own; built without Jackson. */
    private static SQSEvent batch(List<String> samples, int number) {
        List<SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String[] fields = samples.get(i % samples.size()).split("\t", -1);
            SQSMessage message = new SQSMessage();
            message.setMessageId(number + "-" + i);
            message.setBody(decode(fields[0]));
            Map<String, String> attributes = new HashMap<>();
            for (String pair : pairs(fields[1])) {
                attributes.put(pair.substring(0, pair.indexOf('=')), decode(pair.substring(pair.indexOf('=') + 1)));
            }
            message.setAttributes(attributes);
            Map<String, MessageAttribute> messageAttributes = new HashMap<>();
            for (String pair : pairs(fields[2])) {
                String[] typed = pair.substring(pair.indexOf('=') + 1).split(":", 2);
                MessageAttribute attribute = new MessageAttribute();
                attribute.setDataType(typed[0]);
                attribute.setStringValue(decode(typed[1]));
                messageAttributes.put(pair.substring(0, pair.indexOf('=')), attribute);
            }
            message.setMessageAttributes(messageAttributes);
            records.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static List<String> pairs(String field) {
        return field.isEmpty() ? List.of() : List.of(field.split(","));
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String value) {
        return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    private static void mark(String name) {
        System.err.println("@" + name);
        System.err.flush();
    }

    private static void mark(String name, long nanos) {
        System.err.println("@" + name + " " + nanos);
        System.err.flush();
    }

    private static double median(Map<String, List<Double>> marks, String name) {
        List<Double> values = new ArrayList<>(marks.get(name));
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    private static void row(String label, double minimal, double handler) {
        System.out.printf("%-44s %12s %12.1f%n", label, Double.isNaN(minimal) ? "" : String.format("%.1f", minimal), handler);
    }

    /** The jar's size, and its largest parts by package (three levels deep), compressed as shipped. */
    private static void composition() throws IOException {
        Map<String, Long> parts = new TreeMap<>();
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                String[] segments = entry.getName().split("/");
                String part = String.join("/", List.of(segments).subList(0, Math.min(3, segments.length - 1)));
                parts.merge(part.isEmpty() ? "(root)" : part, entry.getCompressedSize(), Long::sum);
            }
        }
        System.out.printf("%s: %,d bytes (%.2f MiB)%n", JAR, Files.size(JAR), Files.size(JAR) / 1048576.0);
        parts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(part -> System.out.printf("  %-40s %,10d bytes%n", part.getKey(), part.getValue()));
    }
}
