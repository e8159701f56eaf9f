package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Answers;
import dev.sluice.answers.AnswersValidator;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner's choice against the simulation (issue point 2): the chosen plan keeps the simulated worst
 * age within the target, one concurrent batch less would not (or the minimum of 2 was reached), and no
 * batch size and window is cheaper at that concurrency.
 */
class PlanChoiceTest {

    static Answers answers(Map<Question, String> given) {
        RawAnswers raw = RawAnswers.empty().with(Question.NAME, "orders-api");
        for (Map.Entry<Question, String> e : given.entrySet()) {
            raw = raw.with(e.getKey(), e.getValue());
        }
        return AnswersValidator.validate(raw);
    }

    static Stream<Arguments> answerSets() {
        return Stream.of(
                Arguments.of("defaults", Map.of()),
                Arguments.of("payments sample (limit 10 not binding)", Map.of(Question.MAX_DELAY, "2m", Question.AVG_RPS, "20",
                        Question.PEAK_RPS, "200", Question.PEAK_DURATION, "10m", Question.PROCESSING_MS, "40",
                        Question.PROCESSING_MS_WORST, "250", Question.DOWNSTREAM_LIMIT, "10", Question.MAX_PAYLOAD_KIB, "16")),
                Arguments.of("light traffic, minimum of 2", Map.of(Question.MAX_DELAY, "10s", Question.AVG_RPS, "2",
                        Question.PEAK_RPS, "4", Question.PEAK_DURATION, "1m", Question.PROCESSING_MS, "20")),
                Arguments.of("short tolerance", Map.of(Question.MAX_DELAY, "10s")),
                Arguments.of("heavy traffic", Map.of(Question.AVG_RPS, "500", Question.PEAK_RPS, "3000", Question.PEAK_DURATION, "5m",
                        Question.PROCESSING_MS, "20", Question.MAX_PAYLOAD_KIB, "4")),
                Arguments.of("long peak, long tolerance", Map.of(Question.MAX_DELAY, "2h", Question.AVG_RPS, "1", Question.PEAK_RPS, "40",
                        Question.PEAK_DURATION, "3h", Question.PROCESSING_MS, "250")),
                Arguments.of("slow consumer, large ramp", Map.of(Question.MAX_DELAY, "5m", Question.AVG_RPS, "50", Question.PEAK_RPS, "2000",
                        Question.PEAK_DURATION, "10m", Question.PROCESSING_MS, "300", Question.PROCESSING_MS_WORST, "600")));
    }

