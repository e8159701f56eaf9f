package com.example.shop.checkout.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Stands in for the deployed API Gateway REST API, on 127.0.0.1: {@code POST /v1/checkout}, answered as the
 * deployed API answers it.
 * <ul>
 *   <li>A body over API Gateway's 10 MB payload limit: 413.</li>
 *   <li>A content type other than {@code application/json} (none counts as it, as in API Gateway): 415, for the
 *       integration has no mapping template for it and passes nothing through.</li>
 *   <li>A body that is not JSON or does not match the request model (JSON Schema draft-04, {@code format} not
 *       enforced, as API Gateway's validator does not): 400 with the validation errors, like the
 *       BAD_REQUEST_BODY gateway response.</li>
 *   <li>Otherwise the body goes on the queue as the integration's mapping template puts it: the message
 *       attribute {@code correlationId} is the request id, and on a FIFO queue the message group and
 *       deduplication id come from pipeline.json's integration. 202 with the message id; 500 if SQS refuses
 *       the message (one larger than the queue's maximum message size, for instance).</li>
 *   <li>Any other method or path: 403 Missing Authentication Token, API Gateway's answer to a route it does not
 *       have.</li>
 * </ul>
 * Every response carries the request id in {@code x-amzn-RequestId}, as API Gateway's do.
 */
public final class ApiStandIn implements AutoCloseable {
    /** API Gateway's largest request payload: 10 MB. */
    public static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    /** The message attribute the integration sets to the request id. */
    public static final String CORRELATION_ID_ATTRIBUTE = "correlationId";
    /** Requests handled at once: enough for the clients of the tests and the benchmark. */
    private static final int THREADS = 16;

    private static final Logger LOG = LoggerFactory.getLogger(ApiStandIn.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final PipelineSettings settings;
    private final JsonSchema requestModel;
    private final LocalSqs sqs;
    private final LocalSqs.Queue queue;
    private final HttpServer server;
    private final ExecutorService executor;

    /** Starts the API on 127.0.0.1 at the given port, 0 for one the system picks. */
    public ApiStandIn(PipelineSettings settings, LocalSqs sqs, LocalSqs.Queue queue, int port) throws IOException {
        this.settings = settings;
        this.requestModel = requestModel(settings);
        this.sqs = sqs;
        this.queue = queue;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS,
                task -> new Thread(task, "api-" + threads.incrementAndGet()));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The endpoint's URL, e.g. {@code http://127.0.0.1:3000/v1/checkout}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + settings.api().path());
    }

    private static JsonSchema requestModel(PipelineSettings settings) {
        try {
            JsonNode model = JSON.readTree(settings.api().requestModel().toFile());
            // Errors name the offending field as a JSON path: "$.lines[0].sku: ...".
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(false)
                    .pathType(PathType.JSON_PATH)
                    .build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(model, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request model " + settings.api().requestModel(), e);
        }
    }

    private record Response(int status, JsonNode body) {}

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            Response response = respond(exchange, requestId);
            byte[] body = JSON.writeValueAsBytes(response.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(response.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private Response respond(HttpExchange exchange, String requestId) throws IOException {
        boolean route = exchange.getRequestMethod().equals("POST")
                && exchange.getRequestURI().getPath().equals(settings.api().path());
        if (!route) {
            return new Response(403, JSON.createObjectNode().put("message", "Missing Authentication Token"));
        }
        byte[] payload = readPayload(exchange);
        if (payload == null) {
            return new Response(413, JSON.createObjectNode().put("message", "Request Too Long"));
        }
        if (!isJson(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            return new Response(415, JSON.createObjectNode().put("message", "Unsupported Media Type"));
        }
        String body = new String(payload, StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return badRequest("[Invalid JSON: " + e.getOriginalMessage() + "]", requestId);
        }
        if (json.isMissingNode()) {
            return badRequest("[Invalid JSON: the body is empty]", requestId);
        }
        Set<ValidationMessage> errors = requestModel.validate(json);
        if (!errors.isEmpty()) {
            return badRequest(errors.stream()
                    .map(ValidationMessage::getMessage)
                    .collect(Collectors.joining(", ", "[", "]")), requestId);
        }
        try {
            String messageId = sqs.send(queue, message(body, json, requestId));
            return new Response(202, JSON.createObjectNode().put("messageId", messageId).put("requestId", requestId));
        } catch (SdkException e) {
            // The deployed API shows this in its access log (integrationStatus), not to the client.
            LOG.warn("SQS refused request {}: {}", requestId, e.getMessage());
            return new Response(500, JSON.createObjectNode()
                    .put("message", "The request could not be queued; retry later.")
                    .put("requestId", requestId));
        }
    }

    /** The body, or null if it is larger than API Gateway takes. */
    private static byte[] readPayload(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] payload = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
            if (payload.length <= MAX_PAYLOAD_BYTES) {
                return payload;
            }
            // Read the rest: a client still sending would otherwise find the connection closed, not the answer.
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
    }

    /** Whether the request's media type is application/json, whatever its parameters; none counts as it. */
    private static boolean isJson(String contentType) {
        return contentType == null
                || contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static Response badRequest(String validationErrors, String requestId) {
        return new Response(400, JSON.createObjectNode().put("message", validationErrors).put("requestId", requestId));
    }

    /** The message the integration's mapping template makes of the request. */
    private SendMessageRequest.Builder message(String body, JsonNode json, String requestId) {
        PipelineSettings.Integration integration = settings.integration();
        SendMessageRequest.Builder message = SendMessageRequest.builder()
                .messageBody(body)
                .messageAttributes(Map.of(CORRELATION_ID_ATTRIBUTE,
                        MessageAttributeValue.builder().dataType("String").stringValue(requestId).build()));
        if (integration.messageGroupIdField() != null) {
            message.messageGroupId(valueAt(json, integration.messageGroupIdField()));
        }
        switch (integration.messageDeduplicationId()) {
            case FIELD -> message.messageDeduplicationId(valueAt(json, integration.messageDeduplicationIdField()));
            case REQUEST_ID -> message.messageDeduplicationId(requestId);
            // The queue deduplicates by content, or does not deduplicate at all.
            case CONTENT, NONE -> { }
        }
        return message;
    }

    /**
     * The text of the value at a dot path ({@code customer.id}), as {@code "$input.path('$.customer.id')"} gives it:
     * a number or a boolean as its JSON text; empty if there is none, which SQS refuses.
     */
    private static String valueAt(JsonNode json, String dotPath) {
        JsonNode node = json;
        for (String name : dotPath.split("\\.")) {
            node = node.path(name);
        }
        return node.asText();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
