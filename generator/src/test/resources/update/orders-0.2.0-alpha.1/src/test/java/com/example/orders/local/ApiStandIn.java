package com.example.orders.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the deployed API Gateway REST API, on 127.0.0.1: {@code POST /orders}, answered as the
 * deployed API answers it, by the same steps and with the same templates (pipeline.json's, which the infrastructure
 * tests hold to the deployed ones).
 * <ol>
 *   <li>A body over API Gateway's 10 MB payload limit: 413.</li>
 *   <li>A content type the integration has no request template for (none counts as application/json, as in API
 *       Gateway): 415, for its passthrough behaviour is NEVER.</li>
 *   <li>A body that is not JSON or does not match the request model (JSON Schema draft-04, {@code format} not
 *       enforced, as API Gateway's validator does not): the BAD_REQUEST_BODY gateway response, 400 with the
 *       validation errors.</li>
 *   <li>The request template, run by {@link MappingTemplate}, makes the SQS SendMessage request (a form); it goes to
 *       the queue's URL in ElasticMQ ({@link LocalSqs#sendMessage}), and SQS's answer, status and JSON body, goes
 *       through the integration responses ({@link ApiIntegration}): 202 with the message id, 400 when SQS refuses the
 *       message as invalid (sending it again will not succeed), 500 otherwise.</li>
 *   <li>A template that fails, or no integration response for SQS's status: 500 Internal server error, as API
 *       Gateway answers a configuration error.</li>
 *   <li>Any other method or path: 403 Missing Authentication Token, API Gateway's answer to a route it does not
 *       have.</li>
 * </ol>
 * Every response carries the request id in {@code x-amzn-RequestId}, as API Gateway's do.
 */
public final class ApiStandIn implements AutoCloseable {
    /** API Gateway's largest request payload: 10 MB. */
    public static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    /** The message attribute the request template sets to the request id. */
    public static final String CORRELATION_ID_ATTRIBUTE = "correlationId";
    /** Requests handled at once: enough for the clients of the tests and the benchmark. */
    private static final int THREADS = 16;
    /** A {@code $context} variable in a gateway response's template. */
    private static final Pattern CONTEXT_VARIABLE = Pattern.compile("\\$context((?:\\.[A-Za-z][A-Za-z0-9_]*)+)");

    private static final Logger LOG = LoggerFactory.getLogger(ApiStandIn.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final PipelineSettings settings;
    private final JsonSchema requestModel;
    private final ApiIntegration integration;
    private final LocalSqs sqs;
    private final LocalSqs.Queue queue;
    private final HttpServer server;
    private final ExecutorService executor;

    /** Starts the API on 127.0.0.1 at the given port, 0 for one the system picks. */
    public ApiStandIn(PipelineSettings settings, LocalSqs sqs, LocalSqs.Queue queue, int port) throws IOException {
        this.settings = settings;
        this.requestModel = requestModel(settings);
        this.integration = new ApiIntegration(settings.integration());
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

    /** The endpoint's URL, e.g. {@code http://127.0.0.1:3000/orders}. */
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

    private record Response(int status, Map<String, String> headers, String body) {
        static Response message(int status, String message) {
            return new Response(status, Map.of(), "{\"message\": \"" + message + "\"}");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            Response response = respond(exchange, requestId);
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            // A response template's $context.responseOverride.header.* replace the method response's headers.
            response.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(response.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private Response respond(HttpExchange exchange, String requestId) throws IOException {
        boolean route = exchange.getRequestMethod().equals("POST")
                && exchange.getRequestURI().getPath().equals(settings.api().path());
        if (!route) {
            return Response.message(403, "Missing Authentication Token");
        }
        byte[] payload = readPayload(exchange);
        if (payload == null) {
            return Response.message(413, "Request Too Long");
        }
        MappingTemplate requestTemplate = integration.requestTemplate(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (requestTemplate == null) {
            return Response.message(415, "Unsupported Media Type");
        }
        MappingTemplate.Context context = new MappingTemplate.Context(requestId, exchange.getRequestMethod(),
                settings.api().path(), exchange.getRemoteAddress().getAddress().getHostAddress(),
                exchange.getRequestHeaders().getFirst("User-Agent"));
        String body = new String(payload, StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return badRequestBody("[Invalid JSON: " + e.getOriginalMessage() + "]", context);
        }
        if (json.isMissingNode()) {
            return badRequestBody("[Invalid JSON: the body is empty]", context);
        }
        Set<ValidationMessage> errors = requestModel.validate(json);
        if (!errors.isEmpty()) {
            return badRequestBody(errors.stream()
                    .map(ValidationMessage::getMessage)
                    .collect(Collectors.joining(", ", "[", "]")), context);
        }
        try {
            String sendMessage = requestTemplate.render(new MappingTemplate.Input(body, json, params(exchange)), context);
            ApiIntegration.Answer answer = integration.respond(sqs.sendMessage(queue, sendMessage), context);
            return new Response(answer.status(), answer.headers(), answer.body());
        } catch (RuntimeException e) {
            // API Gateway's answer to a template that fails or an integration it cannot reach; its execution log says why.
            LOG.error("request {} failed in the integration", requestId, e);
            return new Response(500, Map.of(), ApiIntegration.INTERNAL_SERVER_ERROR);
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

    /** {@code $input.params()}: no path parameters on this resource, the query string's and the headers (first values). */
    private static Map<String, Map<String, String>> params(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] nameValue = pair.split("=", 2);
                query.putIfAbsent(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        return Map.of("path", Map.of(), "querystring", query, "header", headers);
    }

    private Response badRequestBody(String validationErrors, MappingTemplate.Context context) {
        PipelineSettings.GatewayResponse response = settings.api().badRequestBody();
        context.error("BAD_REQUEST_BODY", "Invalid request body", validationErrors);
        return new Response(response.statusCode(), Map.of(), gatewayResponse(response.template(), context));
    }

    /**
     * A gateway response's body: its template with each {@code $context} variable replaced by its value (nothing if
     * it has none). API Gateway substitutes, it does not run Velocity here. A value goes in escaped for a JSON string,
     * the template's content type, as validation errors may quote; {@code error.messageString} is already one, quotes
     * included.
     */
    static String gatewayResponse(String template, MappingTemplate.Context context) {
        Matcher variable = CONTEXT_VARIABLE.matcher(template);
        StringBuilder body = new StringBuilder();
        while (variable.find()) {
            String path = variable.group(1).substring(1);
            Object value = context.get(path);
            String text = value == null ? "" : value.toString();
            if (!path.equals("error.messageString")) {
                text = new String(JsonStringEncoder.getInstance().quoteAsString(text));
            }
            variable.appendReplacement(body, Matcher.quoteReplacement(text));
        }
        variable.appendTail(body);
        return body.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
