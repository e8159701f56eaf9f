package dev.sluice.plan;

import static dev.sluice.plan.SizingRules.*;

import dev.sluice.answers.Answers;
import dev.sluice.answers.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Answers → plan: applies {@link SizingRules} in dependency order and explains each result. */
public final class Planner {
    private Planner() {}

    public static Plan plan(Answers a) {
        List<String> warnings = new ArrayList<>();
        SizingRules.Traffic traffic = new SizingRules.Traffic(a.avgRps(), a.peakRps(), a.peakDuration(), a.processingMs());

        int window = batchingWindowSeconds(a.maxDelay());
        int batch = batchSize(a.maxDelay(), a.processingMsWorst(), window, a.maxPayloadKib());
        int timeout = functionTimeoutSeconds(batch, a.processingMsWorst());
        int visibility = visibilityTimeoutSeconds(timeout, window);

        int needed = smallestConcurrency(traffic, a.maxDelay(), batch, window);
        int concurrency = needed;
        if (a.downstreamLimit().isPresent() && a.downstreamLimit().getAsInt() < needed) {
            concurrency = a.downstreamLimit().getAsInt();
        }
        double rate = concurrency * ratePerConsumer(batch, a.processingMs());
        double worstAge = worstAgeSeconds(traffic, concurrency, batch, window);
        long tolerance = a.maxDelay().getSeconds();
        if (worstAge > tolerance) {
            String age = Double.isInfinite(worstAge) ? "grows without bound" : "reaches about " + Durations.format(Duration.ofSeconds((long) Math.ceil(worstAge)));
            String cause = concurrency < needed
                    ? "the downstream limit of " + concurrency + " concurrent consumers"
                    : "the Lambda limit of " + MAX_CONCURRENCY + " concurrent batches";
            warnings.add(String.format(Locale.ROOT,
                    "The delay tolerance of %s cannot be met: with %s the worst message age %s. "
                            + "It takes a maximum concurrency of %d, a shorter processing time or a longer tolerance.",
                    Durations.format(a.maxDelay()), cause, age, needed > concurrency ? needed : MAX_CONCURRENCY));
        }
        Duration retention = retention(a.maxDelay(), worstAge);
        int rateLimit = throttleRateLimit(a.peakRps());
        int burst = throttleBurstLimit(rateLimit);
        if (a.peakRps() * 1.2 > ACCOUNT_RATE_LIMIT) {
            warnings.add(String.format(Locale.ROOT,
                    "A peak of %s requests/s is above what the stage throttle allows: API Gateway's default account limit is "
                            + "%,d requests/s in most regions. Ask AWS for a higher limit, then raise ThrottlingRateLimit.",
                    number(a.peakRps()), ACCOUNT_RATE_LIMIT));
        }
        int maxMessage = maxMessageBytes(a.maxPayloadKib());

        Plan.Alarms alarms = new Plan.Alarms(tolerance, backlogThreshold(rate, a.maxDelay(), window), 1, 1, 1, 0.01, 1000);

        List<Setting> s = new ArrayList<>();
        s.add(new Setting("batchSize", "Batch size", String.valueOf(batch),
                "A full batch at the worst processing time (" + a.processingMsWorst() + " ms) takes at most 10% of the "
                        + Durations.format(a.maxDelay()) + " tolerance; bounded by the 6 MB invoke payload at "
                        + a.maxPayloadKib() + " KiB per message" + (window == 0 ? ", and by 10 without a batching window." : ".")));
        s.add(new Setting("batchingWindow", "Batching window", window + " s",
                window == 0 ? "No window: below a 20 s tolerance waiting to fill a batch would cost a visible share of it."
                        : "5% of the tolerance (at most 300 s): fuller batches, fewer invocations at low traffic."));
        s.add(new Setting("functionTimeout", "Function timeout", timeout + " s",
                "1.5 × a full batch at the worst processing time, plus 10 s for start-up."));
        s.add(new Setting("memory", "Function memory", memoryMb() + " MB",
                "Lambda gives CPU in proportion to memory; 1024 MB keeps the JVM's JIT and JSON parsing quick."));
        s.add(new Setting("maxConcurrency", "Maximum concurrency", String.valueOf(concurrency),
                concurrency < needed
                        ? "Capped by the downstream limit; " + needed + " would be needed to meet the tolerance."
                        : "The smallest cap whose worst message age over a " + Durations.format(a.peakDuration()) + " peak of "
                                + number(a.peakRps()) + " requests/s stays within 80% of the tolerance (about "
                                + Durations.format(Duration.ofSeconds((long) Math.ceil(worstAge))) + ")."));
        s.add(new Setting("visibilityTimeout", "Visibility timeout", visibility + " s",
                "6 × the function timeout + the batching window, as AWS advises, so a batch still being retried is not handed out twice."));
        s.add(new Setting("maxReceiveCount", "Receives before the DLQ", String.valueOf(MAX_RECEIVE_COUNT),
                "AWS advises at least 5 so that throttled or interrupted batches do not dead-letter healthy messages."));
        s.add(new Setting("retention", "Queue retention", Durations.format(retention),
                "The SQS default of 4 days unless twice the tolerance or three times the worst age needs longer; at most 14 days."));
        s.add(new Setting("dlqRetention", "DLQ retention", "14d",
                "The maximum: a dead-lettered message keeps its original enqueue time, so the DLQ must keep it longer than the queue."));
        s.add(new Setting("maxMessageSize", "Largest queue message", maxMessage + " bytes",
                "The largest body (" + a.maxPayloadKib() + " KiB) plus 1 KiB for message attributes, within SQS's 1 MiB."));
        s.add(new Setting("throttleRate", "API rate limit", rateLimit + " requests/s",
                "20% above the stated peak, so the API sheds load the consumer was never sized for."));
        s.add(new Setting("throttleBurst", "API burst limit", String.valueOf(burst),
                "One second of traffic at the rate limit (at least 10, at most the account's 5,000)."));
        s.add(new Setting("alarmOldestAge", "Alarm: oldest message age", "> " + tolerance + " s",
                "The delay tolerance itself: a message older than this is already late."));
        s.add(new Setting("alarmBacklog", "Alarm: backlog", "> " + alarms.backlogMessages() + " messages for 3 minutes",
                "What the capped consumers (about " + number(rate) + " messages/s) clear within the tolerance; more cannot be on time."));
        s.add(new Setting("alarmDlq", "Alarm: dead-letter queue", ">= 1 message", "Every dead-lettered message is a request that was accepted and not processed."));
        s.add(new Setting("alarmErrors", "Alarm: consumer errors", ">= 1 in 5 minutes", "The handler reports bad records itself, so a function error is a crash or a timeout."));
        s.add(new Setting("alarmThrottles", "Alarm: consumer throttles", ">= 1 in 5 minutes", "The event source caps concurrency, so a throttle means the account's Lambda concurrency ran out."));
        s.add(new Setting("alarmApi5xx", "Alarm: API 5XX", "> 1% of requests over 5 minutes", "A 5XX means SQS refused a message the client was told nothing about."));
        s.add(new Setting("alarmApiLatency", "Alarm: API latency p99", "> 1000 ms over 5 minutes", "SendMessage answers in tens of milliseconds; a slow p99 means SQS or the integration is struggling."));

        return new Plan(batch, window, timeout, memoryMb(), concurrency, visibility, MAX_RECEIVE_COUNT, retention,
                MAX_RETENTION, maxMessage, rateLimit, burst, rate, worstAge, alarms, s, warnings);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
