package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Answers;
import dev.sluice.answers.Question;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plan in two steps: {@link Sizing} computes the numbers, {@link PlanExplainer} says them. The explainer reads
 * every number from the computed plan (change one and the words change with it); it warns exactly where the numbers
 * say the answers cannot be met. Byte-for-byte texts: PlanTextsTest.
 */
class PlanExplainerTest {
    private static final Answers DEFAULTS = PlanChoiceTest.answers(Map.of());

    @Test
    void thePlanIsTheComputedNumbersWithTheirWords() {
        Sizing z = Sizing.compute(DEFAULTS, Prices.standard());
        Plan plan = Planner.plan(DEFAULTS);
        assertEquals(List.of(90, 90, 5, 78, 6 * 78 + 90), List.of(z.batchSize(), z.batchingWindowSeconds(), z.maxConcurrency(),
                z.functionTimeoutSeconds(), z.visibilityTimeoutSeconds()));
        assertEquals(List.of(z.batchSize(), z.batchingWindowSeconds(), z.maxConcurrency(), z.functionTimeoutSeconds(),
                z.visibilityTimeoutSeconds(), z.throttleRateLimit(), z.throttleBurstLimit(), z.maxMessageBytes()),
                List.of(plan.batchSize(), plan.batchingWindowSeconds(), plan.maxConcurrency(), plan.functionTimeoutSeconds(),
                        plan.visibilityTimeoutSeconds(), plan.throttleRateLimit(), plan.throttleBurstLimit(), plan.maxMessageBytes()));
        assertEquals(z.alarms(), plan.alarms());
        assertEquals(z.retention(), plan.retention());
        assertEquals(z.worstAgeSeconds(), plan.worstAgeSeconds());
        assertEquals(z.cost(), plan.cost());
        assertEquals(PlanExplainer.settings(DEFAULTS, z), plan.settings());
        assertEquals(List.of(), plan.warnings());
    }

    /** The alarm lines are the alarms' own (Observability, whose rules ObservabilityTest holds), in their order. */
    @Test
    void theAlarmSettingsAreTheObservabilityList() {
        Sizing z = Sizing.compute(DEFAULTS, Prices.standard());
        List<Setting> settings = PlanExplainer.settings(DEFAULTS, z);
        List<Setting> alarms = z.observability().alarmSettings();
        assertFalse(alarms.isEmpty());
        int first = settings.indexOf(alarms.get(0));
        assertEquals(alarms, settings.subList(first, first + alarms.size()));
        Map<String, String> planned = values(settings);
        assertEquals(">= 1 message", planned.get("alarmDlq"));
        assertEquals("> 1% of requests over 5 minutes", planned.get("alarmApi5xx"));
        assertEquals("> 1000 ms over 5 minutes", planned.get("alarmApiLatency"));
    }

    @Test
    void eachWarningFollowsFromTheNumbers() {
        Sizing sound = Sizing.compute(DEFAULTS, Prices.standard());
        assertFalse(sound.worstExceedsBudget() || sound.peakAboveAccountLimit() || sound.logsShorterThanDlq());
        assertTrue(sound.choice().meetsTarget());
        assertEquals(List.of(), PlanExplainer.warnings(DEFAULTS, sound));

        Answers slow = PlanChoiceTest.answers(Map.of(Question.MAX_DELAY, "2s", Question.PROCESSING_MS, "500",
                Question.PROCESSING_MS_WORST, "1800", Question.AVG_RPS, "1", Question.PEAK_RPS, "2"));
        Sizing z = Sizing.compute(slow, Prices.standard());
        assertTrue(z.worstExceedsBudget());
        assertTrue(PlanExplainer.warnings(slow, z).get(0).startsWith("One message can take 1800 ms at the worst, more than 80% "));

        Answers busy = PlanChoiceTest.answers(Map.of(Question.AVG_RPS, "2000", Question.PEAK_RPS, "20000",
                Question.PEAK_DURATION, "5m", Question.PROCESSING_MS, "10", Question.MAX_PAYLOAD_KIB, "4",
                Question.LOG_RETENTION_DAYS, "7"));
        z = Sizing.compute(busy, Prices.standard());
        assertTrue(z.peakAboveAccountLimit() && z.logsShorterThanDlq());
        List<String> warnings = PlanExplainer.warnings(busy, z);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("The peak of 20,000 requests/s is above"), warnings.get(0));
        assertTrue(warnings.get(1).endsWith("Fix: --log-retention-days 30 (or at least 14)."), warnings.get(1));

        Answers capped = PlanChoiceTest.answers(Map.of(Question.ORDERING, "key:id", Question.GROUPS, "2", Question.AVG_RPS, "5",
                Question.PEAK_RPS, "100", Question.MAX_DELAY, "1m"));
        z = Sizing.compute(capped, Prices.standard());
        assertTrue(z.cappedByGroups() && !z.choice().meetsTarget());
        assertEquals("active-groups", z.summary().concurrencyBound());
        assertTrue(PlanExplainer.warnings(capped, z).get(0).contains("with 2 active ordering keys (one batch per key at a time)"));
    }

    private static Map<String, String> values(List<Setting> settings) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        settings.forEach(s -> values.put(s.key(), s.value()));
        return values;
    }
}
