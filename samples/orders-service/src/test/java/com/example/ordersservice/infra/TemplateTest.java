package com.example.ordersservice.infra;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The infrastructure as template.yaml declares it, checked against the plan Sluice derived from the
 * answers (the constants below; the README explains each) and against the rules between the settings.
 * Edit a number in template.yaml on purpose? Change it here too, and keep the rules true.
 */
class TemplateTest {
    // The plan of POST /orders.
    private static final int ORDERS_BATCH_SIZE = 90;
    private static final int ORDERS_BATCHING_WINDOW_SECONDS = 90;
    private static final int ORDERS_MAX_CONCURRENCY = 5;
    private static final int ORDERS_FUNCTION_TIMEOUT_SECONDS = 78;
    private static final int ORDERS_MEMORY_MB = 1024;
    private static final int ORDERS_VISIBILITY_TIMEOUT_SECONDS = 558;
    private static final int ORDERS_MAX_RECEIVE_COUNT = 5;
    private static final long ORDERS_RETENTION_SECONDS = 345600L;
    private static final long ORDERS_DLQ_RETENTION_SECONDS = 1209600L;
    private static final int ORDERS_MAX_MESSAGE_BYTES = 66560;
    private static final int ORDERS_THROTTLE_RATE_LIMIT = 60;
    private static final int ORDERS_THROTTLE_BURST_LIMIT = 60;
    private static final long ORDERS_OLDEST_MESSAGE_AGE_ALARM_SECONDS = 300L;
    private static final long ORDERS_BACKLOG_ALARM_MESSAGES = 12679L;
    private static final int ORDERS_DLQ_ALARM_MESSAGES = 1;
    private static final int ORDERS_CONSUMER_ERRORS_ALARM = 1;
    private static final int ORDERS_CONSUMER_THROTTLES_ALARM = 1;
    private static final double API_5XX_ALARM_RATE = 0.01;
    private static final int API_LATENCY_P99_ALARM_MS = 1000;
    private static final int API_LATENCY_ANOMALY_BAND = 2;
    private static final long ORDERS_END_TO_END_DELAY_ALARM_MS = 300000L;
    private static final long ORDERS_TIME_TO_DRAIN_ALARM_SECONDS = 300L;
    private static final String ORDERS_TIME_TO_DRAIN = "IF(visible <= 249, 0, IF(deleted - sent > 0, visible / ((deleted - sent) / PERIOD(deleted)), 345600))";
    private static final long ORDERS_TOLERANCE_SECONDS = 300L;
    private static final int ORDERS_LOG_RETENTION_DAYS = 30;
    /** The consumer's metrics: namespace, and the Service dimension is the stack and the endpoint's suffix. */
    private static final String METRICS_NAMESPACE = "orders-service";

    // The project.
    private static final String RUNTIME = "java21";
    private static final String ORDERS_HANDLER = "com.example.ordersservice.orders.OrderHandler::handleRequest";
    private static final String ORDERS_PATH = "/orders";
    private static final String ORDERS_MODEL = "Orders";
    private static final String STAGE = "prod";

    private static final Map<String, Object> ORDERS_QUEUE_ARN = getAtt("OrdersQueue", "Arn");
    private static final Map<String, Object> ORDERS_DLQ_ARN = getAtt("OrdersDeadLetterQueue", "Arn");

    // The plan of POST /orders/{orderId}/events.
    private static final int ORDERS_EVENTS_BATCH_SIZE = 3;
    private static final int ORDERS_EVENTS_BATCHING_WINDOW_SECONDS = 0;
    private static final int ORDERS_EVENTS_MAX_CONCURRENCY = 4;
    private static final int ORDERS_EVENTS_FUNCTION_TIMEOUT_SECONDS = 11;
    private static final int ORDERS_EVENTS_MEMORY_MB = 1024;
    private static final int ORDERS_EVENTS_VISIBILITY_TIMEOUT_SECONDS = 66;
    private static final int ORDERS_EVENTS_MAX_RECEIVE_COUNT = 5;
    private static final long ORDERS_EVENTS_RETENTION_SECONDS = 345600L;
    private static final long ORDERS_EVENTS_DLQ_RETENTION_SECONDS = 1209600L;
    private static final int ORDERS_EVENTS_MAX_MESSAGE_BYTES = 9216;
    private static final int ORDERS_EVENTS_THROTTLE_RATE_LIMIT = 96;
    private static final int ORDERS_EVENTS_THROTTLE_BURST_LIMIT = 96;
    private static final long ORDERS_EVENTS_OLDEST_MESSAGE_AGE_ALARM_SECONDS = 120L;
    private static final long ORDERS_EVENTS_BACKLOG_ALARM_MESSAGES = 8428L;
    private static final int ORDERS_EVENTS_DLQ_ALARM_MESSAGES = 1;
    private static final int ORDERS_EVENTS_CONSUMER_ERRORS_ALARM = 1;
    private static final int ORDERS_EVENTS_CONSUMER_THROTTLES_ALARM = 1;
    private static final long ORDERS_EVENTS_END_TO_END_DELAY_ALARM_MS = 120000L;
    private static final long ORDERS_EVENTS_TIME_TO_DRAIN_ALARM_SECONDS = 120L;
    private static final String ORDERS_EVENTS_TIME_TO_DRAIN = "IF(visible <= 5648, 0, IF(deleted - sent > 0, visible / ((deleted - sent) / PERIOD(deleted)), 345600))";
    private static final long ORDERS_EVENTS_TOLERANCE_SECONDS = 120L;
    private static final int ORDERS_EVENTS_LOG_RETENTION_DAYS = 30;

    // The project: POST /orders/{orderId}/events.
    private static final String ORDERS_EVENTS_HANDLER = "com.example.ordersservice.ordersevents.EventHandler::handleRequest";
    private static final String ORDERS_EVENTS_PATH = "/orders/{orderId}/events";
    private static final String ORDERS_EVENTS_MODEL = "OrdersEvents";

    // Ordering per key: the FIFO message group is this field of the body, the deduplication id that one.
    private static final String ORDERS_EVENTS_GROUP_KEY = "shipmentId";
    /** The same, as the mapping template's JSONPath reads it. */
    private static final String ORDERS_EVENTS_GROUP_KEY_JSON_PATH = "$.shipmentId";
    private static final String ORDERS_EVENTS_DEDUPLICATION_KEY = "eventId";
    private static final String ORDERS_EVENTS_DEDUPLICATION_KEY_JSON_PATH = "$.eventId";

    private static final Map<String, Object> ORDERS_EVENTS_QUEUE_ARN = getAtt("OrdersEventsQueue", "Arn");
    private static final Map<String, Object> ORDERS_EVENTS_DLQ_ARN = getAtt("OrdersEventsDeadLetterQueue", "Arn");

    // The plan of POST /refunds.
    private static final int REFUNDS_BATCH_SIZE = 60;
    private static final int REFUNDS_BATCHING_WINDOW_SECONDS = 300;
    private static final int REFUNDS_MAX_CONCURRENCY = 2;
    private static final int REFUNDS_FUNCTION_TIMEOUT_SECONDS = 145;
    private static final int REFUNDS_MEMORY_MB = 1024;
    private static final int REFUNDS_VISIBILITY_TIMEOUT_SECONDS = 1170;
    private static final int REFUNDS_MAX_RECEIVE_COUNT = 5;
    private static final long REFUNDS_RETENTION_SECONDS = 345600L;
    private static final long REFUNDS_DLQ_RETENTION_SECONDS = 1209600L;
    private static final int REFUNDS_MAX_MESSAGE_BYTES = 17408;
    private static final int REFUNDS_THROTTLE_RATE_LIMIT = 12;
    private static final int REFUNDS_THROTTLE_BURST_LIMIT = 12;
    private static final long REFUNDS_OLDEST_MESSAGE_AGE_ALARM_SECONDS = 1800L;
    private static final long REFUNDS_BACKLOG_ALARM_MESSAGES = 11368L;
    private static final int REFUNDS_DLQ_ALARM_MESSAGES = 1;
    private static final int REFUNDS_CONSUMER_ERRORS_ALARM = 1;
    private static final int REFUNDS_CONSUMER_THROTTLES_ALARM = 1;
    private static final long REFUNDS_END_TO_END_DELAY_ALARM_MS = 1800000L;
    private static final long REFUNDS_TIME_TO_DRAIN_ALARM_SECONDS = 1800L;
    private static final String REFUNDS_TIME_TO_DRAIN = "IF(visible <= 1006, 0, IF(deleted - sent > 0, visible / ((deleted - sent) / PERIOD(deleted)), 345600))";
    private static final long REFUNDS_TOLERANCE_SECONDS = 1800L;
    private static final int REFUNDS_LOG_RETENTION_DAYS = 30;

    // The project: POST /refunds.
    private static final String REFUNDS_HANDLER = "com.example.ordersservice.refunds.RefundHandler::handleRequest";
    private static final String REFUNDS_PATH = "/refunds";
    private static final String REFUNDS_MODEL = "Refunds";

    private static final Map<String, Object> REFUNDS_QUEUE_ARN = getAtt("RefundsQueue", "Arn");
    private static final Map<String, Object> REFUNDS_DLQ_ARN = getAtt("RefundsDeadLetterQueue", "Arn");

    private static Map<String, Object> resources;

    @BeforeAll
    static void loadTemplate() throws IOException {
        Map<String, Object> template = load(Path.of("template.yaml"));
        resources = map(template, "Resources");
    }

    @Test
    void theQueueFeedsTheFunctionInPlannedBatchesOrders() {
        Map<String, Object> event = map(functionOrders(), "Events", "Queue");
        assertEquals("SQS", event.get("Type"));
        Map<String, Object> mapping = map(event, "Properties");
        assertAll(
                () -> assertEquals(ORDERS_QUEUE_ARN, mapping.get("Queue")),
                () -> assertEquals(ORDERS_BATCH_SIZE, number(mapping, "BatchSize")),
                () -> assertEquals(ORDERS_BATCHING_WINDOW_SECONDS, number(mapping, "MaximumBatchingWindowInSeconds")),
                () -> assertEquals(ORDERS_MAX_CONCURRENCY, number(map(mapping, "ScalingConfig"), "MaximumConcurrency")),
                () -> assertEquals(List.of("ReportBatchItemFailures"), mapping.get("FunctionResponseTypes")));
    }

    @Test
    void theFunctionIsSizedAsPlannedAndStartsFromSnapStartOrders() {
        Map<String, Object> function = functionOrders();
        assertAll(
                () -> assertEquals(RUNTIME, function.get("Runtime")),
                () -> assertEquals(ORDERS_HANDLER, function.get("Handler")),
                () -> assertEquals(ORDERS_FUNCTION_TIMEOUT_SECONDS, number(function, "Timeout")),
                () -> assertEquals(ORDERS_MEMORY_MB, number(function, "MemorySize")),
                () -> assertEquals("PublishedVersions", map(function, "SnapStart").get("ApplyOn")),
                // SnapStart restores published versions only; the alias makes the queue invoke one.
                () -> assertNotNull(function.get("AutoPublishAlias")),
                () -> assertEquals("Active", function.get("Tracing")),
                () -> assertEquals(ref("OrdersConsumerLogGroup"), map(function, "LoggingConfig").get("LogGroup")));
    }

    @Test
    void theFunctionIsTheJarTheIntegrationTestsRanAgainstOrders() {
        // mvn package builds target/function.jar and the integration tests run against it: sam build must leave it
        // as it is, not package target/classes and the dependency jars in its place.
        assertEquals("target/function.jar", functionOrders().get("CodeUri"));
        assertEquals(true, map(resources, "OrdersConsumerFunction", "Metadata").get("SkipBuild"));
    }

    @Test
    void visibilityTimeoutIsSixFunctionTimeoutsPlusTheWindowOrders() {
        long timeout = number(functionOrders(), "Timeout");
        long window = number(map(functionOrders(), "Events", "Queue", "Properties"), "MaximumBatchingWindowInSeconds");
        long visibility = number(queue("OrdersQueue"), "VisibilityTimeout");
        assertEquals(6 * timeout + window, visibility, "AWS: at least 6 × the function timeout + the batching window");
        assertEquals(ORDERS_VISIBILITY_TIMEOUT_SECONDS, visibility);
    }

    @Test
    void theQueueKeepsAndRedrivesMessagesAsPlannedOrders() {
        Map<String, Object> queue = queue("OrdersQueue");
        Map<String, Object> redrive = map(queue, "RedrivePolicy");
        assertAll(
                () -> assertEquals(ORDERS_RETENTION_SECONDS, number(queue, "MessageRetentionPeriod")),
                () -> assertEquals(ORDERS_MAX_MESSAGE_BYTES, number(queue, "MaximumMessageSize")),
                () -> assertEquals(ORDERS_DLQ_ARN, redrive.get("deadLetterTargetArn")),
                () -> assertEquals(ORDERS_MAX_RECEIVE_COUNT, number(redrive, "maxReceiveCount")),
                () -> assertTrue(ORDERS_MAX_RECEIVE_COUNT >= 5, "AWS advises at least 5 receives for a Lambda consumer"));
    }

    @Test
    void theDeadLetterQueueOutlivesTheQueueOrders() {
        Map<String, Object> dlq = queue("OrdersDeadLetterQueue");
        long retention = number(dlq, "MessageRetentionPeriod");
        assertEquals(ORDERS_DLQ_RETENTION_SECONDS, retention);
        // A dead-lettered message keeps its original enqueue time.
        assertTrue(retention >= number(queue("OrdersQueue"), "MessageRetentionPeriod"));
        assertTrue(number(dlq, "MaximumMessageSize") >= number(queue("OrdersQueue"), "MaximumMessageSize"));
    }

