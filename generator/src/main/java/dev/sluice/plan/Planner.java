package dev.sluice.plan;

import static dev.sluice.plan.SizingRules.*;

import dev.sluice.answers.Answers;
import dev.sluice.answers.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Answers → plan: {@link PlanSearch} chooses batch size, window and concurrency with the
 * {@link Simulation}; the other {@link SizingRules} follow in dependency order; each result is
 * explained, the plan's traffic simulated once more for the record and the chart, and its cost estimated.
 */
public final class Planner {
    private Planner() {}

    public static Plan plan(Answers a) {
        return plan(a, Prices.standard());
    }

    public static Plan plan(Answers a, Prices prices) {
        List<String> warnings = new ArrayList<>();
        int worstMs = a.processingMsWorst();
        double tolerance = a.maxDelay().toMillis() / 1000.0;
        double target = targetAgeSeconds(a.maxDelay(), worstMs);
        double step = timeStepSeconds(a.maxDelay(), a.peakDuration());
        int maxMessage = maxMessageBytes(a.maxPayloadKib());
        double peakSeconds = a.peakDuration().toMillis() / 1000.0;

        // A FIFO queue takes no batching window (and so at most 10 messages a batch); the user may fix a standard queue's.
        OptionalInt fixedWindow = a.fifo() ? OptionalInt.of(0) : a.batchingWindowSeconds();
        // FIFO hands out one batch per message group at a time: more consumers than active groups would idle.
        boolean groupsBind = a.fifo() && a.groups().isPresent()
                && a.groups().getAsInt() < a.downstreamLimit().orElse(Integer.MAX_VALUE);
        OptionalInt limit = groupsBind ? OptionalInt.of(Math.max(MIN_CONCURRENCY, a.groups().getAsInt())) : a.downstreamLimit();
        PlanSearch.Inputs inputs = new PlanSearch.Inputs(a.avgRps(), a.peakRps(), peakSeconds, a.processingMs(), worstMs,
                a.maxPayloadKib(), maxMessage, memoryMb(), limit, target, step, prices, fixedWindow);
        PlanSearch.Choice choice = PlanSearch.choose(inputs);
        int batch = choice.batchSize();
        int window = choice.windowSeconds();
        int concurrency = choice.concurrency();
        int timeout = functionTimeoutSeconds(batch, worstMs);
        int visibility = visibilityTimeoutSeconds(timeout, window);

        Simulation.Scenario scenario = inputs.scenario(batch, window, concurrency);
        Simulation.Result sim = Simulation.run(scenario);
        double worstAge = sim.worstAgeSeconds();
        double rate = scenario.capacity();
        double oneLess = choice.bound() == PlanSearch.Bound.TOLERANCE
                ? Simulation.worstAgeSeconds(scenario.withConcurrency(concurrency - 1)) : Double.NaN;

        Duration retention = retention(a.maxDelay(), worstAge);
        boolean outlives = sim.outlives(retention.getSeconds());
        double fill = batchFill(a.avgRps(), batch, window);

        if (worstMs / 1000.0 > tolerance * TOLERANCE_BUDGET) {
            warnings.add(String.format(Locale.ROOT,
                    "One message can take %d ms at the worst, more than 80%% of the %s tolerance: no setting processes every "
                            + "message in time. The plan sizes for a worst age of %s instead. Fix: a longer tolerance (at least %s), "
                            + "or a faster worst case.",
                    worstMs, Durations.format(a.maxDelay()), Formats.seconds(target),
                    Formats.seconds(Math.ceil(worstMs / 1000.0 / TOLERANCE_BUDGET))));
        }
        if (!choice.meetsTarget()) {
            String warning = unmet(a, choice, sim, rate, retention);
            warnings.add(groupsBind ? warning.replace("at the downstream limit of " + concurrency + " concurrent consumers",
                    "with " + a.groups().getAsInt() + " active ordering keys (one batch per key at a time)")
                    .replace(" (a downstream that takes that many consumers)", " (that many active ordering keys)") : warning);
        }
        int rateLimit = throttleRateLimit(a.peakRps());
        int burst = throttleBurstLimit(rateLimit);
        if (a.peakRps() > ACCOUNT_RATE_LIMIT) {
            warnings.add(String.format(Locale.ROOT,
                    "The peak of %s requests/s is above API Gateway's default account limit of %,d requests/s in most regions: "
                            + "the stage throttle stops at %,d, so about %s requests/s of the peak would be refused with 429 "
                            + "Too Many Requests. Fix: ask AWS for a higher limit (Service Quotas, Amazon API Gateway, "
                            + "\"Throttle rate\"), then raise ThrottlingRateLimit.",
                    Formats.rate(a.peakRps()), ACCOUNT_RATE_LIMIT, ACCOUNT_RATE_LIMIT, Formats.rate(a.peakRps() - ACCOUNT_RATE_LIMIT)));
        }

        long toleranceSeconds = a.maxDelay().getSeconds();
        long backlogAlarm = backlogAlarmMessages(rate, a.maxDelay(), batch, worstMs);
        long drainFloor = SizingRules.drainFloorMessages(sim.peakBacklog(), batch);
        Plan.Alarms alarms = new Plan.Alarms(toleranceSeconds, backlogAlarm, 1, 1, 1, 0.01, 1000,
                a.maxDelay().toMillis(), toleranceSeconds, drainFloor, retention.getSeconds(), ANOMALY_BAND);
        if (a.logRetentionDays() < DLQ_RETENTION_DAYS) {
            warnings.add("The logs are kept " + a.logRetentionDays() + " days, less than the " + DLQ_RETENTION_DAYS
                    + " days the dead-letter queue keeps a message: a dead-lettered request's log lines may be gone before "
                    + "anyone reads them. Fix: --log-retention-days 30 (or at least 14).");
        }

        SimulationSummary summary = new SimulationSummary(a.avgRps(), a.peakRps(), peakSeconds, tolerance, target, step, batch, window,
                concurrency, a.processingMs(), worstMs, worstAge, sim.windowAgeSeconds(), sim.peakBacklog(), sim.drainSeconds(),
                sim.longestWaitSeconds(), retention.getSeconds(), worstAge <= target, worstAge <= tolerance, outlives,
                groupsBind && choice.bound() == PlanSearch.Bound.DOWNSTREAM_LIMIT ? "active-groups" : choice.bound().id(),
                choice.neededConcurrency(), oneLess, sim.series());
        Observability observability = Observability.of(new Observability.Inputs(a.name(), a.maxDelay(), alarms,
                MAX_RECEIVE_COUNT, concurrency, a.peakRps(), rate, summary.peakBacklogText(), retention, timeout,
                a.path(), batch));
        CostEstimate cost = CostModel.estimate(prices, new CostModel.Usage(a.avgRps(), fill, maxMessage, a.processingMs(),
                memoryMb(), observability.billedAlarmMetrics()));

        List<Setting> s = new ArrayList<>();
        s.add(new Setting("batchSize", "Batch size", String.valueOf(batch), batchWhy(a, choice, fill)));
        s.add(new Setting("batchingWindow", "Batching window", window + " s", windowWhy(a, batch, window, fill, sim)));
        s.add(new Setting("functionTimeout", "Function timeout", timeout + " s",
                "1.5 × a full batch at the worst processing time (" + worstMs + " ms), plus 10 s for start-up."));
        s.add(new Setting("memory", "Function memory", memoryMb() + " MB",
                "Lambda gives CPU in proportion to memory; 1024 MB keeps the JVM's JIT and JSON parsing quick."));
        s.add(new Setting("maxConcurrency", "Maximum concurrency", String.valueOf(concurrency), groupsBind
                && choice.bound() == PlanSearch.Bound.DOWNSTREAM_LIMIT
                ? "Capped by the " + a.groups().getAsInt() + " active ordering keys: a FIFO queue hands out one batch per key at a time, "
                        + "so more consumers would idle" + (choice.neededConcurrency() > 0
                        ? "; " + choice.neededConcurrency() + " would be needed to meet the tolerance." : ".")
                : concurrencyWhy(a, choice, summary)));
        if (a.fifo()) {
            s.add(new Setting("fifo", "Queue type", "FIFO, grouped by " + a.orderingKey().orElseThrow(),
                    "Ordering per key: messages with the same " + a.orderingKey().orElseThrow() + " are processed one at a time, in order"
                            + (a.groups().isPresent() ? "; with " + a.groups().getAsInt() + " active keys at most "
                                    + a.groups().getAsInt() + " batches run at once." : ".")
                            + (a.peakRps() > FIFO_THROUGHPUT_PER_ACTION
                                    ? " High-throughput mode: the peak is above FIFO's 300 messages/s per action." : "")));
        }
        s.add(new Setting("visibilityTimeout", "Visibility timeout", visibility + " s",
                "6 × the function timeout + the batching window, as AWS advises, so a batch still being retried is not handed out twice."));
        s.add(new Setting("maxReceiveCount", "Receives before the DLQ", String.valueOf(MAX_RECEIVE_COUNT),
                "AWS advises at least 5 so that throttled or interrupted batches do not dead-letter healthy messages."));
        s.add(new Setting("retention", "Queue retention", Durations.format(retention),
                "The SQS default of 4 days unless twice the tolerance or three times the simulated worst age (" + Formats.seconds(worstAge)
                        + ") needs longer; at most " + MAX_QUEUE_RETENTION.toDays() + " days, so that a dead letter still has at least "
                        + MAX_RETENTION.minus(MAX_QUEUE_RETENTION).toDays() + " of the DLQ's " + MAX_RETENTION.toDays() + " days."));
        s.add(new Setting("dlqRetention", "DLQ retention", Durations.format(MAX_RETENTION),
                "The maximum: a dead-lettered message keeps its original enqueue time, so the DLQ must keep it longer than the queue."));
        s.add(new Setting("maxMessageSize", "Largest queue message", maxMessage + " bytes",
                "The largest body (" + a.maxPayloadKib() + " KiB) plus 1 KiB for message attributes, within SQS's 1 MiB."));
        s.add(new Setting("throttleRate", "API rate limit", rateLimit + " requests/s",
                "20% above the stated peak, so the API sheds load the consumer was never sized for (at most the account's 10,000)."));
        s.add(new Setting("throttleBurst", "API burst limit", String.valueOf(burst),
                "One second of traffic at the rate limit (at least 10, at most the account's 5,000)."));
        s.addAll(observability.alarmSettings());
        s.add(new Setting("logRetention", "Log retention", a.logRetentionDays() + " days", a.logRetentionDays() >= DLQ_RETENTION_DAYS
                ? "Asked (default 30): longer than the DLQ keeps a message (14 days), so a dead-lettered request's log lines still exist."
                : "Asked: shorter than the 14 days the DLQ keeps a message (see the warning)."));

        return new Plan(batch, window, timeout, memoryMb(), concurrency, visibility, MAX_RECEIVE_COUNT, retention,
                MAX_RETENTION, maxMessage, rateLimit, burst, a.logRetentionDays(), rate, worstAge, alarms, observability, s, warnings, summary, cost);
    }

