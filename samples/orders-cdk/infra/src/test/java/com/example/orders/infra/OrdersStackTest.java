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

    // The project.
    private static final String RUNTIME = "java21";
    private static final String HANDLER = "com.example.orders.OrderHandler::handleRequest";
    private static final String STACK = OrdersApp.STACK_NAME;
    private static final Path CDK_JSON = Path.of("../cdk.json");
    private static final Path REQUEST_MODEL = Path.of("../function/src/main/resources/request-model.json");
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
        String request = (String) templates.get("application/json");
        String uri = json(integration.get("Uri"));
        assertAll(
                () -> assertEquals("AWS", integration.get("Type")),
                () -> assertEquals("POST", integration.get("IntegrationHttpMethod")),
                () -> assertTrue(uri.contains(":sqs:path/") && uri.contains(json(getAtt(queue, "QueueName"))), uri),
                () -> assertEquals("NEVER", integration.get("PassthroughBehavior")),
                () -> assertEquals("'application/x-www-form-urlencoded'",
                        map(integration, "RequestParameters").get("integration.request.header.Content-Type")),
                // Only JSON has a template: with passthrough never, anything else is refused with 415.
                () -> assertEquals(List.of("application/json"), List.copyOf(templates.keySet())),
                () -> assertTrue(request.startsWith("Action=SendMessage&MessageBody=$util.urlEncode($input.body)"),
                        request),
                () -> assertTrue(request.contains("MessageAttribute.1.Name=correlationId"), request),
                () -> assertTrue(request.contains("MessageAttribute.1.Value.StringValue=$context.requestId"), request));
        List<Object> responses = list(integration, "IntegrationResponses");
        assertEquals(2, responses.size());
        assertAll(
                () -> assertEquals("202", cast(responses.get(0)).get("StatusCode")),
                () -> assertEquals("2\\d{2}", cast(responses.get(0)).get("SelectionPattern")),
                () -> assertTrue(json(cast(responses.get(0)).get("ResponseTemplates")).contains("MessageId")),
                () -> assertEquals("500", cast(responses.get(1)).get("StatusCode")),
                () -> assertFalse(cast(responses.get(1)).containsKey("SelectionPattern"), "500 is the default"));
    }

    @Test
    void theBodyIsValidatedAgainstTheRequestModel() throws IOException {
        Map<String, Object> method = method();
        String validator = (String) map(method, "RequestValidatorId").get("Ref");
        assertEquals(Boolean.TRUE, properties(resource(validator)).get("ValidateRequestBody"));
        String model = (String) map(method, "RequestModels", "application/json").get("Ref");
        Map<String, Object> properties = properties(resource(model));
        assertEquals("application/json", properties.get("ContentType"));
        // The request model file, keyword for keyword (a null enum member in its jsii-safe form).
        JsonNode expected = RequestModelSchema.withoutNullEnumMembers(JSON.readTree(REQUEST_MODEL.toFile()));
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
        // Longer than the DLQ keeps a message, so a dead-lettered request's log lines still exist.
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
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
        assertAll(
                () -> assertAlarm("oldest-message-age", "AWS/SQS", "ApproximateAgeOfOldestMessage", queueName,
                        "Maximum", 60, "GreaterThanThreshold", OLDEST_MESSAGE_AGE_ALARM_SECONDS),
                () -> assertAlarm("dead-letters", "AWS/SQS", "ApproximateNumberOfMessagesVisible", dlqName,
                        "Maximum", 60, "GreaterThanOrEqualToThreshold", DLQ_ALARM_MESSAGES),
                () -> assertAlarm("backlog", "AWS/SQS", "ApproximateNumberOfMessagesVisible", queueName,
                        "Maximum", 60, "GreaterThanThreshold", BACKLOG_ALARM_MESSAGES),
                () -> assertAlarm("consumer-errors", "AWS/Lambda", "Errors", functionName,
                        "Sum", 300, "GreaterThanOrEqualToThreshold", CONSUMER_ERRORS_ALARM),
                () -> assertAlarm("consumer-throttles", "AWS/Lambda", "Throttles", functionName,
                        "Sum", 300, "GreaterThanOrEqualToThreshold", CONSUMER_THROTTLES_ALARM),
                () -> assertAlarm("api-5xx", "AWS/ApiGateway", "5XXError", STACK + "-api",
                        "Average", 300, "GreaterThanThreshold", API_5XX_ALARM_RATE),
                () -> assertAlarm("api-latency-p99", "AWS/ApiGateway", "Latency", STACK + "-api",
                        "p99", 300, "GreaterThanThreshold", API_LATENCY_P99_ALARM_MS));
        // For 3 minutes: three one-minute periods, all breaching.
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", STACK + "-backlog", "EvaluationPeriods", 3, "DatapointsToAlarm", 3));
    }

    @Test
    void alarmsReachTheEncryptedTopicAndItsSubscriber() {
        String key = only(template.findResources("AWS::KMS::Key")).getKey();
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", getAtt(key, "Arn")));
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", ALARM_EMAIL));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void theOutputsTheReadmeUsesExist() {
        for (String output : List.of("ApiUrl", "QueueUrl", "QueueArn", "DeadLetterQueueUrl", "DeadLetterQueueArn",
                "ConsumerFunctionName", "AlarmTopicArn")) {
            template.hasOutput(output, Match.anyValue());
        }
    }

    private static void assertAlarm(String name, String namespace, String metric, Object dimensionValue,
                                    String statistic, int period, String comparison, double threshold) {
        String topic = only(template.findResources("AWS::SNS::Topic")).getKey();
        Map<String, Object> alarm = properties(only(template.findResources("AWS::CloudWatch::Alarm",
                Map.of("Properties", Map.of("AlarmName", STACK + "-" + name)))).getValue());
        assertEquals(namespace, alarm.get("Namespace"), name);
        assertEquals(metric, alarm.get("MetricName"), name);
        assertEquals(dimensionValue, cast(list(alarm, "Dimensions").get(0)).get("Value"), name);
        assertEquals(statistic, alarm.get(statistic.startsWith("p") ? "ExtendedStatistic" : "Statistic"), name);
        assertEquals(period, number(alarm, "Period"), name);
        assertEquals(comparison, alarm.get("ComparisonOperator"), name);
        assertEquals(threshold, ((Number) alarm.get("Threshold")).doubleValue(), 0.0, name);
        assertEquals("notBreaching", alarm.get("TreatMissingData"), name);
        assertEquals(List.of(ref(topic)), alarm.get("AlarmActions"), name);
        assertEquals(List.of(ref(topic)), alarm.get("OKActions"), name);
        assertFalse(((String) alarm.get("AlarmDescription")).isBlank(), name);
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
