package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.Engine;
import dev.sluice.plan.Plan;
import dev.sluice.render.GeneratedProject;
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
        assertEquals(10, alarms.size(), alarms.toString());
        assertEquals(1, alarms.stream().filter(a -> a.startsWith("math[expression IF({ApproximateNumberOfMessagesVisible} <= "
                + plan.alarms().drainFloorMessages()) && a.contains("metric AWS/SQS NumberOfMessagesDeleted Sum period=60 returned=false")
                && a.contains(" GreaterThanThreshold " + plan.alarms().timeToDrainSeconds() + " band=false")).count(), alarms.toString());
        assertEquals(1, alarms.stream().filter(a -> a.contains("expression ANOMALY_DETECTION_BAND({Latency}, 2) returned=true")
                && a.contains("GreaterThanUpperThreshold")).count(), alarms.toString());
        assertEquals(14, ((List<?>) s.get("dashboard.widgets")).size(), s.get("dashboard.widgets").toString());
        assertEquals(2, ((List<?>) s.get("logs.queries")).size());
        assertEquals(List.of("30", "30"), s.get("logs.retentionDays"));
        assertEquals(1, alarms.stream().filter(a -> a.startsWith("AWS/SQS ApproximateAgeOfOldestMessage Maximum")
                && a.contains("GreaterThanThreshold " + plan.alarms().oldestMessageAgeSeconds() + " ")).count(), alarms.toString());
        assertEquals(1, alarms.stream().filter(a -> a.contains("GreaterThanThreshold " + plan.alarms().backlogMessages() + " ")).count(),
                alarms.toString());
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
}
