package dev.sluice.plan;

import static dev.sluice.plan.SizingRules.*;

import dev.sluice.answers.Answers;
import dev.sluice.answers.Durations;
import dev.sluice.answers.Question;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Words for a computed plan ({@link Sizing}): each setting with its value and why, and a warning for each way the
 * answers cannot be met, with what would fix it. It computes nothing the numbers do not already hold, so what the
 * plan says and what it does cannot drift apart.
 */
public final class PlanExplainer {
    /** {@link SizingRules#TOLERANCE_BUDGET} as the prose says it: "80%". */
    private static final String BUDGET = percent(TOLERANCE_BUDGET);
    private static final String DEFAULT_LOG_RETENTION_DAYS = Question.LOG_RETENTION_DAYS.defaultValue().orElseThrow();

    private PlanExplainer() {}

    /** Every setting in the order the README and {@code sluice plan} list them, each with its value and why. */
    public static List<Setting> settings(Answers a, Sizing z) {
        PlanSearch.Choice choice = z.choice();
        SimulationSummary summary = z.summary();
        int batch = z.batchSize();
        int worstMs = a.processingMsWorst();
        String retention = Durations.format(z.retention());

        List<Setting> s = new ArrayList<>();
        s.add(new Setting("batchSize", "Batch size", String.valueOf(batch), batchWhy(a, choice, z.batchFill())));
        s.add(new Setting("batchingWindow", "Batching window", z.batchingWindowSeconds() + " s",
                windowWhy(a, batch, z.batchingWindowSeconds(), z.batchFill(), z.simulation())));
        s.add(new Setting("functionTimeout", "Function timeout", z.functionTimeoutSeconds() + " s",
                "1.5 × a full batch at the worst processing time (" + worstMs + " ms), plus 10 s for start-up."));
        s.add(new Setting("memory", "Function memory", z.memoryMb() + " MB",
                "Lambda gives CPU in proportion to memory; 1024 MB keeps the JVM's JIT and JSON parsing quick."));
        s.add(new Setting("maxConcurrency", "Maximum concurrency", String.valueOf(z.maxConcurrency()), z.cappedByGroups()
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
                                    ? " High-throughput mode: the peak is above FIFO's " + FIFO_THROUGHPUT_PER_ACTION + " messages/s per action." : "")));
        }
        s.add(new Setting("visibilityTimeout", "Visibility timeout", z.visibilityTimeoutSeconds() + " s",
                "6 × the function timeout + the batching window, as AWS advises, so a batch still being retried is not handed out twice."));
        s.add(new Setting("maxReceiveCount", "Receives before the DLQ", String.valueOf(MAX_RECEIVE_COUNT),
                "AWS advises at least 5 so that throttled or interrupted batches do not dead-letter healthy messages."));
        s.add(new Setting("retention", "Queue retention", retention,
                "The SQS default of 4 days unless twice the tolerance or three times the simulated worst age ("
                        + Formats.seconds(z.worstAgeSeconds()) + ") needs longer; at most " + MAX_QUEUE_RETENTION.toDays()
                        + " days, so that a dead letter still has at least " + MAX_RETENTION.minus(MAX_QUEUE_RETENTION).toDays()
                        + " of the DLQ's " + MAX_RETENTION.toDays() + " days."));
        s.add(new Setting("dlqRetention", "DLQ retention", Durations.format(MAX_RETENTION),
                "The maximum: a dead-lettered message keeps its original enqueue time, so the DLQ must keep it longer than the queue."));
        s.add(new Setting("maxMessageSize", "Largest queue message", z.maxMessageBytes() + " bytes",
                "The largest body (" + a.maxPayloadKib() + " KiB) plus 1 KiB for message attributes, within SQS's 1 MiB."));
        s.add(new Setting("throttleRate", "API rate limit", z.throttleRateLimit() + " requests/s",
                "20% above the stated peak, so the API sheds load the consumer was never sized for (at most the account's "
                        + Formats.grouped(ACCOUNT_RATE_LIMIT) + ")."));
        s.add(new Setting("throttleBurst", "API burst limit", String.valueOf(z.throttleBurstLimit()),
                "One second of traffic at the rate limit (at least 10, at most the account's " + Formats.grouped(ACCOUNT_BURST_LIMIT) + ")."));
        s.addAll(z.observability().alarmSettings());
        s.add(new Setting("logRetention", "Log retention", z.logRetentionDays() + " days", !z.logsShorterThanDlq()
                ? "Asked (default " + DEFAULT_LOG_RETENTION_DAYS + "): longer than the DLQ keeps a message (" + DLQ_RETENTION_DAYS
                        + " days), so a dead-lettered request's log lines still exist."
                : "Asked: shorter than the " + DLQ_RETENTION_DAYS + " days the DLQ keeps a message (see the warning)."));
        return s;
    }

    /** One warning for each way the answers cannot be met, with the numbers and what would fix it; none for a sound plan. */
    public static List<String> warnings(Answers a, Sizing z) {
        List<String> warnings = new ArrayList<>();
        SimulationSummary summary = z.summary();
        if (z.worstExceedsBudget()) {
            int worstMs = a.processingMsWorst();
            warnings.add(String.format(Locale.ROOT,
                    "One message can take %d ms at the worst, more than %s of the %s tolerance: no setting processes every "
                            + "message in time. The plan sizes for a worst age of %s instead. Fix: a longer tolerance (at least %s), "
                            + "or a faster worst case.",
                    worstMs, BUDGET, Durations.format(a.maxDelay()), Formats.seconds(summary.targetSeconds()),
                    Formats.seconds(Math.ceil(worstMs / 1000.0 / TOLERANCE_BUDGET))));
        }
        if (!z.choice().meetsTarget()) {
            String warning = unmet(a, z.choice(), z.simulation(), z.consumerRatePerSecond(), z.retention());
            warnings.add(z.groupsBind() ? warning.replace("at the downstream limit of " + z.maxConcurrency() + " concurrent consumers",
                    "with " + a.groups().getAsInt() + " active ordering keys (one batch per key at a time)")
                    .replace(" (a downstream that takes that many consumers)", " (that many active ordering keys)") : warning);
        }
        if (z.peakAboveAccountLimit()) {
            warnings.add(String.format(Locale.ROOT,
                    "The peak of %s requests/s is above API Gateway's default account limit of %,d requests/s in most regions: "
                            + "the stage throttle stops at %,d, so about %s requests/s of the peak would be refused with 429 "
                            + "Too Many Requests. Fix: ask AWS for a higher limit (Service Quotas, Amazon API Gateway, "
                            + "\"Throttle rate\"), then raise ThrottlingRateLimit.",
                    Formats.rate(a.peakRps()), ACCOUNT_RATE_LIMIT, ACCOUNT_RATE_LIMIT, Formats.rate(a.peakRps() - ACCOUNT_RATE_LIMIT)));
        }
        if (z.logsShorterThanDlq()) {
            warnings.add("The logs are kept " + z.logRetentionDays() + " days, less than the " + DLQ_RETENTION_DAYS
                    + " days the dead-letter queue keeps a message: a dead-lettered request's log lines may be gone before "
                    + "anyone reads them. Fix: " + Question.LOG_RETENTION_DAYS.flag() + " " + DEFAULT_LOG_RETENTION_DAYS + " (or at least "
                    + DLQ_RETENTION_DAYS + ").");
        }
        return warnings;
    }

    private static String batchWhy(Answers a, PlanSearch.Choice choice, double fill) {
        int max = choice.maxBatchSize();
        long byPayload = INVOKE_PAYLOAD_BYTES / (a.maxPayloadKib() * 1024L + RECORD_ENVELOPE_BYTES);
        String limit = max == MAX_BATCH_STANDARD ? "Lambda's maximum"
                : max == byPayload ? "the 6 MB invoke payload at " + a.maxPayloadKib() + " KiB a message"
                : "what the " + MAX_FUNCTION_TIMEOUT_S + " s timeout holds at " + a.processingMsWorst() + " ms a message";
        String why = "The cheapest size (fewest invocations and SQS requests a month) that keeps the worst age within the tolerance; "
                + "at " + Formats.rate(a.avgRps()) + " requests/s a batch holds about " + Formats.count(fill) + ". At most " + max
                + ": " + limit;
        return why + (choice.windowSeconds() == 0 ? "; 10 without a window." : ".");
    }

    private static String windowWhy(Answers a, int batch, int window, double fill, Simulation.Result sim) {
        if (window == 0) {
            return "No window: waiting for a batch to fill would not fit the tolerance, or would not make batches cheaper.";
        }
        return "Lambda's " + INITIAL_POLLERS + " pollers share the traffic: at " + Formats.rate(a.avgRps()) + " requests/s each gathers about "
                + Formats.count(fill) + " of " + batch + " messages in " + window + " s. A message that finds no backlog is done within "
                + Formats.seconds(sim.windowAgeSeconds()) + " (its window and a full batch at the worst time).";
    }

    private static String concurrencyWhy(Answers a, PlanSearch.Choice choice, SimulationSummary sim) {
        String peak = "over the " + Formats.seconds(sim.peakSeconds()) + " peak of " + Formats.rate(a.peakRps()) + " requests/s";
        return switch (choice.bound()) {
            case TOLERANCE -> "The smallest cap whose simulated worst message age " + peak + " stays within " + BUDGET + " of the tolerance ("
                    + Formats.seconds(sim.targetSeconds()) + "): " + sim.worstAgeText() + "; " + (choice.concurrency() - 1)
                    + " would reach " + Formats.seconds(sim.oneLessWorstAgeSeconds()) + ".";
            case MINIMUM -> "Lambda's minimum: the simulated worst message age " + peak + " is " + sim.worstAgeText()
                    + ", within " + BUDGET + " of the tolerance (" + Formats.seconds(sim.targetSeconds()) + ").";
            case DOWNSTREAM_LIMIT -> "Capped by the downstream limit; " + (choice.neededConcurrency() > 0
                    ? choice.neededConcurrency() + " would be needed to meet the tolerance."
                    : "even Lambda's maximum of " + Formats.grouped(MAX_CONCURRENCY) + " would not meet the tolerance.");
            case LAMBDA_MAXIMUM -> "Lambda's maximum for one event source mapping; even that does not meet the tolerance.";
        };
    }

    /** The warning when the concurrency cap cannot meet the tolerance: the numbers, and what would fix it. */
    private static String unmet(Answers a, PlanSearch.Choice choice, Simulation.Result sim, double rate, Duration retention) {
        String cap = choice.bound() == PlanSearch.Bound.DOWNSTREAM_LIMIT
                ? "at the downstream limit of " + choice.concurrency() + " concurrent consumers, the consumers"
                : "at Lambda's maximum of " + Formats.grouped(MAX_CONCURRENCY) + " concurrent batches for one event source mapping, the consumers";
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

    /** A share as a percentage: 0.8 → "80%", 0.01 → "1%", 0.005 → "0.5%". */
    private static String percent(double share) {
        return Formats.trimmed(share * 100, 2) + "%";
    }
}
