package com.example.orders.infra;

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
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * The stack as CDK synthesizes it, checked against the plan Sluice derived from the answers (the
 * constants below; the README explains each), against the rules between the settings, and against
 * cdk-nag's AWS Solutions rules. Change a number in the stack on purpose? Change it here too, and keep
 * the rules true.
 *
 * <p>The app is synthesized once for all tests, with cdk.json's context as {@code cdk synth} would: jsii
 * starts a Node.js process for it, which takes seconds. A failed {@link Template} assertion throws a
 * RuntimeException that names what did not match.
 */
class OrdersStackTest {
    // The plan.
    private static final int BATCH_SIZE = 90;
    private static final int BATCHING_WINDOW_SECONDS = 90;
    private static final int MAX_CONCURRENCY = 5;
    private static final int FUNCTION_TIMEOUT_SECONDS = 78;
    private static final int MEMORY_MB = 1024;
    private static final int VISIBILITY_TIMEOUT_SECONDS = 558;
    private static final int MAX_RECEIVE_COUNT = 5;
    private static final long RETENTION_SECONDS = 345600L;
    private static final long DLQ_RETENTION_SECONDS = 1209600L;
    private static final int MAX_MESSAGE_BYTES = 66560;
    private static final int THROTTLE_RATE_LIMIT = 60;
    private static final int THROTTLE_BURST_LIMIT = 60;
    private static final long OLDEST_MESSAGE_AGE_ALARM_SECONDS = 300L;
    private static final long BACKLOG_ALARM_MESSAGES = 12679L;
    private static final int DLQ_ALARM_MESSAGES = 1;
    private static final int CONSUMER_ERRORS_ALARM = 1;
    private static final int CONSUMER_THROTTLES_ALARM = 1;
    private static final double API_5XX_ALARM_RATE = 0.01;
    private static final int API_LATENCY_P99_ALARM_MS = 1000;
    /** The width of the API latency anomaly band, in standard deviations. */
    private static final int API_LATENCY_ANOMALY_BAND = 2;
    private static final long END_TO_END_DELAY_ALARM_MS = 300000L;
    private static final long TIME_TO_DRAIN_ALARM_SECONDS = 300L;
    /** Seconds to empty the queue from its metrics visible, sent and deleted. */
    private static final String TIME_TO_DRAIN_EXPRESSION = "IF(visible <= 249, 0, IF(deleted - sent > 0, visible / ((deleted - sent) / PERIOD(deleted)), 345600))";
    private static final int LOG_RETENTION_DAYS = 30;

    // The project.
    private static final String RUNTIME = "java21";
    private static final String HANDLER = "com.example.orders.OrderHandler::handleRequest";
    private static final String STACK = OrdersApp.STACK_NAME;
    /** The namespace of the consumer's own metrics (EndToEndDelay). */
    private static final String METRICS_NAMESPACE = "orders";
    /** The alarms in the order the dashboard lists them: API, queue, consumer, dead letters, end to end. */
    private static final List<String> ALARMS = List.of(
            "api-latency-p99",
            "api-latency-anomaly",
            "api-5xx",
            "time-to-drain",
            "oldest-message-age",
            "backlog",
            "consumer-errors",
            "consumer-throttles",
            "dead-letters",
            "end-to-end-delay");
    /** The dashboard's widgets, top to bottom and left to right (the text header has no title). */
    private static final List<String> WIDGET_TITLES = List.of("", "Alarms",
            "API: requests", "API: 4XX and 5XX", "API: latency",
            "Queue: sent, visible, in flight", "Queue: oldest message age (s)", "Queue: time to drain (s)",
            "Consumer: invocations, errors, throttles", "Consumer: duration p99 (ms)", "Consumer: concurrent executions",
            "DLQ: messages", "DLQ: oldest message age (s)", "End-to-end delay, accept to processed (ms)");
    private static final Path CDK_JSON = Path.of("../cdk.json");
    private static final Path REQUEST_MODEL = Path.of("../function/src/main/resources/request-model.json");
    /** What the local pipeline (function/src/test/java/.../local) runs with. */
    private static final Path LOCAL_PIPELINE = Path.of("../function/pipeline.json");
    /** Given as context, as {@code -c alarmEmail=...} would. */
    private static final String ALARM_EMAIL = "alarms@example.com";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Template template;
    private static List<SynthesisMessage> nagErrors;
    private static String queue;
    private static String deadLetterQueue;