    private static String batchWhy(Answers a, PlanSearch.Choice choice, double fill) {
        int max = choice.maxBatchSize();
        long byPayload = INVOKE_PAYLOAD_BYTES / (a.maxPayloadKib() * 1024L + RECORD_ENVELOPE_BYTES);
        String limit = max == MAX_BATCH_STANDARD ? "Lambda's maximum"
                : max == byPayload ? "the 6 MB invoke payload at " + a.maxPayloadKib() + " KiB a message"
                : "what the 900 s timeout holds at " + a.processingMsWorst() + " ms a message";
        String why = "The cheapest size (fewest invocations and SQS requests a month) that keeps the worst age within the tolerance; "
                + "at " + Formats.rate(a.avgRps()) + " requests/s a batch holds about " + Formats.count(fill) + ". At most " + max
                + ": " + limit;
        return why + (choice.windowSeconds() == 0 ? "; 10 without a window." : ".");
    }

    private static String windowWhy(Answers a, int batch, int window, double fill, Simulation.Result sim) {
        if (window == 0) {
            return "No window: waiting for a batch to fill would not fit the tolerance, or would not make batches cheaper.";
        }
        return "Lambda's 5 pollers share the traffic: at " + Formats.rate(a.avgRps()) + " requests/s each gathers about "
                + Formats.count(fill) + " of " + batch + " messages in " + window + " s. A message that finds no backlog is done within "
                + Formats.seconds(sim.windowAgeSeconds()) + " (its window and a full batch at the worst time).";
    }

