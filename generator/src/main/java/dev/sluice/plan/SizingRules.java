package dev.sluice.plan;

import java.time.Duration;

/**
 * Every rule that turns answers into a setting, as a pure function. BRIEF §4 gives the AWS facts;
 * docs/settings.md gives each rule's reasoning. The sizing issue refines these numbers here and only here.
 */
public final class SizingRules {
    /** Largest batching window Lambda accepts for SQS, seconds. */
    public static final int MAX_BATCHING_WINDOW_S = 300;
    /** Largest batch for a standard queue. */
    public static final int MAX_BATCH_STANDARD = 10_000;
    /** Without a batching window Lambda accepts at most 10 records per batch. */
    public static final int MAX_BATCH_WITHOUT_WINDOW = 10;
    /** Synchronous invoke payload limit that bounds one batch, bytes. */
    public static final long INVOKE_PAYLOAD_BYTES = 6L * 1024 * 1024;
    /** What the SQS event adds to each record besides its body (ids, attributes, receipt handle), bytes. */
    public static final long RECORD_ENVELOPE_BYTES = 2 * 1024;
    /** Largest SQS message, bytes. */
    public static final long SQS_MAX_MESSAGE_BYTES = 1024 * 1024;
    /** Lambda's longest timeout, seconds. */
    public static final int MAX_FUNCTION_TIMEOUT_S = 900;
    /** SQS's longest visibility timeout, seconds. */
    public static final int MAX_VISIBILITY_TIMEOUT_S = 43_200;
    /** ScalingConfig.MaximumConcurrency bounds. */
    public static final int MIN_CONCURRENCY = 2;
    public static final int MAX_CONCURRENCY = 1000;
    /** Lambda starts this many concurrent SQS batches and adds {@link #SCALE_UP_PER_MINUTE} a minute. */
    public static final int INITIAL_POLLERS = 5;
    public static final int SCALE_UP_PER_MINUTE = 300;
    /** Retention bounds and the SQS default. */
    public static final Duration MIN_RETENTION = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(4);
    public static final Duration MAX_RETENTION = Duration.ofDays(14);
    /** AWS recommends at least 5 receives before a message is dead-lettered when Lambda consumes the queue. */
    public static final int MAX_RECEIVE_COUNT = 5;
    /** API Gateway's default account-level rate and burst in most regions. */
    public static final int ACCOUNT_RATE_LIMIT = 10_000;
    public static final int ACCOUNT_BURST_LIMIT = 5_000;
    /** Share of the delay tolerance the model plans to use, leaving the rest as margin for what it ignores. */
    public static final double TOLERANCE_BUDGET = 0.8;
    /** Fixed cost of one batch besides processing its messages (poll, invoke, delete), seconds. */
    public static final double BATCH_OVERHEAD_S = 0.05;

    private SizingRules() {}

    /**
     * Batching window: up to 5% of the delay tolerance, at most 300 s; none below a 20 s tolerance,
     * where a window would spend a visible share of it just waiting.
     */
    public static int batchingWindowSeconds(Duration maxDelay) {
        long window = maxDelay.getSeconds() / 20;
        return (int) Math.min(MAX_BATCHING_WINDOW_S, window);
    }

    /**
     * Batch size: a full batch, processed one message after another at the worst processing time,
     * takes at most 10% of the tolerance; bounded by the 6 MB invoke payload, by what one function
     * timeout can hold, and by 10 when there is no batching window.
     */
    public static int batchSize(Duration maxDelay, int processingMsWorst, int windowSeconds, int maxPayloadKib) {
        long byTolerance = maxDelay.toMillis() / 10 / processingMsWorst;
        long byPayload = INVOKE_PAYLOAD_BYTES / (maxPayloadKib * 1024L + RECORD_ENVELOPE_BYTES);
        long byTimeout = (MAX_FUNCTION_TIMEOUT_S - 10) * 1000L * 2 / 3 / processingMsWorst;
        long limit = windowSeconds == 0 ? MAX_BATCH_WITHOUT_WINDOW : MAX_BATCH_STANDARD;
        long size = Math.min(Math.min(byTolerance, byPayload), Math.min(byTimeout, limit));
        return (int) Math.max(1, size);
    }

    /** Function timeout: 1.5 × a full batch at the worst processing time, plus 10 s for start-up, 900 s at most. */
    public static int functionTimeoutSeconds(int batchSize, int processingMsWorst) {
        long batchMs = (long) batchSize * processingMsWorst;
        long seconds = (batchMs * 3 / 2 + 999) / 1000 + 10;
        return (int) Math.min(MAX_FUNCTION_TIMEOUT_S, seconds);
    }

