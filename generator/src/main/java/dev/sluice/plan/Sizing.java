package dev.sluice.plan;

import static dev.sluice.plan.SizingRules.*;

import dev.sluice.answers.Answers;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A plan's numbers, computed from the answers before a word is written: {@link PlanSearch}'s choice of batch size,
 * window and concurrency, the settings the other {@link SizingRules} derive from it in dependency order, the planned
 * traffic simulated once more for the record and the chart, the alarm thresholds and the monthly cost.
 * {@link PlanExplainer} says why each is what it is and warns when the answers cannot be met; {@link Planner} puts
 * the two together. No text is made here.
 *
 * @param choice                   the search's choice (batch size, window, concurrency, what bounds it)
 * @param functionTimeoutSeconds   the function timeout
 * @param visibilityTimeoutSeconds the queue's visibility timeout
 * @param memoryMb                 the function's memory
 * @param maxMessageBytes          the largest queue message
 * @param retention                the queue's retention
 * @param throttleRateLimit        the stage's rate limit, requests/s
 * @param throttleBurstLimit       the stage's burst limit
 * @param logRetentionDays         the logs' retention, as answered
 * @param batchFill                messages in a batch at the average rate
 * @param consumerRatePerSecond    what the capped consumers clear, messages/s
 * @param groupsBind               a FIFO queue whose active ordering keys, not the downstream limit, cap the concurrency
 * @param simulation               the planned traffic simulated with the chosen settings
 * @param summary                  what that simulation found, for the record and the chart
 * @param alarms                   the alarm thresholds
 * @param observability            the alarms, dashboard and saved queries built on them
 * @param cost                     the monthly cost at the average rate
 */
