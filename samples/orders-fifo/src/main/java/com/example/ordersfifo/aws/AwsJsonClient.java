package com.example.ordersfifo.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Calls an AWS service that speaks AWS's JSON protocol (version 1.0; DynamoDB and SQS do): each operation is a POST of
 * a JSON document to the service's regional endpoint, named by the X-Amz-Target header and signed with Signature
 * Version 4 ({@link SigV4}) with the function role's credentials ({@link LambdaCredentials}).
 *
 * <p>Why not the AWS SDK: the consumer calls three DynamoDB operations and one of SQS, and the SDK's client of either
 * service brought 5 to 7 MiB to the deployable jar (every operation's model classes, every service's endpoint
 * metadata), and its SQS client took some 220 ms of a cold start to build. This class is the part of it the consumer
 * uses: requests as the services document them, answers and errors as JSON, retries with backoff. The generated tests
 * check its signatures against the SDK's own signer, and run it against a DynamoDB-compatible server (the idempotency
 * store's integration test) or ElasticMQ (the local pipeline's dead-letter moves).
 *
 * <p>Thread-safe. It opens no connection until the first call, so a SnapStart snapshot holds none: connections
 * do not survive a restore.
 */
public final class AwsJsonClient implements AwsJsonApi {
    /**
     * A service this client can call, and how it retries a call, as the AWS SDK for Java 2.57 does by default for it
     * (its legacy retry mode: full-jitter backoff, at most 20 s between attempts).
     *
     * @param signingName      the name its signatures carry, and the first label of its endpoint's host
     * @param targetPrefix     what X-Amz-Target puts before an operation's name: the API's name and version
     * @param endpointVariable the environment variable that overrides its endpoint, as the AWS SDKs read it
     * @param maxAttempts      attempts per call, the first one included
     * @param baseDelay        the backoff before attempt n + 1 is random between 0 and baseDelay × 2^(n - 1)
     */
    public record Service(String signingName, String targetPrefix, String endpointVariable, int maxAttempts,
                          Duration baseDelay) {}

    /** DynamoDB: 9 attempts from 25 ms, the SDK's DynamoDbRetryPolicy. */
    public static final Service DYNAMODB = new Service("dynamodb", "DynamoDB_20120810", "AWS_ENDPOINT_URL_DYNAMODB", 9,
            Duration.ofMillis(25));
    /**
     * SQS, whose JSON protocol the AWS SDKs have used since 2023 (SDK for Java 2.21): 4 attempts from 100 ms, the SDK's
     * default for every service without a policy of its own.
     */
    public static final Service SQS = new Service("sqs", "AmazonSQS", "AWS_ENDPOINT_URL_SQS", 4,
            Duration.ofMillis(100));

    /** The longest wait between two attempts. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(20);
    /** The AWS SDKs' default connect timeout; a read waits longer, an item write takes milliseconds. */
    static final int CONNECT_TIMEOUT_MS = 2_000;
    static final int READ_TIMEOUT_MS = 5_000;
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    /** The error codes that mean "too many requests": worth another attempt, as are answers of HTTP 5xx. */
    private static final Set<String> THROTTLING = Set.of("ThrottlingException",
            "ProvisionedThroughputExceededException", "RequestLimitExceeded", "TooManyRequestsException",
            "RequestThrottled");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Service service;
    private final URI endpoint;
    private final String region;
    private final Supplier<AwsCredentials> credentials;

    /**
     * Used by tests: a service at an endpoint of their choosing (a local DynamoDB-compatible server, a stand-in).
     *
     * @param region the region signatures name
     */
    public AwsJsonClient(Service service, URI endpoint, String region, Supplier<AwsCredentials> credentials) {
        this.service = service;
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
    }

    /** Used in Lambda: the service in the function's region (AWS_REGION), with the function role's credentials. */
    public static AwsJsonClient inLambda(Service service) {
        return fromEnvironment(service, System.getenv(), new LambdaCredentials());
    }