    /** Visibility timeout = 6 × function timeout + batching window (AWS's rule for Lambda consumers). */
    public static int visibilityTimeoutSeconds(int functionTimeoutSeconds, int windowSeconds) {
        return Math.min(MAX_VISIBILITY_TIMEOUT_S, 6 * functionTimeoutSeconds + windowSeconds);
    }

    /** Memory: 1024 MB, enough CPU share for the JVM's JIT and JSON parsing in a mostly waiting consumer. */
    public static int memoryMb() {
        return 1024;
    }

    /** Messages one concurrent batch consumer processes per second at the typical processing time. */
    public static double ratePerConsumer(int batchSize, int processingMs) {
        return batchSize / (batchSize * processingMs / 1000.0 + BATCH_OVERHEAD_S);
    }

    /** Seconds until Lambda's poller scaling reaches {@code concurrency} from its start of 5. */
    public static double rampSeconds(int concurrency) {
        return Math.max(0, concurrency - INITIAL_POLLERS) * 60.0 / SCALE_UP_PER_MINUTE;
    }

    /**
     * Worst message age, in seconds, over one peak: the window and one batch always; if the peak
     * outruns the consumers, the backlog it leaves divided by the consumer rate; plus the scaling ramp.
     * Infinite when the consumers cannot keep up with the average.
     */
    public static double worstAgeSeconds(Traffic traffic, int concurrency, int batchSize, int windowSeconds) {
        double rate = concurrency * ratePerConsumer(batchSize, traffic.processingMs());
        if (rate <= traffic.avgRps()) {
            return Double.POSITIVE_INFINITY;
        }
        double batchSeconds = batchSize * traffic.processingMs() / 1000.0;
        double backlog = peakBacklog(traffic, rate);
        return windowSeconds + batchSeconds + backlog / rate + rampSeconds(concurrency);
    }

    /** Messages left waiting at the end of a peak when consumers process {@code rate} messages a second. */
    public static double peakBacklog(Traffic traffic, double rate) {
        return Math.max(0, traffic.peakRps() - rate) * traffic.peakDuration().getSeconds();
    }

    /**
     * The smallest maximum concurrency (2–1000) whose worst message age stays within
     * {@link #TOLERANCE_BUDGET} of the tolerance; 1000 if none does.
     */
    public static int smallestConcurrency(Traffic traffic, Duration maxDelay, int batchSize, int windowSeconds) {
        double budget = maxDelay.getSeconds() * TOLERANCE_BUDGET;
        for (int c = MIN_CONCURRENCY; c <= MAX_CONCURRENCY; c++) {
            if (worstAgeSeconds(traffic, c, batchSize, windowSeconds) <= budget) {
                return c;
            }
        }
        return MAX_CONCURRENCY;
    }

    /**
     * Retention: the SQS default of 4 days (a long weekend to fix a broken consumer), longer when
     * twice the tolerance or three times the worst age needs it, at most 14 days.
     */
    public static Duration retention(Duration maxDelay, double worstAgeSeconds) {
        long needed = Math.max(maxDelay.getSeconds() * 2, (long) Math.ceil(Math.min(worstAgeSeconds, 1e9) * 3));
        long seconds = Math.max(DEFAULT_RETENTION.getSeconds(), needed);
        return Duration.ofSeconds(Math.min(MAX_RETENTION.getSeconds(), seconds));
    }

    /** Stage rate limit: 20% above the stated peak, within the account's default 10,000 requests/s. */
    public static int throttleRateLimit(double peakRps) {
        return (int) Math.min(ACCOUNT_RATE_LIMIT, Math.ceil(peakRps * 1.2));
    }

    /** Stage burst: one second of traffic at the rate limit, at least 10, within the account's 5,000. */
    public static int throttleBurstLimit(int rateLimit) {
        return Math.min(ACCOUNT_BURST_LIMIT, Math.max(10, rateLimit));
    }

    /** Largest queue message: the largest body plus 1 KiB for the message attributes, within the SQS limit. */
    public static int maxMessageBytes(int maxPayloadKib) {
        return (int) Math.min(SQS_MAX_MESSAGE_BYTES, maxPayloadKib * 1024L + 1024);
    }

    /**
     * Backlog alarm threshold: the most messages the capped consumers can clear within the tolerance;
     * a larger backlog means the newest message will be processed late.
     */
    public static long backlogThreshold(double consumerRate, Duration maxDelay, int windowSeconds) {
        double drainable = consumerRate * Math.max(1, maxDelay.getSeconds() - windowSeconds);
        return Math.max(1, (long) Math.floor(drainable));
    }

    /** The traffic answers the sizing rules use. */
    public record Traffic(double avgRps, double peakRps, Duration peakDuration, int processingMs) {}
}
