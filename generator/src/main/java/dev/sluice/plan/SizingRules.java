package dev.sluice.plan;

import dev.sluice.answers.Limits;
import java.time.Duration;

/**
 * Every rule that turns answers into a setting, as a pure function. BRIEF §4 gives the AWS facts;
 * docs/settings.md and docs/sizing.md give each rule's reasoning. {@link PlanSearch} chooses batch size,
 * window and concurrency with these rules and {@link Simulation}; {@link Planner} applies the rest.
 */
public final class SizingRules {
    /** Largest batching window Lambda accepts for SQS, seconds. */
    public static final int MAX_BATCHING_WINDOW_S = Limits.MAX_BATCHING_WINDOW_SECONDS;
    /** Largest batch for a standard queue. */
    public static final int MAX_BATCH_STANDARD = 10_000;
    /** Without a batching window Lambda accepts at most 10 records per batch. */
    public static final int MAX_BATCH_WITHOUT_WINDOW = 10;
    /** Synchronous invoke payload limit that bounds one batch, bytes. */
    public static final long INVOKE_PAYLOAD_BYTES = 6L * 1024 * 1024;
    /** What the SQS event adds to each record besides its body (ids, attributes, receipt handle), bytes. */
    public static final long RECORD_ENVELOPE_BYTES = 2 * 1024;
    /** Largest SQS message, bytes: body and attributes. */
    public static final long SQS_MAX_MESSAGE_BYTES = Limits.SQS_MAX_MESSAGE_BYTES;
    /** Lambda's longest timeout, seconds. */
    public static final int MAX_FUNCTION_TIMEOUT_S = Limits.LAMBDA_MAX_TIMEOUT_SECONDS;
    /** SQS's longest visibility timeout, seconds. */
    public static final int MAX_VISIBILITY_TIMEOUT_S = 43_200;
    /** ScalingConfig.MaximumConcurrency bounds. */
    public static final int MIN_CONCURRENCY = Limits.MIN_CONCURRENCY;
    public static final int MAX_CONCURRENCY = Limits.MAX_CONCURRENCY;
    /** Lambda starts this many concurrent SQS batches and adds {@link #SCALE_UP_PER_MINUTE} a minute. */
    public static final int INITIAL_POLLERS = 5;
    public static final int SCALE_UP_PER_MINUTE = 300;
    /** A FIFO queue without high-throughput mode takes 300 messages a second per API action. */
    public static final int FIFO_THROUGHPUT_PER_ACTION = 300;
    /** Retention bounds and the SQS default. */
    public static final Duration MIN_RETENTION = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(4);
    /** SQS's longest retention: the dead-letter queue's. */
    public static final Duration MAX_RETENTION = Limits.SQS_MAX_RETENTION;
    /** The queue's longest retention: a dead letter, which keeps its enqueue time, then still has 4 of the DLQ's 14 days. */
    public static final Duration MAX_QUEUE_RETENTION = Limits.MAX_QUEUE_RETENTION;
    /** The DLQ keeps a message the maximum, {@link #MAX_RETENTION}, in days: logs should outlive it. */
    public static final int DLQ_RETENTION_DAYS = Limits.SQS_MAX_RETENTION_DAYS;
    /** The API latency anomaly band: 2 standard deviations, CloudWatch's default width. */
    public static final int ANOMALY_BAND = 2;
    /** AWS recommends at least 5 receives before a message is dead-lettered when Lambda consumes the queue. */
    public static final int MAX_RECEIVE_COUNT = 5;
    /** API Gateway's default account-level rate and burst in most regions. */
    public static final int ACCOUNT_RATE_LIMIT = Limits.API_ACCOUNT_RATE_LIMIT;
    public static final int ACCOUNT_BURST_LIMIT = 5_000;
    /** Share of the delay tolerance the model plans to use, leaving the rest as margin for what it ignores. */
    public static final double TOLERANCE_BUDGET = 0.8;
    /** Fixed cost of one batch besides processing its messages (poll, invoke, delete), seconds. */
    public static final double BATCH_OVERHEAD_S = 0.05;
    /** Lambda adds up to 300 concurrent batches a minute: 5 a second. */
    public static final double SCALE_UP_PER_SECOND = SCALE_UP_PER_MINUTE / 60.0;
    /** How long one poll of the queue takes; without a window a batch holds what arrives meanwhile, seconds. */
    public static final double POLL_SECONDS = 0.05;
    /** Simulation steps a peak is cut into at most (the step is also at most 1 s and 1% of the tolerance). */
    public static final int MAX_PEAK_STEPS = 20_000;