    /**
     * The service in the region AWS_REGION names, at its regional endpoint unless {@link Service#endpointVariable()}
     * or AWS_ENDPOINT_URL names another, as the AWS SDKs do.
     */
    static AwsJsonClient fromEnvironment(Service service, Map<String, String> environment,
            Supplier<AwsCredentials> credentials) {
        String region = environment.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException(
                    "AWS_REGION is not set: it names the region to call " + service.signingName() + " in");
        }
        String endpoint = environment.getOrDefault(service.endpointVariable(), environment.get("AWS_ENDPOINT_URL"));
        return new AwsJsonClient(service, URI.create(endpoint != null ? endpoint : regionalEndpoint(service, region)),
                region, credentials);
    }

    /** Where the calls go. */
    URI endpoint() {
        return endpoint;
    }

    /**
     * The service's endpoint in a region: amazonaws.com, or amazonaws.com.cn in the China regions. The other partitions
     * (the ISO regions, the European Sovereign Cloud) have domains of their own: there, set the service's endpoint
     * variable.
     */
    static String regionalEndpoint(Service service, String region) {
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return "https://" + service.signingName() + "." + region + "." + domain;
    }

    /**
     * Calls an operation, retrying what is worth retrying (answers of HTTP 5xx, throttling, failed connections) up to
     * the service's {@link Service#maxAttempts()}. A call that still fails makes its message fail, and SQS delivers it
     * again after the visibility timeout.
     *
     * @throws AwsServiceException  if the service refuses the request, or still fails after its last attempt
     * @throws UncheckedIOException if the service cannot be reached by its last attempt
     */
    @Override
    public JsonNode call(String operation, ObjectNode request) {
        byte[] body = json(request);
        for (int attempt = 1; ; attempt++) {
            try {
                Answer answer = send(operation, body);
                if (answer.status() == HttpURLConnection.HTTP_OK) {
                    return JSON.readTree(answer.body());
                }
                AwsServiceException error = error(operation, answer);
                if (attempt == service.maxAttempts() || !retryable(error)) {
                    throw error;
                }
            } catch (IOException e) {
                if (attempt == service.maxAttempts()) {
                    throw new UncheckedIOException(service.signingName() + " " + operation + " failed after " + attempt
                            + " attempts: " + e.getMessage(), e);
                }
            }
            backOff(attempt);
        }
    }

    /**
     * Does what a call does before and after its round trip, with no round trip: marshals and signs {@code request}
     * (with made-up credentials, which reads none) and reads a canned error answer. Before a SnapStart snapshot, this
     * loads and compiles that code once, rather than on the first call after every restore. Sends nothing.
     */
    @Override
    public void prime(String operation, ObjectNode request) {
        sign(operation, json(request), new AwsCredentials("PRIMING", "priming", "priming"));
        byte[] cannedError = "{\"__type\":\"com.amazonaws.priming#PrimingException\",\"message\":\"priming\"}"
                .getBytes(StandardCharsets.UTF_8);
        error(operation, new Answer(400, cannedError, null));
    }

    private record Answer(int status, byte[] body, String errorType) {}

    private Answer send(String operation, byte[] body) throws IOException {
        Map<String, String> headers = sign(operation, body, credentials.get());
        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        // The connection writes Host itself, as host() does for the signature.
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                connection.setRequestProperty(name, value);
            }
        });
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        // Read to the end, so that the connection goes back to the JDK's keep-alive cache for the next call.
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            byte[] answer = in == null ? new byte[0] : in.readAllBytes();
            return new Answer(status, answer, connection.getHeaderField("x-amzn-ErrorType"));
        }
    }

    private Map<String, String> sign(String operation, byte[] body, AwsCredentials with) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host());
        headers.put("content-type", CONTENT_TYPE);
        headers.put("x-amz-target", service.targetPrefix() + "." + operation);
        return SigV4.sign(headers, body, with, region, service.signingName(), Instant.now());
    }

    /** The Host header the JDK's connection sends: the port only when it is not the scheme's default. */
    private String host() {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || port == ("https".equals(endpoint.getScheme()) ? 443 : 80);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    /** The service's error: its code from the body's {@code __type} (or the x-amzn-ErrorType header), its message. */
    private AwsServiceException error(String operation, Answer answer) {
        JsonNode body;
        try {
            body = answer.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        String type = body.path("__type").textValue();
        if (type == null) {
            type = answer.errorType() != null ? answer.errorType() : "HTTP" + answer.status();
        }
        // "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", or "Code:http://internal.amazon.com/...".
        String code = type.substring(type.indexOf('#') + 1);
        code = code.indexOf(':') < 0 ? code : code.substring(0, code.indexOf(':'));
        String message = body.hasNonNull("message") ? body.get("message").asText() : body.path("Message").textValue();
        return new AwsServiceException(service.signingName() + " " + operation, answer.status(), code, message, body);
    }

    private static boolean retryable(AwsServiceException error) {
        return error.statusCode() >= 500 || error.statusCode() == 429 || THROTTLING.contains(error.errorCode());
    }

    private void backOff(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), service.baseDelay().toMillis() << Math.min(attempt - 1, 20));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted between attempts", e);
        }
    }

    private static byte[] json(ObjectNode request) {
        try {
            return JSON.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException("A JSON tree always serializes", e);
        }
    }
}
