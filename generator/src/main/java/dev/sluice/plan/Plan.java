package dev.sluice.plan;

import java.time.Duration;
import java.util.List;

/**
 * Every derived setting of a generated project (standard queue), with the simulation of the planned
 * traffic that chose them and the monthly cost at that traffic. Produced only by {@link Planner}.
 */
public record Plan(
        int batchSize,
        int batchingWindowSeconds,
        int functionTimeoutSeconds,
        int memoryMb,
        int maxConcurrency,
        int visibilityTimeoutSeconds,
        int maxReceiveCount,
        Duration retention,
        Duration dlqRetention,
        int maxMessageBytes,
        int throttleRateLimit,
        int throttleBurstLimit,
        double consumerRatePerSecond,
        double worstAgeSeconds,
        Alarms alarms,
        List<Setting> settings,
        List<String> warnings,
        SimulationSummary simulation,
        CostEstimate cost) {

    public Plan {
        settings = List.copyOf(settings);
        warnings = List.copyOf(warnings);
    }

    /** Alarm thresholds. */
    public record Alarms(
            long oldestMessageAgeSeconds,
            long backlogMessages,
            int dlqMessages,
            int consumerErrors,
            int consumerThrottles,
            double api5xxRate,
            int apiLatencyP99Ms) {}
}