    @BeforeAll
    static void synthesize() throws IOException {
        // cdk.json's context (the feature flags and the app's settings), as cdk synth passes it.
        Map<String, Object> context = new HashMap<>(cast(JSON.readValue(CDK_JSON.toFile(), Map.class).get("context")));
        context.put("alarmEmail", ALARM_EMAIL);
        App app = new App(AppProps.builder().context(context).build());
        OrdersStack stack = OrdersApp.stack(app, OrdersApp.functionJar());
        template = Template.fromStack(stack);
        nagErrors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        queue = only(template.findResources("AWS::SQS::Queue",
                Map.of("Properties", Map.of("RedrivePolicy", Match.anyValue())))).getKey();
        deadLetterQueue = only(template.findResources("AWS::SQS::Queue",
                Map.of("Properties", Map.of("RedrivePolicy", Match.absent())))).getKey();
    }

    @Test
    void cdkNagFindsNoUnsuppressedError() {
        String findings = nagErrors.stream()
                .map(m -> m.getId() + ": " + m.getEntry().getData())
                .collect(Collectors.joining("\n"));
        assertTrue(nagErrors.isEmpty(), "cdk-nag AwsSolutions errors (fix, or suppress with a reason):\n" + findings);
    }

    @Test
    void theQueueFeedsTheLiveAliasInPlannedBatches() {
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", getAtt(queue, "Arn"),
                "BatchSize", BATCH_SIZE,
                "MaximumBatchingWindowInSeconds", BATCHING_WINDOW_SECONDS,
                "ScalingConfig", Map.of("MaximumConcurrency", MAX_CONCURRENCY),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures")));
        String alias = only(template.findResources("AWS::Lambda::Alias",
                Map.of("Properties", Map.of("Name", OrdersStack.ALIAS)))).getKey();
        String invoked = json(properties(only(template.findResources("AWS::Lambda::EventSourceMapping")).getValue())
                .get("FunctionName"));
        assertTrue(invoked.contains(json(ref(alias))), "the queue invokes the alias, not $LATEST: " + invoked);
    }

