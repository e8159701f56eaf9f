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
        int logRetentionDays,
        double consumerRatePerSecond,
        double worstAgeSeconds,
        Alarms alarms,
        Observability observability,
        List<Setting> settings,
        List<String> warnings,
        SimulationSummary simulation,
        CostEstimate cost) {

    public Plan {
        settings = List.copyOf(settings);
        warnings = List.copyOf(warnings);
    }

    /**
     * Alarm thresholds.
     *
     * @param endToEndDelayMs           the consumer's EndToEndDelay metric (accept to processed): the tolerance
     * @param timeToDrainSeconds        the projected time to drain the queue: the tolerance
     * @param drainFloorMessages        fewer visible messages than this count as drained: what the planned peak leaves
     * @param neverDrainsSeconds        the time to drain reported when the queue does not shrink: the queue's retention
     * @param apiLatencyAnomalyBand     the width of the API latency anomaly band, in standard deviations
     */
    public record Alarms(
            long oldestMessageAgeSeconds,
            long backlogMessages,
            int dlqMessages,
            int consumerErrors,
            int consumerThrottles,
            double api5xxRate,
            int apiLatencyP99Ms,
            long endToEndDelayMs,
            long timeToDrainSeconds,
            long drainFloorMessages,
            long neverDrainsSeconds,
            int apiLatencyAnomalyBand) {

        /**
         * The time to drain the queue, in seconds, as CloudWatch metric math over three SQS metrics of the
         * queue with the ids {@code visible} (ApproximateNumberOfMessagesVisible, Average), {@code sent}
         * (NumberOfMessagesSent, Sum) and {@code deleted} (NumberOfMessagesDeleted, Sum): the visible
         * messages divided by the net drain rate. Up to {@link #drainFloorMessages} it reads 0 (no
         * division by a rate that is noise at that size); when the queue does not shrink it reads
         * {@link #neverDrainsSeconds}, the retention, beyond which messages would expire.
         */
        public String timeToDrainExpression() {
            return "IF(visible <= " + drainFloorMessages + ", 0, IF(deleted - sent > 0, visible / ((deleted - sent) / PERIOD(deleted)), "
                    + neverDrainsSeconds + "))";
        }
    }
}
