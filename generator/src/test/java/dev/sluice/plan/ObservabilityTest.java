package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.AnswersValidator;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The alarms, described once (issue 15, point 3): each rule of {@link Observability#of}, and what the plan makes of them. */
class ObservabilityTest {
    /** A 2-minute tolerance, 4 days of retention, thresholds that differ from each other so a swap shows. */
    private static final Plan.Alarms THRESHOLDS = new Plan.Alarms(120, 3_000, 1, 2, 3, 0.05, 1500, 120_000, 120, 40,
            345_600, 2);
    private static final Observability.Inputs INPUTS = new Observability.Inputs("orders-api", Duration.ofMinutes(2),
            THRESHOLDS, 5, 7, 42.5, 30.25, "37 messages", Duration.ofDays(4), 78, "/orders", 90);

    private static Map<String, Alarm> byId() {
        return Observability.of(INPUTS).alarms().stream().collect(Collectors.toMap(Alarm::id, Function.identity()));
    }

    @Test
    void theAlarmsFollowThePipelineInOrderWithDistinctIdsAndNames() {
        List<Alarm> alarms = Observability.of(INPUTS).alarms();
        assertEquals(List.of("ApiLatencyAlarm", "ApiLatencyAnomalyAlarm", "Api5xxAlarm", "TimeToDrainAlarm", "OldestMessageAgeAlarm",
                "BacklogAlarm", "ConsumerErrorsAlarm", "ConsumerThrottlesAlarm", "DeadLetterQueueAlarm", "EndToEndDelayAlarm"),
                alarms.stream().map(Alarm::id).toList());
        assertEquals(alarms.size(), alarms.stream().map(Alarm::name).distinct().count(), "names are distinct");
        assertEquals(alarms.size(), alarms.stream().map(Alarm::key).distinct().count(), "setting keys are distinct");
        alarms.forEach(a -> assertTrue(a.description().contains(" First "), a.id() + " says the first thing to do"));
    }

    @Test
    void eachThresholdIsThePlansWithTheMetricItJudges() {
        Map<String, Alarm> a = byId();
        assertAll(
                () -> assertSingle(a.get("ApiLatencyAlarm"), Alarm.Source.API, "Latency", "p99", 300, 1, 1,
                        Alarm.Comparison.GREATER_THAN_THRESHOLD, "1500"),
                () -> assertSingle(a.get("Api5xxAlarm"), Alarm.Source.API, "5XXError", "Average", 300, 1, 1,
                        Alarm.Comparison.GREATER_THAN_THRESHOLD, "0.05"),
                () -> assertSingle(a.get("OldestMessageAgeAlarm"), Alarm.Source.QUEUE, "ApproximateAgeOfOldestMessage", "Maximum", 60,
                        1, 1, Alarm.Comparison.GREATER_THAN_THRESHOLD, "120"),
                () -> assertSingle(a.get("BacklogAlarm"), Alarm.Source.QUEUE, "ApproximateNumberOfMessagesVisible", "Maximum", 60,
                        3, 3, Alarm.Comparison.GREATER_THAN_THRESHOLD, "3000"),
                () -> assertSingle(a.get("ConsumerErrorsAlarm"), Alarm.Source.FUNCTION, "Errors", "Sum", 300, 1, 1,
                        Alarm.Comparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, "2"),
                () -> assertSingle(a.get("ConsumerThrottlesAlarm"), Alarm.Source.FUNCTION, "Throttles", "Sum", 300, 1, 1,
                        Alarm.Comparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, "3"),
                () -> assertSingle(a.get("DeadLetterQueueAlarm"), Alarm.Source.DEAD_LETTER_QUEUE, "ApproximateNumberOfMessagesVisible",
                        "Maximum", 60, 1, 1, Alarm.Comparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, "1"),
                () -> assertSingle(a.get("EndToEndDelayAlarm"), Alarm.Source.SERVICE, "EndToEndDelay", "Maximum", 60, 1, 1,
                        Alarm.Comparison.GREATER_THAN_THRESHOLD, "120000"));
        assertEquals("orders-api", a.get("EndToEndDelayAlarm").metric().namespace(), "the consumer's metrics: the project's namespace");
        assertEquals("AWS/SQS", a.get("DeadLetterQueueAlarm").metric().namespace());
    }

    @Test
    void theTimeToDrainAlarmIsThePlansExpressionOverTheQueuesRates() {
        Alarm drain = byId().get("TimeToDrainAlarm");
        assertEquals(THRESHOLDS.timeToDrainExpression(), drain.expression());
        assertEquals(List.of("visible ApproximateNumberOfMessagesVisible Average", "sent NumberOfMessagesSent Sum",
                "deleted NumberOfMessagesDeleted Sum"), drain.metrics().stream()
                .map(m -> m.id() + " " + m.name() + " " + m.statistic()).toList());
        drain.metrics().forEach(m -> assertEquals(Alarm.Source.QUEUE, m.source()));
        assertEquals("120", drain.thresholdText());
        assertEquals(3, drain.evaluationPeriods());
        assertEquals(2, drain.datapointsToAlarm(), "one bursty minute pages nobody");
        assertEquals(false, drain.inputsReturnData(), "only the expression is compared");
        assertEquals(3, drain.billedMetrics());
    }

    @Test
    void theAnomalyAlarmComparesWithTheBandNotANumber() {
        Alarm anomaly = byId().get("ApiLatencyAnomalyAlarm");
        assertEquals("ANOMALY_DETECTION_BAND(latency, 2)", anomaly.expression());
        assertEquals("expected", anomaly.expressionId());
        assertEquals(Alarm.Comparison.GREATER_THAN_UPPER_THRESHOLD, anomaly.comparison());
        assertNull(anomaly.threshold());
        assertNull(anomaly.thresholdText());
        assertTrue(anomaly.inputsReturnData(), "CloudWatch draws the band around the metric it returns");
        assertEquals(3, anomaly.billedMetrics(), "the metric and the band's two bounds");
    }

    @Test
    void theDescriptionsCarryThePlansNumbers() {
        Map<String, Alarm> a = byId();
        assertTrue(a.get("OldestMessageAgeAlarm").description().contains("(120 s)"));
        assertTrue(a.get("OldestMessageAgeAlarm").description().contains("MaximumConcurrency (7)"));
        assertTrue(a.get("DeadLetterQueueAlarm").description().contains("failed 5 receives"));
        assertTrue(a.get("TimeToDrainAlarm").description().contains("the 2m tolerance"));
        assertTrue(a.get("TimeToDrainAlarm").description().contains("(42.5 requests/s)"));
        assertTrue(a.get("Api5xxAlarm").description().contains("more than 5% of requests"));
        assertTrue(a.get("EndToEndDelayAlarm").firesWhen().contains("more than 2m"));
        assertTrue(a.get("BacklogAlarm").reason().contains("about 30.3 messages/s") && a.get("BacklogAlarm").reason().contains("37 messages"),
                a.get("BacklogAlarm").reason());
        assertTrue(a.get("TimeToDrainAlarm").reason().contains("Up to 40 visible messages") && a.get("TimeToDrainAlarm").reason().contains("(4d)"));
    }

    @Test
    void theCostModelBillsEveryMetricTheAlarmsRead() {
        // 8 single-metric alarms, the time to drain's 3 rates, the anomaly band's metric and its 2 bounds.
        assertEquals(14, Observability.of(INPUTS).billedAlarmMetrics());
    }

    @Test
    void thePlanExplainsEachAlarmAndBillsItsMetrics() {
        Plan plan = Planner.plan(AnswersValidator.validate(RawAnswers.empty().with(Question.NAME, "orders-api")));
        List<Setting> alarmLines = plan.settings().stream().filter(s -> s.key().startsWith("alarm")).toList();
        assertEquals(plan.observability().alarmSettings(), alarmLines);
        assertEquals("Alarm: oldest message age", alarmLines.get(4).label());
        assertEquals("> 300 s", alarmLines.get(4).value());
        CostEstimate.Line alarms = plan.cost().lines().stream().filter(l -> l.key().equals("alarms")).findFirst().orElseThrow();
        assertEquals(plan.observability().billedAlarmMetrics(), alarms.quantity(), 1e-9);
    }

    @Test
    void aDescriptionBreaksIntoLinesThatJoinBackToIt() {
        for (Alarm alarm : Observability.of(INPUTS).alarms()) {
            assertEquals(alarm.description(), String.join(" ", alarm.descriptionLines()));
            alarm.descriptionLines().forEach(l -> assertTrue(l.length() <= Alarm.DESCRIPTION_WIDTH, l));
            String java = alarm.descriptionJavaLiterals().stream().map(l -> l.substring(1, l.length() - 1)).collect(Collectors.joining())
                    .replace("\\\"", "\"").replace("\\\\", "\\");
            assertEquals(alarm.description(), java, alarm.id());
        }
        assertTrue(byId().get("ConsumerErrorsAlarm").descriptionJavaLiterals().stream().anyMatch(l -> l.contains("\\\"Task timed out\\\"")),
                "quotes escaped in Java");
    }

    @Test
    void theDashboardDrawsThePipelineRowByRowWithEachLimitThePlanDerived() {
        Observability o = Observability.of(INPUTS);
        assertEquals(4, o.dashboard().size(), "API, queue, consumer, dead letters and end to end");
        int y = Observability.FIRST_GRAPH_ROW;
        for (Graph.Row row : o.dashboard()) {
            int x = 0;
            for (Graph g : row.graphs()) {
                assertEquals(List.of(x, y), List.of(g.x(), g.y()), g.title());
                x += g.width();
            }
            assertEquals(24, x, "a row fills the page");
            y += Graph.HEIGHT;
        }
        Map<String, Graph> byTitle = o.graphs().stream().collect(Collectors.toMap(Graph::title, Function.identity()));
        assertEquals(List.of(new Graph.Limit("p99 alarm", 1500)), byTitle.get("API: latency").limits());
        assertEquals(List.of(new Graph.Limit("Tolerance", 120L)), byTitle.get("Queue: oldest message age (s)").limits());
        assertEquals(List.of(new Graph.Limit("Timeout", 78_000)), byTitle.get("Consumer: duration p99 (ms)").limits());
        assertEquals(List.of(new Graph.Limit("Maximum concurrency", 7)), byTitle.get("Consumer: concurrent executions").limits());
        assertEquals(List.of(new Graph.Limit("Tolerance", 120_000L)),
                byTitle.get("End-to-end delay, accept to processed (ms)").limits());
        Alarm drain = byId().get("TimeToDrainAlarm");
        Graph.Expression drawn = byTitle.get("Queue: time to drain (s)").expression();
        assertEquals(List.of(drain.expression(), drain.metrics()), List.of(drawn.expression(), drawn.inputs()),
                "the graph shows what the alarm watches");
        assertEquals("Sum", byTitle.get("API: 4XX and 5XX").statistic(), "one statistic, stated once");
        assertNull(byTitle.get("API: latency").statistic(), "p50 and p99: each line its own");
        assertNull(byTitle.get("Queue: time to drain (s)").statistic());
    }

    @Test
    void theDashboardsHeaderSaysWhatTheEndpointDoesWithinWhatTolerance() {
        Observability.Header header = Observability.of(INPUTS).header();
        assertEquals("orders-api: POST /orders → queue → consumer", header.title());
        assertTrue(header.summary().startsWith("Requests the API accepts are queued and processed within the 2m tolerance by at "
                + "most 7 concurrent batches of up to 90."), header.summary());
    }

    @Test
    void theSavedQueriesFollowOneRequestAndFindTheSlowestDeliveries() {
        List<SavedQuery> queries = Observability.of(INPUTS).queries();
        assertEquals(List.of("follow-one-request", "slowest-deliveries"), queries.stream().map(SavedQuery::name).toList());
        SavedQuery trace = queries.get(0);
        assertEquals(List.of(SavedQuery.LogGroup.API_ACCESS, SavedQuery.LogGroup.CONSUMER), trace.logGroups(),
                "the API's line (requestId) and the consumer's (correlationId)");
        assertEquals(List.of("fields @timestamp, @log, status, integrationStatus, level, message, messageId, endToEndDelayMs, error",
                "| filter requestId = \"REQUEST_ID\" or correlationId = \"REQUEST_ID\"", "| sort @timestamp asc"), trace.lines(),
                "no limit: every line of the request");
        assertEquals("\"requestId = \\\"REQUEST_ID\\\" or correlationId = \\\"REQUEST_ID\\\"\"", trace.filterJava());
        SavedQuery slowest = queries.get(1);
        assertEquals(List.of(SavedQuery.LogGroup.CONSUMER), slowest.logGroups());
        assertEquals(List.of("fields @timestamp, correlationId, messageId, endToEndDelayMs", "| filter ispresent(endToEndDelayMs)",
                "| sort endToEndDelayMs desc", "| limit 50"), slowest.lines());
        assertEquals("\"@timestamp\", \"correlationId\", \"messageId\", \"endToEndDelayMs\"", slowest.fieldsJava());
    }

    @Test
    void anAlarmIsOneMetricOrAnExpressionOverNamedOnes() {
        Alarm.Metric one = new Alarm.Metric(null, Alarm.Source.QUEUE, "AWS/SQS", "X", "Sum", 60);
        Alarm.Metric named = new Alarm.Metric("x", Alarm.Source.QUEUE, "AWS/SQS", "X", "Sum", 60);
        assertThrows(IllegalArgumentException.class, () -> alarm(List.of(named), null, Alarm.Comparison.GREATER_THAN_THRESHOLD, 1));
        assertThrows(IllegalArgumentException.class, () -> alarm(List.of(one), "x * 2", Alarm.Comparison.GREATER_THAN_THRESHOLD, 1));
        assertThrows(IllegalArgumentException.class, () -> alarm(List.of(one), null, Alarm.Comparison.GREATER_THAN_THRESHOLD, null));
        assertThrows(IllegalArgumentException.class, () -> alarm(List.of(named), "ANOMALY_DETECTION_BAND(x, 2)",
                Alarm.Comparison.GREATER_THAN_UPPER_THRESHOLD, 1));
        assertEquals("X", alarm(List.of(one), null, Alarm.Comparison.GREATER_THAN_THRESHOLD, 1).metric().name());
    }

    private static Alarm alarm(List<Alarm.Metric> metrics, String expression, Alarm.Comparison comparison, Number threshold) {
        return new Alarm("k", "XAlarm", "x", "x", "> 1", "why", "when", "What. First this.", metrics, expression,
                expression == null ? null : "e", expression == null ? null : "E", 1, 1, comparison, threshold);
    }

    private static void assertSingle(Alarm alarm, Alarm.Source source, String metric, String statistic, int period,
                                     int evaluations, int datapoints, Alarm.Comparison comparison, String threshold) {
        assertNull(alarm.expression(), alarm.id());
        assertEquals(List.of(source, metric, statistic, period), List.of(alarm.metric().source(), alarm.metric().name(),
                alarm.metric().statistic(), alarm.metric().periodSeconds()), alarm.id());
        assertEquals(List.of(evaluations, datapoints), List.of(alarm.evaluationPeriods(), alarm.datapointsToAlarm()), alarm.id());
        assertEquals(comparison, alarm.comparison(), alarm.id());
        assertEquals(threshold, alarm.thresholdText(), alarm.id());
        assertEquals(1, alarm.billedMetrics(), alarm.id());
    }
}
