package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.Engine;
import dev.sluice.plan.Alarm;
import dev.sluice.plan.Plan;
import dev.sluice.render.GeneratedProject;
import dev.sluice.render.ProjectModel;
import dev.sluice.render.ProjectModels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parity reader reads what the SAM template holds, so a CDK template compared with it means something. */
class TemplateSettingsTest {
    @Test
    void readsEverySettingOfTheSamTemplateFromThePlan() {
        Engine engine = new Engine();
        var answers = engine.validate(Repository.read(Repository.samples().resolve("orders.answers.yaml")));
        Plan plan = engine.plan(answers);
        GeneratedProject project = engine.render(answers, plan);
        Map<String, Object> s = TemplateSettings.read(project.file("template.yaml").orElseThrow().text());

        assertEquals(String.valueOf(plan.batchSize()), s.get("eventSource.batchSize"));
        assertEquals(String.valueOf(plan.batchingWindowSeconds()), s.get("eventSource.batchingWindow"));
        assertEquals(String.valueOf(plan.maxConcurrency()), s.get("eventSource.maximumConcurrency"));
        assertEquals(List.of("ReportBatchItemFailures"), s.get("eventSource.functionResponseTypes"));
        assertEquals(String.valueOf(plan.visibilityTimeoutSeconds()), s.get("queue.visibilityTimeout"));
        assertEquals(String.valueOf(plan.retention().getSeconds()), s.get("queue.retention"));
        assertEquals(String.valueOf(plan.dlqRetention().getSeconds()), s.get("dlq.retention"));
        assertEquals(String.valueOf(plan.maxReceiveCount()), s.get("queue.maxReceiveCount"));
        assertEquals(String.valueOf(plan.throttleRateLimit()), s.get("stage.throttlingRateLimit"));
        assertEquals(String.valueOf(plan.throttleBurstLimit()), s.get("stage.throttlingBurstLimit"));
        assertEquals(String.valueOf(plan.functionTimeoutSeconds()), s.get("function.timeout"));
        assertEquals("PublishedVersions", s.get("function.snapStart"));
        assertEquals(Set.of("sqs:SendMessage"), s.get("apiRole.actions"));
        // A standard queue: SQS's redrive policy moves dead letters, the consumer sends none.
        assertEquals(List.of(), s.get("consumerRole.deadLetterQueueActions"));
        assertEquals(null, s.get("function.maxReceiveCount"));
        @SuppressWarnings("unchecked")
        List<String> alarms = (List<String>) s.get("alarms");
        assertEquals(plan.observability().alarms().size(), alarms.size(), alarms.toString());
        for (Alarm alarm : plan.observability().alarms()) {
            assertEquals(1, alarms.stream().filter(a -> a.endsWith(" name=-" + alarm.name() + " description=" + alarm.description()))
                    .count(), alarm.id() + " by its name and description: " + alarms);
        }
        assertEquals(1, alarms.stream().filter(a -> a.startsWith("math[expression IF({ApproximateNumberOfMessagesVisible} <= "
                + plan.alarms().drainFloorMessages()) && a.contains("metric AWS/SQS NumberOfMessagesDeleted Sum period=60 returned=false")
                && a.contains(" GreaterThanThreshold " + plan.alarms().timeToDrainSeconds() + " band=false")).count(), alarms.toString());
        assertEquals(1, alarms.stream().filter(a -> a.contains("expression ANOMALY_DETECTION_BAND({Latency}, 2) returned=true")
                && a.contains("GreaterThanUpperThreshold")).count(), alarms.toString());
        assertEquals(14, ((List<?>) s.get("dashboard.widgets")).size(), s.get("dashboard.widgets").toString());
        assertEquals(plan.observability().queries().stream().map(q -> "/" + q.name() + " " + String.join(" ", q.lines())).sorted()
                .toList(), s.get("logs.queries"), "each saved query by its name and text");
        assertEquals(List.of("30", "30"), s.get("logs.retentionDays"));
        assertEquals(1, alarms.stream().filter(a -> a.startsWith("AWS/SQS ApproximateAgeOfOldestMessage Maximum")
                && a.contains("GreaterThanThreshold " + plan.alarms().oldestMessageAgeSeconds() + " ")).count(), alarms.toString());
        assertEquals(1, alarms.stream().filter(a -> a.contains("GreaterThanThreshold " + plan.alarms().backlogMessages() + " ")).count(),
                alarms.toString());
    }