public record Sizing(
        PlanSearch.Choice choice,
        int functionTimeoutSeconds,
        int visibilityTimeoutSeconds,
        int memoryMb,
        int maxMessageBytes,
        Duration retention,
        int throttleRateLimit,
        int throttleBurstLimit,
        int logRetentionDays,
        double batchFill,
        double consumerRatePerSecond,
        boolean groupsBind,
        Simulation.Result simulation,
        SimulationSummary summary,
        Plan.Alarms alarms,
        Observability observability,
        CostEstimate cost) {

    /** The numbers for {@code a} at {@code prices}. */
    public static Sizing compute(Answers a, Prices prices) {
        int worstMs = a.processingMsWorst();
        double tolerance = a.maxDelay().toMillis() / 1000.0;
        double target = targetAgeSeconds(a.maxDelay(), worstMs);
        double step = timeStepSeconds(a.maxDelay(), a.peakDuration());
        int maxMessage = SizingRules.maxMessageBytes(a.maxPayloadKib());
        double peakSeconds = a.peakDuration().toMillis() / 1000.0;

        // A FIFO queue takes no batching window (and so at most 10 messages a batch); the user may fix a standard queue's.
        OptionalInt fixedWindow = a.fifo() ? OptionalInt.of(0) : a.batchingWindowSeconds();
        // FIFO hands out one batch per message group at a time: more consumers than active groups would idle.
        boolean groupsBind = a.fifo() && a.groups().isPresent()
                && a.groups().getAsInt() < a.downstreamLimit().orElse(Integer.MAX_VALUE);
        OptionalInt limit = groupsBind ? OptionalInt.of(Math.max(MIN_CONCURRENCY, a.groups().getAsInt())) : a.downstreamLimit();
        PlanSearch.Inputs inputs = new PlanSearch.Inputs(a.avgRps(), a.peakRps(), peakSeconds, a.processingMs(), worstMs,
                a.maxPayloadKib(), maxMessage, SizingRules.memoryMb(), limit, target, step, prices, fixedWindow, a.fifo(),
                a.idempotencyTable() ? CostModel.IDEMPOTENCY_WRITES_PER_MESSAGE : 0);
        PlanSearch.Choice choice = PlanSearch.choose(inputs);
        int batch = choice.batchSize();
        int window = choice.windowSeconds();
        int concurrency = choice.concurrency();
        int timeout = SizingRules.functionTimeoutSeconds(batch, worstMs);
        int visibility = SizingRules.visibilityTimeoutSeconds(timeout, window);

        Simulation.Scenario scenario = inputs.scenario(batch, window, concurrency);
        Simulation.Result sim = Simulation.run(scenario);
        double worstAge = sim.worstAgeSeconds();
        double rate = scenario.capacity();
        double oneLess = choice.bound() == PlanSearch.Bound.TOLERANCE
                ? Simulation.worstAgeSeconds(scenario.withConcurrency(concurrency - 1)) : Double.NaN;

        Duration retention = SizingRules.retention(a.maxDelay(), worstAge);
        boolean outlives = sim.outlives(retention.getSeconds());
        double fill = SizingRules.batchFill(a.avgRps(), batch, window);

        int rateLimit = SizingRules.throttleRateLimit(a.peakRps());
        int burst = SizingRules.throttleBurstLimit(rateLimit);
        long toleranceSeconds = a.maxDelay().getSeconds();
        long backlogAlarm = backlogAlarmMessages(rate, a.maxDelay(), batch, worstMs);
        long drainFloor = drainFloorMessages(sim.peakBacklog(), batch);
        Plan.Alarms alarms = new Plan.Alarms(toleranceSeconds, backlogAlarm, 1, 1, 1, 0.01, 1000,
                a.maxDelay().toMillis(), toleranceSeconds, drainFloor, retention.getSeconds(), ANOMALY_BAND);

        SimulationSummary summary = new SimulationSummary(a.avgRps(), a.peakRps(), peakSeconds, tolerance, target, step, batch, window,
                concurrency, a.processingMs(), worstMs, worstAge, sim.windowAgeSeconds(), sim.peakBacklog(), sim.drainSeconds(),
                sim.longestWaitSeconds(), retention.getSeconds(), worstAge <= target, worstAge <= tolerance, outlives,
                groupsBind && choice.bound() == PlanSearch.Bound.DOWNSTREAM_LIMIT ? "active-groups" : choice.bound().id(),
                choice.neededConcurrency(), oneLess, sim.series());
        Observability observability = Observability.of(new Observability.Inputs(a.name(), a.maxDelay(), alarms,
                MAX_RECEIVE_COUNT, concurrency, a.peakRps(), rate, summary.peakBacklogText(), retention, timeout,
                a.path(), batch));
        CostEstimate cost = CostModel.estimate(prices, inputs.usage(fill, observability.billedAlarmMetrics()));

        return new Sizing(choice, timeout, visibility, SizingRules.memoryMb(), maxMessage, retention, rateLimit, burst,
                a.logRetentionDays(), fill, rate, groupsBind, sim, summary, alarms, observability, cost);
    }

    public int batchSize() {
        return choice.batchSize();
    }

    public int batchingWindowSeconds() {
        return choice.windowSeconds();
    }

    public int maxConcurrency() {
        return choice.concurrency();
    }

    /** The simulated worst age of a message, seconds (infinite when the queue never drains). */
    public double worstAgeSeconds() {
        return simulation.worstAgeSeconds();
    }

    /** The active ordering keys, not the downstream limit, are what caps the concurrency. */
    public boolean cappedByGroups() {
        return groupsBind && choice.bound() == PlanSearch.Bound.DOWNSTREAM_LIMIT;
    }

    /** One message at the worst processing time takes longer than the share of the tolerance the plan sizes for. */
    public boolean worstExceedsBudget() {
        return summary.processingMsWorst() / 1000.0 > summary.toleranceSeconds() * TOLERANCE_BUDGET;
    }

    /** The peak is above API Gateway's default account-level rate: the stage throttle refuses the rest. */
    public boolean peakAboveAccountLimit() {
        return summary.peakRps() > ACCOUNT_RATE_LIMIT;
    }

    /** The logs go before the dead-letter queue's messages do. */
    public boolean logsShorterThanDlq() {
        return logRetentionDays < DLQ_RETENTION_DAYS;
    }
}
