package com.example.ordersservicecdk.infra;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.constructs.IConstruct;

/**
 * The stack as CDK synthesizes it, checked against the plan Sluice derived from the answers (the
 * constants below; the README explains each), against the rules between the settings, and against
 * cdk-nag's AWS Solutions rules: what the endpoints share once, and every endpoint's own resources against its
 * plan and its pipeline file. Change a number in the stack on purpose? Change it here too, and keep the rules true.
 *
 * <p>The app is synthesized once for all tests, with cdk.json's context as {@code cdk synth} would: jsii
 * starts a Node.js process for it, which takes seconds. A failed {@link Template} assertion throws a
 * RuntimeException that names what did not match.
 */
class OrdersServiceCdkStackTest {
    /**
     * One endpoint's plan, and where its files are.
     *
     * @param construct     the id of its {@link QueueBufferedEndpoint} in the stack
     * @param serviceSuffix after the stack's name in its consumer's service name and its alarms' names
     * @param requestModel  its request model file
     * @param pipeline      what the local pipeline (function/src/test/java/.../local) runs it with
     */
    record Planned(String path, String construct, String outputPrefix, String serviceSuffix, String handler,
                   String auth, Path requestModel, Path pipeline,
                   int batchSize, int batchingWindowSeconds, int maxConcurrency, int functionTimeoutSeconds,
                   int memoryMb, int visibilityTimeoutSeconds, int maxReceiveCount, long retentionSeconds,
                   long dlqRetentionSeconds, int maxMessageBytes, int throttleRateLimit, int throttleBurstLimit,
                   long oldestMessageAgeAlarmSeconds, long backlogAlarmMessages, int dlqAlarmMessages,
                   int consumerErrorsAlarm, int consumerThrottlesAlarm, long endToEndDelayAlarmMs,
                   long timeToDrainAlarmSeconds, String timeToDrainExpression, Consistency consistency) {
        @Override
        public String toString() {
            return "POST " + path;
        }

        /** Its consumer's service name and the prefix of its alarms' names. */
        String service() {
            return STACK + serviceSuffix;
        }
    }

    /**
     * Ordering and duplicates (the README's Consistency section).
     *
     * @param groupKey          the ordering key: a dot path of the body, and as API Gateway's $input.path reads it
     *                          (null: a standard queue)
     * @param dedupeKey         the field whose value is the message's deduplication id (null: none)
     * @param highThroughput    high-throughput FIFO: the peak is above the 300 messages/s a FIFO queue takes per action
     * @param idempotencyTable  a standard queue whose consumer deduplicates with a DynamoDB table
     */
    record Consistency(String groupKey, String groupKeyJsonPath, String dedupeKey, String dedupeKeyJsonPath,
                       boolean contentBasedDeduplication, boolean deduplicationIdFromRequest, boolean highThroughput,
                       boolean idempotencyTable) {
        boolean fifo() {
            return groupKey != null;
        }
    }