    @Test
    void bothQueuesAreEncryptedAtRestAndRefuseAnythingButTlsOrders() {
        for (String queue : List.of("OrdersQueue", "OrdersDeadLetterQueue")) {
            assertEquals(Boolean.TRUE, queue(queue).get("SqsManagedSseEnabled"), queue + " SSE");
            assertTrue(hasTlsOnlyPolicy(queue), queue + " has no policy denying aws:SecureTransport false");
        }
    }

    @Test
    void theQueueFeedsTheFunctionInPlannedBatchesOrdersEvents() {
        Map<String, Object> event = map(functionOrdersEvents(), "Events", "Queue");
        assertEquals("SQS", event.get("Type"));
        Map<String, Object> mapping = map(event, "Properties");
        assertAll(
                () -> assertEquals(ORDERS_EVENTS_QUEUE_ARN, mapping.get("Queue")),
                () -> assertEquals(ORDERS_EVENTS_BATCH_SIZE, number(mapping, "BatchSize")),
                // A FIFO event source takes no batching window, and so at most 10 messages a batch.
                () -> assertFalse(mapping.containsKey("MaximumBatchingWindowInSeconds"), "no batching window on a FIFO queue"),
                () -> assertEquals(0, ORDERS_EVENTS_BATCHING_WINDOW_SECONDS),
                () -> assertTrue(ORDERS_EVENTS_BATCH_SIZE <= 10, "a FIFO batch holds at most 10 messages"),
                () -> assertEquals(ORDERS_EVENTS_MAX_CONCURRENCY, number(map(mapping, "ScalingConfig"), "MaximumConcurrency")),
                () -> assertEquals(List.of("ReportBatchItemFailures"), mapping.get("FunctionResponseTypes")));
    }

    @Test
    void theFunctionIsSizedAsPlannedAndStartsFromSnapStartOrdersEvents() {
        Map<String, Object> function = functionOrdersEvents();
        assertAll(
                () -> assertEquals(RUNTIME, function.get("Runtime")),
                () -> assertEquals(ORDERS_EVENTS_HANDLER, function.get("Handler")),
                () -> assertEquals(ORDERS_EVENTS_FUNCTION_TIMEOUT_SECONDS, number(function, "Timeout")),
                () -> assertEquals(ORDERS_EVENTS_MEMORY_MB, number(function, "MemorySize")),
                () -> assertEquals("PublishedVersions", map(function, "SnapStart").get("ApplyOn")),
                // SnapStart restores published versions only; the alias makes the queue invoke one.
                () -> assertNotNull(function.get("AutoPublishAlias")),
                () -> assertEquals("Active", function.get("Tracing")),
                () -> assertEquals(ref("OrdersEventsConsumerLogGroup"), map(function, "LoggingConfig").get("LogGroup")));
    }

    @Test
    void theFunctionIsTheJarTheIntegrationTestsRanAgainstOrdersEvents() {
        // mvn package builds target/function.jar and the integration tests run against it: sam build must leave it
        // as it is, not package target/classes and the dependency jars in its place.
        assertEquals("target/function.jar", functionOrdersEvents().get("CodeUri"));
        assertEquals(true, map(resources, "OrdersEventsConsumerFunction", "Metadata").get("SkipBuild"));
    }

    @Test
    void visibilityTimeoutIsSixFunctionTimeoutsPlusTheWindowOrdersEvents() {
        long timeout = number(functionOrdersEvents(), "Timeout");
        long window = 0; // a FIFO event source has no batching window
        long visibility = number(queue("OrdersEventsQueue"), "VisibilityTimeout");
        assertEquals(6 * timeout + window, visibility, "AWS: at least 6 × the function timeout + the batching window");
        assertEquals(ORDERS_EVENTS_VISIBILITY_TIMEOUT_SECONDS, visibility);
    }

    @Test
    void theQueueKeepsAndRedrivesMessagesAsPlannedOrdersEvents() {
        Map<String, Object> queue = queue("OrdersEventsQueue");
        Map<String, Object> redrive = map(queue, "RedrivePolicy");
        assertAll(
                () -> assertEquals(ORDERS_EVENTS_RETENTION_SECONDS, number(queue, "MessageRetentionPeriod")),
                () -> assertEquals(ORDERS_EVENTS_MAX_MESSAGE_BYTES, number(queue, "MaximumMessageSize")),
                () -> assertEquals(ORDERS_EVENTS_DLQ_ARN, redrive.get("deadLetterTargetArn")),
                () -> assertEquals(ORDERS_EVENTS_MAX_RECEIVE_COUNT, number(redrive, "maxReceiveCount")),
                () -> assertTrue(ORDERS_EVENTS_MAX_RECEIVE_COUNT >= 5, "AWS advises at least 5 receives for a Lambda consumer"));
    }

    @Test
    void theDeadLetterQueueOutlivesTheQueueOrdersEvents() {
        Map<String, Object> dlq = queue("OrdersEventsDeadLetterQueue");
        long retention = number(dlq, "MessageRetentionPeriod");
        assertEquals(ORDERS_EVENTS_DLQ_RETENTION_SECONDS, retention);
        // A dead-lettered message keeps its original enqueue time.
        assertTrue(retention >= number(queue("OrdersEventsQueue"), "MessageRetentionPeriod"));
        assertTrue(number(dlq, "MaximumMessageSize") >= number(queue("OrdersEventsQueue"), "MaximumMessageSize"));
    }

    @Test
    void bothQueuesAreEncryptedAtRestAndRefuseAnythingButTlsOrdersEvents() {
        for (String queue : List.of("OrdersEventsQueue", "OrdersEventsDeadLetterQueue")) {
            assertEquals(Boolean.TRUE, queue(queue).get("SqsManagedSseEnabled"), queue + " SSE");
            assertTrue(hasTlsOnlyPolicy(queue), queue + " has no policy denying aws:SecureTransport false");
        }
    }

    @Test
    void theQueueFeedsTheFunctionInPlannedBatchesRefunds() {
        Map<String, Object> event = map(functionRefunds(), "Events", "Queue");
        assertEquals("SQS", event.get("Type"));
        Map<String, Object> mapping = map(event, "Properties");
        assertAll(
                () -> assertEquals(REFUNDS_QUEUE_ARN, mapping.get("Queue")),
                () -> assertEquals(REFUNDS_BATCH_SIZE, number(mapping, "BatchSize")),
                () -> assertEquals(REFUNDS_BATCHING_WINDOW_SECONDS, number(mapping, "MaximumBatchingWindowInSeconds")),
                () -> assertEquals(REFUNDS_MAX_CONCURRENCY, number(map(mapping, "ScalingConfig"), "MaximumConcurrency")),
                () -> assertEquals(List.of("ReportBatchItemFailures"), mapping.get("FunctionResponseTypes")));
    }

    @Test
    void theFunctionIsSizedAsPlannedAndStartsFromSnapStartRefunds() {
        Map<String, Object> function = functionRefunds();
        assertAll(
                () -> assertEquals(RUNTIME, function.get("Runtime")),
                () -> assertEquals(REFUNDS_HANDLER, function.get("Handler")),
                () -> assertEquals(REFUNDS_FUNCTION_TIMEOUT_SECONDS, number(function, "Timeout")),
                () -> assertEquals(REFUNDS_MEMORY_MB, number(function, "MemorySize")),
                () -> assertEquals("PublishedVersions", map(function, "SnapStart").get("ApplyOn")),
                // SnapStart restores published versions only; the alias makes the queue invoke one.
                () -> assertNotNull(function.get("AutoPublishAlias")),
                () -> assertEquals("Active", function.get("Tracing")),
                () -> assertEquals(ref("RefundsConsumerLogGroup"), map(function, "LoggingConfig").get("LogGroup")));
    }

    @Test
    void theFunctionIsTheJarTheIntegrationTestsRanAgainstRefunds() {
        // mvn package builds target/function.jar and the integration tests run against it: sam build must leave it
        // as it is, not package target/classes and the dependency jars in its place.
        assertEquals("target/function.jar", functionRefunds().get("CodeUri"));
        assertEquals(true, map(resources, "RefundsConsumerFunction", "Metadata").get("SkipBuild"));
    }

    @Test
    void visibilityTimeoutIsSixFunctionTimeoutsPlusTheWindowRefunds() {
        long timeout = number(functionRefunds(), "Timeout");
        long window = number(map(functionRefunds(), "Events", "Queue", "Properties"), "MaximumBatchingWindowInSeconds");
        long visibility = number(queue("RefundsQueue"), "VisibilityTimeout");
        assertEquals(6 * timeout + window, visibility, "AWS: at least 6 × the function timeout + the batching window");
        assertEquals(REFUNDS_VISIBILITY_TIMEOUT_SECONDS, visibility);
    }

    @Test
    void theQueueKeepsAndRedrivesMessagesAsPlannedRefunds() {
        Map<String, Object> queue = queue("RefundsQueue");
        Map<String, Object> redrive = map(queue, "RedrivePolicy");
        assertAll(
                () -> assertEquals(REFUNDS_RETENTION_SECONDS, number(queue, "MessageRetentionPeriod")),
                () -> assertEquals(REFUNDS_MAX_MESSAGE_BYTES, number(queue, "MaximumMessageSize")),
                () -> assertEquals(REFUNDS_DLQ_ARN, redrive.get("deadLetterTargetArn")),
                () -> assertEquals(REFUNDS_MAX_RECEIVE_COUNT, number(redrive, "maxReceiveCount")),
                () -> assertTrue(REFUNDS_MAX_RECEIVE_COUNT >= 5, "AWS advises at least 5 receives for a Lambda consumer"));
    }

    @Test
    void theDeadLetterQueueOutlivesTheQueueRefunds() {
        Map<String, Object> dlq = queue("RefundsDeadLetterQueue");
        long retention = number(dlq, "MessageRetentionPeriod");
        assertEquals(REFUNDS_DLQ_RETENTION_SECONDS, retention);
        // A dead-lettered message keeps its original enqueue time.
        assertTrue(retention >= number(queue("RefundsQueue"), "MessageRetentionPeriod"));
        assertTrue(number(dlq, "MaximumMessageSize") >= number(queue("RefundsQueue"), "MaximumMessageSize"));
    }

    @Test
    void bothQueuesAreEncryptedAtRestAndRefuseAnythingButTlsRefunds() {
        for (String queue : List.of("RefundsQueue", "RefundsDeadLetterQueue")) {
            assertEquals(Boolean.TRUE, queue(queue).get("SqsManagedSseEnabled"), queue + " SSE");
            assertTrue(hasTlsOnlyPolicy(queue), queue + " has no policy denying aws:SecureTransport false");
        }
    }

    @Test
    void apiGatewayMaySendToTheQueuesOnly() {
        Map<String, Object> role = map(resources, "ApiSendMessageRole");
        assertEquals("AWS::IAM::Role", role.get("Type"));
        Map<String, Object> properties = map(role, "Properties");
        assertFalse(properties.containsKey("ManagedPolicyArns"), "no managed policy on the integration role");
        Map<String, Object> trust = only(list(map(properties, "AssumeRolePolicyDocument"), "Statement"));
        assertEquals("apigateway.amazonaws.com", map(trust, "Principal").get("Service"));

        List<Object> statements = new ArrayList<>();
        for (Object policy : list(properties, "Policies")) {
            statements.addAll(list(map(policy, "PolicyDocument"), "Statement"));
        }
        Map<String, Object> statement = only(statements);
        assertAll(
                () -> assertEquals("Allow", statement.get("Effect")),
                () -> assertEquals(List.of("sqs:SendMessage"), strings(statement.get("Action"))),
                () -> assertEquals(List.of(ORDERS_QUEUE_ARN, ORDERS_EVENTS_QUEUE_ARN, REFUNDS_QUEUE_ARN), objects(statement.get("Resource"))),
                () -> assertEquals(getAtt("ApiSendMessageRole", "Arn"), integrationOrders().get("Credentials")),
                () -> assertEquals(getAtt("ApiSendMessageRole", "Arn"), integrationOrdersEvents().get("Credentials")),
                () -> assertEquals(getAtt("ApiSendMessageRole", "Arn"), integrationRefunds().get("Credentials")));
    }

    @Test
    void theIntegrationSendsTheBodyAndTheRequestIdToTheQueueOrders() {
        Map<String, Object> integration = integrationOrders();
        String uri = (String) map(integration, "Uri").get("Fn::Sub");
        Map<String, Object> templates = map(integration, "RequestTemplates");
        String template = (String) templates.get("application/json");
        Map<String, Object> headers = map(integration, "RequestParameters");
        assertAll(
                () -> assertEquals("AWS", integration.get("Type")),
                () -> assertEquals("POST", integration.get("IntegrationHttpMethod")),
                () -> assertTrue(uri.endsWith(":sqs:path/${AWS::AccountId}/${OrdersQueue.QueueName}"), uri),
                () -> assertEquals("NEVER", integration.get("PassthroughBehavior")),
                () -> assertEquals("'application/x-www-form-urlencoded'", headers.get("integration.request.header.Content-Type")),
                // The response templates read SQS's answer as JSON, error or not.
                () -> assertEquals("'application/json'", headers.get("integration.request.header.Accept")),
                // Only JSON has a template: with passthrough never, anything else is refused with 415.
                () -> assertEquals(List.of("application/json"), List.copyOf(templates.keySet())),
                () -> assertTrue(template.contains("Action=SendMessage##\n&MessageBody=$util.urlEncode($input.body)##"), template),
                () -> assertTrue(template.contains("&MessageAttribute.1.Name=correlationId##"), template),
                () -> assertTrue(template.contains("&MessageAttribute.1.Value.StringValue=$context.requestId##"), template),
                // Each line ends in a Velocity comment, which swallows the line break: SQS gets a one-line form.
                () -> assertTrue(template.lines().allMatch(line -> line.endsWith("##")), template));
    }

