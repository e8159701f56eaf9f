package dev.sluice.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What the simulation of the planned traffic found for the plan's settings (docs/sizing.md). Times in
 * seconds; infinite when the consumers cannot keep up with the average rate (then {@code drains} is false).
 *
 * @param avgRps                 the average rate before and after the peak, requests/s
 * @param peakRps                the peak rate, requests/s
 * @param peakSeconds            how long the peak lasts
 * @param toleranceSeconds       the longest acceptable delay
 * @param targetSeconds          what the plan sizes for: 80% of the tolerance
 * @param stepSeconds            the simulation's time step
 * @param batchSize              the plan's batch size
 * @param batchingWindowSeconds  the plan's batching window
 * @param concurrency            the plan's maximum concurrency
 * @param processingMs           the processing time the consumer rate is simulated with (the typical one)
 * @param processingMsWorst      the processing time a message's own batch is charged with (the worst one)
 * @param worstAgeSeconds        the longest any message waits from accept to processed
 * @param windowAgeSeconds       the age of a message that finds no backlog (window and one batch), at most
 * @param peakBacklogMessages    the most messages waiting in the queue at once
 * @param drainSeconds           from the end of the peak until the queue is empty
 * @param longestWaitSeconds     the longest any message waits in the queue before a batch takes it
 * @param retentionSeconds       the plan's queue retention
 * @param withinTarget           whether the worst age is within the target (80% of the tolerance)
 * @param meetsTolerance         whether the worst age is within the tolerance
 * @param outlivesRetention      whether some message would wait longer than the retention (and be deleted)
 * @param concurrencyBound       what bounds the concurrency: tolerance, minimum, downstream-limit, lambda-maximum
 * @param neededConcurrency      the smallest concurrency that meets the target, 0 when even 1,000 does not
 * @param oneLessWorstAgeSeconds the worst age with one concurrent batch less (NaN at the minimum of 2 or when capped)
 * @param series                 the chart: backlog and age over time, from before the peak to after the drain
 */
public record SimulationSummary(
        double avgRps,
        double peakRps,
        double peakSeconds,
        double toleranceSeconds,
        double targetSeconds,
        double stepSeconds,
        int batchSize,
        int batchingWindowSeconds,
        int concurrency,
        int processingMs,
        int processingMsWorst,
        double worstAgeSeconds,
        double windowAgeSeconds,
        double peakBacklogMessages,
        double drainSeconds,
        double longestWaitSeconds,
        long retentionSeconds,
        boolean withinTarget,
        boolean meetsTolerance,
        boolean outlivesRetention,
        String concurrencyBound,
        int neededConcurrency,
        double oneLessWorstAgeSeconds,
        List<Simulation.Point> series) {

    public SimulationSummary {
        series = List.copyOf(series);
    }

    public boolean drains() {
        return Double.isFinite(drainSeconds);
    }

    public String worstAgeText() {
        return Formats.seconds(worstAgeSeconds);
    }

    public String toleranceText() {
        return Formats.seconds(toleranceSeconds);
    }

    public String targetText() {
        return Formats.seconds(targetSeconds);
    }

    public String peakBacklogText() {
        return drains() ? Formats.count(Math.ceil(peakBacklogMessages - 1e-9)) + " messages" : "grows without bound";
    }

    public String drainText() {
        if (!drains()) {
            return "never: the consumers are slower than the average rate";
        }
        return drainSeconds == 0 ? "no backlog is left when the peak ends" : Formats.seconds(drainSeconds) + " after the peak ends";
    }

    public String peakText() {
        return Formats.rate(peakRps) + " requests/s for " + Formats.seconds(peakSeconds) + ", between stretches of "
                + Formats.rate(avgRps) + " requests/s";
    }

    /**
     * The result as rows of label, value and why, as {@code sluice plan} prints them (keys: worstAge,
     * peakBacklog, drain, outlivesRetention, maxConcurrency).
     */
    public List<Setting> rows() {
        List<Setting> rows = new ArrayList<>();
        String verdict = withinTarget ? "within the 80% target (" + targetText() + ") of the " + toleranceText() + " tolerance"
                : meetsTolerance ? "within the " + toleranceText() + " tolerance, but over its 80% target (" + targetText() + ")"
                : "over the " + toleranceText() + " tolerance";
        rows.add(new Setting("worstAge", "Worst message age", worstAgeText(), verdict));
        rows.add(new Setting("peakBacklog", "Peak backlog", peakBacklogText(), "the most messages waiting in the queue at once"));
        rows.add(new Setting("drain", "Time to drain", drains() ? Formats.seconds(drainSeconds) : "never", !drains() ? drainText()
                : drainSeconds == 0 ? "no backlog is left when the peak ends" : "from the end of the peak until the queue is empty"));
        rows.add(new Setting("outlivesRetention", "Outlives retention", outlivesRetention ? "yes" : "no", outlivesRetention
                ? "messages would wait longer than the " + Formats.seconds(retentionSeconds) + " retention and be deleted"
                : "no message waits longer than the " + Formats.seconds(retentionSeconds) + " retention"));
        String bound = switch (concurrencyBound) {
            case "tolerance" -> "the smallest that meets the tolerance; " + (concurrency - 1) + " would reach "
                    + Formats.seconds(oneLessWorstAgeSeconds);
            case "minimum" -> "Lambda's minimum of 2; the tolerance needs no more";
            case "downstream-limit", "active-groups" -> (concurrencyBound.equals("active-groups")
                    ? "the active ordering keys (one batch per key at a time); " : "the downstream limit; ")
                    + (neededConcurrency > 0 ? neededConcurrency + " would meet the tolerance" : "even " + Formats.grouped(SizingRules.MAX_CONCURRENCY) + " would not meet the tolerance");
            default -> "Lambda's maximum; even that does not meet the tolerance";
        };
        rows.add(new Setting("maxConcurrency", "Maximum concurrency", concurrency + " (" + concurrencyBound + ")", bound));
        return rows;
    }
}