    // The plan, endpoint by endpoint.
    private static final List<Planned> ENDPOINTS = List.of(
            new Planned("/orders", "Orders", "Orders", "-orders",
                    "com.example.ordersservicecdk.orders.OrderHandler::handleRequest", "api-key",
                    Path.of("../function/src/main/resources/orders/request-model.json"),
                    Path.of("../function/pipelines/orders.json"),
                    // batch size, batching window (s), maximum concurrency, function timeout (s), memory (MB)
                    90, 90, 5, 78, 1024,
                    // visibility timeout (s), receives before dead-lettering, retention (s), DLQ retention (s), largest message
                    558, 5, 345600L, 1209600L, 66560,
                    // throttling: rate (requests/s), burst
                    60, 60,
                    // alarms: oldest message age (s), backlog, dead letters, consumer errors, consumer throttles,
                    // end-to-end delay (ms), time to drain (s) and its expression
                    300L, 12679L, 1, 1, 1,
                    300000L, 300L, "IF(visible <= 249, 0, IF(deleted - sent > 0, visible / ((deleted - sent) / PERIOD(deleted)), 345600))",
                    new Consistency(null, null,
                            null, null,
                            false, false, false, false)),
            new Planned("/orders/{orderId}/events", "OrdersEvents", "OrdersEvents", "-ordersevents",
                    "com.example.ordersservicecdk.ordersevents.EventHandler::handleRequest", "api-key",
                    Path.of("../function/src/main/resources/ordersevents/request-model.json"),
                    Path.of("../function/pipelines/ordersevents.json"),
                    // batch size, batching window (s), maximum concurrency, function timeout (s), memory (MB)
                    10, 0, 11, 12, 1024,
                    // visibility timeout (s), receives before dead-lettering, retention (s), DLQ retention (s), largest message
                    72, 5, 345600L, 1209600L, 9216,
                    // throttling: rate (requests/s), burst
                    600, 600,
                    // alarms: oldest message age (s), backlog, dead letters, consumer errors, consumer throttles,
                    // end-to-end delay (ms), time to drain (s) and its expression
                    60L, 25960L, 1, 1, 1,
                    60000L, 60L, "IF(visible <= 18216, 0, IF(deleted - sent > 0, visible / ((deleted - sent) / PERIOD(deleted)), 345600))",
                    new Consistency("shipment.id", "$.shipment.id",
                            null, null,
                            true, false, true, false)),
            new Planned("/refunds", "Refunds", "Refunds", "-refunds",
                    "com.example.ordersservicecdk.refunds.RefundHandler::handleRequest", "iam",
                    Path.of("../function/src/main/resources/refunds/request-model.json"),
                    Path.of("../function/pipelines/refunds.json"),
                    // batch size, batching window (s), maximum concurrency, function timeout (s), memory (MB)
                    60, 300, 2, 145, 1024,
                    // visibility timeout (s), receives before dead-lettering, retention (s), DLQ retention (s), largest message
                    1170, 5, 345600L, 1209600L, 17408,
                    // throttling: rate (requests/s), burst
                    12, 12,
                    // alarms: oldest message age (s), backlog, dead letters, consumer errors, consumer throttles,
                    // end-to-end delay (ms), time to drain (s) and its expression
                    1800L, 11368L, 1, 1, 1,
                    1800000L, 1800L, "IF(visible <= 1006, 0, IF(deleted - sent > 0, visible / ((deleted - sent) / PERIOD(deleted)), 345600))",
                    new Consistency(null, null,
                            null, null,
                            false, false, false, true)));
    // The API's alarms (its metrics are the endpoints' together).
    private static final double API_5XX_ALARM_RATE = 0.01;
    private static final int API_LATENCY_P99_ALARM_MS = 1000;
    /** The width of the API latency anomaly band, in standard deviations. */
    private static final int API_LATENCY_ANOMALY_BAND = 2;
    private static final int LOG_RETENTION_DAYS = 30;
    /** The idempotency store's calls: read, claim (a conditional put), complete (update), release (delete). */
    private static final List<String> IDEMPOTENCY_ACTIONS = List.of(
            "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
    /** The environment variable the consumer reads the table's name from. */
    private static final String IDEMPOTENCY_TABLE_VARIABLE = "IDEMPOTENCY_TABLE";

    // The project.
    private static final String RUNTIME = "java21";
    private static final String STACK = OrdersServiceCdkApp.STACK_NAME;
    /** The namespace of the consumers' own metrics (EndToEndDelay). */
    private static final String METRICS_NAMESPACE = "orders-service-cdk";
    /** The alarms in the order the dashboard lists them: the API's, then each endpoint's queue, consumer, dead letters, end to end. */
    private static final List<String> ALARMS = List.of(
            "-api-latency-p99",
            "-api-latency-anomaly",
            "-api-5xx",
            "-orders-time-to-drain",
            "-orders-oldest-message-age",
            "-orders-backlog",
            "-orders-consumer-errors",
            "-orders-consumer-throttles",
            "-orders-dead-letters",
            "-orders-end-to-end-delay",
            "-ordersevents-time-to-drain",
            "-ordersevents-oldest-message-age",
            "-ordersevents-backlog",
            "-ordersevents-consumer-errors",
            "-ordersevents-consumer-throttles",
            "-ordersevents-dead-letters",
            "-ordersevents-end-to-end-delay",
            "-refunds-time-to-drain",
            "-refunds-oldest-message-age",
            "-refunds-backlog",
            "-refunds-consumer-errors",
            "-refunds-consumer-throttles",
            "-refunds-dead-letters",
            "-refunds-end-to-end-delay");
    /** The dashboard's widgets, top to bottom and left to right (the text widgets have no title). */
    private static final List<String> WIDGET_TITLES = List.of("", "Alarms",
            "API: requests", "API: 4XX and 5XX", "API: latency",
            "",
            "Queue: sent, visible, in flight", "Queue: oldest message age (s)", "Queue: time to drain (s)",
            "Consumer: invocations, errors, throttles", "Consumer: duration p99 (ms)", "Consumer: concurrent executions",
            "DLQ: messages", "DLQ: oldest message age (s)", "End-to-end delay, accept to processed (ms)",
            "",
            "Queue: sent, visible, in flight", "Queue: oldest message age (s)", "Queue: time to drain (s)",
            "Consumer: invocations, errors, throttles", "Consumer: duration p99 (ms)", "Consumer: concurrent executions",
            "DLQ: messages", "DLQ: oldest message age (s)", "End-to-end delay, accept to processed (ms)",
            "",
            "Queue: sent, visible, in flight", "Queue: oldest message age (s)", "Queue: time to drain (s)",
            "Consumer: invocations, errors, throttles", "Consumer: duration p99 (ms)", "Consumer: concurrent executions",
            "DLQ: messages", "DLQ: oldest message age (s)", "End-to-end delay, accept to processed (ms)");
    private static final Path CDK_JSON = Path.of("../cdk.json");
    /** Given as context, as {@code -c alarmEmail=...} would. */
    private static final String ALARM_EMAIL = "alarms@example.com";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Template template;
    private static List<SynthesisMessage> nagErrors;
    /** Each endpoint's resources' logical ids, by its construct's id. */
    private static final Map<String, Ids> IDS = new HashMap<>();

    /** The logical ids of one endpoint's resources, read from its construct. */
    record Ids(String queue, String deadLetterQueue, String function, String method, String consumerLog,
               String idempotencyTable) {}

    @BeforeAll
    static void synthesize() throws IOException {
        // cdk.json's context (the feature flags and the app's settings), as cdk synth passes it.
        Map<String, Object> context = new HashMap<>(cast(JSON.readValue(CDK_JSON.toFile(), Map.class).get("context")));
        context.put("alarmEmail", ALARM_EMAIL);
        App app = new App(AppProps.builder().context(context).build());
        OrdersServiceCdkStack stack = OrdersServiceCdkApp.stack(app, OrdersServiceCdkApp.functionJar());
        template = Template.fromStack(stack);
        nagErrors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        for (Planned e : ENDPOINTS) {
            QueueBufferedEndpoint endpoint = (QueueBufferedEndpoint) stack.getNode().findChild(e.construct());
            IDS.put(e.construct(), new Ids(logicalId(stack, endpoint.queue()), logicalId(stack, endpoint.deadLetterQueue()),
                    logicalId(stack, endpoint.function()), logicalId(stack, endpoint.method()),
                    logicalId(stack, endpoint.consumerLog()),
                    endpoint.idempotencyTable() == null ? null : logicalId(stack, endpoint.idempotencyTable())));
        }
    }

    private static String logicalId(OrdersServiceCdkStack stack, IConstruct construct) {
        return stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }

    static Stream<Planned> endpoints() {
        return ENDPOINTS.stream();
    }

    private static Ids ids(Planned e) {
        return IDS.get(e.construct());
    }

    @Test
    void cdkNagFindsNoUnsuppressedError() {
        String findings = nagErrors.stream()
                .map(m -> m.getId() + ": " + m.getEntry().getData())
                .collect(Collectors.joining("\n"));
        assertTrue(nagErrors.isEmpty(), "cdk-nag AwsSolutions errors (fix, or suppress with a reason):\n" + findings);
    }

    @Test
    void everyEndpointIsAConstructOfItsOwn() {
        template.resourceCountIs("AWS::SQS::Queue", 2 * ENDPOINTS.size());
        template.resourceCountIs("AWS::Lambda::Function", ENDPOINTS.size());
        template.resourceCountIs("AWS::ApiGateway::Method", ENDPOINTS.size());
        template.resourceCountIs("AWS::ApiGateway::RestApi", 1);
        template.resourceCountIs("AWS::ApiGateway::Stage", 1);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theQueueFeedsTheLiveAliasInPlannedBatches(Planned e) {
        Map<String, Object> mapping = mapping(e);
        if (e.consistency().fifo()) {
            // A FIFO event source takes at most 10 messages a batch and no batching window.
            assertTrue(e.batchSize() <= 10, "FIFO batches hold at most 10 messages: " + e.batchSize());
            assertEquals(0, e.batchingWindowSeconds());
            assertFalse(mapping.containsKey("MaximumBatchingWindowInSeconds"), "no batching window");
        } else {
            assertEquals(e.batchingWindowSeconds(), number(mapping, "MaximumBatchingWindowInSeconds"));
        }
        assertAll(
                () -> assertEquals(e.batchSize(), number(mapping, "BatchSize")),
                () -> assertEquals(e.maxConcurrency(), number(map(mapping, "ScalingConfig"), "MaximumConcurrency")),
                () -> assertEquals(List.of("ReportBatchItemFailures"), mapping.get("FunctionResponseTypes")));
        String invoked = json(mapping.get("FunctionName"));
        String alias = only(template.findResources("AWS::Lambda::Alias", Map.of("Properties", Map.of(
                "Name", QueueBufferedEndpoint.ALIAS, "FunctionName", ref(ids(e).function()))))).getKey();
        assertTrue(invoked.contains(json(ref(alias))), "the queue invokes the alias, not $LATEST: " + invoked);
    }

    /** The endpoint's pipeline file, which the local pipeline reads: it must be the pipeline this stack deploys. */
    @ParameterizedTest
    @MethodSource("endpoints")
    void theLocalPipelineRunsWithTheSettingsDeployedHere(Planned e) throws IOException {
        JsonNode local = JSON.readTree(e.pipeline().toFile());
        Map<String, Object> source = properties(resource(ids(e).queue()));
        Map<String, Object> mapping = mapping(e);
        Map<String, Object> method = method(e);
        String request = (String) map(map(method, "Integration"), "RequestTemplates").get("application/json");
        JsonNode group = local.path("integration").path("messageGroupIdField");
        JsonNode deduplication = local.path("integration").path("messageDeduplicationIdField");
        String deduplicationId = local.path("integration").path("messageDeduplicationId").asText();
        Map<String, Object> badRequestBody = properties(only(template.findResources("AWS::ApiGateway::GatewayResponse",
                Map.of("Properties", Map.of("ResponseType", "BAD_REQUEST_BODY")))).getValue());
        assertAll(
                () -> assertEquals(number(source, "VisibilityTimeout"), local.path("queue").path("visibilityTimeoutSeconds").asLong()),
                () -> assertEquals(number(map(source, "RedrivePolicy"), "maxReceiveCount"), local.path("queue").path("maxReceiveCount").asLong()),
                () -> assertEquals(number(source, "MaximumMessageSize"), local.path("queue").path("maxMessageBytes").asLong()),
                () -> assertEquals(number(source, "MessageRetentionPeriod"), local.path("queue").path("retentionSeconds").asLong()),
                () -> assertEquals(Boolean.TRUE.equals(source.get("FifoQueue")), local.path("queue").path("fifo").asBoolean()),
                () -> assertEquals(Boolean.TRUE.equals(source.get("ContentBasedDeduplication")),
                        local.path("queue").path("contentBasedDeduplication").asBoolean()),
                () -> assertEquals(number(mapping, "BatchSize"), local.path("eventSource").path("batchSize").asLong()),
                () -> assertEquals(mapping.containsKey("MaximumBatchingWindowInSeconds") ? number(mapping, "MaximumBatchingWindowInSeconds") : 0,
                        local.path("eventSource").path("batchingWindowSeconds").asLong()),
                () -> assertEquals(number(map(mapping, "ScalingConfig"), "MaximumConcurrency"),
                        local.path("eventSource").path("maximumConcurrency").asLong()),
                // The stand-in runs the mapping templates deployed here, character for character, and refuses what
                // the integration refuses.
                () -> assertEquals(JSON.valueToTree(map(map(method, "Integration"), "RequestTemplates")),
                        local.path("integration").path("requestTemplates")),
                () -> assertEquals(map(method, "Integration").get("PassthroughBehavior"),
                        local.path("integration").path("passthroughBehavior").asText()),
                () -> assertEquals(integrationResponses(method), localResponses(local)),
                // It answers a body the model refuses with the gateway response deployed here.
                () -> assertEquals(badRequestBody.get("StatusCode"), local.path("api").path("badRequestBody").path("statusCode").asText()),
                () -> assertEquals(JSON.valueToTree(map(badRequestBody, "ResponseTemplates")), JSON.createObjectNode()
                        .put("application/json", local.path("api").path("badRequestBody").path("template").asText())),
                // Its FIFO ids come from the fields the template reads.
                () -> assertEquals(!group.isNull() && !group.isMissingNode(), request.contains("&MessageGroupId="), request),
                () -> assertEquals("field".equals(deduplicationId), !deduplication.isNull()
                        && request.contains("#set($messageDeduplicationId = "), request),
                () -> assertEquals("requestId".equals(deduplicationId), request.contains("&MessageDeduplicationId=$context.requestId"), request));
    }

    /** The integration responses as the pipeline file lists them: selection pattern (empty: the default), status, template. */
    private static List<List<String>> integrationResponses(Map<String, Object> method) {
        return list(map(method, "Integration"), "IntegrationResponses").stream().map(r -> List.of(
                (String) cast(r).getOrDefault("SelectionPattern", ""), (String) cast(r).get("StatusCode"),
                (String) map(cast(r), "ResponseTemplates").get("application/json"))).toList();
    }

    private static List<List<String>> localResponses(JsonNode local) {
        List<List<String>> responses = new ArrayList<>();
        local.path("integration").path("responses").forEach(r -> responses.add(List.of(r.path("selectionPattern").asText(),
                r.path("statusCode").asText(), r.path("template").asText())));
        return responses;
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theFunctionIsSizedAsPlannedAndStartsFromSnapStart(Planned e) {
        Map<String, Object> function = consumer(e);
        assertAll(
                () -> assertEquals(RUNTIME, function.get("Runtime")),
                () -> assertEquals(e.handler(), function.get("Handler")),
                () -> assertEquals(e.functionTimeoutSeconds(), number(function, "Timeout")),
                () -> assertEquals(e.memoryMb(), number(function, "MemorySize")),
                () -> assertEquals(List.of("arm64"), function.get("Architectures")),
                () -> assertEquals(Map.of("ApplyOn", "PublishedVersions"), function.get("SnapStart")),
                () -> assertEquals(Map.of("Mode", "Active"), function.get("TracingConfig")));
        // SnapStart restores published versions only: the alias points at one.
        String version = only(template.findResources("AWS::Lambda::Version", Map.of("Properties", Map.of(
                "FunctionName", ref(ids(e).function()))))).getKey();
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                "Name", QueueBufferedEndpoint.ALIAS,
                "FunctionVersion", getAtt(version, "Version")));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void visibilityTimeoutIsSixFunctionTimeoutsPlusTheWindow(Planned e) {
        long timeout = number(consumer(e), "Timeout");
        // A FIFO event source has no batching window.
        Map<String, Object> mapping = mapping(e);
        long window = mapping.containsKey("MaximumBatchingWindowInSeconds") ? number(mapping, "MaximumBatchingWindowInSeconds") : 0;
        long visibility = number(properties(resource(ids(e).queue())), "VisibilityTimeout");
        assertEquals(6 * timeout + window, visibility, "AWS: at least 6 × the function timeout + the batching window");
        assertEquals(e.visibilityTimeoutSeconds(), visibility);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theQueueKeepsAndRedrivesMessagesAsPlanned(Planned e) {
        assertTrue(e.maxReceiveCount() >= 5, "AWS advises at least 5 receives for a Lambda consumer");
        Map<String, Object> queue = properties(resource(ids(e).queue()));
        assertAll(
                () -> assertEquals(e.visibilityTimeoutSeconds(), number(queue, "VisibilityTimeout")),
                () -> assertEquals(e.retentionSeconds(), number(queue, "MessageRetentionPeriod")),
                () -> assertEquals(e.maxMessageBytes(), number(queue, "MaximumMessageSize")),
                () -> assertEquals(Map.of(
                        "deadLetterTargetArn", getAtt(ids(e).deadLetterQueue(), "Arn"),
                        "maxReceiveCount", e.maxReceiveCount()), queue.get("RedrivePolicy")));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theDeadLetterQueueOutlivesTheQueue(Planned e) {
        Map<String, Object> dlq = properties(resource(ids(e).deadLetterQueue()));
        Map<String, Object> queue = properties(resource(ids(e).queue()));
        long retention = number(dlq, "MessageRetentionPeriod");
        assertEquals(e.dlqRetentionSeconds(), retention);
        // A dead-lettered message keeps its original enqueue time.
        assertTrue(retention >= number(queue, "MessageRetentionPeriod"));
        assertTrue(number(dlq, "MaximumMessageSize") >= number(queue, "MaximumMessageSize"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void bothQueuesAreEncryptedAtRestAndRefuseAnythingButTls(Planned e) {
        for (String id : List.of(ids(e).queue(), ids(e).deadLetterQueue())) {
            assertEquals(Boolean.TRUE, properties(resource(id)).get("SqsManagedSseEnabled"), id + " SSE");
            template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                    "Queues", List.of(ref(id)),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Effect", "Deny",
                            "Action", "sqs:*",
                            "Resource", getAtt(id, "Arn"),
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        }
    }

    /** One role sends to every endpoint's queue, and may do nothing else. */
    @Test
    void apiGatewayMaySendToTheQueuesOnly() {
        List<Object> roles = ENDPOINTS.stream()
                .map(e -> (Object) ((List<?>) map(map(method(e), "Integration"), "Credentials").get("Fn::GetAtt")).get(0))
                .distinct().toList();
        assertEquals(1, roles.size(), "one integration role: " + roles);
        String role = (String) roles.get(0);
        Map<String, Object> properties = properties(resource(role));
        assertFalse(properties.containsKey("ManagedPolicyArns"), "no managed policy on the integration role");
        assertTrue(template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of(
                "Roles", Match.arrayWith(List.of(ref(role)))))).isEmpty(), "no other policy attached to " + role);
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(properties, "Policies")) {
            list(map(cast(policy), "PolicyDocument"), "Statement").forEach(s -> statements.add(cast(s)));
        }
        assertEquals(1, statements.size(), "one statement: " + statements);
        Map<String, Object> statement = statements.get(0);
        // Every endpoint's queue (CDK writes one resource alone, and several in its own order).
        Object resource = statement.get("Resource");
        Set<Object> queues = ENDPOINTS.stream().map(e -> (Object) getAtt(ids(e).queue(), "Arn"))
                .collect(Collectors.toSet());
        assertAll(
                () -> assertEquals("Allow", statement.get("Effect")),
                () -> assertEquals("sqs:SendMessage", statement.get("Action")),
                () -> assertEquals(queues, resource instanceof List<?> many ? Set.copyOf(many) : Set.of(resource)),
                () -> assertTrue(json(properties.get("AssumeRolePolicyDocument"))
                        .contains("\"Service\":\"apigateway.amazonaws.com\""), "assumed by API Gateway"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theIntegrationSendsTheBodyAndTheRequestIdToTheQueue(Planned e) {
        Map<String, Object> integration = map(method(e), "Integration");
        Map<String, Object> templates = map(integration, "RequestTemplates");
        Map<String, Object> headers = map(integration, "RequestParameters");
        String request = (String) templates.get("application/json");
        String uri = json(integration.get("Uri"));
        assertAll(
                () -> assertEquals("AWS", integration.get("Type")),
                () -> assertEquals("POST", integration.get("IntegrationHttpMethod")),
                () -> assertTrue(uri.contains(":sqs:path/") && uri.contains(json(getAtt(ids(e).queue(), "QueueName"))), uri),
                () -> assertEquals("NEVER", integration.get("PassthroughBehavior")),
                () -> assertEquals("'application/x-www-form-urlencoded'", headers.get("integration.request.header.Content-Type")),
                // The response templates read SQS's answer as JSON, error or not.
                () -> assertEquals("'application/json'", headers.get("integration.request.header.Accept")),
                // Only JSON has a template: with passthrough never, anything else is refused with 415.
                () -> assertEquals(List.of("application/json"), List.copyOf(templates.keySet())),
                () -> assertTrue(request.contains("Action=SendMessage##\n&MessageBody=$util.urlEncode($input.body)##"), request),
                () -> assertTrue(request.contains("&MessageAttribute.1.Name=correlationId##"), request),
                () -> assertTrue(request.contains("&MessageAttribute.1.Value.StringValue=$context.requestId##"), request),
                // Each line ends in a Velocity comment, which swallows the line break: SQS gets a one-line form.
                () -> assertTrue(request.lines().allMatch(line -> line.endsWith("##")), request));
    }

    /** What SQS answers becomes the client's answer: 202, a 400 not to retry, or a 500 to retry later. */
    @ParameterizedTest
    @MethodSource("endpoints")
    void sqsAnswersBecomeTheClientsAnswers(Planned e) {
        Map<String, Object> method = method(e);
        List<Object> responses = list(map(method, "Integration"), "IntegrationResponses");
        assertEquals(3, responses.size(), responses.toString());
        Map<String, Object> accepted = cast(responses.get(0));
        Map<String, Object> refused = cast(responses.get(1));
        Map<String, Object> failed = cast(responses.get(2));
        String refusal = (String) map(refused, "ResponseTemplates").get("application/json");
        assertAll(
                () -> assertEquals("2\\d{2}", accepted.get("SelectionPattern")),
                () -> assertEquals("202", accepted.get("StatusCode")),
                () -> assertTrue(json(accepted.get("ResponseTemplates")).contains("SendMessageResult.MessageId")),
                // SQS answers 400 for a message it will never take, and for throttling, KMS and access errors too.
                () -> assertEquals("400", refused.get("SelectionPattern")),
                () -> assertEquals("400", refused.get("StatusCode")),
                () -> assertTrue(refusal.contains("$input.path('$.Error.Code')"), refusal),
                () -> assertTrue(refusal.contains("$code == \"InvalidParameterValue\" || $code == \"InvalidMessageContents\""), refusal),
                () -> assertTrue(refusal.contains("sending it again will not succeed"), refusal),
                () -> assertTrue(refusal.contains("#set($context.responseOverride.status = 500)"), refusal),
                // The default: anything else SQS answers.
                () -> assertFalse(failed.containsKey("SelectionPattern"), "the last response is the default"),
                () -> assertEquals("500", failed.get("StatusCode")),
                () -> assertTrue(json(failed.get("ResponseTemplates")).contains("retry later")));
        // API Gateway answers only with statuses the method declares.
        List<Object> declared = list(method, "MethodResponses").stream().map(r -> cast(r).get("StatusCode")).toList();
        assertTrue(declared.containsAll(List.of("202", "400", "500")), declared.toString());
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theBodyIsValidatedAgainstTheRequestModel(Planned e) throws IOException {
        Map<String, Object> method = method(e);
        String validator = (String) map(method, "RequestValidatorId").get("Ref");
        assertEquals(Boolean.TRUE, properties(resource(validator)).get("ValidateRequestBody"));
        assertEquals(Boolean.TRUE, properties(resource(validator)).get("ValidateRequestParameters"));
        String model = (String) map(method, "RequestModels", "application/json").get("Ref");
        Map<String, Object> properties = properties(resource(model));
        assertEquals("application/json", properties.get("ContentType"));
        // The request model file, keyword for keyword.
        JsonNode expected = JSON.readTree(e.requestModel().toFile());
        assertEquals(expected, JSON.valueToTree(properties.get("Schema")));
        // Each path parameter is required of the method, and so validated.
        Map<String, Object> parameters = method.containsKey("RequestParameters") ? map(method, "RequestParameters") : Map.of();
        assertTrue(parameters.values().stream().allMatch(Boolean.TRUE::equals), parameters.toString());
        assertEquals(e.path().chars().filter(c -> c == '{').count(), parameters.size(), parameters.toString());
    }

    @Test
    void theStageIsTracedAndLogged() {
        template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "StageName", OrdersServiceCdkStack.STAGE,
                "TracingEnabled", true,
                "AccessLogSetting", Map.of(
                        "DestinationArn", Match.anyValue(),
                        "Format", Match.stringLikeRegexp(".*\"requestId\":\"\\$context.requestId\".*"))));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theEndpointIsThrottledAsPlanned(Planned e) {
        Map<String, Object> stage = properties(only(template.findResources("AWS::ApiGateway::Stage")).getValue());
        // The only endpoint: the stage's own setting (every method); else its method's, its path escaped as API
        // Gateway wants (/ as ~1).
        String resourcePath = ENDPOINTS.size() == 1 ? "/*" : e.path().replace("/", "~1");
        String httpMethod = ENDPOINTS.size() == 1 ? "*" : "POST";
        Map<String, Object> setting = list(stage, "MethodSettings").stream().map(s -> cast(s))
                .filter(s -> s.get("ResourcePath").equals(ENDPOINTS.size() == 1 ? resourcePath : "/" + resourcePath)
                        && s.get("HttpMethod").equals(httpMethod))
                .findFirst().orElseThrow(() -> new AssertionError("no method setting for " + e + ": " + stage.get("MethodSettings")));
        assertEquals(e.throttleRateLimit(), ((Number) setting.get("ThrottlingRateLimit")).doubleValue(), 0.0);
        assertEquals(e.throttleBurstLimit(), number(setting, "ThrottlingBurstLimit"));
        assertEquals(Boolean.FALSE, setting.getOrDefault("DataTraceEnabled", Boolean.FALSE));
    }

    @Test
    void everyLogGroupIsEncryptedAndKeptAsPlanned() {
        String key = only(template.findResources("AWS::KMS::Key")).getKey();
        // The API's access log and each consumer's log.
        template.resourceCountIs("AWS::Logs::LogGroup", 1 + ENDPOINTS.size());
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of(
                "RetentionInDays", LOG_RETENTION_DAYS,
                "KmsKeyId", getAtt(key, "Arn")));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theConsumerLogsAndMeasuresUnderItsServiceName(Planned e) {
        Map<String, Object> variables = map(consumer(e), "Environment", "Variables");
        assertAll(
                // The Service dimension of EndToEndDelay, which the alarm and the dashboard read.
                () -> assertEquals(e.service(), variables.get("POWERTOOLS_SERVICE_NAME")),
                () -> assertEquals(METRICS_NAMESPACE, variables.get("POWERTOOLS_METRICS_NAMESPACE")),
                () -> assertEquals("Lambda", variables.get("AWS_EMF_ENVIRONMENT"), "no probing for EC2 or ECS"),
                () -> assertEquals("/aws/lambda/" + e.service() + "-consumer",
                        properties(resource(ids(e).consumerLog())).get("LogGroupName")));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void callersAreAuthorizedAsChosen(Planned e) {
        Map<String, Object> method = method(e);
        switch (e.auth()) {
            case "iam" -> assertEquals("AWS_IAM", method.get("AuthorizationType"));
            case "api-key" -> {
                assertEquals("NONE", method.get("AuthorizationType"));
                assertEquals(Boolean.TRUE, method.get("ApiKeyRequired"));
            }
            default -> {
                assertEquals("NONE", method.get("AuthorizationType"));
                assertFalse(method.containsKey("ApiKeyRequired"));
            }
        }
    }

    @Test
    void apiKeyCallersMustSendAKeyOfTheUsagePlan() {
        template.hasResourceProperties("AWS::ApiGateway::RestApi", Map.of("ApiKeySourceType", "HEADER"));
        // Each key-taking method throttled in the plan as on the stage.
        Map<String, Object> plan = properties(only(template.findResources("AWS::ApiGateway::UsagePlan")).getValue());
        Map<String, Object> throttles = map(cast(list(plan, "ApiStages").get(0)), "Throttle");
        for (Planned e : ENDPOINTS) {
            if (e.auth().equals("api-key")) {
                Map<String, Object> throttle = map(throttles, e.path() + "/POST");
                assertEquals(e.throttleRateLimit(), ((Number) throttle.get("RateLimit")).doubleValue(), 0.0, e.toString());
                assertEquals(e.throttleBurstLimit(), number(throttle, "BurstLimit"), e.toString());
            }
        }
        String key = only(template.findResources("AWS::ApiGateway::ApiKey")).getKey();
        template.hasResourceProperties("AWS::ApiGateway::UsagePlanKey", Map.of(
                "KeyId", ref(key),
                "KeyType", "API_KEY"));
    }

    @Test
    void theApiAlarmsWatchItsMetricsAtThePlannedThresholds() {
        assertAll(
                () -> assertAlarm("-api-5xx", "AWS/ApiGateway", "5XXError", STACK + "-api",
                        "Average", 300, 1, 1, "GreaterThanThreshold", API_5XX_ALARM_RATE),
                () -> assertAlarm("-api-latency-p99", "AWS/ApiGateway", "Latency", STACK + "-api",
                        "p99", 300, 1, 1, "GreaterThanThreshold", API_LATENCY_P99_ALARM_MS));
        // And the endpoints' below: no other.
        template.resourceCountIs("AWS::CloudWatch::Alarm", ALARMS.size());
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void everyAlarmOfTheEndpointWatchesItsMetricAtThePlannedThreshold(Planned e) {
        Object queueName = getAtt(ids(e).queue(), "QueueName");
        Object dlqName = getAtt(ids(e).deadLetterQueue(), "QueueName");
        Object functionName = ref(ids(e).function());
        String name = e.serviceSuffix() + "-";
        // Period in seconds, then how many periods are evaluated and how many of them must breach.
        assertAll(
                () -> assertAlarm(name + "oldest-message-age", "AWS/SQS", "ApproximateAgeOfOldestMessage", queueName,
                        "Maximum", 60, 1, 1, "GreaterThanThreshold", e.oldestMessageAgeAlarmSeconds()),
                () -> assertAlarm(name + "dead-letters", "AWS/SQS", "ApproximateNumberOfMessagesVisible", dlqName,
                        "Maximum", 60, 1, 1, "GreaterThanOrEqualToThreshold", e.dlqAlarmMessages()),
                // For 3 minutes: three one-minute periods, all breaching.
                () -> assertAlarm(name + "backlog", "AWS/SQS", "ApproximateNumberOfMessagesVisible", queueName,
                        "Maximum", 60, 3, 3, "GreaterThanThreshold", e.backlogAlarmMessages()),
                () -> assertAlarm(name + "consumer-errors", "AWS/Lambda", "Errors", functionName,
                        "Sum", 300, 1, 1, "GreaterThanOrEqualToThreshold", e.consumerErrorsAlarm()),
                () -> assertAlarm(name + "consumer-throttles", "AWS/Lambda", "Throttles", functionName,
                        "Sum", 300, 1, 1, "GreaterThanOrEqualToThreshold", e.consumerThrottlesAlarm()),
                // The consumer's own metric, of this endpoint of this stack's deployment only.
                () -> assertAlarm(name + "end-to-end-delay", METRICS_NAMESPACE, "EndToEndDelay", e.service(),
                        "Maximum", 60, 1, 1, "GreaterThanThreshold", e.endToEndDelayAlarmMs()),
                () -> assertEquals(List.of(Map.of("Name", "Service", "Value", e.service())),
                        alarm(name + "end-to-end-delay").get("Dimensions")));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theTimeToDrainAlarmComputesItFromTheQueuesRates(Planned e) {
        String name = e.serviceSuffix() + "-time-to-drain";
        Map<String, Object> alarm = alarm(name);
        Map<String, Map<String, Object>> queries = metricQueries(alarm);
        Object queueName = getAtt(ids(e).queue(), "QueueName");
        Map<String, Object> expression = only(expressions(queries)).getValue();
        assertAll(
                () -> assertEquals(List.of("visible", "sent", "deleted"), metricIds(queries)),
                () -> assertMetricQuery(queries.get("visible"), "AWS/SQS", "ApproximateNumberOfMessagesVisible",
                        queueName, "Average", 60),
                () -> assertMetricQuery(queries.get("sent"), "AWS/SQS", "NumberOfMessagesSent", queueName, "Sum", 60),
                () -> assertMetricQuery(queries.get("deleted"), "AWS/SQS", "NumberOfMessagesDeleted", queueName,
                        "Sum", 60),
                // Only the expression is the alarm's metric; the rates feed it.
                () -> assertEquals(List.of(false, false, false), metricIds(queries).stream()
                        .map(id -> queries.get(id).get("ReturnData")).toList()),
                () -> assertEquals(e.timeToDrainExpression(), expression.get("Expression")),
                () -> assertEquals(Boolean.TRUE, expression.get("ReturnData")),
                () -> assertFalse(alarm.containsKey("ThresholdMetricId"), "a fixed threshold"),
                // For 2 of 3 minutes.
                () -> assertFires(alarm, name, 3, 2, "GreaterThanThreshold", (double) e.timeToDrainAlarmSeconds()));
    }

    @Test
    void theLatencyAnomalyAlarmWatchesTheBandCloudWatchLearns() {
        Map<String, Object> alarm = alarm("-api-latency-anomaly");
        Map<String, Map<String, Object>> queries = metricQueries(alarm);
        Map<String, Object> band = only(expressions(queries)).getValue();
        assertAll(
                () -> assertEquals(List.of("latency"), metricIds(queries)),
                () -> assertMetricQuery(queries.get("latency"), "AWS/ApiGateway", "Latency", STACK + "-api",
                        "Average", 60),
                () -> assertEquals("ANOMALY_DETECTION_BAND(latency, " + API_LATENCY_ANOMALY_BAND + ")",
                        band.get("Expression")),
                // The band is the threshold: the alarm compares the latency with its upper edge.
                () -> assertEquals(band.get("Id"), alarm.get("ThresholdMetricId")),
                () -> assertEquals(Boolean.TRUE, queries.get("latency").get("ReturnData")),
                () -> assertEquals(Boolean.TRUE, band.get("ReturnData")),
                // For 3 of 5 minutes.
                () -> assertFires(alarm, "-api-latency-anomaly", 5, 3, "GreaterThanUpperThreshold", null));
    }

    @Test
    void theDashboardShowsThePipelineWithThePlannedLimits() throws IOException {
        Map<String, Object> dashboard = properties(only(template.findResources("AWS::CloudWatch::Dashboard")).getValue());
        assertEquals(STACK, dashboard.get("DashboardName"));
        List<Object> references = new ArrayList<>();
        JsonNode body = dashboardBody(dashboard, references);
        List<String> titles = new ArrayList<>();
        List<Map<String, Double>> limits = new ArrayList<>();
        List<String> alarms = new ArrayList<>();
        Map<String, Double> section = new HashMap<>();
        for (JsonNode widget : body.path("widgets")) {
            String title = widget.path("properties").path("title").asText("");
            titles.add(title);
            // Each endpoint's section starts with its queue's first graph.
            if (title.equals("Queue: sent, visible, in flight")) {
                section = new HashMap<>();
                limits.add(section);
            }
            for (JsonNode line : widget.path("properties").path("annotations").path("horizontal")) {
                section.put(title + " / " + line.path("label").asText(), line.path("value").asDouble());
            }
            for (JsonNode arn : widget.path("properties").path("alarms")) {
                alarms.add(alarmName(references.get(reference(arn.asText()))));
            }
        }
        List<Map<String, Double>> planned = ENDPOINTS.stream().map(e -> Map.of(
                "Queue: oldest message age (s) / Tolerance", (double) e.oldestMessageAgeAlarmSeconds(),
                "Queue: time to drain (s) / Tolerance", (double) e.timeToDrainAlarmSeconds(),
                "Consumer: duration p99 (ms) / Timeout", e.functionTimeoutSeconds() * 1000.0,
                "Consumer: concurrent executions / Maximum concurrency", (double) e.maxConcurrency(),
                "End-to-end delay, accept to processed (ms) / Tolerance", (double) e.endToEndDelayAlarmMs())).toList();
        assertAll(
                () -> assertEquals(WIDGET_TITLES, titles),
                () -> assertEquals("-PT6H", body.path("start").asText()),
                () -> assertEquals("inherit", body.path("periodOverride").asText()),
                // Every alarm, in the order of the pipeline.
                () -> assertEquals(ALARMS, alarms),
                // Each limit the plan derived, as a line on its graph: the API's, then each endpoint's.
                () -> assertEquals(planned, limits),
                () -> assertEquals((double) API_LATENCY_P99_ALARM_MS, body.path("widgets").get(4).path("properties")
                        .path("annotations").path("horizontal").get(0).path("value").asDouble()));
    }

    @Test
    void logsInsightsHoldsTheTwoSavedQueries() {
        String accessLog = only(template.findResources("AWS::Logs::LogGroup",
                Map.of("Properties", Map.of("LogGroupName", Match.absent())))).getKey();
        List<Object> consumerLogs = ENDPOINTS.stream().map(e -> (Object) ref(ids(e).consumerLog())).toList();
        template.resourceCountIs("AWS::Logs::QueryDefinition", 2);
        Map<String, Object> trace = properties(only(template.findResources("AWS::Logs::QueryDefinition",
                Map.of("Properties", Map.of("Name", STACK + "/follow-one-request")))).getValue());
        Map<String, Object> slowest = properties(only(template.findResources("AWS::Logs::QueryDefinition",
                Map.of("Properties", Map.of("Name", STACK + "/slowest-deliveries")))).getValue());
        String traceQuery = (String) trace.get("QueryString");
        String slowestQuery = (String) slowest.get("QueryString");
        List<Object> both = new ArrayList<>(List.of(ref(accessLog)));
        both.addAll(consumerLogs);
        assertAll(
                // One request through both hops: the API's access-log line and the consumer's lines, of every endpoint.
                () -> assertEquals(both, trace.get("LogGroupNames")),
                () -> assertTrue(traceQuery.contains("| filter requestId = \"REQUEST_ID\" or correlationId = \"REQUEST_ID\""),
                        traceQuery),
                () -> assertTrue(traceQuery.endsWith("| sort @timestamp asc"), traceQuery),
                () -> assertEquals(consumerLogs, slowest.get("LogGroupNames")),
                () -> assertTrue(slowestQuery.contains("| filter ispresent(endToEndDelayMs)"), slowestQuery),
                () -> assertTrue(slowestQuery.contains("| sort endToEndDelayMs desc"), slowestQuery));
    }

    @Test
    void alarmsReachTheEncryptedTopicAndItsSubscriber() {
        String key = only(template.findResources("AWS::KMS::Key")).getKey();
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", getAtt(key, "Arn")));
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", ALARM_EMAIL));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theQueuesAreFifoOrStandardAndDeduplicateAsChosen(Planned e) {
        Map<String, Object> source = properties(resource(ids(e).queue()));
        Map<String, Object> dlq = properties(resource(ids(e).deadLetterQueue()));
        Consistency c = e.consistency();
        if (!c.fifo()) {
            assertFalse(source.containsKey("FifoQueue") || dlq.containsKey("FifoQueue"), "standard queues");
            return;
        }
        assertAll(
                () -> assertEquals(Boolean.TRUE, source.get("FifoQueue"), "the queue is FIFO"),
                // A FIFO queue can only dead-letter into a FIFO queue.
                () -> assertEquals(Boolean.TRUE, dlq.get("FifoQueue"), "the DLQ is FIFO"),
                // CloudFormation names both, with the .fifo suffix FIFO requires.
                () -> assertFalse(source.containsKey("QueueName") || dlq.containsKey("QueueName"), "no fixed names"),
                () -> assertEquals(c.contentBasedDeduplication() ? Boolean.TRUE : null, source.get("ContentBasedDeduplication")),
                () -> assertEquals(c.highThroughput() ? "messageGroup" : null, source.get("DeduplicationScope")),
                () -> assertEquals(c.highThroughput() ? "perMessageGroupId" : null, source.get("FifoThroughputLimit")),
                // Only failed messages reach the DLQ: no deduplication or throughput settings of its own.
                () -> assertFalse(dlq.containsKey("ContentBasedDeduplication"), "DLQ ContentBasedDeduplication"),
                () -> assertFalse(dlq.containsKey("DeduplicationScope"), "DLQ DeduplicationScope"),
                () -> assertFalse(dlq.containsKey("FifoThroughputLimit"), "DLQ FifoThroughputLimit"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void aFifoIntegrationGroupsMessagesByTheOrderingKey(Planned e) throws IOException {
        String request = (String) map(map(method(e), "Integration"), "RequestTemplates").get("application/json");
        Consistency c = e.consistency();
        if (!c.fifo()) {
            assertFalse(request.contains("MessageGroupId") || request.contains("MessageDeduplicationId"), request);
            return;
        }
        // In quotes, so a number or a boolean becomes text before urlEncode.
        assertTrue(request.contains("#set($messageGroupId = $input.path(\"" + c.groupKeyJsonPath() + "\"))##"), request);
        assertTrue(request.contains("&MessageGroupId=$util.urlEncode(\"$messageGroupId\")##"), request);
        JsonNode model = JSON.readTree(e.requestModel().toFile());
        assertRequired(model, c.groupKey());
        if (c.dedupeKey() != null) {
            assertTrue(request.contains("#set($messageDeduplicationId = $input.path(\"" + c.dedupeKeyJsonPath() + "\"))##"), request);
            assertTrue(request.contains("&MessageDeduplicationId=$util.urlEncode(\"$messageDeduplicationId\")##"), request);
            assertRequired(model, c.dedupeKey());
        } else if (c.deduplicationIdFromRequest()) {
            // Duplicates tolerated: every request is a message of its own.
            assertTrue(request.contains("&MessageDeduplicationId=$context.requestId##"), request);
        } else {
            // SQS hashes the body; an explicit id would override content-based deduplication.
            assertFalse(request.contains("MessageDeduplicationId"), request);
        }
    }

    /** Every step of a.b is a required property of its object, so every valid body carries the key. */
    private static void assertRequired(JsonNode schema, String dotPath) {
        JsonNode node = schema;
        for (String name : dotPath.split("\\.")) {
            boolean required = false;
            for (JsonNode r : node.path("required")) {
                required |= r.asText().equals(name);
            }
            assertTrue(required, name + " of " + dotPath + " is required by the request model");
            node = node.path("properties").path(name);
        }
        assertTrue(node.isObject() && !node.path("type").asText().equals("object")
                && !node.path("type").asText().equals("array"), dotPath + " is a single value: " + node);
    }

    @Test
    void anIdempotencyTableForEachEndpointThatDeduplicatesWithOne() {
        template.resourceCountIs("AWS::DynamoDB::Table",
                (int) ENDPOINTS.stream().filter(e -> e.consistency().idempotencyTable()).count());
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theIdempotencyTableIsOnDemandExpiringEncryptedAndRecoverable(Planned e) {
        if (!e.consistency().idempotencyTable()) {
            assertEquals(null, ids(e).idempotencyTable(), "no table");
            return;
        }
        // A standard queue: it never deduplicates, the consumer does with this table.
        assertFalse(properties(resource(ids(e).queue())).containsKey("FifoQueue"), "a standard queue");
        Map<String, Object> table = resource(ids(e).idempotencyTable());
        Map<String, Object> p = properties(table);
        assertAll(
                () -> assertEquals("PAY_PER_REQUEST", p.get("BillingMode")),
                () -> assertEquals(List.of(Map.of("AttributeName", "id", "KeyType", "HASH")), p.get("KeySchema")),
                () -> assertEquals(List.of(Map.of("AttributeName", "id", "AttributeType", "S")), p.get("AttributeDefinitions")),
                // The consumer sets expiresAt to the queue's retention after processing.
                () -> assertEquals(Map.of("AttributeName", "expiresAt", "Enabled", true), p.get("TimeToLiveSpecification")),
                () -> assertEquals(Map.of("SSEEnabled", true), p.get("SSESpecification")),
                () -> assertEquals(Map.of("PointInTimeRecoveryEnabled", true), p.get("PointInTimeRecoverySpecification")),
                // Records matter only while a duplicate can arrive: deleted with the stack, as in the SAM form.
                () -> assertEquals("Delete", table.get("DeletionPolicy")),
                () -> assertEquals("Delete", table.get("UpdateReplacePolicy")));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theConsumerReadsAndWritesSingleIdempotencyRecordsOnly(Planned e) {
        Map<String, Object> function = consumer(e);
        List<Map<String, Object>> dynamoDb = statements(e).stream()
                .filter(s -> json(s.get("Action")).contains("dynamodb:"))
                .toList();
        if (!e.consistency().idempotencyTable()) {
            assertEquals(List.of(), dynamoDb, "no DynamoDB access");
            assertFalse(map(function, "Environment", "Variables").containsKey(IDEMPOTENCY_TABLE_VARIABLE));
            return;
        }
        String table = ids(e).idempotencyTable();
        assertEquals(ref(table), map(function, "Environment", "Variables").get(IDEMPOTENCY_TABLE_VARIABLE));
        assertEquals(1, dynamoDb.size(), "one DynamoDB statement: " + dynamoDb);
        Map<String, Object> statement = dynamoDb.get(0);
        // No Query, Scan, batch calls or streams: the store reads and writes one record at a time, by its key.
        assertEquals(IDEMPOTENCY_ACTIONS, ((List<?>) statement.get("Action")).stream().map(String::valueOf).sorted()
                .toList());
        assertEquals("Allow", statement.get("Effect"));
        assertTrue(json(statement.get("Resource")).contains(json(getAtt(table, "Arn"))), json(statement.get("Resource")));
        assertFalse(json(statement.get("Resource")).contains("*"), "this table only: " + json(statement.get("Resource")));
    }

    /**
     * On a FIFO queue the consumer moves a message that fails on its last receive to the dead-letter queue itself, so
     * the later messages of its group go on: it must know that queue and that receive, and may send there only. On a
     * standard queue SQS's redrive policy does: the consumer sends no message.
     */
    @ParameterizedTest
    @MethodSource("endpoints")
    void onlyAFifoConsumerMovesAMessageFailingOnItsLastReceiveToTheDeadLetterQueue(Planned e) {
        Map<String, Object> variables = map(consumer(e), "Environment", "Variables");
        List<Map<String, Object>> sends = statements(e).stream()
                .filter(s -> json(s.get("Action")).contains("\"sqs:SendMessage\""))
                .toList();
        if (!e.consistency().fifo()) {
            assertEquals(List.of(), sends);
            assertFalse(variables.containsKey("DEAD_LETTER_QUEUE_URL"));
            return;
        }
        Map<String, Object> redrive = map(properties(resource(ids(e).queue())), "RedrivePolicy");
        assertEquals(ref(ids(e).deadLetterQueue()), variables.get("DEAD_LETTER_QUEUE_URL"));
        // Lambda's variables are strings: the redrive policy's count, as text.
        assertEquals(String.valueOf(number(redrive, "maxReceiveCount")), variables.get("MAX_RECEIVE_COUNT"));
        assertEquals(String.valueOf(e.maxReceiveCount()), variables.get("MAX_RECEIVE_COUNT"));
        assertEquals(1, sends.size(), "one statement grants sqs:SendMessage: " + sends);
        Map<String, Object> statement = sends.get(0);
        assertEquals("Allow", statement.get("Effect"));
        // SendMessage only: grantSendMessages would add GetQueueAttributes and GetQueueUrl, which it does not call.
        Object action = statement.get("Action");
        assertEquals(List.of("sqs:SendMessage"), action instanceof List<?> actions ? actions : List.of(action));
        assertEquals(json(getAtt(ids(e).deadLetterQueue(), "Arn")), json(statement.get("Resource")));
    }

    /** The consumer function's properties. */
    private static Map<String, Object> consumer(Planned e) {
        return properties(resource(ids(e).function()));
    }

    /** The event source mapping that reads the endpoint's queue. */
    private static Map<String, Object> mapping(Planned e) {
        return properties(only(template.findResources("AWS::Lambda::EventSourceMapping", Map.of("Properties", Map.of(
                "EventSourceArn", getAtt(ids(e).queue(), "Arn"))))).getValue());
    }

    /** The statements of the consumer role's policies. */
    private static List<Map<String, Object>> statements(Planned e) {
        String role = (String) ((List<?>) map(consumer(e), "Role").get("Fn::GetAtt")).get(0);
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> policy : template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of(
                "Roles", Match.arrayWith(List.of(ref(role)))))).values()) {
            list(map(properties(policy), "PolicyDocument"), "Statement").forEach(s -> statements.add(cast(s)));
        }
        return statements;
    }

    @Test
    void theOutputsTheReadmeUsesExist() {
        for (String output : List.of("AlarmTopicArn", "DashboardUrl", "ApiKeyId")) {
            template.hasOutput(output, Match.anyValue());
        }
        for (Planned e : ENDPOINTS) {
            for (String output : List.of("ApiUrl", "QueueUrl", "QueueArn", "DeadLetterQueueUrl", "DeadLetterQueueArn",
                    "ConsumerFunctionName")) {
                template.hasOutput(e.outputPrefix() + output, Match.anyValue());
            }
            if (e.consistency().idempotencyTable()) {
                template.hasOutput(e.outputPrefix() + "IdempotencyTableName", Match.anyValue());
            }
        }
    }

    private static void assertAlarm(String name, String namespace, String metric, Object dimensionValue,
                                    String statistic, int period, int evaluationPeriods, int datapoints,
                                    String comparison, double threshold) {
        Map<String, Object> alarm = alarm(name);
        assertEquals(namespace, alarm.get("Namespace"), name);
        assertEquals(metric, alarm.get("MetricName"), name);
        assertEquals(dimensionValue, cast(list(alarm, "Dimensions").get(0)).get("Value"), name);
        assertEquals(statistic, alarm.get(statistic.startsWith("p") ? "ExtendedStatistic" : "Statistic"), name);
        assertEquals(period, number(alarm, "Period"), name);
        assertFires(alarm, name, evaluationPeriods, datapoints, comparison, threshold);
    }

    /**
     * When the alarm fires (threshold null: an anomaly band instead), that silence is no breach, and
     * that it tells the topic when it fires and when it clears.
     */
    private static void assertFires(Map<String, Object> alarm, String name, int evaluationPeriods, int datapoints,
                                    String comparison, Double threshold) {
        String topic = only(template.findResources("AWS::SNS::Topic")).getKey();
        assertEquals(evaluationPeriods, number(alarm, "EvaluationPeriods"), name);
        // Without DatapointsToAlarm every evaluated period must breach.
        assertEquals(datapoints, ((Number) alarm.getOrDefault("DatapointsToAlarm", alarm.get("EvaluationPeriods")))
                .intValue(), name);
        assertEquals(comparison, alarm.get("ComparisonOperator"), name);
        if (threshold == null) {
            assertFalse(alarm.containsKey("Threshold"), name + ": the band is the threshold");
        } else {
            assertEquals(threshold, ((Number) alarm.get("Threshold")).doubleValue(), 0.0, name);
        }
        assertEquals("notBreaching", alarm.get("TreatMissingData"), name);
        assertEquals(List.of(ref(topic)), alarm.get("AlarmActions"), name);
        assertEquals(List.of(ref(topic)), alarm.get("OKActions"), name);
        assertFalse(((String) alarm.get("AlarmDescription")).isBlank(), name);
    }

    /** One metric of a metric math alarm: what it reads, of which resource, and how. */
    private static void assertMetricQuery(Map<String, Object> query, String namespace, String metric,
                                          Object dimensionValue, String statistic, int period) {
        Map<String, Object> stat = map(query, "MetricStat");
        String id = (String) query.get("Id");
        assertEquals(namespace, map(stat, "Metric").get("Namespace"), id);
        assertEquals(metric, map(stat, "Metric").get("MetricName"), id);
        assertEquals(dimensionValue, cast(list(map(stat, "Metric"), "Dimensions").get(0)).get("Value"), id);
        assertEquals(statistic, stat.get("Stat"), id);
        assertEquals(period, number(stat, "Period"), id);
    }

    /** The alarm of that name after the stack's ("-api-5xx", "-orders-backlog"). */
    private static Map<String, Object> alarm(String name) {
        return properties(only(template.findResources("AWS::CloudWatch::Alarm",
                Map.of("Properties", Map.of("AlarmName", STACK + name)))).getValue());
    }

    /** The name after the stack's of the alarm a reference's Fn::GetAtt [id, Arn] names. */
    private static String alarmName(Object reference) {
        List<?> getAtt = (List<?>) cast(reference).get("Fn::GetAtt");
        assertEquals("Arn", getAtt.get(1), "an alarm's ARN: " + reference);
        String alarmName = (String) properties(resource((String) getAtt.get(0))).get("AlarmName");
        assertTrue(alarmName.startsWith(STACK + "-"), alarmName);
        return alarmName.substring(STACK.length());
    }

    /** A metric math alarm's queries by id, in their order. */
    private static Map<String, Map<String, Object>> metricQueries(Map<String, Object> alarm) {
        Map<String, Map<String, Object>> queries = new LinkedHashMap<>();
        for (Object query : list(alarm, "Metrics")) {
            queries.put((String) cast(query).get("Id"), cast(query));
        }
        return queries;
    }

    /** The ids of the queries that read a metric, in their order. */
    private static List<String> metricIds(Map<String, Map<String, Object>> queries) {
        return queries.entrySet().stream().filter(q -> q.getValue().containsKey("MetricStat")).map(Map.Entry::getKey)
                .toList();
    }

    private static Map<String, Map<String, Object>> expressions(Map<String, Map<String, Object>> queries) {
        Map<String, Map<String, Object>> expressions = new LinkedHashMap<>(queries);
        expressions.values().removeIf(q -> !q.containsKey("Expression"));
        return expressions;
    }

    /**
     * The dashboard's body, the JSON CloudWatch reads. CDK writes it as an Fn::Join of text and the
     * references it holds (ARNs, names, the region); each reference becomes the text "@ref:N@" here,
     * and {@code references.get(N)} is what it stood for.
     */
    private static JsonNode dashboardBody(Map<String, Object> dashboard, List<Object> references) throws IOException {
        Object body = dashboard.get("DashboardBody");
        if (body instanceof String text) {
            return JSON.readTree(text);
        }
        List<?> join = (List<?>) cast(body).get("Fn::Join");
        assertEquals("", join.get(0), "joined without a separator");
        StringBuilder text = new StringBuilder();
        for (Object part : (List<?>) join.get(1)) {
            if (part instanceof String string) {
                text.append(string);
            } else {
                text.append("@ref:").append(references.size()).append('@');
                references.add(part);
            }
        }
        return JSON.readTree(text.toString());
    }

    /** N of a whole "@ref:N@" placeholder. */
    private static int reference(String placeholder) {
        assertTrue(placeholder.matches("@ref:\\d+@"), "a reference alone: " + placeholder);
        return Integer.parseInt(placeholder.substring(5, placeholder.length() - 1));
    }

    // ---------------------------------------------------------------- reading the template

    private static Map<String, Object> method(Planned e) {
        return properties(resource(ids(e).method()));
    }

    private static Map<String, Object> resource(String logicalId) {
        Map<String, Object> resources = cast(template.toJSON().get("Resources"));
        return cast(resources.get(logicalId));
    }

    private static Map<String, Object> properties(Map<String, Object> resource) {
        return cast(resource.get("Properties"));
    }

    private static <V> Map.Entry<String, V> only(Map<String, V> found) {
        assertEquals(1, found.size(), "expected exactly one: " + found.keySet());
        return found.entrySet().iterator().next();
    }

    private static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    private static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    private static Map<String, Object> map(Map<String, Object> node, String... path) {
        Map<String, Object> current = node;
        for (String key : path) {
            assertTrue(current.get(key) instanceof Map, "no map at " + key + " in " + current.keySet());
            current = cast(current.get(key));
        }
        return current;
    }

    private static List<Object> list(Map<String, Object> node, String key) {
        assertTrue(node.get(key) instanceof List, key + " is not a list: " + node.get(key));
        return List.copyOf((List<?>) node.get(key));
    }

    private static long number(Map<String, Object> node, String key) {
        assertTrue(node.get(key) instanceof Number, key + " is not a number: " + node.get(key));
        return ((Number) node.get(key)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        assertTrue(map instanceof Map, "not a map: " + map);
        return (Map<String, Object>) map;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