    /** What SQS answers becomes the client's answer: 202, a 400 not to retry, or a 500 to retry later. */
    @Test
    void sqsAnswersBecomeTheClientsAnswersOrders() {
        List<Object> responses = list(integrationOrders(), "IntegrationResponses");
        assertEquals(3, responses.size(), responses.toString());
        Map<String, Object> accepted = map(responses.get(0));
        Map<String, Object> refused = map(responses.get(1));
        Map<String, Object> failed = map(responses.get(2));
        String refusal = (String) map(refused, "ResponseTemplates").get("application/json");
        assertAll(
                () -> assertEquals("2\\d{2}", accepted.get("SelectionPattern")),
                () -> assertEquals("202", accepted.get("StatusCode")),
                () -> assertTrue(((String) map(accepted, "ResponseTemplates").get("application/json"))
                        .contains("$input.path('$.SendMessageResponse.SendMessageResult.MessageId')")),
                // SQS answers 400 for a message it will never take, and for throttling, KMS and access errors too.
                () -> assertEquals("400", refused.get("SelectionPattern")),
                () -> assertEquals("400", refused.get("StatusCode")),
                () -> assertTrue(refusal.contains("$input.path('$.Error.Code')"), refusal),
                () -> assertTrue(refusal.contains("$code == \"InvalidParameterValue\" || $code == \"InvalidMessageContents\""), refusal),
                () -> assertTrue(refusal.contains("sending it again will not succeed"), refusal),
                () -> assertTrue(refusal.contains("#set($context.responseOverride.status = 500)"), refusal),
                () -> assertTrue(refusal.contains("retry later"), refusal),
                // The default: anything else SQS answers.
                () -> assertFalse(failed.containsKey("SelectionPattern"), "the last response is the default"),
                () -> assertEquals("500", failed.get("StatusCode")),
                () -> assertTrue(((String) map(failed, "ResponseTemplates").get("application/json")).contains("retry later")));
        // API Gateway answers only with statuses the method declares.
        List<Object> declared = list(methodOrders(), "MethodResponses").stream().map(r -> map(r).get("StatusCode")).toList();
        assertTrue(declared.containsAll(List.of("202", "400", "500")), declared.toString());
    }

    /** One resource per path segment, each under the one before, and the method on the last. */
    @Test
    void theMethodIsOnThePathAndTheApiIsRegionalOrders() {
        Map<String, Object> api = map(resources, "Api");
        assertEquals("AWS::ApiGateway::RestApi", api.get("Type"));
        assertEquals(List.of("REGIONAL"), list(map(api, "Properties", "EndpointConfiguration"), "Types"));
        Map<String, Object> method = methodOrders();
        assertEquals("POST", method.get("HttpMethod"));
        List<String> segments = new ArrayList<>();
        Object parent = method.get("ResourceId");
        while (!getAtt("Api", "RootResourceId").equals(parent)) {
            Map<String, Object> resource = map(resources, (String) map(parent).get("Ref"));
            assertEquals("AWS::ApiGateway::Resource", resource.get("Type"));
            segments.add(0, (String) map(resource, "Properties").get("PathPart"));
            parent = map(resource, "Properties").get("ParentId");
        }
        assertEquals(ORDERS_PATH, "/" + String.join("/", segments));
    }

    /** SQS's redrive policy moves a failing message to the dead-letter queue: the consumer sends no message. */
    @Test
    void theConsumerSendsNoMessageOrders() {
        assertEquals(List.of(), sendStatementsOrders());
        assertFalse(map(functionOrders(), "Environment", "Variables").containsKey("DEAD_LETTER_QUEUE_URL"));
    }

    /** The consumer role's statements that grant sqs:SendMessage. */
    private static List<Object> sendStatementsOrders() {
        List<Object> sends = new ArrayList<>();
        for (Object policy : list(map(resources, "OrdersConsumerRole", "Properties"), "Policies")) {
            for (Object s : list(map(policy, "PolicyDocument"), "Statement")) {
                if (strings(map(s).get("Action")).contains("sqs:SendMessage")) {
                    sends.add(s);
                }
            }
        }
        return sends;
    }

    @Test
    void theBodyIsValidatedAgainstTheRequestModelOrders() throws IOException {
        Map<String, Object> method = methodOrders();
        Map<String, Object> validator = map(resources, (String) map(method, "RequestValidatorId").get("Ref"));
        assertEquals("AWS::ApiGateway::RequestValidator", validator.get("Type"));
        assertEquals(Boolean.TRUE, map(validator, "Properties").get("ValidateRequestBody"));
        Map<String, Object> model = map(resources, (String) map(method, "RequestModels", "application/json").get("Ref"));
        assertEquals("AWS::ApiGateway::Model", model.get("Type"));
        assertEquals(ORDERS_MODEL, map(model, "Properties").get("Name"));
        assertEquals("application/json", map(model, "Properties").get("ContentType"));
        // The request model file, keyword for keyword (JSON is YAML: both documents parse to the same maps).
        assertEquals(load(Path.of("src/main/resources/orders/request-model.json")), map(model, "Properties", "Schema"));
    }

    @Test
    void theIntegrationSendsTheBodyAndTheRequestIdToTheQueueOrdersEvents() {
        Map<String, Object> integration = integrationOrdersEvents();
        String uri = (String) map(integration, "Uri").get("Fn::Sub");
        Map<String, Object> templates = map(integration, "RequestTemplates");
        String template = (String) templates.get("application/json");
        Map<String, Object> headers = map(integration, "RequestParameters");
        assertAll(
                () -> assertEquals("AWS", integration.get("Type")),
                () -> assertEquals("POST", integration.get("IntegrationHttpMethod")),
                () -> assertTrue(uri.endsWith(":sqs:path/${AWS::AccountId}/${OrdersEventsQueue.QueueName}"), uri),
                () -> assertEquals("NEVER", integration.get("PassthroughBehavior")),
                () -> assertEquals("'application/x-www-form-urlencoded'", headers.get("integration.request.header.Content-Type")),
                // The response templates read SQS's answer as JSON, error or not.
                () -> assertEquals("'application/json'", headers.get("integration.request.header.Accept")),
                // Only JSON has a template: with passthrough never, anything else is refused with 415.
                () -> assertEquals(List.of("application/json"), List.copyOf(templates.keySet())),
                () -> assertTrue(template.contains("Action=SendMessage##\n&MessageBody=$util.urlEncode($input.body)##"), template),
                () -> assertTrue(template.contains("&MessageAttribute.1.Name=correlationId##"), template),
                () -> assertTrue(template.contains("&MessageAttribute.1.Value.StringValue=$context.requestId##"), template),
                // The path's orderId, as a message attribute of its name.
                () -> assertTrue(template.contains(".Name=orderId##"), template),
                () -> assertTrue(template.contains(".Value.StringValue=$util.urlEncode($input.params('orderId'))##"), template),
                // Each line ends in a Velocity comment, which swallows the line break: SQS gets a one-line form.
                () -> assertTrue(template.lines().allMatch(line -> line.endsWith("##")), template));
    }

    /** What SQS answers becomes the client's answer: 202, a 400 not to retry, or a 500 to retry later. */
    @Test
    void sqsAnswersBecomeTheClientsAnswersOrdersEvents() {
        List<Object> responses = list(integrationOrdersEvents(), "IntegrationResponses");
        assertEquals(3, responses.size(), responses.toString());
        Map<String, Object> accepted = map(responses.get(0));
        Map<String, Object> refused = map(responses.get(1));
        Map<String, Object> failed = map(responses.get(2));
        String refusal = (String) map(refused, "ResponseTemplates").get("application/json");
        assertAll(
                () -> assertEquals("2\\d{2}", accepted.get("SelectionPattern")),
                () -> assertEquals("202", accepted.get("StatusCode")),
                () -> assertTrue(((String) map(accepted, "ResponseTemplates").get("application/json"))
                        .contains("$input.path('$.SendMessageResponse.SendMessageResult.MessageId')")),
                // SQS answers 400 for a message it will never take, and for throttling, KMS and access errors too.
                () -> assertEquals("400", refused.get("SelectionPattern")),
                () -> assertEquals("400", refused.get("StatusCode")),
                () -> assertTrue(refusal.contains("$input.path('$.Error.Code')"), refusal),
                () -> assertTrue(refusal.contains("$code == \"InvalidParameterValue\" || $code == \"InvalidMessageContents\""), refusal),
                () -> assertTrue(refusal.contains("sending it again will not succeed"), refusal),
                () -> assertTrue(refusal.contains("#set($context.responseOverride.status = 500)"), refusal),
                () -> assertTrue(refusal.contains("retry later"), refusal),
                // The default: anything else SQS answers.
                () -> assertFalse(failed.containsKey("SelectionPattern"), "the last response is the default"),
                () -> assertEquals("500", failed.get("StatusCode")),
                () -> assertTrue(((String) map(failed, "ResponseTemplates").get("application/json")).contains("retry later")));
        // API Gateway answers only with statuses the method declares.
        List<Object> declared = list(methodOrdersEvents(), "MethodResponses").stream().map(r -> map(r).get("StatusCode")).toList();
        assertTrue(declared.containsAll(List.of("202", "400", "500")), declared.toString());
    }

    /** One resource per path segment, each under the one before, and the method on the last. */
    @Test
    void theMethodIsOnThePathAndTheApiIsRegionalOrdersEvents() {
        Map<String, Object> api = map(resources, "Api");
        assertEquals("AWS::ApiGateway::RestApi", api.get("Type"));
        assertEquals(List.of("REGIONAL"), list(map(api, "Properties", "EndpointConfiguration"), "Types"));
        Map<String, Object> method = methodOrdersEvents();
        assertEquals("POST", method.get("HttpMethod"));
        List<String> segments = new ArrayList<>();
        Object parent = method.get("ResourceId");
        while (!getAtt("Api", "RootResourceId").equals(parent)) {
            Map<String, Object> resource = map(resources, (String) map(parent).get("Ref"));
            assertEquals("AWS::ApiGateway::Resource", resource.get("Type"));
            segments.add(0, (String) map(resource, "Properties").get("PathPart"));
            parent = map(resource, "Properties").get("ParentId");
        }
        assertEquals(ORDERS_EVENTS_PATH, "/" + String.join("/", segments));
        // The path's parameters, each required by the method.
        assertEquals(Map.of("method.request.path.orderId", true),
                map(method, "RequestParameters"));
    }

    @Test
    void bothQueuesAreFifoOrdersEvents() {
        Map<String, Object> queue = queue("OrdersEventsQueue");
        Map<String, Object> dlq = queue("OrdersEventsDeadLetterQueue");
        assertAll(
                () -> assertEquals(Boolean.TRUE, queue.get("FifoQueue")),
                // A FIFO queue dead-letters into a FIFO queue only.
                () -> assertEquals(Boolean.TRUE, dlq.get("FifoQueue")),
                // CloudFormation adds the .fifo suffix FIFO requires to the names it generates.
                () -> assertFalse(queue.containsKey("QueueName"), "a generated name"),
                () -> assertFalse(dlq.containsKey("QueueName"), "a generated name"),
                // The API sends a deduplication id with every message.
                () -> assertFalse(queue.containsKey("ContentBasedDeduplication"), "no content-based deduplication"),
                () -> assertFalse(queue.containsKey("DeduplicationScope"), "no high-throughput mode"),
                () -> assertFalse(queue.containsKey("FifoThroughputLimit"), "no high-throughput mode"));
    }

    @Test
    void theIntegrationGroupsMessagesByTheOrderingKeyOrdersEvents() throws IOException {
        String template = (String) map(integrationOrdersEvents(), "RequestTemplates").get("application/json");
        // The value in quotes: a number or a boolean becomes text before $util.urlEncode, which takes a string.
        assertTrue(template.contains("#set($messageGroupId = $input.path(\"" + ORDERS_EVENTS_GROUP_KEY_JSON_PATH + "\"))##"), template);
        assertTrue(template.contains("&MessageGroupId=$util.urlEncode(\"$messageGroupId\")##"), template);
        // A repeated value within SQS's 5-minute window is accepted but not queued again.
        assertTrue(template.contains("#set($messageDeduplicationId = $input.path(\"" + ORDERS_EVENTS_DEDUPLICATION_KEY_JSON_PATH + "\"))##"), template);
        assertTrue(template.contains("&MessageDeduplicationId=$util.urlEncode(\"$messageDeduplicationId\")##"), template);
        assertRequiredOrdersEvents(ORDERS_EVENTS_DEDUPLICATION_KEY);
        // Every accepted body carries the key: API Gateway refuses one without it (400).
        assertRequiredOrdersEvents(ORDERS_EVENTS_GROUP_KEY);
    }

    /** The request model requires the field at this dot path, and every object on the way to it. */
    private static void assertRequiredOrdersEvents(String dotPath) throws IOException {
        Map<String, Object> schema = load(Path.of("src/main/resources/ordersevents/request-model.json"));
        for (String name : dotPath.split("\\.")) {
            assertTrue(list(schema, "required").contains(name), name + " of " + dotPath + " is not required");
            schema = map(schema, "properties", name);
        }
    }