    /** The local pipeline reads function/pipeline.json: it must be the pipeline this stack deploys. */
    @Test
    void theLocalPipelineRunsWithTheSettingsDeployedHere() throws IOException {
        JsonNode local = JSON.readTree(LOCAL_PIPELINE.toFile());
        Map<String, Object> source = properties(resource(queue));
        Map<String, Object> mapping = properties(only(template.findResources("AWS::Lambda::EventSourceMapping")).getValue());
        String request = (String) map(map(method(), "Integration"), "RequestTemplates").get("application/json");
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
                () -> assertEquals(JSON.valueToTree(map(map(method(), "Integration"), "RequestTemplates")),
                        local.path("integration").path("requestTemplates")),
                () -> assertEquals(map(method(), "Integration").get("PassthroughBehavior"),
                        local.path("integration").path("passthroughBehavior").asText()),
                () -> assertEquals(integrationResponses(), localResponses(local)),
                // It answers a body the model refuses with the gateway response deployed here.
                () -> assertEquals(badRequestBody.get("StatusCode"), local.path("api").path("badRequestBody").path("statusCode").asText()),
                () -> assertEquals(JSON.valueToTree(map(badRequestBody, "ResponseTemplates")), JSON.createObjectNode()
                        .put("application/json", local.path("api").path("badRequestBody").path("template").asText())),
                // Its FIFO ids come from the fields the template reads.
                () -> assertEquals(!group.isNull(), request.contains("&MessageGroupId="), request),
                () -> assertEquals("field".equals(deduplicationId), !deduplication.isNull()
                        && request.contains("#set($messageDeduplicationId = "), request),
                () -> assertEquals("requestId".equals(deduplicationId), request.contains("&MessageDeduplicationId=$context.requestId"), request));
    }

    /** The integration responses as pipeline.json lists them: selection pattern (empty: the default), status, template. */
    private static List<List<String>> integrationResponses() {
        return list(map(method(), "Integration"), "IntegrationResponses").stream().map(r -> List.of(
                (String) cast(r).getOrDefault("SelectionPattern", ""), (String) cast(r).get("StatusCode"),
                (String) map(cast(r), "ResponseTemplates").get("application/json"))).toList();
    }

    private static List<List<String>> localResponses(JsonNode local) {
        List<List<String>> responses = new ArrayList<>();
        local.path("integration").path("responses").forEach(r -> responses.add(List.of(r.path("selectionPattern").asText(),
                r.path("statusCode").asText(), r.path("template").asText())));
        return responses;
    }

    @Test
    void theFunctionIsSizedAsPlannedAndStartsFromSnapStart() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", RUNTIME,
                "Handler", HANDLER,
                "Timeout", FUNCTION_TIMEOUT_SECONDS,
                "MemorySize", MEMORY_MB,
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "TracingConfig", Map.of("Mode", "Active")));
        // SnapStart restores published versions only: the alias points at one.
        template.resourceCountIs("AWS::Lambda::Version", 1);
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                "Name", OrdersStack.ALIAS,
                "FunctionVersion", getAtt(only(template.findResources("AWS::Lambda::Version")).getKey(), "Version")));
    }

    @Test
    void visibilityTimeoutIsSixFunctionTimeoutsPlusTheWindow() {
        long timeout = number(properties(only(template.findResources("AWS::Lambda::Function")).getValue()), "Timeout");
        long window = number(properties(only(template.findResources("AWS::Lambda::EventSourceMapping")).getValue()),
                "MaximumBatchingWindowInSeconds");
        long visibility = number(properties(resource(queue)), "VisibilityTimeout");
        assertEquals(6 * timeout + window, visibility, "AWS: at least 6 × the function timeout + the batching window");
        assertEquals(VISIBILITY_TIMEOUT_SECONDS, visibility);
    }

    @Test
    void theQueueKeepsAndRedrivesMessagesAsPlanned() {
        assertTrue(MAX_RECEIVE_COUNT >= 5, "AWS advises at least 5 receives for a Lambda consumer");
        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "VisibilityTimeout", VISIBILITY_TIMEOUT_SECONDS,
                "MessageRetentionPeriod", RETENTION_SECONDS,
                "MaximumMessageSize", MAX_MESSAGE_BYTES,
                "RedrivePolicy", Map.of(
                        "deadLetterTargetArn", getAtt(deadLetterQueue, "Arn"),
                        "maxReceiveCount", MAX_RECEIVE_COUNT)));
    }

    @Test
    void theDeadLetterQueueOutlivesTheQueue() {
        Map<String, Object> dlq = properties(resource(deadLetterQueue));
        long retention = number(dlq, "MessageRetentionPeriod");
        assertEquals(DLQ_RETENTION_SECONDS, retention);
        // A dead-lettered message keeps its original enqueue time.
        assertTrue(retention >= number(properties(resource(queue)), "MessageRetentionPeriod"));
        assertTrue(number(dlq, "MaximumMessageSize") >= number(properties(resource(queue)), "MaximumMessageSize"));
    }

    @Test
    void bothQueuesAreEncryptedAtRestAndRefuseAnythingButTls() {
        for (String id : List.of(queue, deadLetterQueue)) {
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

    @Test
    void apiGatewayMaySendToThisQueueOnly() {
        Map<String, Object> integration = map(method(), "Integration");
        String role = (String) ((List<?>) map(integration, "Credentials").get("Fn::GetAtt")).get(0);
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
        assertAll(
                () -> assertEquals("Allow", statement.get("Effect")),
                () -> assertEquals("sqs:SendMessage", statement.get("Action")),
                () -> assertEquals(getAtt(queue, "Arn"), statement.get("Resource")),
                () -> assertTrue(json(properties.get("AssumeRolePolicyDocument"))
                        .contains("\"Service\":\"apigateway.amazonaws.com\""), "assumed by API Gateway"));
    }

    @Test
    void theIntegrationSendsTheBodyAndTheRequestIdToTheQueue() {
        Map<String, Object> integration = map(method(), "Integration");
        Map<String, Object> templates = map(integration, "RequestTemplates");
        Map<String, Object> headers = map(integration, "RequestParameters");
        String request = (String) templates.get("application/json");
        String uri = json(integration.get("Uri"));
        assertAll(
                () -> assertEquals("AWS", integration.get("Type")),
                () -> assertEquals("POST", integration.get("IntegrationHttpMethod")),
                () -> assertTrue(uri.contains(":sqs:path/") && uri.contains(json(getAtt(queue, "QueueName"))), uri),
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
    @Test
    void sqsAnswersBecomeTheClientsAnswers() {
        List<Object> responses = list(map(method(), "Integration"), "IntegrationResponses");
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
        List<Object> declared = list(method(), "MethodResponses").stream().map(r -> cast(r).get("StatusCode")).toList();
        assertTrue(declared.containsAll(List.of("202", "400", "500")), declared.toString());
    }

    @Test
    void theBodyIsValidatedAgainstTheRequestModel() throws IOException {
        Map<String, Object> method = method();
        String validator = (String) map(method, "RequestValidatorId").get("Ref");
        assertEquals(Boolean.TRUE, properties(resource(validator)).get("ValidateRequestBody"));
        String model = (String) map(method, "RequestModels", "application/json").get("Ref");
        Map<String, Object> properties = properties(resource(model));
        assertEquals("application/json", properties.get("ContentType"));
        // The request model file, keyword for keyword.
        JsonNode expected = JSON.readTree(REQUEST_MODEL.toFile());
        assertEquals(expected, JSON.valueToTree(properties.get("Schema")));
    }

    @Test
    void theStageIsThrottledTracedAndLogged() {
        template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "StageName", OrdersStack.STAGE,
                "TracingEnabled", true,
                "MethodSettings", List.of(Map.of(
                        "ResourcePath", "/*",
                        "HttpMethod", "*",
                        "ThrottlingRateLimit", THROTTLE_RATE_LIMIT,
                        "ThrottlingBurstLimit", THROTTLE_BURST_LIMIT,
                        "DataTraceEnabled", false)),
                "AccessLogSetting", Map.of(
                        "DestinationArn", Match.anyValue(),
                        "Format", Match.stringLikeRegexp(".*\"requestId\":\"\\$context.requestId\".*"))));
    }

    @Test
    void bothLogGroupsAreEncryptedAndKeptAsPlanned() {
        String key = only(template.findResources("AWS::KMS::Key")).getKey();
        // The API's access log and the consumer's log.
        template.resourceCountIs("AWS::Logs::LogGroup", 2);
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of(
                "RetentionInDays", LOG_RETENTION_DAYS,
                "KmsKeyId", getAtt(key, "Arn")));
    }

    @Test
    void theConsumerLogsAndMeasuresUnderThisStacksName() {
        Map<String, Object> variables = map(properties(only(template.findResources("AWS::Lambda::Function")).getValue()),
                "Environment", "Variables");
        assertAll(
                // The Service dimension of EndToEndDelay, which the alarm and the dashboard read.
                () -> assertEquals(STACK, variables.get("POWERTOOLS_SERVICE_NAME")),
                () -> assertEquals(METRICS_NAMESPACE, variables.get("POWERTOOLS_METRICS_NAMESPACE")));
    }

    @Test
    void theEndpointIsOpenAsChosen() {
        assertEquals("NONE", method().get("AuthorizationType"));
        assertFalse(method().containsKey("ApiKeyRequired"));
        template.resourceCountIs("AWS::ApiGateway::UsagePlan", 0);
    }

    @Test
    void everyAlarmWatchesItsMetricAtThePlannedThreshold() {
        Object queueName = getAtt(queue, "QueueName");
        Object dlqName = getAtt(deadLetterQueue, "QueueName");
        Object functionName = ref(only(template.findResources("AWS::Lambda::Function")).getKey());
        // Period in seconds, then how many periods are evaluated and how many of them must breach.
        assertAll(
                () -> assertAlarm("oldest-message-age", "AWS/SQS", "ApproximateAgeOfOldestMessage", queueName,
                        "Maximum", 60, 1, 1, "GreaterThanThreshold", OLDEST_MESSAGE_AGE_ALARM_SECONDS),
                () -> assertAlarm("dead-letters", "AWS/SQS", "ApproximateNumberOfMessagesVisible", dlqName,
                        "Maximum", 60, 1, 1, "GreaterThanOrEqualToThreshold", DLQ_ALARM_MESSAGES),
                // For 3 minutes: three one-minute periods, all breaching.
                () -> assertAlarm("backlog", "AWS/SQS", "ApproximateNumberOfMessagesVisible", queueName,
                        "Maximum", 60, 3, 3, "GreaterThanThreshold", BACKLOG_ALARM_MESSAGES),
                () -> assertAlarm("consumer-errors", "AWS/Lambda", "Errors", functionName,
                        "Sum", 300, 1, 1, "GreaterThanOrEqualToThreshold", CONSUMER_ERRORS_ALARM),
                () -> assertAlarm("consumer-throttles", "AWS/Lambda", "Throttles", functionName,
                        "Sum", 300, 1, 1, "GreaterThanOrEqualToThreshold", CONSUMER_THROTTLES_ALARM),
                () -> assertAlarm("api-5xx", "AWS/ApiGateway", "5XXError", STACK + "-api",
                        "Average", 300, 1, 1, "GreaterThanThreshold", API_5XX_ALARM_RATE),
                () -> assertAlarm("api-latency-p99", "AWS/ApiGateway", "Latency", STACK + "-api",
                        "p99", 300, 1, 1, "GreaterThanThreshold", API_LATENCY_P99_ALARM_MS),
                // The consumer's own metric, of this stack's deployment only.
                () -> assertAlarm("end-to-end-delay", METRICS_NAMESPACE, "EndToEndDelay", STACK,
                        "Maximum", 60, 1, 1, "GreaterThanThreshold", END_TO_END_DELAY_ALARM_MS),
                () -> assertEquals(List.of(Map.of("Name", "Service", "Value", STACK)),
                        alarm("end-to-end-delay").get("Dimensions")));
        // And the two metric math alarms below: no other.
        template.resourceCountIs("AWS::CloudWatch::Alarm", ALARMS.size());
    }

    @Test
    void theTimeToDrainAlarmComputesItFromTheQueuesRates() {
        Map<String, Object> alarm = alarm("time-to-drain");
        Map<String, Map<String, Object>> queries = metricQueries(alarm);
        Object queueName = getAtt(queue, "QueueName");
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
                () -> assertEquals(TIME_TO_DRAIN_EXPRESSION, expression.get("Expression")),
                () -> assertEquals(Boolean.TRUE, expression.get("ReturnData")),
                () -> assertFalse(alarm.containsKey("ThresholdMetricId"), "a fixed threshold"),
                // For 2 of 3 minutes.
                () -> assertFires(alarm, "time-to-drain", 3, 2, "GreaterThanThreshold", (double) TIME_TO_DRAIN_ALARM_SECONDS));
    }

    @Test
    void theLatencyAnomalyAlarmWatchesTheBandCloudWatchLearns() {
        Map<String, Object> alarm = alarm("api-latency-anomaly");
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
                () -> assertFires(alarm, "api-latency-anomaly", 5, 3, "GreaterThanUpperThreshold", null));
    }

    @Test
    void theDashboardShowsThePipelineWithThePlannedLimits() throws IOException {
        Map<String, Object> dashboard = properties(only(template.findResources("AWS::CloudWatch::Dashboard")).getValue());
        assertEquals(STACK, dashboard.get("DashboardName"));
        List<Object> references = new ArrayList<>();
        JsonNode body = dashboardBody(dashboard, references);
        List<String> titles = new ArrayList<>();
        Map<String, Double> limits = new HashMap<>();
        List<String> alarms = new ArrayList<>();
        for (JsonNode widget : body.path("widgets")) {
            String title = widget.path("properties").path("title").asText("");
            titles.add(title);
            for (JsonNode line : widget.path("properties").path("annotations").path("horizontal")) {
                limits.put(title + " / " + line.path("label").asText(), line.path("value").asDouble());
            }
            for (JsonNode arn : widget.path("properties").path("alarms")) {
                alarms.add(alarmName(references.get(reference(arn.asText()))));
            }
        }
        assertAll(
                () -> assertEquals(WIDGET_TITLES, titles),
                () -> assertEquals("-PT6H", body.path("start").asText()),
                () -> assertEquals("inherit", body.path("periodOverride").asText()),
                // Every alarm, in the order of the pipeline.
                () -> assertEquals(ALARMS, alarms),
                // Each limit the plan derived, as a line on its graph.
                () -> assertEquals(Map.of(
                        "API: latency / p99 alarm", (double) API_LATENCY_P99_ALARM_MS,
                        "Queue: oldest message age (s) / Tolerance", (double) OLDEST_MESSAGE_AGE_ALARM_SECONDS,
                        "Queue: time to drain (s) / Tolerance", (double) TIME_TO_DRAIN_ALARM_SECONDS,
                        "Consumer: duration p99 (ms) / Timeout", FUNCTION_TIMEOUT_SECONDS * 1000.0,
                        "Consumer: concurrent executions / Maximum concurrency", (double) MAX_CONCURRENCY,
                        "End-to-end delay, accept to processed (ms) / Tolerance", (double) END_TO_END_DELAY_ALARM_MS),
                        limits));
    }

    @Test
    void logsInsightsHoldsTheTwoSavedQueries() {
        String accessLog = only(template.findResources("AWS::Logs::LogGroup",
                Map.of("Properties", Map.of("LogGroupName", Match.absent())))).getKey();
        String consumerLog = only(template.findResources("AWS::Logs::LogGroup",
                Map.of("Properties", Map.of("LogGroupName", Match.anyValue())))).getKey();
        template.resourceCountIs("AWS::Logs::QueryDefinition", 2);
        Map<String, Object> trace = properties(only(template.findResources("AWS::Logs::QueryDefinition",
                Map.of("Properties", Map.of("Name", STACK + "/follow-one-request")))).getValue());
        Map<String, Object> slowest = properties(only(template.findResources("AWS::Logs::QueryDefinition",
                Map.of("Properties", Map.of("Name", STACK + "/slowest-deliveries")))).getValue());
        String traceQuery = (String) trace.get("QueryString");
        String slowestQuery = (String) slowest.get("QueryString");
        assertAll(
                // One request through both hops: the API's access-log line and the consumer's lines.
                () -> assertEquals(List.of(ref(accessLog), ref(consumerLog)), trace.get("LogGroupNames")),
                () -> assertTrue(traceQuery.contains("| filter requestId = \"REQUEST_ID\" or correlationId = \"REQUEST_ID\""),
                        traceQuery),
                () -> assertTrue(traceQuery.endsWith("| sort @timestamp asc"), traceQuery),
                () -> assertEquals(List.of(ref(consumerLog)), slowest.get("LogGroupNames")),
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

    /** SQS's redrive policy moves a failing message to the dead-letter queue: the consumer sends no message. */
    @Test
    void theConsumerSendsNoMessage() {
        assertEquals(List.of(), sendStatements());
        assertFalse(json(map(consumer(), "Environment", "Variables")).contains("DEAD_LETTER_QUEUE_URL"));
    }

    /** The consumer function's properties. */
    private static Map<String, Object> consumer() {
        return properties(only(template.findResources("AWS::Lambda::Function")).getValue());
    }

    /** The statements of the consumer role's policies that grant sqs:SendMessage. */
    private static List<Map<String, Object>> sendStatements() {
        String role = (String) ((List<?>) map(consumer(), "Role").get("Fn::GetAtt")).get(0);
        List<Map<String, Object>> sends = new ArrayList<>();
        for (Map<String, Object> policy : template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of(
                "Roles", Match.arrayWith(List.of(ref(role)))))).values()) {
            for (Object s : list(map(properties(policy), "PolicyDocument"), "Statement")) {
                if (json(cast(s).get("Action")).contains("\"sqs:SendMessage\"")) {
                    sends.add(cast(s));
                }
            }
        }
        return sends;
    }

    @Test
    void theOutputsTheReadmeUsesExist() {
        for (String output : List.of("ApiUrl", "QueueUrl", "QueueArn", "DeadLetterQueueUrl", "DeadLetterQueueArn",
                "ConsumerFunctionName", "AlarmTopicArn", "DashboardUrl")) {
            template.hasOutput(output, Match.anyValue());
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

    private static Map<String, Object> alarm(String name) {
        return properties(only(template.findResources("AWS::CloudWatch::Alarm",
                Map.of("Properties", Map.of("AlarmName", STACK + "-" + name)))).getValue());
    }

    /** The name (without the stack's prefix) of the alarm a reference's Fn::GetAtt [id, Arn] names. */
    private static String alarmName(Object reference) {
        List<?> getAtt = (List<?>) cast(reference).get("Fn::GetAtt");
        assertEquals("Arn", getAtt.get(1), "an alarm's ARN: " + reference);
        String alarmName = (String) properties(resource((String) getAtt.get(0))).get("AlarmName");
        assertTrue(alarmName.startsWith(STACK + "-"), alarmName);
        return alarmName.substring(STACK.length() + 1);
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

    private static Map<String, Object> method() {
        return properties(only(template.findResources("AWS::ApiGateway::Method")).getValue());
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
