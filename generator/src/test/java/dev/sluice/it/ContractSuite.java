package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.answers.Answers;
import dev.sluice.render.ProjectModel;
import dev.sluice.payload.KeyBounds;
import dev.sluice.payload.SampleValues;
import dev.sluice.payload.Variation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The HTTP contract of a generated project's API, checked on the API deployed into the {@link Emulator}: what a
 * client sends and gets back, and what reaches the queue. Its cases come from the project's own files (the request
 * model, the sample request, pipeline.json, which the consumer's local pipeline reads too) and from its answers (the
 * authorization, the largest body, an idempotency key), never from a list kept by hand:
 *
 * <ul>
 *   <li>the deployed wiring: the method validates bodies against a model equal to request-model.json; the queue and
 *       the event source mapping hold the settings pipeline.json plans;</li>
 *   <li>the sample request: 202 with a message id and the request id, and the message in the queue byte for byte,
 *       its {@code correlationId} attribute the request id; on a FIFO queue, its group and deduplication ids as
 *       pipeline.json plans, and a repeat deduplicated;</li>
 *   <li>the largest body the answers allow: 202, queued whole; a body over the queue's maximum message size: 400
 *       (SQS refuses it whatever the retry, decision D3);</li>
 *   <li>each kind of constraint in the model broken once ({@link ModelViolations}; a wrong type in an optional field
 *       among them): 400; another content type: 415;</li>
 *   <li>a key value SQS or DynamoDB would refuse (a FIFO group or deduplication id with a space, non-ASCII, empty or
 *       over 128 characters; an idempotency key over DynamoDB's 2,048 bytes): 400, because the model bounds it (D5);</li>
 *   <li>authorization: with {@code api-key}, no key or a wrong one: 403, and the sample went through with the key;
 *       with {@code iam}, the method asks for AWS_IAM, and an unsigned call is refused where the emulator enforces IAM
 *       (LocalStack's community edition does not: the check then says so).</li>
 * </ul>
 *
 * <p>Every check runs; the report lists each with its outcome, and any failure fails the project's test.
 */
final class ContractSuite {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SQS's rule for a message group or deduplication id: 1 to 128 characters from ! to ~. */
    private static final List<String> REFUSED_BY_SQS = List.of("ACME Ltd", "José", "", "x".repeat(129));
    /** Over DynamoDB's 2,048-byte partition key: ASCII, and 4-byte UTF-8 characters (513 code points). */
    private static final List<String> REFUSED_BY_DYNAMODB = List.of("x".repeat(2049), "\uD83D\uDE00".repeat(513));

    enum Outcome { PASSED, FAILED, NOTED }

    /** One check: its name, outcome and what was seen; {@code waitsFor} names the decision a failure may still wait for. */
    record Check(String name, Outcome outcome, String detail, String waitsFor) {
        String line() {
            String mark = switch (outcome) {
                case PASSED -> "ok   ";
                case FAILED -> "FAIL ";
                case NOTED -> "note ";
            };
            return "  " + mark + " " + name + (waitsFor.isEmpty() ? "" : "  [" + waitsFor + "]")
                    + (detail.isEmpty() ? "" : "\n          " + detail.replace("\n", "\n          "));
        }
    }

    /** The files of a generated project the suite reads: in the project's folder (SAM form) or function/ (CDK form). */
    record ProjectFiles(Path module, JsonNode pipeline, JsonNode model, byte[] sample) {
        /** One endpoint's: its pipeline file, its request model, its sample request. */
        static ProjectFiles of(Path project, ProjectModel.Endpoint endpoint) throws IOException {
            Path module = Files.exists(project.resolve("template.yaml")) ? project : project.resolve("function");
            JsonNode pipeline = JSON.readTree(module.resolve(endpoint.pipelineFile()).toFile());
            JsonNode model = JSON.readTree(module.resolve(pipeline.path("api").path("requestModel").asText()).toFile());
            return new ProjectFiles(module, pipeline, model, Files.readAllBytes(module.resolve(endpoint.eventsDir()).resolve("request.json")));
        }
    }

    private final Emulator emulator;
    private final EmulatorDeployment deployed;
    private final ProjectFiles files;
    private final Answers answers;
    private final ProjectModel.Endpoint endpoint;
    private final URI url;
    /** The endpoint's queue as deployed: the one its POST method's integration sends to (found by the first checks). */
    private EmulatorDeployment.Queue queue;
    private final List<Check> checks = new ArrayList<>();
    private int requests;
    /** The deployed POST method, read by the first checks. */
    private GetMethodResponse method;

    private ContractSuite(Emulator emulator, EmulatorDeployment deployed, ProjectFiles files, ProjectModel endpoint) {
        this.emulator = emulator;
        this.deployed = deployed;
        this.files = files;
        this.answers = endpoint.answers();
        this.endpoint = endpoint.endpoint();
        // LocalStack's path form of a stage's invoke URL (the host form needs DNS for *.localhost.localstack.cloud);
        // a path parameter takes its sample value.
        this.url = emulator.endpoint().resolve("/_aws/execute-api/" + deployed.restApiId() + "/" + deployed.stage()
                + this.endpoint.samplePath());
    }

    /**
     * Deploys the project generated from {@code answers} in {@code project} (for the CDK form, the cloud assembly
     * {@code cdk synth} wrote to {@code cloudAssembly}) as the stack {@code sluice-NAME}, runs the suite on it and
     * returns the report.
     *
     * @throws AssertionError naming every failed check, with the end of LocalStack's log
     */
    static String prove(Emulator emulator, String name, Path project, Path cloudAssembly, Path work, List<ProjectModel> endpoints)
            throws IOException, InterruptedException {
        EmulatorDeployment deployed;
        try {
            deployed = EmulatorDeployment.deploy(emulator, "sluice-" + name, project, cloudAssembly, work);
        } catch (IOException | RuntimeException | AssertionError e) {
            throw new AssertionError("emulator: " + name + " could not be deployed: " + e.getMessage() + "\n"
                    + emulator.logTail(60), e);
        }
        StringBuilder report = new StringBuilder(String.format("emulator: %s, stack %s %s%n", name, deployed.stackName(),
                deployed.timings()));
        long failed = 0;
        int checks = 0;
        for (ProjectModel endpoint : endpoints) {
            ContractSuite suite = new ContractSuite(emulator, deployed, ProjectFiles.of(project, endpoint.endpoint()), endpoint);
            long begin = System.nanoTime();
            suite.run();
            report.append(String.format("  POST %s: %d checks, %d requests in %.1f s%n", endpoint.endpoint().path(), suite.checks.size(),
                    suite.requests, (System.nanoTime() - begin) / 1e9));
            suite.checks.forEach(c -> report.append(c.line()).append('\n'));
            failed += suite.checks.stream().filter(c -> c.outcome() == Outcome.FAILED).count();
            checks += suite.checks.size();
        }
        if (failed > 0) {
            throw new AssertionError(report + "emulator: " + failed + " of " + checks + " checks failed for "
                    + name + " (its template as deployed: " + work.resolve("template.json") + ")\n" + emulator.logTail(40));
        }
        return report.toString();
    }

    private void run() throws IOException, InterruptedException {
        deployedWiring();
        if (queue == null) {
            return; // its checks failed: nothing to send to
        }
        sampleRequest();
        largestAndOversizedBodies();
        modelViolations();
        otherContentType();
        keyValues();
        authorization();
    }

    // ------------------------------------------------------------------ the deployed wiring

    private void deployedWiring() throws IOException {
        ApiGatewayClient api = emulator.apiGateway();
        String path = files.pipeline().path("api").path("path").asText();
        Optional<Resource> resource = api.getResourcesPaginator(b -> b.restApiId(deployed.restApiId())).items().stream()
                .filter(r -> r.path().equals(path)).findFirst();
        if (resource.isEmpty() || !resource.get().resourceMethods().containsKey("POST")) {
            check("POST " + path + " exists", false, "resources: " + api.getResources(b -> b.restApiId(deployed.restApiId())).items(), "");
            return;
        }
        GetMethodResponse method = api.getMethod(b -> b.restApiId(deployed.restApiId()).resourceId(resource.get().id()).httpMethod("POST"));
        String modelName = method.requestModels().get("application/json");
        boolean validates = method.requestValidatorId() != null && api.getRequestValidator(b -> b
                .restApiId(deployed.restApiId()).requestValidatorId(method.requestValidatorId())).validateRequestBody();
        JsonNode deployedModel = modelName == null ? null
                : JSON.readTree(api.getModel(b -> b.restApiId(deployed.restApiId()).modelName(modelName)).schema());
        // A request-model.json with a null in it (an optional enum's) cannot be deployed as it is: CloudFormation refuses
        // nulls, so a template that deploys holds another document (D1 makes the two one).
        check("POST " + path + " validates the body against a model equal to request-model.json",
                validates && files.model().equals(deployedModel),
                validates ? "deployed model " + modelName + ": " + deployedModel : "the method's validator does not validate bodies",
                hasNull(files.model()) ? "D1" : "");
        this.method = method;

        // The queue the integration sends to: arn:aws:apigateway:REGION:sqs:path/ACCOUNT/QUEUE_NAME.
        String uri = method.methodIntegration() == null ? "" : String.valueOf(method.methodIntegration().uri());
        String queueName = uri.substring(uri.lastIndexOf('/') + 1);
        this.queue = deployed.queues().get(queueName);
        check("POST " + path + " sends to a queue of the stack", queue != null,
                "integration " + uri + "; queues " + deployed.queues().keySet(), "");
        if (queue == null) {
            return;
        }
        JsonNode queue = files.pipeline().path("queue");
        Map<QueueAttributeName, String> q = this.queue.attributes();
        List<String> differences = new ArrayList<>();
        compare(differences, "fifo", queue.path("fifo").asBoolean(), Boolean.parseBoolean(q.getOrDefault(QueueAttributeName.FIFO_QUEUE, "false")));
        compare(differences, "visibilityTimeoutSeconds", queue.path("visibilityTimeoutSeconds").asInt(), Integer.parseInt(q.get(QueueAttributeName.VISIBILITY_TIMEOUT)));
        compare(differences, "maxMessageBytes", queue.path("maxMessageBytes").asInt(), Integer.parseInt(q.get(QueueAttributeName.MAXIMUM_MESSAGE_SIZE)));
        compare(differences, "retentionSeconds", queue.path("retentionSeconds").asInt(), Integer.parseInt(q.get(QueueAttributeName.MESSAGE_RETENTION_PERIOD)));
        compare(differences, "contentBasedDeduplication", queue.path("contentBasedDeduplication").asBoolean(),
                Boolean.parseBoolean(q.getOrDefault(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false")));
        compare(differences, "maxReceiveCount", queue.path("maxReceiveCount").asInt(),
                JSON.readTree(q.get(QueueAttributeName.REDRIVE_POLICY)).path("maxReceiveCount").asInt());
        check("the queue holds pipeline.json's settings, its redrive policy names the stack's other queue",
                differences.isEmpty(), String.join("; ", differences), "");

        JsonNode source = files.pipeline().path("eventSource");
        differences.clear();
        if (this.queue.eventSources().size() != 1) {
            differences.add(this.queue.eventSources().size() + " event source mappings read the queue, one expected");
        } else {
            GetEventSourceMappingResponse m = this.queue.eventSources().get(0);
            compare(differences, "eventSourceArn", q.get(QueueAttributeName.QUEUE_ARN), m.eventSourceArn());
            compare(differences, "batchSize", source.path("batchSize").asInt(), m.batchSize());
            compare(differences, "batchingWindowSeconds", source.path("batchingWindowSeconds").asInt(),
                    m.maximumBatchingWindowInSeconds() == null ? 0 : m.maximumBatchingWindowInSeconds());
            compare(differences, "maximumConcurrency", source.path("maximumConcurrency").asInt(),
                    m.scalingConfig() == null ? null : m.scalingConfig().maximumConcurrency());
            compare(differences, "reportBatchItemFailures", source.path("reportBatchItemFailures").asBoolean(),
                    m.functionResponseTypesAsStrings().contains("ReportBatchItemFailures"));
            // SnapStart restores published versions only: the mapping must invoke an alias (or a version), never $LATEST.
            compare(differences, "invokes a qualified function (an alias)", true, m.functionArn().split(":").length == 8);
            compare(differences, "state (created disabled here)", "Disabled", m.state());
        }
        check("the event source mapping reads that queue with pipeline.json's settings", differences.isEmpty(),
                String.join("; ", differences), "");

        String expected = switch (answers.auth()) {
            case NONE -> "NONE, no API key";
            case IAM -> "AWS_IAM, no API key";
            case API_KEY -> "NONE, API key required";
        };
        String actual = method.authorizationType() + ", " + (Boolean.TRUE.equals(method.apiKeyRequired()) ? "API key required" : "no API key");
        // LocalStack's OpenAPI import ignores a sigv4 security scheme (API Gateway's sets AWS_IAM): an API built from
        // AWS::ApiGateway::Method resources (D2) sets the authorization type itself.
        check("POST " + path + " authorization as answered (" + answers.auth().id() + "): " + expected, expected.equals(actual),
                "deployed: " + actual, deployed.openApi() && answers.auth() == Answers.Auth.IAM ? "D2" : "");
    }

    // ------------------------------------------------------------------ the sample request

    /** Sends the sample: 202, queued byte for byte with its correlationId (FIFO: its group and deduplication ids). */
    private void sampleRequest() throws IOException, InterruptedException {
        HttpResponse<String> response = post(files.sample(), "application/json", Map.of());
        JsonNode body = json(response.body());
        String messageId = body.path("messageId").asText("");
        String requestId = body.path("requestId").asText("");
        String name = "the sample request (" + endpoint.eventsDir() + "/request.json) to " + endpoint.samplePath()
                + (deployed.apiKey().isPresent() ? " with the API key" : "")
                + " → 202 {messageId, requestId}, queued byte for byte, correlationId = requestId"
                + (endpoint.parameters().isEmpty() ? "" : ", each path parameter a message attribute");
        if (response.statusCode() != 202 || messageId.isEmpty() || requestId.isEmpty()) {
            check(name, false, got(response), "");
            return;
        }
        Optional<JsonNode> message = message(messageId);
        List<String> problems = new ArrayList<>();
        if (message.isEmpty()) {
            problems.add("no message " + messageId + " in the queue");
        } else {
            sameBody(problems, message.get(), files.sample());
            compare(problems, "correlationId", requestId, messageAttribute(message.get(), "correlationId").orElse(null));
            for (ProjectModel.PathParameter parameter : endpoint.parameters()) {
                compare(problems, "path parameter " + parameter.name(), parameter.sample(),
                        messageAttribute(message.get(), parameter.name()).orElse(null));
            }
        }
        check(name, problems.isEmpty(), String.join("; ", problems), "");

        if (fifo() && message.isPresent()) {
            fifoIds(message.get(), files.sample(), requestId);
        }
    }

    /** The group id and deduplication id SQS recorded, against pipeline.json's plan; a repeat is deduplicated. */
    private void fifoIds(JsonNode message, byte[] sent, String requestId) throws IOException, InterruptedException {
        JsonNode integration = files.pipeline().path("integration");
        JsonNode sample = JSON.readTree(sent);
        String groupField = integration.path("messageGroupIdField").asText();
        String plannedGroup = text(at(sample, groupField));
        String mode = integration.path("messageDeduplicationId").asText();
        String plannedDedupe = switch (mode) {
            case "field" -> text(at(sample, integration.path("messageDeduplicationIdField").asText()));
            case "requestId" -> requestId;
            case "content" -> sha256(sent); // SQS's content-based deduplication id
            default -> null;
        };
        List<String> problems = new ArrayList<>();
        compare(problems, "MessageGroupId (" + groupField + ")", plannedGroup, systemAttribute(message, "MessageGroupId").orElse(null));
        if (plannedDedupe != null) {
            compare(problems, "MessageDeduplicationId (" + mode + ")", plannedDedupe,
                    systemAttribute(message, "MessageDeduplicationId").orElse(null));
        }
        check("FIFO: MessageGroupId = the sample's " + groupField + ", MessageDeduplicationId by " + mode + " as pipeline.json plans",
                problems.isEmpty(), String.join("; ", problems), "");

        if (mode.equals("field") || mode.equals("content")) {
            HttpResponse<String> again = post(sent, "application/json", Map.of());
            long copies = messages().stream().filter(m -> plannedDedupe.equals(systemAttribute(m, "MessageDeduplicationId").orElse(null))).count();
            check("FIFO: the same request again → 202, deduplicated (one message with its deduplication id)",
                    again.statusCode() == 202 && copies == 1, again.statusCode() != 202 ? got(again) : copies + " messages", "");
        }
    }

    // ------------------------------------------------------------------ sizes

    private void largestAndOversizedBodies() throws IOException, InterruptedException {
        int largest = answers.maxPayloadKib() * 1024;
        byte[] body = padded(distinctBody(), largest);
        if (body == null) {
            check("the largest body answered (" + largest + " bytes) → 202", false, "no valid body of that size could be made", "");
        } else {
            HttpResponse<String> response = post(body, "application/json", Map.of());
            String messageId = json(response.body()).path("messageId").asText("");
            Optional<JsonNode> message = response.statusCode() == 202 ? message(messageId) : Optional.empty();
            List<String> problems = new ArrayList<>();
            if (response.statusCode() != 202) {
                problems.add(got(response));
            } else if (message.isEmpty()) {
                problems.add("no message " + messageId + " in the queue");
            } else {
                sameBody(problems, message.get(), body);
            }
            check(String.format("the largest body answered (%,d bytes, maxPayloadKib %d) → 202, queued whole", largest,
                    answers.maxPayloadKib()), problems.isEmpty(), String.join("; ", problems), "D6");
        }
        int limit = Integer.parseInt(queue.attributes().get(QueueAttributeName.MAXIMUM_MESSAGE_SIZE));
        byte[] over = padded(distinctBody(), limit + 1);
        HttpResponse<String> response = post(over, "application/json", Map.of());
        check(String.format("a body over the queue's maximum message size (%,d bytes) → 400, not to be retried", limit + 1),
                clientError(response, 400), got(response), "D3");
    }

    // ------------------------------------------------------------------ the model

    private void modelViolations() throws IOException, InterruptedException {
        JsonNode sample = JSON.readTree(files.sample());
        List<ModelViolations.Violation> violations;
        try {
            violations = ModelViolations.of(files.model(), sample);
        } catch (IllegalArgumentException e) {
            check("request-model.json accepts events/request.json", false, e.getMessage(), "");
            return;
        }
        check("request-model.json accepts events/request.json (draft-04 validator); "
                + violations.size() + " kinds of constraint to break", !violations.isEmpty(), "", "");
        for (ModelViolations.Violation v : violations) {
            HttpResponse<String> response = post(JSON.writeValueAsBytes(v.body()), "application/json", Map.of());
            check("model: " + v.describe() + " → 400", clientError(response, 400), got(response), "");
        }
    }

    /**
     * Another content type: 415 (the method has a request template for application/json only and never passes a body
     * through). The body is the valid sample: LocalStack validates every content type against the application/json
     * model (API Gateway validates only a content type with a model), so an invalid one would be a 400 there.
     */
    private void otherContentType() throws IOException, InterruptedException {
        HttpResponse<String> response = post(files.sample(), "text/plain", Map.of());
        check("the sample as text/plain → 415", clientError(response, 415), got(response), "");
    }

    // ------------------------------------------------------------------ key values

    private void keyValues() throws IOException, InterruptedException {
        JsonNode integration = files.pipeline().path("integration");
        List<String[]> keys = new ArrayList<>(); // the field, what its value becomes
        if (fifo()) {
            keys.add(new String[] {integration.path("messageGroupIdField").asText(), "MessageGroupId"});
            if (integration.path("messageDeduplicationId").asText().equals("field")) {
                keys.add(new String[] {integration.path("messageDeduplicationIdField").asText(), "MessageDeduplicationId"});
            }
        } else if (answers.dedupe() == Answers.Dedupe.FIELD) {
            keys.add(new String[] {answers.dedupeKey().orElseThrow(), "idempotency key"});
        }
        JsonNode sample = JSON.readTree(files.sample());
        for (String[] key : keys) {
            JsonNode value = at(sample, key[0]);
            if (!value.isTextual()) {
                check("key " + key[0] + " (" + key[1] + ") is a " + value.getNodeType().name().toLowerCase()
                        + ": every value of it is one SQS and DynamoDB take", true, "", "");
                continue;
            }
            for (String bad : key[1].equals("idempotency key") ? REFUSED_BY_DYNAMODB : REFUSED_BY_SQS) {
                JsonNode body = ModelViolations.with(sample, path(key[0]), JsonNodeFactory.instance.textNode(bad));
                HttpResponse<String> response = post(JSON.writeValueAsBytes(body), "application/json", Map.of());
                check("key " + key[0] + " (" + key[1] + ") = " + show(bad) + " → 400", clientError(response, 400), got(response), "D5");
            }
        }
    }

    // ------------------------------------------------------------------ authorization

    private void authorization() throws IOException, InterruptedException {
        switch (answers.auth()) {
            case API_KEY -> {
                HttpResponse<String> none = post(files.sample(), "application/json", Map.of(), false);
                check("api-key: no API key → 403", clientError(none, 403), got(none), "");
                HttpResponse<String> wrong = post(files.sample(), "application/json", Map.of("x-api-key", "not-the-key-" + UUID.randomUUID()), false);
                check("api-key: a wrong API key → 403", clientError(wrong, 403), got(wrong), "");
            }
            case IAM -> {
                HttpResponse<String> unsigned = post(files.sample(), "application/json", Map.of());
                if (unsigned.statusCode() == 403) {
                    check("iam: an unsigned call → 403", true, "", "");
                } else {
                    checks.add(new Check("iam: an unsigned call → 403", Outcome.NOTED, "answered " + unsigned.statusCode()
                            + ": the emulator does not enforce IAM (LocalStack's community edition); the method asks for "
                            + (method == null ? "?" : method.authorizationType()) + " (checked above)", ""));
                }
            }
            case NONE -> { }
        }
    }

    // ------------------------------------------------------------------ HTTP and the queue

    private HttpResponse<String> post(byte[] body, String contentType, Map<String, String> headers)
            throws IOException, InterruptedException {
        return post(body, contentType, headers, true);
    }

    private HttpResponse<String> post(byte[] body, String contentType, Map<String, String> headers, boolean withKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (withKey) {
            deployed.apiKey().ifPresent(key -> request.header("x-api-key", key));
        }
        headers.forEach(request::header);
        requests++;
        return emulator.http().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Every message in the queue, in flight or not, without receiving any: LocalStack's own endpoint
     * ({@code /_aws/sqs/messages?ShowInvisible=true}), which leaves receive counts and visibility alone.
     */
    private List<JsonNode> messages() throws IOException, InterruptedException {
        URI uri = emulator.endpoint().resolve("/_aws/sqs/messages?ShowInvisible=true&QueueUrl="
                + URLEncoder.encode(queue.url(), StandardCharsets.UTF_8));
        HttpResponse<String> response = emulator.http().send(HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return list(JSON.readTree(response.body()).path("ReceiveMessageResponse").path("ReceiveMessageResult").path("Message"));
    }

    private Optional<JsonNode> message(String messageId) throws IOException, InterruptedException {
        return messages().stream().filter(m -> m.path("MessageId").asText().equals(messageId)).findFirst();
    }

    /**
     * The queued body is the one sent, byte for byte: SQS's MD5 of the body it holds is that of the bytes sent (the
     * endpoint's view of the body itself loses leading and trailing whitespace, as it turns SQS's XML into JSON).
     */
    private static void sameBody(List<String> problems, JsonNode message, byte[] sent) {
        String shown = message.path("Body").asText();
        if (!message.path("MD5OfBody").asText().equals(md5(sent))) {
            problems.add("the queued body differs from the one sent (MD5 " + message.path("MD5OfBody").asText() + ", sent "
                    + md5(sent) + "; " + shown.getBytes(StandardCharsets.UTF_8).length + " bytes shown, " + sent.length + " sent)");
        } else if (!shown.equals(new String(sent, StandardCharsets.UTF_8).strip())) {
            problems.add("the queued body shown differs from the one sent");
        }
    }

    private static Optional<String> messageAttribute(JsonNode message, String name) {
        return list(message.path("MessageAttribute")).stream().filter(a -> a.path("Name").asText().equals(name))
                .map(a -> a.path("Value").path("StringValue").asText()).findFirst();
    }

    private static Optional<String> systemAttribute(JsonNode message, String name) {
        return list(message.path("Attribute")).stream().filter(a -> a.path("Name").asText().equals(name))
                .map(a -> a.path("Value").asText()).findFirst();
    }

    /** The endpoint's XML-turned-JSON gives one element as an object, several as an array. */
    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> all = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(all::add);
        } else if (node.isObject()) {
            all.add(node);
        }
        return all;
    }

    // ------------------------------------------------------------------ bodies

    /**
     * A valid body that SQS will not take for a repeat of the sample: on a FIFO queue deduplicated by a field, that
     * field set to another value its constraints allow (the generator's own recipe for varying it, as the local
     * pipeline's requests do); otherwise the sample itself (other requests differ in their whitespace, which
     * content-based deduplication sees).
     */
    private JsonNode distinctBody() throws IOException {
        JsonNode sample = JSON.readTree(files.sample());
        JsonNode integration = files.pipeline().path("integration");
        if (fifo() && integration.path("messageDeduplicationId").asText().equals("field")) {
            String field = integration.path("messageDeduplicationIdField").asText();
            Variation values = SampleValues.variation(KeyBounds.field(answers.payload(), field).type(),
                    field.substring(field.lastIndexOf('.') + 1), 2, field);
            for (long n = 0; n < values.count(); n++) {
                if (!values.value(n).equals(at(sample, field))) {
                    JsonNode fresh = ModelViolations.with(sample, path(field), values.value(n));
                    if (ModelViolations.errors(files.model(), fresh).isEmpty()) {
                        return fresh;
                    }
                }
            }
            throw new IllegalStateException("no second valid value of " + field + " to send a body SQS will not deduplicate");
        }
        return sample;
    }

    /** The body as JSON of exactly {@code size} bytes: spaces before its closing brace (null if it is longer already). */
    private static byte[] padded(JsonNode body, int size) throws IOException {
        byte[] compact = JSON.writeValueAsBytes(body);
        if (compact.length > size || compact[compact.length - 1] != '}') {
            return null;
        }
        byte[] out = new byte[size];
        System.arraycopy(compact, 0, out, 0, compact.length - 1);
        Arrays.fill(out, compact.length - 1, size - 1, (byte) ' ');
        out[size - 1] = '}';
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private boolean fifo() {
        return files.pipeline().path("queue").path("fifo").asBoolean();
    }

    private void check(String name, boolean passed, String detail, String waitsFor) {
        checks.add(new Check(name, passed ? Outcome.PASSED : Outcome.FAILED, passed ? "" : detail, waitsFor));
    }

    /** The status expected, and a JSON body with a message, as every error response of the API has. */
    private static boolean clientError(HttpResponse<String> response, int status) {
        return response.statusCode() == status && json(response.body()).path("message").isTextual();
    }

    private static boolean hasNull(JsonNode node) {
        if (node.isNull()) {
            return true;
        }
        for (JsonNode child : node) {
            if (hasNull(child)) {
                return true;
            }
        }
        return false;
    }

    private static String got(HttpResponse<String> response) {
        String body = response.body();
        return "got " + response.statusCode() + ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return JsonNodeFactory.instance.missingNode();
        }
    }

    private static void compare(List<String> differences, String what, Object planned, Object actual) {
        if (planned == null ? actual != null : !planned.equals(actual)) {
            differences.add(what + ": planned " + planned + ", deployed " + actual);
        }
    }

    /** A dotted field path ({@code account.id}) as path segments. */
    private static List<Object> path(String dotted) {
        return new ArrayList<>(Arrays.asList((Object[]) dotted.split("\\.")));
    }

    private static JsonNode at(JsonNode root, String dotted) {
        JsonNode node = root;
        for (Object segment : path(dotted)) {
            node = node.path((String) segment);
        }
        return node;
    }

    /** A key value as the mapping template renders it: a string's text, any other value's JSON. */
    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static String show(String value) {
        String shown = value.length() > 12 ? value.substring(0, value.offsetByCodePoints(0, 3)) + "… ("
                + value.codePointCount(0, value.length()) + " characters, " + value.getBytes(StandardCharsets.UTF_8).length + " bytes)"
                : value;
        return "\"" + shown + "\"";
    }

    private static String sha256(byte[] body) {
        return digest("SHA-256", body);
    }

    private static String md5(byte[] body) {
        return digest("MD5", body);
    }

    private static String digest(String algorithm, byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