    /**
     * On a FIFO queue the consumer moves a message that fails on its last receive to the dead-letter queue itself, so
     * the later messages of its group go on: it must know that queue and that receive, and may send there only.
     */
    @Test
    void theConsumerMovesAMessageFailingOnItsLastReceiveToTheDeadLetterQueueOnlyOrdersEvents() {
        Map<String, Object> variables = map(functionOrdersEvents(), "Environment", "Variables");
        assertAll(
                () -> assertEquals(ref("OrdersEventsDeadLetterQueue"), variables.get("DEAD_LETTER_QUEUE_URL")),
                // Lambda's variables are strings: the redrive policy's count, as text.
                () -> assertEquals(String.valueOf(number(map(queue("OrdersEventsQueue"), "RedrivePolicy"), "maxReceiveCount")),
                        variables.get("MAX_RECEIVE_COUNT")),
                () -> assertEquals(String.valueOf(ORDERS_EVENTS_MAX_RECEIVE_COUNT), variables.get("MAX_RECEIVE_COUNT")));
        Map<String, Object> statement = only(sendStatementsOrdersEvents());
        assertAll(
                () -> assertEquals("Allow", statement.get("Effect")),
                () -> assertEquals(List.of("sqs:SendMessage"), strings(statement.get("Action"))),
                () -> assertEquals(List.of(ORDERS_EVENTS_DLQ_ARN), objects(statement.get("Resource"))));
    }

    /** The consumer role's statements that grant sqs:SendMessage. */
    private static List<Object> sendStatementsOrdersEvents() {
        List<Object> sends = new ArrayList<>();
        for (Object policy : list(map(resources, "OrdersEventsConsumerRole", "Properties"), "Policies")) {
            for (Object s : list(map(policy, "PolicyDocument"), "Statement")) {
                if (strings(map(s).get("Action")).contains("sqs:SendMessage")) {
                    sends.add(s);
                }
            }
        }
        return sends;
    }

    @Test
    void theBodyIsValidatedAgainstTheRequestModelOrdersEvents() throws IOException {
        Map<String, Object> method = methodOrdersEvents();
        Map<String, Object> validator = map(resources, (String) map(method, "RequestValidatorId").get("Ref"));
        assertEquals("AWS::ApiGateway::RequestValidator", validator.get("Type"));
        assertEquals(Boolean.TRUE, map(validator, "Properties").get("ValidateRequestBody"));
        Map<String, Object> model = map(resources, (String) map(method, "RequestModels", "application/json").get("Ref"));
        assertEquals("AWS::ApiGateway::Model", model.get("Type"));
        assertEquals(ORDERS_EVENTS_MODEL, map(model, "Properties").get("Name"));
        assertEquals("application/json", map(model, "Properties").get("ContentType"));
        // The request model file, keyword for keyword (JSON is YAML: both documents parse to the same maps).
        assertEquals(load(Path.of("src/main/resources/ordersevents/request-model.json")), map(model, "Properties", "Schema"));
    }

    @Test
    void theIntegrationSendsTheBodyAndTheRequestIdToTheQueueRefunds() {
        Map<String, Object> integration = integrationRefunds();
        String uri = (String) map(integration, "Uri").get("Fn::Sub");
        Map<String, Object> templates = map(integration, "RequestTemplates");
        String template = (String) templates.get("application/json");
        Map<String, Object> headers = map(integration, "RequestParameters");
        assertAll(
                () -> assertEquals("AWS", integration.get("Type")),
                () -> assertEquals("POST", integration.get("IntegrationHttpMethod")),
                () -> assertTrue(uri.endsWith(":sqs:path/${AWS::AccountId}/${RefundsQueue.QueueName}"), uri),
                () -> assertEquals("NEVER", integration.get("PassthroughBehavior")),
                () -> assertEquals("'application/x-www-form-urlencoded'", headers.get("integration.request.header.Content-Type")),
                // The response templates read SQS's answer as JSON, error or not.
                () -> assertEquals("'application/json'", headers.get("integration.request.header.Accept")),
                // Only JSON has a template: with passthrough never, anything else is refused with 415.
                () -> assertEquals(List.of("application/json"), List.copyOf(templates.keySet())),
                () -> assertTrue(template.contains("Action=SendMessage##\n&MessageBody=$util.urlEncode($input.body)##"), template),
                () -> assertTrue(template.contains("&MessageAttribute.1.Name=correlationId##"), template),
                () -> assertTrue(template.contains("&MessageAttribute.1.Value.StringValue=$context.requestId##"), template),
                // Each line ends in a Velocity comment, which swallows the line break: SQS gets a one-line form.
                () -> assertTrue(template.lines().allMatch(line -> line.endsWith("##")), template));
    }

    /** What SQS answers becomes the client's answer: 202, a 400 not to retry, or a 500 to retry later. */
    @Test
    void sqsAnswersBecomeTheClientsAnswersRefunds() {
        List<Object> responses = list(integrationRefunds(), "IntegrationResponses");
        assertEquals(3, responses.size(), responses.toString());
        Map<String, Object> accepted = map(responses.get(0));
        Map<String, Object> refused = map(responses.get(1));
        Map<String, Object> failed = map(responses.get(2));
        String refusal = (String) map(refused, "ResponseTemplates").get("application/json");
        assertAll(
                () -> assertEquals("2\\d{2}", accepted.get("SelectionPattern")),
                () -> assertEquals("202", accepted.get("StatusCode")),
                () -> assertTrue(((String) map(accepted, "ResponseTemplates").get("application/json"))
                        .contains("$input.path('$.SendMessageResponse.SendMessageResult.MessageId')")),
                // SQS answers 400 for a message it will never take, and for throttling, KMS and access errors too.
                () -> assertEquals("400", refused.get("SelectionPattern")),
                () -> assertEquals("400", refused.get("StatusCode")),
                () -> assertTrue(refusal.contains("$input.path('$.Error.Code')"), refusal),
                () -> assertTrue(refusal.contains("$code == \"InvalidParameterValue\" || $code == \"InvalidMessageContents\""), refusal),
                () -> assertTrue(refusal.contains("sending it again will not succeed"), refusal),
                () -> assertTrue(refusal.contains("#set($context.responseOverride.status = 500)"), refusal),
                () -> assertTrue(refusal.contains("retry later"), refusal),
                // The default: anything else SQS answers.
                () -> assertFalse(failed.containsKey("SelectionPattern"), "the last response is the default"),
                () -> assertEquals("500", failed.get("StatusCode")),
                () -> assertTrue(((String) map(failed, "ResponseTemplates").get("application/json")).contains("retry later")));
        // API Gateway answers only with statuses the method declares.
        List<Object> declared = list(methodRefunds(), "MethodResponses").stream().map(r -> map(r).get("StatusCode")).toList();
        assertTrue(declared.containsAll(List.of("202", "400", "500")), declared.toString());
    }

    /** One resource per path segment, each under the one before, and the method on the last. */
    @Test
    void theMethodIsOnThePathAndTheApiIsRegionalRefunds() {
        Map<String, Object> api = map(resources, "Api");
        assertEquals("AWS::ApiGateway::RestApi", api.get("Type"));
        assertEquals(List.of("REGIONAL"), list(map(api, "Properties", "EndpointConfiguration"), "Types"));
        Map<String, Object> method = methodRefunds();
        assertEquals("POST", method.get("HttpMethod"));
        List<String> segments = new ArrayList<>();
        Object parent = method.get("ResourceId");
        while (!getAtt("Api", "RootResourceId").equals(parent)) {
            Map<String, Object> resource = map(resources, (String) map(parent).get("Ref"));
            assertEquals("AWS::ApiGateway::Resource", resource.get("Type"));
            segments.add(0, (String) map(resource, "Properties").get("PathPart"));
            parent = map(resource, "Properties").get("ParentId");
        }
        assertEquals(REFUNDS_PATH, "/" + String.join("/", segments));
    }

    @Test
    void theIdempotencyTableIsOnDemandExpiresItsRecordsAndIsRecoverableRefunds() {
        Map<String, Object> resource = map(resources, "RefundsIdempotencyTable");
        assertEquals("AWS::DynamoDB::Table", resource.get("Type"));
        Map<String, Object> table = map(resource, "Properties");
        Map<String, Object> key = only(list(table, "KeySchema"));
        Map<String, Object> ttl = map(table, "TimeToLiveSpecification");
        assertAll(
                () -> assertEquals("PAY_PER_REQUEST", table.get("BillingMode")),
                () -> assertEquals(Map.of("AttributeName", "id", "KeyType", "HASH"), key),
                () -> assertEquals(Map.of("AttributeName", "id", "AttributeType", "S"), only(list(table, "AttributeDefinitions"))),
                // DynamoDB deletes a record after expiresAt (epoch seconds), which the consumer sets.
                () -> assertEquals("expiresAt", ttl.get("AttributeName")),
                () -> assertEquals(Boolean.TRUE, ttl.get("Enabled")),
                () -> assertEquals(Boolean.TRUE, map(table, "SSESpecification").get("SSEEnabled")),
                () -> assertEquals(Boolean.TRUE, map(table, "PointInTimeRecoverySpecification").get("PointInTimeRecoveryEnabled")),
                // A generated name, so a change that replaces the table can happen.
                () -> assertFalse(table.containsKey("TableName"), "a generated name"));
    }