    private static String concurrencyWhy(Answers a, PlanSearch.Choice choice, SimulationSummary sim) {
        String peak = "over the " + Formats.seconds(sim.peakSeconds()) + " peak of " + Formats.rate(a.peakRps()) + " requests/s";
        return switch (choice.bound()) {
            case TOLERANCE -> "The smallest cap whose simulated worst message age " + peak + " stays within 80% of the tolerance ("
                    + Formats.seconds(sim.targetSeconds()) + "): " + sim.worstAgeText() + "; " + (choice.concurrency() - 1)
                    + " would reach " + Formats.seconds(sim.oneLessWorstAgeSeconds()) + ".";
            case MINIMUM -> "Lambda's minimum: the simulated worst message age " + peak + " is " + sim.worstAgeText()
                    + ", within 80% of the tolerance (" + Formats.seconds(sim.targetSeconds()) + ").";
            case DOWNSTREAM_LIMIT -> "Capped by the downstream limit; " + (choice.neededConcurrency() > 0
                    ? choice.neededConcurrency() + " would be needed to meet the tolerance."
                    : "even Lambda's maximum of 1,000 would not meet the tolerance.");
            case LAMBDA_MAXIMUM -> "Lambda's maximum for one event source mapping; even that does not meet the tolerance.";
        };
    }

