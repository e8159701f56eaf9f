package com.example.shop.checkout.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsJsonClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsCredentials CREDENTIALS = new AwsCredentials("AKIDTEST", "secret", "token");
    /** DynamoDB with 3 attempts 1 ms apart: the tests wait for no backoff. */
    private static final AwsJsonClient.Service QUICK_DYNAMODB = new AwsJsonClient.Service("dynamodb", "DynamoDB_20120810",
            "AWS_ENDPOINT_URL_DYNAMODB", 3, Duration.ofMillis(1));

    /** What the stand-in received: each request's headers (lower-case names) and body. */
    private record Received(Map<String, String> headers, String path, String method, byte[] body) {}

    /** What the stand-in answers, in order: a status and a body. */
    private record Answer(int status, String body) {}

    private final List<Received> received = new ArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private HttpServer server;
    private AwsJsonClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        client = new AwsJsonClient(QUICK_DYNAMODB, URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "eu-west-1", () -> CREDENTIALS);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        received.add(new Received(headers, exchange.getRequestURI().toString(), exchange.getRequestMethod(),
                exchange.getRequestBody().readAllBytes()));
        Answer answer = answers.isEmpty() ? new Answer(200, "{}") : answers.poll();
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void postsTheOperationAsJsonSignedOverWhatItSends() throws IOException {
        answers.add(new Answer(200, "{\"Item\":{\"id\":{\"S\":\"order-1\"}}}"));
        ObjectNode request = JSON.createObjectNode().put("TableName", "orders");

        JsonNode answer = client.call("GetItem", request);

        assertEquals("order-1", answer.path("Item").path("id").path("S").asText());
        assertEquals(1, received.size());
        Received sent = received.get(0);
        assertEquals("POST", sent.method());
        assertEquals("/", sent.path());
        assertEquals("DynamoDB_20120810.GetItem", sent.headers().get("x-amz-target"));
        assertEquals("application/x-amz-json-1.0", sent.headers().get("content-type"));
        assertEquals(request, JSON.readTree(sent.body()));
        assertEquals("token", sent.headers().get("x-amz-security-token"));
        // The signature covers the headers as they arrived (Host with its port among them): re-signing them gives it.
        Map<String, String> signedHeaders = new LinkedHashMap<>();
        for (String name : List.of("host", "content-type", "x-amz-target")) {
            signedHeaders.put(name, sent.headers().get(name));
        }
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(sent.headers().get("x-amz-date"), Instant::from);
        String expected = SigV4.sign(signedHeaders, sent.body(), CREDENTIALS, "eu-west-1", "dynamodb", signedAt)
                .get("Authorization");
        assertEquals(expected, sent.headers().get("authorization"));
        assertTrue(expected.startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/"), expected);
        assertTrue(expected.contains("/eu-west-1/dynamodb/aws4_request, SignedHeaders=content-type;host;"
                + "x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target, Signature="), expected);
    }

    @Test
    void reportsARefusalWithItsCodeAndBodyAndDoesNotRetryIt() {
        answers.add(new Answer(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                + "\"message\":\"The conditional request failed\",\"Item\":{\"status\":{\"S\":\"COMPLETED\"}}}"));

        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> client.call("PutItem", JSON.createObjectNode()));

        assertEquals("ConditionalCheckFailedException", e.errorCode());
        assertEquals(400, e.statusCode());
        assertEquals("COMPLETED", e.body().path("Item").path("status").path("S").asText());
        assertEquals("dynamodb PutItem failed: ConditionalCheckFailedException (HTTP 400): The conditional request failed",
                e.getMessage());
        assertEquals(1, received.size(), "a refusal is final");
    }

    @Test
    void retriesThrottlingAndServerErrors() {
        answers.add(new Answer(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\"}"));
        answers.add(new Answer(500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\"}"));
        answers.add(new Answer(200, "{\"Attributes\":{}}"));

        JsonNode answer = client.call("UpdateItem", JSON.createObjectNode());

        assertTrue(answer.has("Attributes"), answer.toString());
        assertEquals(3, received.size());
    }

    @Test
    void givesUpAfterTheServicesAttempts() {
        for (int i = 0; i < 4; i++) {
            answers.add(new Answer(503, ""));
        }

        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> client.call("DeleteItem", JSON.createObjectNode()));

        assertEquals(503, e.statusCode());
        assertEquals("HTTP503", e.errorCode(), "no body, no error type: the status names it");
        assertEquals(QUICK_DYNAMODB.maxAttempts(), received.size());
    }

    @Test
    void retriesAConnectionThatFailsThenReportsIt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AwsJsonClient unreachable = new AwsJsonClient(QUICK_DYNAMODB, URI.create("http://127.0.0.1:" + closedPort),
                "eu-west-1", () -> CREDENTIALS);

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> unreachable.call("PutItem", JSON.createObjectNode()));

        assertTrue(e.getMessage().startsWith("dynamodb PutItem failed after 3 attempts"), e.getMessage());
    }

    @Test
    void primingSendsNothingAndReadsNoCredentials() {
        AwsJsonClient withoutCredentials = new AwsJsonClient(QUICK_DYNAMODB,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "eu-west-1", () -> {
                    throw new AssertionError("priming read credentials");
                });

        withoutCredentials.prime("PutItem", JSON.createObjectNode().put("TableName", "orders"));

        assertEquals(List.of(), received);
    }

    @Test
    void callsTheRegionalEndpointUnlessTheEnvironmentNamesAnother() {
        assertEquals(URI.create("https://dynamodb.eu-west-1.amazonaws.com"),
                endpointOf(Map.of("AWS_REGION", "eu-west-1")));
        assertEquals(URI.create("https://dynamodb.cn-north-1.amazonaws.com.cn"),
                endpointOf(Map.of("AWS_REGION", "cn-north-1")));
        assertEquals(URI.create("http://127.0.0.1:4566"),
                endpointOf(Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:4566")));
        assertEquals(URI.create("http://127.0.0.1:8000"), endpointOf(Map.of("AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000")));
    }

    @Test
    void refusesToStartWithoutARegion() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AwsJsonClient.fromEnvironment(AwsJsonClient.DYNAMODB, Map.of(), () -> CREDENTIALS));

        assertEquals("AWS_REGION is not set: it names the region to call dynamodb in", e.getMessage());
    }

    private static URI endpointOf(Map<String, String> environment) {
        return AwsJsonClient.fromEnvironment(AwsJsonClient.DYNAMODB, environment, () -> CREDENTIALS).endpoint();
    }
}