    private static Simulation.Scenario scenario(Plan plan) {
        SimulationSummary s = plan.simulation();
        return new Simulation.Scenario(s.avgRps(), s.peakRps(), s.peakSeconds(), s.processingMs(), s.processingMsWorst(),
                plan.batchSize(), plan.batchingWindowSeconds(), plan.maxConcurrency(), s.stepSeconds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answerSets")
    void theChosenConcurrencyIsTheSmallestWhoseSimulatedWorstAgeFits(String name, Map<Question, String> given) {
        Plan plan = Planner.plan(answers(given));
        assertTrue(plan.warnings().isEmpty(), plan.warnings().toString());
        double target = plan.simulation().targetSeconds();
        Simulation.Scenario chosen = scenario(plan);
        double worst = Simulation.worstAgeSeconds(chosen);
        assertEquals(plan.worstAgeSeconds(), worst, 1e-9);
        assertTrue(worst <= target, worst + " s > " + target + " s");
        assertTrue(plan.maxConcurrency() == SizingRules.MIN_CONCURRENCY
                        || Simulation.worstAgeSeconds(chosen.withConcurrency(plan.maxConcurrency() - 1)) > target,
                "one less would fit too: " + (plan.maxConcurrency() - 1));
        assertEquals(plan.maxConcurrency() == 2 ? "minimum" : "tolerance", plan.simulation().concurrencyBound());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answerSets")
    void noBatchSizeMeetsTheTargetWithOneConcurrentBatchLess(String name, Map<Question, String> given) {
        Plan plan = Planner.plan(answers(given));
        if (plan.maxConcurrency() == SizingRules.MIN_CONCURRENCY) {
            return;
        }
        Simulation.Scenario chosen = scenario(plan);
        double target = plan.simulation().targetSeconds();
        int maxBatch = SizingRules.maxBatchSize(chosen.processingMsWorst(), answers(given).maxPayloadKib());
        for (int b = 1; b <= maxBatch; b++) { // the least-waiting window is the best chance of each size
            Simulation.Scenario s = chosen.withBatch(b, SizingRules.minWindowSeconds(b)).withConcurrency(plan.maxConcurrency() - 1);
            assertTrue(Simulation.worstAgeSeconds(s, target) > target, "batch " + b + " fits with one less");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answerSets")
    void noBatchSizeAndWindowIsCheaperAtTheChosenConcurrency(String name, Map<Question, String> given) {
        Answers a = answers(given);
        Plan plan = Planner.plan(a);
        Simulation.Scenario chosen = scenario(plan);
        double target = plan.simulation().targetSeconds();
        double chosenCost = plan.cost().monthlyTotal();
        int maxBatch = SizingRules.maxBatchSize(a.processingMsWorst(), a.maxPayloadKib());
        for (int b = 1; b <= maxBatch; b++) {
            // Beyond the window that fills the batch, a longer one costs the same and waits longer.
            for (int w = SizingRules.minWindowSeconds(b); w <= SizingRules.fillingWindowSeconds(a.avgRps(), b); w++) {
                double fill = SizingRules.batchFill(a.avgRps(), b, w);
                double cost = CostModel.monthlyTotal(Prices.standard(), new CostModel.Usage(a.avgRps(), fill, plan.maxMessageBytes(),
                        a.processingMs(), plan.memoryMb(), plan.observability().billedAlarmMetrics(), a.fifo(),
                        a.idempotencyTable() ? CostModel.IDEMPOTENCY_WRITES_PER_MESSAGE : 0));
                if (cost < chosenCost - 1e-9) {
                    assertTrue(Simulation.worstAgeSeconds(chosen.withBatch(b, w), target) > target,
                            "batch " + b + ", window " + w + " s costs less and fits");
                }
            }
        }
    }

    @Test
    void theDefaultPlanIsBatch90Window90Concurrency5() {
        Plan plan = Planner.plan(answers(Map.of()));
        assertEquals(90, plan.batchSize());
        assertEquals(90, plan.batchingWindowSeconds());
        assertEquals(5, plan.maxConcurrency());
        SimulationSummary s = plan.simulation();
        // At 5/s a message waits for the 90 s window and a batch of 90 at 500 ms: 135 s, the worst anywhere.
        assertEquals(135, s.worstAgeSeconds(), 1e-9);
        // 5 × 90 / 9.05 ≈ 49.72/s against 50/s for 900 s: about 249 left at the end, drained 6 s later.
        assertEquals((50 - 5 * 90 / 9.05) * 900, s.peakBacklogMessages(), 1.0);
        assertEquals(6, s.drainSeconds(), 1e-9);
        assertFalse(s.outlivesRetention());
        assertEquals(277, s.oneLessWorstAgeSeconds(), 1e-9);
    }

    @Test
    void aDownstreamLimitBelowWhatTheToleranceNeedsCapsTheConcurrencyAndWarns() {
        Plan capped = Planner.plan(answers(Map.of(Question.MAX_DELAY, "1h", Question.AVG_RPS, "1", Question.PEAK_RPS, "30",
                Question.PEAK_DURATION, "30m", Question.PROCESSING_MS, "250", Question.DOWNSTREAM_LIMIT, "2",
                Question.MAX_PAYLOAD_KIB, "256")));
        assertEquals(2, capped.maxConcurrency());
        SimulationSummary s = capped.simulation();
        assertEquals("downstream-limit", s.concurrencyBound());
        assertFalse(s.withinTarget());
        assertTrue(Simulation.worstAgeSeconds(scenario(capped)) > s.targetSeconds());
        Plan free = Planner.plan(answers(Map.of(Question.MAX_DELAY, "1h", Question.AVG_RPS, "1", Question.PEAK_RPS, "30",
                Question.PEAK_DURATION, "30m", Question.PROCESSING_MS, "250", Question.MAX_PAYLOAD_KIB, "256")));
        assertEquals(free.maxConcurrency(), s.neededConcurrency());
        assertTrue(free.maxConcurrency() > 2);
        String warning = capped.warnings().get(0);
        assertTrue(warning.contains("downstream limit of 2") && warning.contains("maximum concurrency of " + s.neededConcurrency())
                && warning.contains(s.worstAgeText()), warning);
    }

    @Test
    void consumersSlowerThanTheAverageSayTheQueueNeverDrains() {
        Plan plan = Planner.plan(answers(Map.of(Question.AVG_RPS, "30", Question.PEAK_RPS, "60", Question.DOWNSTREAM_LIMIT, "2")));
        SimulationSummary s = plan.simulation();
        assertFalse(s.drains());
        assertTrue(s.outlivesRetention());
        assertEquals(Double.POSITIVE_INFINITY, plan.worstAgeSeconds());
        assertEquals(10 * 86_400, plan.retention().getSeconds());
        assertTrue(plan.warnings().get(0).contains("never drains"), plan.warnings().get(0));
    }

    @Test
    void evenAThousandConcurrentBatchesCannotMeetSomeAnswers() {
        Plan plan = Planner.plan(answers(Map.of(Question.AVG_RPS, "100", Question.PEAK_RPS, "5000", Question.PEAK_DURATION, "1h",
                Question.PROCESSING_MS, "2000", Question.MAX_DELAY, "5m")));
        assertEquals(1000, plan.maxConcurrency());
        assertEquals("lambda-maximum", plan.simulation().concurrencyBound());
        assertEquals(0, plan.simulation().neededConcurrency());
        assertTrue(plan.warnings().get(0).contains("Lambda's maximum of 1,000"), plan.warnings().get(0));
    }

    @Test
    void aWorstProcessingTimeLongerThanTheTargetIsWarnedAndSizedFor() {
        Plan plan = Planner.plan(answers(Map.of(Question.MAX_DELAY, "2s", Question.PROCESSING_MS, "500",
                Question.PROCESSING_MS_WORST, "1800", Question.AVG_RPS, "1", Question.PEAK_RPS, "2")));
        assertEquals(1.8 + 1.6, plan.simulation().targetSeconds(), 1e-9);
        assertTrue(plan.warnings().get(0).startsWith("One message can take 1800 ms"), plan.warnings().get(0));
        assertEquals(1, plan.batchSize());
    }
}
