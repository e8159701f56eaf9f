package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Answers;
import dev.sluice.answers.AnswersValidator;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static Answers answers(Object... questionValuePairs) {
        RawAnswers raw = RawAnswers.empty().with(Question.NAME, "orders-api");
        for (int i = 0; i < questionValuePairs.length; i += 2) {
            raw = raw.with((Question) questionValuePairs[i], questionValuePairs[i + 1]);
        }
        return AnswersValidator.validate(raw);
    }

    @Test
    void defaultAnswersGiveTheDocumentedPlan() {
        // Defaults: 5 rps average, 50 peak for 15 min, 100 ms typical / 500 ms worst, 5 min tolerance, 64 KiB.
        Plan plan = Planner.plan(answers());
        // The cheapest batch and window within the tolerance (docs/sizing.md): 90 messages, which 5 pollers
        // sharing 5 requests/s gather in 90 s; the 6 MB payload would allow 93 at 64 KiB.
        assertEquals(90, plan.batchingWindowSeconds());
        assertEquals(90, plan.batchSize());
        assertEquals(78, plan.functionTimeoutSeconds()); // 90 × 500 ms × 1.5 = 67.5 s, rounded up, + 10
        assertEquals(6 * 78 + 90, plan.visibilityTimeoutSeconds());
        assertEquals(5, plan.maxReceiveCount());
        assertEquals(Duration.ofDays(4), plan.retention());
        assertEquals(Duration.ofDays(14), plan.dlqRetention());
        assertEquals(64 * 1024 + 1024, plan.maxMessageBytes());
        assertEquals(60, plan.throttleRateLimit());
        assertEquals(60, plan.throttleBurstLimit());
        assertEquals(300, plan.alarms().oldestMessageAgeSeconds());
        assertTrue(plan.warnings().isEmpty(), plan.warnings().toString());
    }

    @Test
    void everyAlarmOnAMessagesAgeCanFireBeforeTheQueueDropsTheMessage() {
        // SQS deletes a message when its age reaches the retention: an age threshold at or above it never fires.
        for (String tolerance : List.of("1s", "30s", "5m", "1h", "12h", "1d", "2d", "3d", "4d", "4d23h59m59s", "5d")) {
            for (String avg : List.of("5", "500")) {
                Plan plan = Planner.plan(answers(Question.MAX_DELAY, tolerance, Question.PROCESSING_MS, "1",
                        Question.AVG_RPS, avg, Question.PEAK_RPS, "1000"));
                long retention = plan.retention().getSeconds();
                String where = tolerance + " at " + avg + " requests/s, retention " + retention + " s";
                assertTrue(retention <= SizingRules.MAX_QUEUE_RETENTION.getSeconds(), where);
                assertTrue(plan.alarms().oldestMessageAgeSeconds() < retention, where);
                assertTrue(plan.alarms().timeToDrainSeconds() < retention, where);
                assertTrue(plan.alarms().endToEndDelayMs() < retention * 1000, where);
                // A queue that does not shrink reads the retention, which is above the threshold: it fires.
                assertTrue(plan.alarms().neverDrainsSeconds() > plan.alarms().timeToDrainSeconds(), where);
                assertTrue(SizingRules.MAX_RETENTION.getSeconds() - retention >= Duration.ofDays(4).getSeconds(), where);
            }
        }
    }

    @Test
    void theQueueKeepsAMessageAtMostTenDays() {
        // Consumers slower than the average rate: the worst age is unbounded, retention the longest the queue allows.
        Plan plan = Planner.plan(answers(Question.AVG_RPS, "30", Question.PEAK_RPS, "60", Question.DOWNSTREAM_LIMIT, "2"));
        assertEquals(Duration.ofDays(10), plan.retention());
        assertEquals(Duration.ofDays(14), plan.dlqRetention());
        Plan longest = Planner.plan(answers(Question.MAX_DELAY, "5d"));
        assertEquals(Duration.ofDays(10), longest.retention(), "twice the longest tolerance");
    }

    @Test
    void concurrencyIsTheSmallestThatKeepsTheWorstAgeInBudget() {
        Plan plan = Planner.plan(answers());
        // 4 consumers at ~9.9 msg/s each leave a backlog that ages messages past 80% of 5 min; 5 do not.
        assertEquals(5, plan.maxConcurrency());
        assertTrue(plan.worstAgeSeconds() <= 300 * SizingRules.TOLERANCE_BUDGET);
    }

    @Test
    void theDownstreamLimitCapsConcurrencyAndSaysWhatTheToleranceWouldNeed() {
        Plan plan = Planner.plan(answers(Question.DOWNSTREAM_LIMIT, "2"));
        assertEquals(2, plan.maxConcurrency());
        assertEquals(1, plan.warnings().size());
        String warning = plan.warnings().get(0);
        assertTrue(warning.contains("downstream limit of 2"), warning);
        assertTrue(warning.contains("maximum concurrency of 5"), warning);
        assertTrue(warning.contains("5m"), warning);
    }

    @Test
    void aLimitAboveWhatIsNeededChangesNothing() {
        assertEquals(Planner.plan(answers()).maxConcurrency(), Planner.plan(answers(Question.DOWNSTREAM_LIMIT, "50")).maxConcurrency());
    }

    @Test
    void aPeakBeyondTheAccountLimitIsThrottledAndWarned() {
        Plan plan = Planner.plan(answers(Question.AVG_RPS, "1000", Question.PEAK_RPS, "12000", Question.PROCESSING_MS, "5"));
        assertEquals(10_000, plan.throttleRateLimit());
        assertEquals(5_000, plan.throttleBurstLimit());
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("10,000 requests/s")), plan.warnings().toString());
    }

    @Test
    void aShortToleranceMeansASmallBatchAndAShortWindow() {
        Plan plan = Planner.plan(answers(Question.MAX_DELAY, "10s"));
        // A message that finds no backlog waits for the window and a full batch at 500 ms: within 8 s.
        assertTrue(plan.batchingWindowSeconds() + plan.batchSize() * 0.5 <= 8, plan.batchingWindowSeconds() + " s, " + plan.batchSize());
        assertTrue(plan.batchSize() <= 10);
        assertEquals(plan.functionTimeoutSeconds() * 6 + plan.batchingWindowSeconds(), plan.visibilityTimeoutSeconds());
    }

    @Test
    void thePlanExplainsEverySettingTheTemplatesUse() {
        List<String> keys = Planner.plan(answers()).settings().stream().map(Setting::key).toList();
        assertEquals(List.of("batchSize", "batchingWindow", "functionTimeout", "memory", "maxConcurrency", "visibilityTimeout",
                "maxReceiveCount", "retention", "dlqRetention", "maxMessageSize", "throttleRate", "throttleBurst",
                "alarmApiLatency", "alarmApiLatencyAnomaly", "alarmApi5xx", "alarmTimeToDrain", "alarmOldestAge", "alarmBacklog",
                "alarmErrors", "alarmThrottles", "alarmDlq", "alarmEndToEnd", "logRetention"), keys);
        Planner.plan(answers()).settings().forEach(s -> assertTrue(!s.why().isBlank() && !s.value().isBlank(), s.key()));
    }

    @Test
    void theEndToEndAndTimeToDrainAlarmsFollowTheToleranceAndThePlannedPeak() {
        Plan plan = Planner.plan(answers(Question.MAX_DELAY, "2m"));
        assertEquals(120_000, plan.alarms().endToEndDelayMs());
        assertEquals(120, plan.alarms().timeToDrainSeconds());
        assertEquals(SizingRules.drainFloorMessages(plan.simulation().peakBacklogMessages(), plan.batchSize()),
                plan.alarms().drainFloorMessages());
        assertTrue(plan.alarms().drainFloorMessages() < plan.alarms().backlogMessages(),
                "the planned peak stays below the backlog that makes messages late");
        assertEquals(plan.retention().getSeconds(), plan.alarms().neverDrainsSeconds());
        assertEquals("IF(visible <= " + plan.alarms().drainFloorMessages() + ", 0, IF(deleted - sent > 0, "
                + "visible / ((deleted - sent) / PERIOD(deleted)), " + plan.retention().getSeconds() + "))",
                plan.alarms().timeToDrainExpression());
    }

    @Test
    void logsKeptShorterThanTheDeadLetterQueueAreWarned() {
        assertEquals(30, Planner.plan(answers()).logRetentionDays());
        Plan plan = Planner.plan(answers(Question.LOG_RETENTION_DAYS, "7"));
        assertEquals(7, plan.logRetentionDays());
        assertEquals(1, plan.warnings().size(), plan.warnings().toString());
        assertTrue(plan.warnings().get(0).contains("kept 7 days, less than the 14 days"), plan.warnings().get(0));
        assertTrue(Planner.plan(answers(Question.LOG_RETENTION_DAYS, "14")).warnings().isEmpty());
    }

    @Test
    void theBacklogAlarmMatchesTheChosenConsumerRate() {
        Plan plan = Planner.plan(answers());
        assertEquals(SizingRules.backlogAlarmMessages(plan.consumerRatePerSecond(), Duration.ofMinutes(5), plan.batchSize(), 500),
                plan.alarms().backlogMessages());
        assertEquals(plan.maxConcurrency() * SizingRules.ratePerConsumer(plan.batchSize(), 100), plan.consumerRatePerSecond(), 1e-9);
    }

    @Test
    void orderingPerKeyMeansNoWindowAndAtMostTenMessagesABatch() {
        Plan plan = Planner.plan(answers(Question.ORDERING, "key:id"));
        assertEquals(0, plan.batchingWindowSeconds());
        assertTrue(plan.batchSize() >= 1 && plan.batchSize() <= 10, "batch " + plan.batchSize());
        assertTrue(plan.settings().stream().anyMatch(s -> s.key().equals("fifo") && s.value().equals("FIFO, grouped by id")));
    }

    @Test
    void activeOrderingKeysCapConcurrencyAndTheWarningSaysSo() {
        Plan free = Planner.plan(answers(Question.ORDERING, "key:id"));
        Plan capped = Planner.plan(answers(Question.ORDERING, "key:id", Question.GROUPS, "2"));
        assertTrue(free.maxConcurrency() > 2, "the uncapped plan needs " + free.maxConcurrency());
        assertEquals(2, capped.maxConcurrency());
        assertTrue(capped.warnings().stream().anyMatch(w -> w.contains("with 2 active ordering keys")), capped.warnings().toString());
        assertEquals("active-groups", capped.simulation().concurrencyBound());
        assertTrue(capped.simulation().rows().stream().anyMatch(r -> r.why().startsWith("the active ordering keys")));
    }

    @Test
    void aBatchingWindowOverrideIsKept() {
        assertEquals(7, Planner.plan(answers(Question.BATCHING_WINDOW, "7s")).batchingWindowSeconds());
    }

    @Test
    void theCostFollowsTheQueueTypeAndTheIdempotencyTable() {
        Plan standard = Planner.plan(answers());
        Plan fifo = Planner.plan(answers(Question.ORDERING, "key:id"));
        Plan idempotent = Planner.plan(answers(Question.DUPLICATES, "dedupe:id"));
        Plan fifoDeduplicated = Planner.plan(answers(Question.ORDERING, "key:id", Question.DUPLICATES, "dedupe:id"));
        assertEquals(List.of("$0.40 per million requests"), sqsPrices(standard));
        assertEquals(List.of("$0.50 per million requests"), sqsPrices(fifo));
        assertEquals(List.of("$0.50 per million requests"), sqsPrices(fifoDeduplicated));
        assertTrue(idempotent.cost().lines().stream().anyMatch(l -> l.key().equals("idempotencyWrites")));
        // SQS deduplicates on a FIFO queue: no table, no writes.
        assertTrue(fifoDeduplicated.cost().lines().stream().noneMatch(l -> l.key().equals("idempotencyWrites")));
        assertTrue(standard.cost().lines().stream().noneMatch(l -> l.key().equals("idempotencyWrites")));
        // The same traffic and plan, so the table's writes are the whole difference: 13.14 M messages × 2 at $0.625 a million.
        assertEquals(standard.batchSize(), idempotent.batchSize());
        assertEquals(13.14 * 2 * 0.625, idempotent.cost().monthlyTotal() - standard.cost().monthlyTotal(), 1e-6);
    }

    private static List<String> sqsPrices(Plan plan) {
        return plan.cost().lines().stream().filter(l -> l.key().startsWith("sqs")).map(CostEstimate.Line::priceText).distinct().toList();
    }
}