    @Test
    void theConsumerMayUseItsIdempotencyTableOnlyRefunds() {
        assertEquals(ref("RefundsIdempotencyTable"), map(functionRefunds(), "Environment", "Variables").get("IDEMPOTENCY_TABLE"));
        List<Object> dynamoDb = new ArrayList<>();
        for (Object policy : list(map(resources, "RefundsConsumerRole", "Properties"), "Policies")) {
            for (Object s : list(map(policy, "PolicyDocument"), "Statement")) {
                Map<String, Object> statement = map(s);
                if (strings(statement.get("Action")).stream().anyMatch(a -> a.startsWith("dynamodb:"))) {
                    dynamoDb.add(statement);
                }
            }
        }
        Map<String, Object> statement = only(dynamoDb);
        assertAll(
                () -> assertEquals("Allow", statement.get("Effect")),
                () -> assertEquals(List.of("dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                        strings(statement.get("Action")).stream().sorted().toList()),
                () -> assertEquals(List.of(getAtt("RefundsIdempotencyTable", "Arn")), objects(statement.get("Resource"))));
    }

    /** SQS's redrive policy moves a failing message to the dead-letter queue: the consumer sends no message. */
    @Test
    void theConsumerSendsNoMessageRefunds() {
        assertEquals(List.of(), sendStatementsRefunds());
        assertFalse(map(functionRefunds(), "Environment", "Variables").containsKey("DEAD_LETTER_QUEUE_URL"));
    }

    /** The consumer role's statements that grant sqs:SendMessage. */
    private static List<Object> sendStatementsRefunds() {
        List<Object> sends = new ArrayList<>();
        for (Object policy : list(map(resources, "RefundsConsumerRole", "Properties"), "Policies")) {
            for (Object s : list(map(policy, "PolicyDocument"), "Statement")) {
                if (strings(map(s).get("Action")).contains("sqs:SendMessage")) {
                    sends.add(s);
                }
            }
        }
        return sends;
    }

    @Test
    void theBodyIsValidatedAgainstTheRequestModelRefunds() throws IOException {
        Map<String, Object> method = methodRefunds();
        Map<String, Object> validator = map(resources, (String) map(method, "RequestValidatorId").get("Ref"));
        assertEquals("AWS::ApiGateway::RequestValidator", validator.get("Type"));
        assertEquals(Boolean.TRUE, map(validator, "Properties").get("ValidateRequestBody"));
        Map<String, Object> model = map(resources, (String) map(method, "RequestModels", "application/json").get("Ref"));
        assertEquals("AWS::ApiGateway::Model", model.get("Type"));
        assertEquals(REFUNDS_MODEL, map(model, "Properties").get("Name"));
        assertEquals("application/json", map(model, "Properties").get("ContentType"));
        // The request model file, keyword for keyword (JSON is YAML: both documents parse to the same maps).
        assertEquals(load(Path.of("src/main/resources/refunds/request-model.json")), map(model, "Properties", "Schema"));
    }

    @Test
    void aBodyTheModelRefusesGets400WithTheReason() {
        List<Object> gatewayResponses = resources.values().stream()
                .filter(r -> "AWS::ApiGateway::GatewayResponse".equals(map(r).get("Type"))).toList();
        Map<String, Object> response = map(only(gatewayResponses), "Properties");
        assertEquals("BAD_REQUEST_BODY", response.get("ResponseType"));
        assertEquals("400", response.get("StatusCode"));
        String template = (String) map(response, "ResponseTemplates").get("application/json");
        assertTrue(template.contains("$context.error.validationErrorString") && template.contains("$context.requestId"), template);
    }

    /** The stage serves one deployment, a snapshot taken after the method and its responses exist. */
    @Test
    void theStageServesADeploymentOfTheWholeApi() {
        List<String> deployments = resources.entrySet().stream()
                .filter(r -> "AWS::ApiGateway::Deployment".equals(map(r.getValue()).get("Type"))).map(Map.Entry::getKey).toList();
        assertEquals(1, deployments.size(), deployments.toString());
        String deployment = deployments.get(0);
        // A hash of the API's definition: a changed API gets a new deployment (see the comment in template.yaml).
        assertTrue(deployment.matches("ApiDeployment[0-9a-f]{10}"), deployment);
        List<String> dependsOn = strings(map(resources, deployment).get("DependsOn"));
        assertTrue(dependsOn.containsAll(List.of("OrdersApiPostMethod", "OrdersEventsApiPostMethod", "RefundsApiPostMethod", "ApiBadRequestBodyResponse")), dependsOn.toString());
        Map<String, Object> stage = map(resources, "ApiStage", "Properties");
        assertEquals(ref(deployment), stage.get("DeploymentId"));
        assertEquals(STAGE, stage.get("StageName"));
    }

    @Test
    void theStageIsThrottledTracedAndLogged() {
        Map<String, Object> stage = map(resources, "ApiStage");
        assertEquals("AWS::ApiGateway::Stage", stage.get("Type"));
        Map<String, Object> api = map(stage, "Properties");
        Map<String, Object> accessLog = map(api, "AccessLogSetting");
        assertAll(
                // Each endpoint's method throttled to its own plan.
                () -> assertEquals(3, list(api, "MethodSettings").size()),
                () -> assertEquals(ORDERS_THROTTLE_RATE_LIMIT, number(methodSettings(api, "/~1orders"), "ThrottlingRateLimit")),
                () -> assertEquals(ORDERS_THROTTLE_BURST_LIMIT, number(methodSettings(api, "/~1orders"), "ThrottlingBurstLimit")),
                () -> assertEquals(ORDERS_EVENTS_THROTTLE_RATE_LIMIT, number(methodSettings(api, "/~1orders~1{orderId}~1events"), "ThrottlingRateLimit")),
                () -> assertEquals(ORDERS_EVENTS_THROTTLE_BURST_LIMIT, number(methodSettings(api, "/~1orders~1{orderId}~1events"), "ThrottlingBurstLimit")),
                () -> assertEquals(REFUNDS_THROTTLE_RATE_LIMIT, number(methodSettings(api, "/~1refunds"), "ThrottlingRateLimit")),
                () -> assertEquals(REFUNDS_THROTTLE_BURST_LIMIT, number(methodSettings(api, "/~1refunds"), "ThrottlingBurstLimit")),
                () -> assertEquals(Boolean.TRUE, api.get("TracingEnabled")),
                () -> assertEquals(getAtt("ApiAccessLogGroup", "Arn"), accessLog.get("DestinationArn")),
                () -> assertTrue(((String) accessLog.get("Format")).contains("\"requestId\":\"$context.requestId\"")),
                () -> assertNotNull(map(resources, "ApiAccessLogGroup", "Properties").get("RetentionInDays")));
    }

    /** The stage's settings of one method, by its resource path (each / written ~1); POST, as every method here is. */
    private static Map<String, Object> methodSettings(Map<String, Object> stage, String resourcePath) {
        Map<String, Object> settings = only(list(stage, "MethodSettings").stream()
                .filter(s -> resourcePath.equals(map(s).get("ResourcePath"))).toList());
        assertEquals("POST", settings.get("HttpMethod"), resourcePath);
        return settings;
    }

    @Test
    void callersMustSendAnApiKeyOfTheUsagePlanOrders() {
        assertAll(
                () -> assertEquals("NONE", methodOrders().get("AuthorizationType")),
                () -> assertEquals(Boolean.TRUE, methodOrders().get("ApiKeyRequired")),
                () -> assertEquals("HEADER", map(resources, "Api", "Properties").get("ApiKeySourceType")));

        Map<String, Object> plan = map(resources, "UsagePlan", "Properties");
        Map<String, Object> stage = only(list(plan, "ApiStages"));
        Map<String, Object> key = map(resources, "UsagePlanKey", "Properties");
        assertAll(
                () -> assertEquals(ref("Api"), stage.get("ApiId")),
                () -> assertEquals(ref("ApiStage"), stage.get("Stage")),
                // The key is throttled on this method as the stage throttles the method.
                () -> assertEquals(ORDERS_THROTTLE_RATE_LIMIT, number(map(stage, "Throttle", "/orders/POST"), "RateLimit")),
                () -> assertEquals(ORDERS_THROTTLE_BURST_LIMIT, number(map(stage, "Throttle", "/orders/POST"), "BurstLimit")),
                () -> assertEquals(ref("ApiKey"), key.get("KeyId")),
                () -> assertEquals(ref("UsagePlan"), key.get("UsagePlanId")),
                () -> assertEquals("API_KEY", key.get("KeyType")));
    }

    /** The local pipeline (src/test/java/.../local) reads pipeline.json: it must be the pipeline deployed here. */
    @Test
    void theLocalPipelineRunsWithTheSettingsDeployedHereOrders() throws IOException {
        JsonNode local = new ObjectMapper().readTree(Path.of("pipelines/orders.json").toFile());
        Map<String, Object> queue = queue("OrdersQueue");
        Map<String, Object> mapping = map(functionOrders(), "Events", "Queue", "Properties");
        String template = (String) map(integrationOrders(), "RequestTemplates").get("application/json");
        JsonNode group = local.path("integration").path("messageGroupIdField");
        JsonNode deduplication = local.path("integration").path("messageDeduplicationIdField");
        assertAll(
                () -> assertEquals(ORDERS_PATH, local.path("api").path("path").asText()),
                () -> assertEquals(number(queue, "VisibilityTimeout"), local.path("queue").path("visibilityTimeoutSeconds").asLong()),
                () -> assertEquals(number(map(queue, "RedrivePolicy"), "maxReceiveCount"), local.path("queue").path("maxReceiveCount").asLong()),
                () -> assertEquals(number(queue, "MaximumMessageSize"), local.path("queue").path("maxMessageBytes").asLong()),
                () -> assertEquals(number(queue, "MessageRetentionPeriod"), local.path("queue").path("retentionSeconds").asLong()),
                () -> assertEquals(Boolean.TRUE.equals(queue.get("FifoQueue")), local.path("queue").path("fifo").asBoolean()),
                () -> assertEquals(Boolean.TRUE.equals(queue.get("ContentBasedDeduplication")),
                        local.path("queue").path("contentBasedDeduplication").asBoolean()),
                () -> assertEquals(number(mapping, "BatchSize"), local.path("eventSource").path("batchSize").asLong()),
                () -> assertEquals(mapping.containsKey("MaximumBatchingWindowInSeconds") ? number(mapping, "MaximumBatchingWindowInSeconds") : 0,
                        local.path("eventSource").path("batchingWindowSeconds").asLong()),
                () -> assertEquals(number(map(mapping, "ScalingConfig"), "MaximumConcurrency"),
                        local.path("eventSource").path("maximumConcurrency").asLong()),
                // The stand-in runs the mapping templates deployed here, character for character, and refuses what
                // the integration refuses.
                () -> assertEquals(json(map(integrationOrders(), "RequestTemplates")), local.path("integration").path("requestTemplates")),
                () -> assertEquals(integrationOrders().get("PassthroughBehavior"), local.path("integration").path("passthroughBehavior").asText()),
                () -> assertEquals(integrationResponsesOrders(), localResponses(local)),
                // It answers a body the model refuses with the gateway response deployed here.
                () -> assertEquals(badRequestBody().get("StatusCode"), local.path("api").path("badRequestBody").path("statusCode").asText()),
                () -> assertEquals(json(map(badRequestBody(), "ResponseTemplates")), new ObjectMapper().createObjectNode()
                        .put("application/json", local.path("api").path("badRequestBody").path("template").asText())),
                // Its FIFO ids come from the fields the template reads.
                () -> assertEquals(!group.isNull(), template.contains("&MessageGroupId="), template),
                () -> assertEquals(!deduplication.isNull(), template.contains("#set($messageDeduplicationId = "), template),
                () -> assertEquals("requestId".equals(local.path("integration").path("messageDeduplicationId").asText()),
                        template.contains("&MessageDeduplicationId=$context.requestId")));
    }

    /** The integration responses as pipeline.json lists them: selection pattern (empty: the default), status, template. */
    private static List<List<String>> integrationResponsesOrders() {
        return list(integrationOrders(), "IntegrationResponses").stream().map(r -> List.of(
                (String) map(r).getOrDefault("SelectionPattern", ""), (String) map(r).get("StatusCode"),
                (String) map(r, "ResponseTemplates").get("application/json"))).toList();
    }

    @Test
    void callersMustSendAnApiKeyOfTheUsagePlanOrdersEvents() {
        assertAll(
                () -> assertEquals("NONE", methodOrdersEvents().get("AuthorizationType")),
                () -> assertEquals(Boolean.TRUE, methodOrdersEvents().get("ApiKeyRequired")),
                () -> assertEquals("HEADER", map(resources, "Api", "Properties").get("ApiKeySourceType")));

        Map<String, Object> plan = map(resources, "UsagePlan", "Properties");
        Map<String, Object> stage = only(list(plan, "ApiStages"));
        Map<String, Object> key = map(resources, "UsagePlanKey", "Properties");
        assertAll(
                () -> assertEquals(ref("Api"), stage.get("ApiId")),
                () -> assertEquals(ref("ApiStage"), stage.get("Stage")),
                // The key is throttled on this method as the stage throttles the method.
                () -> assertEquals(ORDERS_EVENTS_THROTTLE_RATE_LIMIT, number(map(stage, "Throttle", "/orders/{orderId}/events/POST"), "RateLimit")),
                () -> assertEquals(ORDERS_EVENTS_THROTTLE_BURST_LIMIT, number(map(stage, "Throttle", "/orders/{orderId}/events/POST"), "BurstLimit")),
                () -> assertEquals(ref("ApiKey"), key.get("KeyId")),
                () -> assertEquals(ref("UsagePlan"), key.get("UsagePlanId")),
                () -> assertEquals("API_KEY", key.get("KeyType")));
    }

    /** The local pipeline (src/test/java/.../local) reads pipeline.json: it must be the pipeline deployed here. */
    @Test
    void theLocalPipelineRunsWithTheSettingsDeployedHereOrdersEvents() throws IOException {
        JsonNode local = new ObjectMapper().readTree(Path.of("pipelines/ordersevents.json").toFile());
        Map<String, Object> queue = queue("OrdersEventsQueue");
        Map<String, Object> mapping = map(functionOrdersEvents(), "Events", "Queue", "Properties");
        String template = (String) map(integrationOrdersEvents(), "RequestTemplates").get("application/json");
        JsonNode group = local.path("integration").path("messageGroupIdField");
        JsonNode deduplication = local.path("integration").path("messageDeduplicationIdField");
        assertAll(
                () -> assertEquals(ORDERS_EVENTS_PATH, local.path("api").path("path").asText()),
                () -> assertEquals(number(queue, "VisibilityTimeout"), local.path("queue").path("visibilityTimeoutSeconds").asLong()),
                () -> assertEquals(number(map(queue, "RedrivePolicy"), "maxReceiveCount"), local.path("queue").path("maxReceiveCount").asLong()),
                () -> assertEquals(number(queue, "MaximumMessageSize"), local.path("queue").path("maxMessageBytes").asLong()),
                () -> assertEquals(number(queue, "MessageRetentionPeriod"), local.path("queue").path("retentionSeconds").asLong()),
                () -> assertEquals(Boolean.TRUE.equals(queue.get("FifoQueue")), local.path("queue").path("fifo").asBoolean()),
                () -> assertEquals(Boolean.TRUE.equals(queue.get("ContentBasedDeduplication")),
                        local.path("queue").path("contentBasedDeduplication").asBoolean()),
                () -> assertEquals(number(mapping, "BatchSize"), local.path("eventSource").path("batchSize").asLong()),
                () -> assertEquals(mapping.containsKey("MaximumBatchingWindowInSeconds") ? number(mapping, "MaximumBatchingWindowInSeconds") : 0,
                        local.path("eventSource").path("batchingWindowSeconds").asLong()),
                () -> assertEquals(number(map(mapping, "ScalingConfig"), "MaximumConcurrency"),
                        local.path("eventSource").path("maximumConcurrency").asLong()),
                // The stand-in runs the mapping templates deployed here, character for character, and refuses what
                // the integration refuses.
                () -> assertEquals(json(map(integrationOrdersEvents(), "RequestTemplates")), local.path("integration").path("requestTemplates")),
                () -> assertEquals(integrationOrdersEvents().get("PassthroughBehavior"), local.path("integration").path("passthroughBehavior").asText()),
                () -> assertEquals(integrationResponsesOrdersEvents(), localResponses(local)),
                // It answers a body the model refuses with the gateway response deployed here.
                () -> assertEquals(badRequestBody().get("StatusCode"), local.path("api").path("badRequestBody").path("statusCode").asText()),
                () -> assertEquals(json(map(badRequestBody(), "ResponseTemplates")), new ObjectMapper().createObjectNode()
                        .put("application/json", local.path("api").path("badRequestBody").path("template").asText())),
                // Its FIFO ids come from the fields the template reads.
                () -> assertEquals(!group.isNull(), template.contains("&MessageGroupId="), template),
                () -> assertEquals(!deduplication.isNull(), template.contains("#set($messageDeduplicationId = "), template),
                () -> assertEquals("requestId".equals(local.path("integration").path("messageDeduplicationId").asText()),
                        template.contains("&MessageDeduplicationId=$context.requestId")));
    }

    /** The integration responses as pipeline.json lists them: selection pattern (empty: the default), status, template. */
    private static List<List<String>> integrationResponsesOrdersEvents() {
        return list(integrationOrdersEvents(), "IntegrationResponses").stream().map(r -> List.of(
                (String) map(r).getOrDefault("SelectionPattern", ""), (String) map(r).get("StatusCode"),
                (String) map(r, "ResponseTemplates").get("application/json"))).toList();
    }

    @Test
    void callersMustSignWithSigV4Refunds() {
        assertEquals("AWS_IAM", methodRefunds().get("AuthorizationType"));
    }

    /** The local pipeline (src/test/java/.../local) reads pipeline.json: it must be the pipeline deployed here. */
    @Test
    void theLocalPipelineRunsWithTheSettingsDeployedHereRefunds() throws IOException {
        JsonNode local = new ObjectMapper().readTree(Path.of("pipelines/refunds.json").toFile());
        Map<String, Object> queue = queue("RefundsQueue");
        Map<String, Object> mapping = map(functionRefunds(), "Events", "Queue", "Properties");
        String template = (String) map(integrationRefunds(), "RequestTemplates").get("application/json");
        JsonNode group = local.path("integration").path("messageGroupIdField");
        JsonNode deduplication = local.path("integration").path("messageDeduplicationIdField");
        assertAll(
                () -> assertEquals(REFUNDS_PATH, local.path("api").path("path").asText()),
                () -> assertEquals(number(queue, "VisibilityTimeout"), local.path("queue").path("visibilityTimeoutSeconds").asLong()),
                () -> assertEquals(number(map(queue, "RedrivePolicy"), "maxReceiveCount"), local.path("queue").path("maxReceiveCount").asLong()),
                () -> assertEquals(number(queue, "MaximumMessageSize"), local.path("queue").path("maxMessageBytes").asLong()),
                () -> assertEquals(number(queue, "MessageRetentionPeriod"), local.path("queue").path("retentionSeconds").asLong()),
                () -> assertEquals(Boolean.TRUE.equals(queue.get("FifoQueue")), local.path("queue").path("fifo").asBoolean()),
                () -> assertEquals(Boolean.TRUE.equals(queue.get("ContentBasedDeduplication")),
                        local.path("queue").path("contentBasedDeduplication").asBoolean()),
                () -> assertEquals(number(mapping, "BatchSize"), local.path("eventSource").path("batchSize").asLong()),
                () -> assertEquals(mapping.containsKey("MaximumBatchingWindowInSeconds") ? number(mapping, "MaximumBatchingWindowInSeconds") : 0,
                        local.path("eventSource").path("batchingWindowSeconds").asLong()),
                () -> assertEquals(number(map(mapping, "ScalingConfig"), "MaximumConcurrency"),
                        local.path("eventSource").path("maximumConcurrency").asLong()),
                // The stand-in runs the mapping templates deployed here, character for character, and refuses what
                // the integration refuses.
                () -> assertEquals(json(map(integrationRefunds(), "RequestTemplates")), local.path("integration").path("requestTemplates")),
                () -> assertEquals(integrationRefunds().get("PassthroughBehavior"), local.path("integration").path("passthroughBehavior").asText()),
                () -> assertEquals(integrationResponsesRefunds(), localResponses(local)),
                // It answers a body the model refuses with the gateway response deployed here.
                () -> assertEquals(badRequestBody().get("StatusCode"), local.path("api").path("badRequestBody").path("statusCode").asText()),
                () -> assertEquals(json(map(badRequestBody(), "ResponseTemplates")), new ObjectMapper().createObjectNode()
                        .put("application/json", local.path("api").path("badRequestBody").path("template").asText())),
                // Its FIFO ids come from the fields the template reads.
                () -> assertEquals(!group.isNull(), template.contains("&MessageGroupId="), template),
                () -> assertEquals(!deduplication.isNull(), template.contains("#set($messageDeduplicationId = "), template),
                () -> assertEquals("requestId".equals(local.path("integration").path("messageDeduplicationId").asText()),
                        template.contains("&MessageDeduplicationId=$context.requestId")));
    }

    /** The integration responses as pipeline.json lists them: selection pattern (empty: the default), status, template. */
    private static List<List<String>> integrationResponsesRefunds() {
        return list(integrationRefunds(), "IntegrationResponses").stream().map(r -> List.of(
                (String) map(r).getOrDefault("SelectionPattern", ""), (String) map(r).get("StatusCode"),
                (String) map(r, "ResponseTemplates").get("application/json"))).toList();
    }

    /** The BAD_REQUEST_BODY gateway response's properties. */
    private static Map<String, Object> badRequestBody() {
        return resources.values().stream().map(r -> map(r))
                .filter(r -> "AWS::ApiGateway::GatewayResponse".equals(r.get("Type")))
                .map(r -> map(r, "Properties"))
                .filter(p -> "BAD_REQUEST_BODY".equals(p.get("ResponseType")))
                .findFirst().orElseThrow(() -> new AssertionError("no BAD_REQUEST_BODY gateway response"));
    }

    private static JsonNode json(Map<String, Object> map) {
        return new ObjectMapper().valueToTree(map);
    }

    private static List<List<String>> localResponses(JsonNode local) {
        List<List<String>> responses = new ArrayList<>();
        local.path("integration").path("responses").forEach(r -> responses.add(List.of(r.path("selectionPattern").asText(),
                r.path("statusCode").asText(), r.path("template").asText())));
        return responses;
    }

    @Test
    void everyAlarmWatchesItsMetricAtThePlannedThresholdOrders() {
        Map<String, Object> queueName = getAtt("OrdersQueue", "QueueName");
        Map<String, Object> dlqName = getAtt("OrdersDeadLetterQueue", "QueueName");
        Map<String, Object> functionName = ref("OrdersConsumerFunction");
        Map<String, Object> apiName = Map.of("Fn::Sub", "${AWS::StackName}-api");
        assertAll(
                () -> assertAlarm("OrdersOldestMessageAgeAlarm", "AWS/SQS", "ApproximateAgeOfOldestMessage", queueName,
                        "Maximum", 60, 1, 1, "GreaterThanThreshold", ORDERS_OLDEST_MESSAGE_AGE_ALARM_SECONDS),
                () -> assertAlarm("OrdersDeadLetterQueueAlarm", "AWS/SQS", "ApproximateNumberOfMessagesVisible", dlqName,
                        "Maximum", 60, 1, 1, "GreaterThanOrEqualToThreshold", ORDERS_DLQ_ALARM_MESSAGES),
                // For 3 minutes: a backlog a burst leaves for a minute is not yet lateness.
                () -> assertAlarm("OrdersBacklogAlarm", "AWS/SQS", "ApproximateNumberOfMessagesVisible", queueName,
                        "Maximum", 60, 3, 3, "GreaterThanThreshold", ORDERS_BACKLOG_ALARM_MESSAGES),
                () -> assertAlarm("OrdersConsumerErrorsAlarm", "AWS/Lambda", "Errors", functionName,
                        "Sum", 300, 1, 1, "GreaterThanOrEqualToThreshold", ORDERS_CONSUMER_ERRORS_ALARM),
                () -> assertAlarm("OrdersConsumerThrottlesAlarm", "AWS/Lambda", "Throttles", functionName,
                        "Sum", 300, 1, 1, "GreaterThanOrEqualToThreshold", ORDERS_CONSUMER_THROTTLES_ALARM),
                () -> assertAlarm("Api5xxAlarm", "AWS/ApiGateway", "5XXError", apiName,
                        "Average", 300, 1, 1, "GreaterThanThreshold", API_5XX_ALARM_RATE),
                () -> assertAlarm("ApiLatencyAlarm", "AWS/ApiGateway", "Latency", apiName,
                        "p99", 300, 1, 1, "GreaterThanThreshold", API_LATENCY_P99_ALARM_MS),
                () -> assertAlarm("OrdersEndToEndDelayAlarm", METRICS_NAMESPACE, "EndToEndDelay", Map.of("Fn::Sub", "${AWS::StackName}-orders"),
                        "Maximum", 60, 1, 1, "GreaterThanThreshold", ORDERS_END_TO_END_DELAY_ALARM_MS));
        assertEquals(ORDERS_TOLERANCE_SECONDS * 1000, ORDERS_END_TO_END_DELAY_ALARM_MS, "late means later than the tolerance");
    }

    @Test
    void theTimeToDrainAlarmWarnsBeforeTheOldestMessageIsLateOrders() {
        Map<String, Object> p = alarmProperties("OrdersTimeToDrainAlarm");
        Map<String, Object> queueName = getAtt("OrdersQueue", "QueueName");
        List<Object> queries = list(p, "Metrics");
        assertAll(
                () -> assertMetricQuery(queries, "visible", "AWS/SQS", "ApproximateNumberOfMessagesVisible", queueName, "Average", 60),
                () -> assertMetricQuery(queries, "sent", "AWS/SQS", "NumberOfMessagesSent", queueName, "Sum", 60),
                () -> assertMetricQuery(queries, "deleted", "AWS/SQS", "NumberOfMessagesDeleted", queueName, "Sum", 60));
        Map<String, Object> expression = returned(queries);
        assertEquals(ORDERS_TIME_TO_DRAIN, expression.get("Expression"));
        assertTrue(ORDERS_TIME_TO_DRAIN.contains(String.valueOf(ORDERS_RETENTION_SECONDS)), "a queue that does not shrink reads the retention");
        assertEquals(ORDERS_TIME_TO_DRAIN_ALARM_SECONDS, number(p, "Threshold"));
        // It projects when the newest message will be processed, so it fires while the oldest is on time.
        assertTrue(ORDERS_TIME_TO_DRAIN_ALARM_SECONDS <= ORDERS_OLDEST_MESSAGE_AGE_ALARM_SECONDS);
        assertEquals("GreaterThanThreshold", p.get("ComparisonOperator"));
        assertEquals(3, number(p, "EvaluationPeriods"));
        assertEquals(2, number(p, "DatapointsToAlarm"));
        assertNotifies(p, "OrdersTimeToDrainAlarm");
    }

    @Test
    void everyAlarmWatchesItsMetricAtThePlannedThresholdOrdersEvents() {
        Map<String, Object> queueName = getAtt("OrdersEventsQueue", "QueueName");
        Map<String, Object> dlqName = getAtt("OrdersEventsDeadLetterQueue", "QueueName");
        Map<String, Object> functionName = ref("OrdersEventsConsumerFunction");
        assertAll(
                () -> assertAlarm("OrdersEventsOldestMessageAgeAlarm", "AWS/SQS", "ApproximateAgeOfOldestMessage", queueName,
                        "Maximum", 60, 1, 1, "GreaterThanThreshold", ORDERS_EVENTS_OLDEST_MESSAGE_AGE_ALARM_SECONDS),
                () -> assertAlarm("OrdersEventsDeadLetterQueueAlarm", "AWS/SQS", "ApproximateNumberOfMessagesVisible", dlqName,
                        "Maximum", 60, 1, 1, "GreaterThanOrEqualToThreshold", ORDERS_EVENTS_DLQ_ALARM_MESSAGES),
                // For 3 minutes: a backlog a burst leaves for a minute is not yet lateness.
                () -> assertAlarm("OrdersEventsBacklogAlarm", "AWS/SQS", "ApproximateNumberOfMessagesVisible", queueName,
                        "Maximum", 60, 3, 3, "GreaterThanThreshold", ORDERS_EVENTS_BACKLOG_ALARM_MESSAGES),
                () -> assertAlarm("OrdersEventsConsumerErrorsAlarm", "AWS/Lambda", "Errors", functionName,
                        "Sum", 300, 1, 1, "GreaterThanOrEqualToThreshold", ORDERS_EVENTS_CONSUMER_ERRORS_ALARM),
                () -> assertAlarm("OrdersEventsConsumerThrottlesAlarm", "AWS/Lambda", "Throttles", functionName,
                        "Sum", 300, 1, 1, "GreaterThanOrEqualToThreshold", ORDERS_EVENTS_CONSUMER_THROTTLES_ALARM),
                () -> assertAlarm("OrdersEventsEndToEndDelayAlarm", METRICS_NAMESPACE, "EndToEndDelay", Map.of("Fn::Sub", "${AWS::StackName}-ordersevents"),
                        "Maximum", 60, 1, 1, "GreaterThanThreshold", ORDERS_EVENTS_END_TO_END_DELAY_ALARM_MS));
        assertEquals(ORDERS_EVENTS_TOLERANCE_SECONDS * 1000, ORDERS_EVENTS_END_TO_END_DELAY_ALARM_MS, "late means later than the tolerance");
    }

    @Test
    void theTimeToDrainAlarmWarnsBeforeTheOldestMessageIsLateOrdersEvents() {
        Map<String, Object> p = alarmProperties("OrdersEventsTimeToDrainAlarm");
        Map<String, Object> queueName = getAtt("OrdersEventsQueue", "QueueName");
        List<Object> queries = list(p, "Metrics");
        assertAll(
                () -> assertMetricQuery(queries, "visible", "AWS/SQS", "ApproximateNumberOfMessagesVisible", queueName, "Average", 60),
                () -> assertMetricQuery(queries, "sent", "AWS/SQS", "NumberOfMessagesSent", queueName, "Sum", 60),
                () -> assertMetricQuery(queries, "deleted", "AWS/SQS", "NumberOfMessagesDeleted", queueName, "Sum", 60));
        Map<String, Object> expression = returned(queries);
        assertEquals(ORDERS_EVENTS_TIME_TO_DRAIN, expression.get("Expression"));
        assertTrue(ORDERS_EVENTS_TIME_TO_DRAIN.contains(String.valueOf(ORDERS_EVENTS_RETENTION_SECONDS)), "a queue that does not shrink reads the retention");
        assertEquals(ORDERS_EVENTS_TIME_TO_DRAIN_ALARM_SECONDS, number(p, "Threshold"));
        // It projects when the newest message will be processed, so it fires while the oldest is on time.
        assertTrue(ORDERS_EVENTS_TIME_TO_DRAIN_ALARM_SECONDS <= ORDERS_EVENTS_OLDEST_MESSAGE_AGE_ALARM_SECONDS);
        assertEquals("GreaterThanThreshold", p.get("ComparisonOperator"));
        assertEquals(3, number(p, "EvaluationPeriods"));
        assertEquals(2, number(p, "DatapointsToAlarm"));
        assertNotifies(p, "OrdersEventsTimeToDrainAlarm");
    }

    @Test
    void everyAlarmWatchesItsMetricAtThePlannedThresholdRefunds() {
        Map<String, Object> queueName = getAtt("RefundsQueue", "QueueName");
        Map<String, Object> dlqName = getAtt("RefundsDeadLetterQueue", "QueueName");
        Map<String, Object> functionName = ref("RefundsConsumerFunction");
        assertAll(
                () -> assertAlarm("RefundsOldestMessageAgeAlarm", "AWS/SQS", "ApproximateAgeOfOldestMessage", queueName,
                        "Maximum", 60, 1, 1, "GreaterThanThreshold", REFUNDS_OLDEST_MESSAGE_AGE_ALARM_SECONDS),
                () -> assertAlarm("RefundsDeadLetterQueueAlarm", "AWS/SQS", "ApproximateNumberOfMessagesVisible", dlqName,
                        "Maximum", 60, 1, 1, "GreaterThanOrEqualToThreshold", REFUNDS_DLQ_ALARM_MESSAGES),
                // For 3 minutes: a backlog a burst leaves for a minute is not yet lateness.
                () -> assertAlarm("RefundsBacklogAlarm", "AWS/SQS", "ApproximateNumberOfMessagesVisible", queueName,
                        "Maximum", 60, 3, 3, "GreaterThanThreshold", REFUNDS_BACKLOG_ALARM_MESSAGES),
                () -> assertAlarm("RefundsConsumerErrorsAlarm", "AWS/Lambda", "Errors", functionName,
                        "Sum", 300, 1, 1, "GreaterThanOrEqualToThreshold", REFUNDS_CONSUMER_ERRORS_ALARM),
                () -> assertAlarm("RefundsConsumerThrottlesAlarm", "AWS/Lambda", "Throttles", functionName,
                        "Sum", 300, 1, 1, "GreaterThanOrEqualToThreshold", REFUNDS_CONSUMER_THROTTLES_ALARM),
                () -> assertAlarm("RefundsEndToEndDelayAlarm", METRICS_NAMESPACE, "EndToEndDelay", Map.of("Fn::Sub", "${AWS::StackName}-refunds"),
                        "Maximum", 60, 1, 1, "GreaterThanThreshold", REFUNDS_END_TO_END_DELAY_ALARM_MS));
        assertEquals(REFUNDS_TOLERANCE_SECONDS * 1000, REFUNDS_END_TO_END_DELAY_ALARM_MS, "late means later than the tolerance");
    }

    @Test
    void theTimeToDrainAlarmWarnsBeforeTheOldestMessageIsLateRefunds() {
        Map<String, Object> p = alarmProperties("RefundsTimeToDrainAlarm");
        Map<String, Object> queueName = getAtt("RefundsQueue", "QueueName");
        List<Object> queries = list(p, "Metrics");
        assertAll(
                () -> assertMetricQuery(queries, "visible", "AWS/SQS", "ApproximateNumberOfMessagesVisible", queueName, "Average", 60),
                () -> assertMetricQuery(queries, "sent", "AWS/SQS", "NumberOfMessagesSent", queueName, "Sum", 60),
                () -> assertMetricQuery(queries, "deleted", "AWS/SQS", "NumberOfMessagesDeleted", queueName, "Sum", 60));
        Map<String, Object> expression = returned(queries);
        assertEquals(REFUNDS_TIME_TO_DRAIN, expression.get("Expression"));
        assertTrue(REFUNDS_TIME_TO_DRAIN.contains(String.valueOf(REFUNDS_RETENTION_SECONDS)), "a queue that does not shrink reads the retention");
        assertEquals(REFUNDS_TIME_TO_DRAIN_ALARM_SECONDS, number(p, "Threshold"));
        // It projects when the newest message will be processed, so it fires while the oldest is on time.
        assertTrue(REFUNDS_TIME_TO_DRAIN_ALARM_SECONDS <= REFUNDS_OLDEST_MESSAGE_AGE_ALARM_SECONDS);
        assertEquals("GreaterThanThreshold", p.get("ComparisonOperator"));
        assertEquals(3, number(p, "EvaluationPeriods"));
        assertEquals(2, number(p, "DatapointsToAlarm"));
        assertNotifies(p, "RefundsTimeToDrainAlarm");
    }

    @Test
    void theApiLatencyAnomalyAlarmWatchesTheUpperEdgeOfTheExpectedBand() {
        Map<String, Object> p = alarmProperties("ApiLatencyAnomalyAlarm");
        List<Object> queries = list(p, "Metrics");
        assertMetricQuery(queries, "latency", "AWS/ApiGateway", "Latency", Map.of("Fn::Sub", "${AWS::StackName}-api"), "Average", 60);
        Map<String, Object> band = queries.stream().map(q -> map(q)).filter(q -> q.containsKey("Expression")).findFirst().orElseThrow();
        assertEquals("ANOMALY_DETECTION_BAND(latency, " + API_LATENCY_ANOMALY_BAND + ")", band.get("Expression"));
        assertEquals(band.get("Id"), p.get("ThresholdMetricId"));
        assertEquals("GreaterThanUpperThreshold", p.get("ComparisonOperator"));
        assertEquals(5, number(p, "EvaluationPeriods"));
        assertEquals(3, number(p, "DatapointsToAlarm"));
        assertNotifies(p, "ApiLatencyAnomalyAlarm");
    }

    @Test
    void theDashboardShowsTheApiThenEachEndpointInPipelineOrder() throws IOException {
        Map<String, Object> p = map(resources, "Dashboard", "Properties");
        // !Sub references become placeholders; what remains must be the JSON CloudWatch reads.
        String body = ((String) map(p, "DashboardBody").get("Fn::Sub")).replaceAll("\\$\\{[^}]+}", "X");
        JsonNode widgets = new ObjectMapper().readTree(body).path("widgets");
        List<String> titles = new ArrayList<>();
        widgets.forEach(w -> titles.add(w.path("properties").path("title").asText("")));
        // The header, every alarm's state, the API's row, then each endpoint's section under its heading.
        List<String> expected = new ArrayList<>(List.of("", "Alarms", "API: requests", "API: 4XX and 5XX", "API: latency"));
        for (int i = 0; i < 3; i++) {
            expected.addAll(List.of("", "Queue: sent, visible, in flight", "Queue: oldest message age (s)", "Queue: time to drain (s)",
                    "Consumer: invocations, errors, throttles", "Consumer: duration p99 (ms)", "Consumer: concurrent executions",
                    "DLQ: messages", "DLQ: oldest message age (s)", "End-to-end delay, accept to processed (ms)"));
        }
        assertEquals(expected, titles);
        assertEquals(resources.values().stream().filter(r -> "AWS::CloudWatch::Alarm".equals(((Map<?, ?>) r).get("Type"))).count(),
                widgets.get(1).path("properties").path("alarms").size(), "every alarm's state on the page");
        assertEquals(API_LATENCY_P99_ALARM_MS, line(widgets, "API: latency"));
    }

    /** POST /orders's section: its own queue, consumer and dead letters, with its plan's limits. */
    @Test
    void theDashboardSectionOfOrdersDrawsItsOwnResourcesWithThePlannedLimits() throws IOException {
        String source = (String) map(resources, "Dashboard", "Properties", "DashboardBody").get("Fn::Sub");
        JsonNode widgets = section(new ObjectMapper().readTree(source).path("widgets"), "### POST /orders\n");
        assertAll(
                () -> assertEquals(ORDERS_OLDEST_MESSAGE_AGE_ALARM_SECONDS, line(widgets, "Queue: oldest message age (s)")),
                () -> assertEquals(ORDERS_TIME_TO_DRAIN_ALARM_SECONDS, line(widgets, "Queue: time to drain (s)")),
                () -> assertEquals(ORDERS_FUNCTION_TIMEOUT_SECONDS * 1000L, line(widgets, "Consumer: duration p99 (ms)")),
                () -> assertEquals(ORDERS_MAX_CONCURRENCY, line(widgets, "Consumer: concurrent executions")),
                () -> assertEquals(ORDERS_END_TO_END_DELAY_ALARM_MS, line(widgets, "End-to-end delay, accept to processed (ms)")));
        assertTrue(widgets.toString().contains(ORDERS_TIME_TO_DRAIN), "the graph shows what the alarm watches");
        // Every metric is this endpoint's: its queues, its function, its consumers' Service dimension.
        assertEquals(Set.of("${AWS::Region}", "${AWS::StackName}", "${OrdersQueue.QueueName}", "${OrdersDeadLetterQueue.QueueName}",
                "${OrdersConsumerFunction}"), references(widgets));
        assertTrue(widgets.toString().contains("\"${AWS::StackName}-orders\""), "the Service dimension");
    }

    /** POST /orders/{orderId}/events's section: its own queue, consumer and dead letters, with its plan's limits. */
    @Test
    void theDashboardSectionOfOrdersEventsDrawsItsOwnResourcesWithThePlannedLimits() throws IOException {
        String source = (String) map(resources, "Dashboard", "Properties", "DashboardBody").get("Fn::Sub");
        JsonNode widgets = section(new ObjectMapper().readTree(source).path("widgets"), "### POST /orders/{orderId}/events\n");
        assertAll(
                () -> assertEquals(ORDERS_EVENTS_OLDEST_MESSAGE_AGE_ALARM_SECONDS, line(widgets, "Queue: oldest message age (s)")),
                () -> assertEquals(ORDERS_EVENTS_TIME_TO_DRAIN_ALARM_SECONDS, line(widgets, "Queue: time to drain (s)")),
                () -> assertEquals(ORDERS_EVENTS_FUNCTION_TIMEOUT_SECONDS * 1000L, line(widgets, "Consumer: duration p99 (ms)")),
                () -> assertEquals(ORDERS_EVENTS_MAX_CONCURRENCY, line(widgets, "Consumer: concurrent executions")),
                () -> assertEquals(ORDERS_EVENTS_END_TO_END_DELAY_ALARM_MS, line(widgets, "End-to-end delay, accept to processed (ms)")));
        assertTrue(widgets.toString().contains(ORDERS_EVENTS_TIME_TO_DRAIN), "the graph shows what the alarm watches");
        // Every metric is this endpoint's: its queues, its function, its consumers' Service dimension.
        assertEquals(Set.of("${AWS::Region}", "${AWS::StackName}", "${OrdersEventsQueue.QueueName}", "${OrdersEventsDeadLetterQueue.QueueName}",
                "${OrdersEventsConsumerFunction}"), references(widgets));
        assertTrue(widgets.toString().contains("\"${AWS::StackName}-ordersevents\""), "the Service dimension");
    }

    /** POST /refunds's section: its own queue, consumer and dead letters, with its plan's limits. */
    @Test
    void theDashboardSectionOfRefundsDrawsItsOwnResourcesWithThePlannedLimits() throws IOException {
        String source = (String) map(resources, "Dashboard", "Properties", "DashboardBody").get("Fn::Sub");
        JsonNode widgets = section(new ObjectMapper().readTree(source).path("widgets"), "### POST /refunds\n");
        assertAll(
                () -> assertEquals(REFUNDS_OLDEST_MESSAGE_AGE_ALARM_SECONDS, line(widgets, "Queue: oldest message age (s)")),
                () -> assertEquals(REFUNDS_TIME_TO_DRAIN_ALARM_SECONDS, line(widgets, "Queue: time to drain (s)")),
                () -> assertEquals(REFUNDS_FUNCTION_TIMEOUT_SECONDS * 1000L, line(widgets, "Consumer: duration p99 (ms)")),
                () -> assertEquals(REFUNDS_MAX_CONCURRENCY, line(widgets, "Consumer: concurrent executions")),
                () -> assertEquals(REFUNDS_END_TO_END_DELAY_ALARM_MS, line(widgets, "End-to-end delay, accept to processed (ms)")));
        assertTrue(widgets.toString().contains(REFUNDS_TIME_TO_DRAIN), "the graph shows what the alarm watches");
        // Every metric is this endpoint's: its queues, its function, its consumers' Service dimension.
        assertEquals(Set.of("${AWS::Region}", "${AWS::StackName}", "${RefundsQueue.QueueName}", "${RefundsDeadLetterQueue.QueueName}",
                "${RefundsConsumerFunction}"), references(widgets));
        assertTrue(widgets.toString().contains("\"${AWS::StackName}-refunds\""), "the Service dimension");
    }

    /** The widgets of one endpoint's section: those after the heading that starts so, up to the next heading. */
    private static JsonNode section(JsonNode widgets, String heading) {
        ArrayNode section = new ObjectMapper().createArrayNode();
        boolean in = false;
        for (JsonNode widget : widgets) {
            if ("text".equals(widget.path("type").asText())) {
                in = widget.path("properties").path("markdown").asText().startsWith(heading);
            } else if (in) {
                section.add(widget);
            }
        }
        assertFalse(section.isEmpty(), "no section under " + heading);
        return section;
    }

    /** The !Sub references in widgets. */
    private static Set<String> references(JsonNode widgets) {
        Set<String> references = new TreeSet<>();
        Matcher reference = Pattern.compile("\\$\\{[^}]+}").matcher(widgets.toString());
        while (reference.find()) {
            references.add(reference.group());
        }
        return references;
    }

    @Test
    void savedQueriesFollowOneRequestAndListTheSlowestDeliveries() {
        Map<String, Object> trace = map(resources, "RequestTraceQuery", "Properties");
        assertEquals(List.of(ref("ApiAccessLogGroup"), ref("OrdersConsumerLogGroup"), ref("OrdersEventsConsumerLogGroup"), ref("RefundsConsumerLogGroup")), list(trace, "LogGroupNames"));
        String traceQuery = (String) trace.get("QueryString");
        assertTrue(traceQuery.contains("requestId = \"REQUEST_ID\" or correlationId = \"REQUEST_ID\""), traceQuery);
        Map<String, Object> slowest = map(resources, "SlowestDeliveriesQuery", "Properties");
        assertEquals(List.of(ref("OrdersConsumerLogGroup"), ref("OrdersEventsConsumerLogGroup"), ref("RefundsConsumerLogGroup")), list(slowest, "LogGroupNames"));
        assertTrue(((String) slowest.get("QueryString")).contains("sort endToEndDelayMs desc"));
    }

    @Test
    void logsAreKeptAsAskedAndTheConsumerNamesItsMetricsOrders() {
        assertEquals(ORDERS_LOG_RETENTION_DAYS, number(map(resources, "ApiAccessLogGroup", "Properties"), "RetentionInDays"));
        assertEquals(ORDERS_LOG_RETENTION_DAYS, number(map(resources, "OrdersConsumerLogGroup", "Properties"), "RetentionInDays"));
        Map<String, Object> variables = map(functionOrders(), "Environment", "Variables");
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-orders"), variables.get("POWERTOOLS_SERVICE_NAME"));
        assertEquals(METRICS_NAMESPACE, variables.get("POWERTOOLS_METRICS_NAMESPACE"));
        assertEquals("Lambda", variables.get("AWS_EMF_ENVIRONMENT"), "no probing for EC2 or ECS");
    }

    @Test
    void logsAreKeptAsAskedAndTheConsumerNamesItsMetricsOrdersEvents() {
        assertEquals(ORDERS_EVENTS_LOG_RETENTION_DAYS, number(map(resources, "ApiAccessLogGroup", "Properties"), "RetentionInDays"));
        assertEquals(ORDERS_EVENTS_LOG_RETENTION_DAYS, number(map(resources, "OrdersEventsConsumerLogGroup", "Properties"), "RetentionInDays"));
        Map<String, Object> variables = map(functionOrdersEvents(), "Environment", "Variables");
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-ordersevents"), variables.get("POWERTOOLS_SERVICE_NAME"));
        assertEquals(METRICS_NAMESPACE, variables.get("POWERTOOLS_METRICS_NAMESPACE"));
        assertEquals("Lambda", variables.get("AWS_EMF_ENVIRONMENT"), "no probing for EC2 or ECS");
    }

    @Test
    void logsAreKeptAsAskedAndTheConsumerNamesItsMetricsRefunds() {
        assertEquals(REFUNDS_LOG_RETENTION_DAYS, number(map(resources, "ApiAccessLogGroup", "Properties"), "RetentionInDays"));
        assertEquals(REFUNDS_LOG_RETENTION_DAYS, number(map(resources, "RefundsConsumerLogGroup", "Properties"), "RetentionInDays"));
        Map<String, Object> variables = map(functionRefunds(), "Environment", "Variables");
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-refunds"), variables.get("POWERTOOLS_SERVICE_NAME"));
        assertEquals(METRICS_NAMESPACE, variables.get("POWERTOOLS_METRICS_NAMESPACE"));
        assertEquals("Lambda", variables.get("AWS_EMF_ENVIRONMENT"), "no probing for EC2 or ECS");
    }

    private static void assertAlarm(String id, String namespace, String metric, Object dimensionValue, String statistic,
                                    int period, int evaluations, int datapoints, String comparison, double threshold) {
        Map<String, Object> p = alarmProperties(id);
        assertEquals(namespace, p.get("Namespace"), id);
        assertEquals(metric, p.get("MetricName"), id);
        assertEquals(dimensionValue, map(list(p, "Dimensions").get(0)).get("Value"), id);
        assertEquals(statistic, statistic.startsWith("p") ? p.get("ExtendedStatistic") : p.get("Statistic"), id);
        assertEquals(period, number(p, "Period"), id);
        assertEquals(evaluations, number(p, "EvaluationPeriods"), id);
        assertEquals(datapoints, p.containsKey("DatapointsToAlarm") ? number(p, "DatapointsToAlarm") : evaluations, id);
        assertEquals(comparison, p.get("ComparisonOperator"), id);
        assertEquals(threshold, ((Number) p.get("Threshold")).doubleValue(), 0.0, id);
        assertNotifies(p, id);
    }

    private static Map<String, Object> alarmProperties(String id) {
        Map<String, Object> alarm = map(resources, id);
        assertEquals("AWS::CloudWatch::Alarm", alarm.get("Type"), id);
        return map(alarm, "Properties");
    }

    /** Alarm and OK both notify the topic; no data is no breach (a quiet endpoint is a healthy one); it says what to do. */
    private static void assertNotifies(Map<String, Object> p, String id) {
        assertEquals(List.of(ref("AlarmTopic")), p.get("AlarmActions"), id);
        assertEquals(List.of(ref("AlarmTopic")), p.get("OKActions"), id);
        assertEquals("notBreaching", p.get("TreatMissingData"), id);
        assertTrue(((String) p.get("AlarmDescription")).contains("First "), id + ": says what to check first");
    }

    private static void assertMetricQuery(List<Object> queries, String id, String namespace, String metric, Object dimensionValue,
                                          String stat, int period) {
        Map<String, Object> query = queries.stream().map(q -> map(q)).filter(q -> id.equals(q.get("Id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no metric query " + id));
        Map<String, Object> stats = map(query, "MetricStat");
        assertEquals(namespace, map(stats, "Metric").get("Namespace"), id);
        assertEquals(metric, map(stats, "Metric").get("MetricName"), id);
        assertEquals(dimensionValue, map(list(map(stats, "Metric"), "Dimensions").get(0)).get("Value"), id);
        assertEquals(stat, stats.get("Stat"), id);
        assertEquals(period, number(stats, "Period"), id);
    }

    /** The one metric query whose data the alarm compares. */
    private static Map<String, Object> returned(List<Object> queries) {
        return only(queries.stream().filter(q -> Boolean.TRUE.equals(map(q).get("ReturnData"))).map(q -> (Object) q).toList());
    }

    /** The value of the one horizontal line drawn on a dashboard graph. */
    private static long line(JsonNode widgets, String title) {
        for (JsonNode widget : widgets) {
            if (title.equals(widget.path("properties").path("title").asText())) {
                JsonNode lines = widget.path("properties").path("annotations").path("horizontal");
                assertEquals(1, lines.size(), title);
                return lines.get(0).path("value").asLong();
            }
        }
        throw new AssertionError("no widget " + title);
    }

    // ---------------------------------------------------------------- reading the template

    private static Map<String, Object> functionOrders() {
        Map<String, Object> function = map(resources, "OrdersConsumerFunction");
        assertEquals("AWS::Serverless::Function", function.get("Type"));
        return map(function, "Properties");
    }

    private static Map<String, Object> functionOrdersEvents() {
        Map<String, Object> function = map(resources, "OrdersEventsConsumerFunction");
        assertEquals("AWS::Serverless::Function", function.get("Type"));
        return map(function, "Properties");
    }

    private static Map<String, Object> functionRefunds() {
        Map<String, Object> function = map(resources, "RefundsConsumerFunction");
        assertEquals("AWS::Serverless::Function", function.get("Type"));
        return map(function, "Properties");
    }

    private static Map<String, Object> queue(String id) {
        Map<String, Object> queue = map(resources, id);
        assertEquals("AWS::SQS::Queue", queue.get("Type"));
        return map(queue, "Properties");
    }

    private static Map<String, Object> methodOrders() {
        Map<String, Object> method = map(resources, "OrdersApiPostMethod");
        assertEquals("AWS::ApiGateway::Method", method.get("Type"));
        return map(method, "Properties");
    }

    private static Map<String, Object> integrationOrders() {
        return map(methodOrders(), "Integration");
    }

    private static Map<String, Object> methodOrdersEvents() {
        Map<String, Object> method = map(resources, "OrdersEventsApiPostMethod");
        assertEquals("AWS::ApiGateway::Method", method.get("Type"));
        return map(method, "Properties");
    }

    private static Map<String, Object> integrationOrdersEvents() {
        return map(methodOrdersEvents(), "Integration");
    }

    private static Map<String, Object> methodRefunds() {
        Map<String, Object> method = map(resources, "RefundsApiPostMethod");
        assertEquals("AWS::ApiGateway::Method", method.get("Type"));
        return map(method, "Properties");
    }

    private static Map<String, Object> integrationRefunds() {
        return map(methodRefunds(), "Integration");
    }

    /** A queue policy that names the queue and denies every action on it over plain HTTP. */
    private static boolean hasTlsOnlyPolicy(String queue) {
        Map<String, Object> arn = getAtt(queue, "Arn");
        for (Object resource : resources.values()) {
            Map<String, Object> r = map(resource);
            if (!"AWS::SQS::QueuePolicy".equals(r.get("Type"))) {
                continue;
            }
            Map<String, Object> p = map(r, "Properties");
            if (!list(p, "Queues").contains(ref(queue))) {
                continue;
            }
            for (Object s : list(map(p, "PolicyDocument"), "Statement")) {
                Map<String, Object> statement = map(s);
                Object condition = map(statement).get("Condition");
                if ("Deny".equals(statement.get("Effect"))
                        && "*".equals(statement.get("Principal"))
                        && strings(statement.get("Action")).contains("sqs:*")
                        && objects(statement.get("Resource")).contains(arn)
                        && condition != null
                        && "false".equals(String.valueOf(map(condition, "Bool").get("aws:SecureTransport")))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, Object> ref(String id) {
        return Map.of("Ref", id);
    }

    private static Map<String, Object> getAtt(String id, String attribute) {
        return Map.of("Fn::GetAtt", List.of(id, attribute));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            assertTrue(current instanceof Map, "no map at " + key);
            current = ((Map<String, Object>) current).get(key);
            assertNotNull(current, "missing " + key);
        }
        assertTrue(current instanceof Map, "not a map: " + current);
        return (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> node, String key) {
        Object value = node.get(key);
        assertTrue(value instanceof List, key + " is not a list: " + value);
        return (List<Object>) value;
    }

    private static Map<String, Object> only(List<Object> items) {
        assertEquals(1, items.size(), "expected exactly one: " + items);
        return map(items.get(0));
    }

    private static long number(Map<String, Object> node, String key) {
        Object value = node.get(key);
        assertTrue(value instanceof Number, key + " is not a number: " + value);
        return ((Number) value).longValue();
    }

    /** An IAM Action or Resource: one value or a list of them. */
    private static List<Object> objects(Object value) {
        return value instanceof List<?> l ? List.copyOf(l) : List.of(value);
    }

    private static List<String> strings(Object value) {
        return objects(value).stream().map(String::valueOf).toList();
    }

    static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new CloudFormationConstructor()).load(reader);
        }
    }

    /** SnakeYAML with CloudFormation's short-form tags (!Ref, !GetAtt, !Sub, …) read as their long forms. */
    static final class CloudFormationConstructor extends SafeConstructor {
        private static final Map<String, String> FUNCTIONS = Map.ofEntries(
                Map.entry("!Ref", "Ref"),
                Map.entry("!Condition", "Condition"),
                Map.entry("!GetAtt", "Fn::GetAtt"),
                Map.entry("!Sub", "Fn::Sub"),
                Map.entry("!If", "Fn::If"),
                Map.entry("!Equals", "Fn::Equals"),
                Map.entry("!Not", "Fn::Not"),
                Map.entry("!And", "Fn::And"),
                Map.entry("!Or", "Fn::Or"),
                Map.entry("!Join", "Fn::Join"),
                Map.entry("!Select", "Fn::Select"),
                Map.entry("!Split", "Fn::Split"),
                Map.entry("!FindInMap", "Fn::FindInMap"),
                Map.entry("!Base64", "Fn::Base64"),
                Map.entry("!Cidr", "Fn::Cidr"),
                Map.entry("!GetAZs", "Fn::GetAZs"),
                Map.entry("!ImportValue", "Fn::ImportValue"),
                Map.entry("!Transform", "Fn::Transform"));

        CloudFormationConstructor() {
            super(new LoaderOptions());
            FUNCTIONS.forEach((tag, function) -> yamlConstructors.put(new Tag(tag), new Function(function)));
        }

        private final class Function extends AbstractConstruct {
            private final String name;

            Function(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    // !GetAtt Resource.Attribute is the long form's [Resource, Attribute].
                    value = name.equals("Fn::GetAtt") ? List.of(scalar.getValue().split("\\.", 2)) : scalar.getValue();
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(name, value);
            }
        }
    }
}