    /** The warning when the concurrency cap cannot meet the tolerance: the numbers, and what would fix it. */
    private static String unmet(Answers a, PlanSearch.Choice choice, Simulation.Result sim, double rate, Duration retention) {
        String cap = choice.bound() == PlanSearch.Bound.DOWNSTREAM_LIMIT
                ? "at the downstream limit of " + choice.concurrency() + " concurrent consumers, the consumers"
                : "at Lambda's maximum of 1,000 concurrent batches for one event source mapping, the consumers";
        StringBuilder w = new StringBuilder();
        w.append("The delay tolerance of ").append(Durations.format(a.maxDelay())).append(" cannot be met: ").append(cap)
                .append(" clear about ").append(Formats.rate(rate)).append(" messages/s");
        if (!sim.drains()) {
            w.append(", less than the average of ").append(Formats.rate(a.avgRps()))
                    .append(" requests/s, so the queue never drains and messages expire after the ")
                    .append(Durations.format(retention)).append(" retention.");
        } else {
            w.append(", so the planned peak (").append(Formats.rate(a.peakRps())).append(" requests/s for ")
                    .append(Formats.seconds(a.peakDuration().getSeconds())).append(") leaves up to ")
                    .append(Formats.count(Math.ceil(sim.peakBacklog()))).append(" messages waiting and the worst message age reaches about ")
                    .append(Formats.seconds(sim.worstAgeSeconds())).append(" (simulated)");
            w.append(sim.outlives(retention.getSeconds()) ? ", longer than the " + Durations.format(retention)
                    + " retention: messages would expire unprocessed." : ".");
        }
        List<String> fixes = new ArrayList<>();
        if (choice.neededConcurrency() > 0) {
            fixes.add("a maximum concurrency of " + choice.neededConcurrency()
                    + (choice.bound() == PlanSearch.Bound.DOWNSTREAM_LIMIT ? " (a downstream that takes that many consumers)" : ""));
        }
        if (sim.drains()) {
            fixes.add("a tolerance of at least " + Formats.seconds(Math.ceil(sim.worstAgeSeconds() / TOLERANCE_BUDGET)));
        }
        fixes.add("a shorter processing time" + (sim.drains() ? " or a shorter peak" : ""));
        if (choice.neededConcurrency() == 0) {
            fixes.add("the traffic split over several queues");
        }
        w.append(" Fixes: ").append(String.join(", ", fixes.subList(0, fixes.size() - 1)))
                .append(fixes.size() > 1 ? ", or " : "").append(fixes.get(fixes.size() - 1)).append('.');
        return w.toString();
    }
}