    @Test
    void readsTheWholeApiOfTheSamTemplate() {
        Engine engine = new Engine();
        var answers = engine.validate(Repository.read(Repository.samples().resolve("orders.answers.yaml")));
        ProjectModel.Api api = ProjectModels.of(answers, engine.plan(answers), "test").api();
        Map<String, Object> s = TemplateSettings.read(engine.render(answers, engine.plan(answers)).file("template.yaml").orElseThrow().text());

        assertEquals("POST /orders", s.get("api.method"));
        assertEquals("NONE", s.get("api.method.authorizationType"));
        assertEquals("false", s.get("api.method.apiKeyRequired"));
        assertEquals(api.requestTemplate().text(), s.get("api.integration.requestTemplate"));
        assertEquals(api.integrationResponses().stream().map(r -> (r.selectionPattern().isEmpty() ? "(default)" : r.selectionPattern())
                + " -> " + r.statusCode() + ": " + r.template().text()).toList(), s.get("api.integration.responses"));
        assertEquals("{integration.request.header.Accept='application/json', "
                + "integration.request.header.Content-Type='application/x-www-form-urlencoded'}", s.get("api.integration.requestParameters"));
        assertEquals("AWS POST NEVER", s.get("api.integration"));
        assertEquals(List.of("202 [application/json]", "400 []", "415 []", "429 []", "500 []"), s.get("api.method.responses"));
        assertEquals("400 " + api.invalidBodyTemplate().text(), s.get("api.gatewayResponse.BAD_REQUEST_BODY"));
        assertTrue(((String) s.get("api.model.Order")).startsWith("{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"properties\""),
                (String) s.get("api.model.Order"));
        assertTrue(s.containsKey("api.model.Accepted"));
        assertEquals("1", s.get("api.deployments"));
        assertEquals("prod", s.get("stage.name"));
        assertEquals("true", s.get("stage.tracing"));
        assertEquals("false", s.get("api.openApiBody"));
        assertTrue(((String) s.get("stage.accessLogFormat")).startsWith("{\"requestId\":\"$context.requestId\",\"extendedRequestId\""));
    }

    @Test
    void readsWhereAndWhenTheFifoConsumerMovesDeadLettersItself() {
        Engine engine = new Engine();
        var answers = engine.validate(Repository.read(Repository.samples().resolve("orders-fifo.answers.yaml")));
        Plan plan = engine.plan(answers);
        Map<String, Object> s = TemplateSettings.read(engine.render(answers, plan).file("template.yaml").orElseThrow().text());

        assertEquals(List.of("sqs:SendMessage"), s.get("consumerRole.deadLetterQueueActions"));
        assertEquals(String.valueOf(plan.maxReceiveCount()), s.get("function.maxReceiveCount"));
        assertEquals(s.get("queue.maxReceiveCount"), s.get("function.maxReceiveCount"));
        assertTrue(((List<?>) s.get("function.environment")).containsAll(List.of("DEAD_LETTER_QUEUE_URL", "MAX_RECEIVE_COUNT")),
                s.get("function.environment").toString());
    }

    /** A service's SAM template: each endpoint's throttling on the stage and, where it takes a key, on the usage plan. */
    @Test
    void readsAServicesThrottlingPerMethod() {
        Engine engine = new Engine();
        GeneratedProject project = engine.generate(Repository.read(Repository.samples().resolve("orders-service.answers.yaml")));
        Map<String, Object> s = TemplateSettings.read(project.file("template.yaml").orElseThrow().text());
        var service = engine.validateService(Repository.read(Repository.samples().resolve("orders-service.answers.yaml")));
        List<Plan> plans = engine.plan(service).endpoints();
        assertEquals(String.valueOf(plans.get(1).throttleRateLimit()), s.get("stage./~1orders~1{orderId}~1events throttlingRateLimit"));
        assertEquals(String.valueOf(plans.get(1).throttleBurstLimit()), s.get("usagePlan./orders/{orderId}/events/POST burstLimit"));
        // /refunds is signed with IAM: no key, no usage plan throttle.
        assertTrue(s.keySet().stream().noneMatch(k -> k.startsWith("usagePlan./refunds")), s.keySet().toString());
    }
}
