package dev.sluice.plan;

import dev.sluice.answers.Answers;

/**
 * Answers → plan, in two steps: {@link Sizing#compute} works out the numbers ({@link PlanSearch} chooses batch size,
 * window and concurrency with the {@link Simulation}; the other {@link SizingRules} follow in dependency order; the
 * plan's traffic is simulated once more for the record and the chart, and its cost estimated), then
 * {@link PlanExplainer} explains each setting and warns where the answers cannot be met.
 */
public final class Planner {
    private Planner() {}

    public static Plan plan(Answers a) {
        return plan(a, Prices.standard());
    }

    public static Plan plan(Answers a, Prices prices) {
        Sizing z = Sizing.compute(a, prices);
        return new Plan(z.batchSize(), z.batchingWindowSeconds(), z.functionTimeoutSeconds(), z.memoryMb(), z.maxConcurrency(),
                z.visibilityTimeoutSeconds(), SizingRules.MAX_RECEIVE_COUNT, z.retention(), SizingRules.MAX_RETENTION,
                z.maxMessageBytes(), z.throttleRateLimit(), z.throttleBurstLimit(), z.logRetentionDays(), z.consumerRatePerSecond(),
                z.worstAgeSeconds(), z.alarms(), z.observability(), PlanExplainer.settings(a, z), PlanExplainer.warnings(a, z), z.summary(), z.cost());
    }
}