    private SizingRules() {}



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
     * Retention: the SQS default of 4 days (a long weekend to fix a broken consumer), longer when
     * twice the tolerance or three times the worst age needs it, at most {@link #MAX_QUEUE_RETENTION} (10 days).
     * The tolerance is at most 5 days ({@link Limits#MAX_DELAY}), so retention is at least twice it and every
     * alarm on a message's age (oldest message, time to drain, end-to-end delay: the tolerance) stays below it.
     */
    public static Duration retention(Duration maxDelay, double worstAgeSeconds) {
        long needed = Math.max(maxDelay.getSeconds() * 2, (long) Math.ceil(Math.min(worstAgeSeconds, 1e9) * 3));
        long seconds = Math.max(DEFAULT_RETENTION.getSeconds(), needed);
        return Duration.ofSeconds(Math.min(MAX_QUEUE_RETENTION.getSeconds(), seconds));
    }

    /** Stage rate limit: 20% above the stated peak, within the account's default 10,000 requests/s. */
    public static int throttleRateLimit(double peakRps) {
        return (int) Math.min(ACCOUNT_RATE_LIMIT, Math.ceil(peakRps * 1.2));
    }

    /** Stage burst: one second of traffic at the rate limit, at least 10, within the account's 5,000. */
    public static int throttleBurstLimit(int rateLimit) {
        return Math.min(ACCOUNT_BURST_LIMIT, Math.max(10, rateLimit));
    }

    /**
     * Largest queue message: the largest body plus 1 KiB for the message attributes, within the SQS limit (the
     * body answer is at most {@link Limits#MAX_PAYLOAD_KIB}, so both always fit).
     */
    public static int maxMessageBytes(int maxPayloadKib) {
        return (int) Math.min(SQS_MAX_MESSAGE_BYTES, maxPayloadKib * 1024L + Limits.MESSAGE_ATTRIBUTES_BYTES);
    }


    // ---- The sizing model of docs/sizing.md: batch filling, the target age, the poller ramp ----

    /**
     * The age the plan sizes for, seconds: {@link #TOLERANCE_BUDGET} of the tolerance. When one message
     * at the worst processing time alone takes longer than that, no setting can meet the tolerance;
     * the plan then sizes for that time plus the same budget for waiting (and warns).
     */
    public static double targetAgeSeconds(Duration maxDelay, int processingMsWorst) {
        double budget = maxDelay.toMillis() / 1000.0 * TOLERANCE_BUDGET;
        double one = processingMsWorst / 1000.0;
        return one > budget ? one + budget : budget;
    }

    /**
     * The largest batch Lambda can take: bounded by the 6 MB invoke payload (each record's body plus
     * its 2 KiB envelope), by what two thirds of the 900 s timeout holds at the worst processing time,
     * and by 10,000. At least 1.
     */
    public static int maxBatchSize(int processingMsWorst, int maxPayloadKib) {
        long byPayload = INVOKE_PAYLOAD_BYTES / (maxPayloadKib * 1024L + RECORD_ENVELOPE_BYTES);
        long byTimeout = (MAX_FUNCTION_TIMEOUT_S - 10) * 1000L * 2 / 3 / processingMsWorst;
        return (int) Math.max(1, Math.min(MAX_BATCH_STANDARD, Math.min(byPayload, byTimeout)));
    }

    /** The smallest window a batch of {@code batchSize} may have: Lambda takes more than 10 records only with a window. */
    public static int minWindowSeconds(int batchSize) {
        return batchSize > MAX_BATCH_WITHOUT_WINDOW ? 1 : 0;
    }

    /**
     * Messages in one batch when there is no backlog: Lambda's 5 pollers share the traffic, and each
     * gathers what reaches it during the window (or during one poll without a window); at least 1,
     * at most the batch size. With a backlog a batch is always full.
     */
    public static double batchFill(double rps, int batchSize, int windowSeconds) {
        double gathering = windowSeconds == 0 ? POLL_SECONDS : windowSeconds;
        return Math.min(batchSize, Math.max(1, rps / INITIAL_POLLERS * gathering));
    }

    /** How long the first message of a batch waits for the batch to close: until it is full, or the window ends. */
    public static double gatherSeconds(double rps, int batchSize, int windowSeconds) {
        return windowSeconds == 0 ? 0 : Math.min(windowSeconds, INITIAL_POLLERS * batchSize / rps);
    }

    /**
     * The age of a message that finds no backlog, seconds: it waits for its batch to close, then for
     * every message of the batch to be processed at the worst processing time.
     */
    public static double windowAgeSeconds(double rps, int batchSize, int windowSeconds, int processingMsWorst) {
        return gatherSeconds(rps, batchSize, windowSeconds) + batchFill(rps, batchSize, windowSeconds) * processingMsWorst / 1000.0;
    }

    /** The shortest window in which a batch fills at {@code rps} (more would only add waiting), at most 300 s. */
    public static int fillingWindowSeconds(double rps, int batchSize) {
        double seconds = Math.ceil(INITIAL_POLLERS * batchSize / rps - 1e-9);
        return (int) Math.max(1, Math.min(MAX_BATCHING_WINDOW_S, seconds));
    }

    /**
     * Concurrent batches when a peak begins: Lambda starts with 5, and at the average rate it has
     * already scaled to what that rate needs; never more than the maximum concurrency.
     */
    public static int startingPollers(int concurrency, double avgRps, double ratePerConsumer) {
        long forAverage = (long) Math.ceil(avgRps / ratePerConsumer);
        return (int) Math.min(concurrency, Math.max(INITIAL_POLLERS, Math.min(MAX_CONCURRENCY, forAverage)));
    }

    /** Concurrent batches {@code seconds} into a peak: 5 more a second (300 a minute) until the maximum concurrency. */
    public static double pollersAt(int concurrency, int startingPollers, double seconds) {
        return Math.min(concurrency, startingPollers + SCALE_UP_PER_SECOND * seconds);
    }

    /**
     * The simulation's time step: 1 s, or 1% of the tolerance when that is shorter; coarser only when
     * the peak would take more than {@link #MAX_PEAK_STEPS} steps.
     */
    public static double timeStepSeconds(Duration maxDelay, Duration peakDuration) {
        double fine = Math.min(1.0, maxDelay.toMillis() / 1000.0 / 100);
        return Math.max(fine, peakDuration.toMillis() / 1000.0 / MAX_PEAK_STEPS);
    }

    /**
     * Backlog alarm threshold: the most messages the capped consumers can clear within the tolerance,
     * after the full batch at the worst processing time that the last of them still waits for. The
     * planned peak leaves fewer (it is sized to 80% of the tolerance), so the alarm means lateness.
     */
    public static long backlogAlarmMessages(double consumerRate, Duration maxDelay, int batchSize, int processingMsWorst) {
        double seconds = maxDelay.toMillis() / 1000.0 - batchSize * (processingMsWorst / 1000.0);
        return Math.max(1, (long) Math.floor(consumerRate * Math.max(1, seconds)));
    }

    /**
     * Time-to-drain alarm floor: below this many visible messages the queue counts as drained. The
     * planned peak leaves up to its simulated backlog (and one batch waits for its pollers at any rate),
     * which the plan already keeps within the tolerance; only a backlog beyond that may raise the alarm.
     * When the plan's consumers cannot keep up at all (an unbounded backlog) one batch is the floor.
     */
    public static long drainFloorMessages(double peakBacklog, int batchSize) {
        if (!Double.isFinite(peakBacklog)) {
            return batchSize;
        }
        return Math.max(batchSize, (long) Math.ceil(peakBacklog - 1e-9));
    }
}
