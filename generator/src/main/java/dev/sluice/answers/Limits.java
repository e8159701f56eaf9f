package dev.sluice.answers;

import java.time.Duration;

/**
 * The bounds of answers that follow from AWS limits: the one source for the validator, the questions' and
 * flags' help texts, the planner and the tests (docs/settings.md states them and a test holds it to these).
 * Compile-time constants where a flag's help (an annotation) spells them.
 */
public final class Limits {
    /** SQS's largest message, bytes: the body and every message attribute (name, type, value) count (1 MiB). */
    public static final long SQS_MAX_MESSAGE_BYTES = 1024 * 1024;
    /** What the queue keeps of {@link #SQS_MAX_MESSAGE_BYTES} for the message attributes the API adds (correlationId), bytes. */
    public static final int MESSAGE_ATTRIBUTES_BYTES = 1024;
    /** The largest body answer, KiB: with its attributes the message still fits SQS's 1 MiB. */
    public static final int MAX_PAYLOAD_KIB = (int) ((SQS_MAX_MESSAGE_BYTES - MESSAGE_ATTRIBUTES_BYTES) / 1024);

    /** SQS's longest retention, days: the dead-letter queue's. */
    public static final int SQS_MAX_RETENTION_DAYS = 14;
    /**
     * The queue's longest retention, days. A standard queue's dead letter keeps its original enqueue time, so it
     * expires from the DLQ when its age reaches the DLQ's retention: with at most 10 days in the queue it has at
     * least 4 days in the DLQ.
     */
    public static final int MAX_QUEUE_RETENTION_DAYS = 10;
    /** The longest delay tolerance, days: retention is at least twice the tolerance, so every age alarm can fire. */
    public static final int MAX_DELAY_DAYS = MAX_QUEUE_RETENTION_DAYS / 2;

    /**
     * API Gateway's default account-level rate in most regions, requests/s. A peak above it is planned with a warning
     * (the quota can be raised in Service Quotas), not refused.
     */
    public static final int API_ACCOUNT_RATE_LIMIT = 10_000;

    public static final Duration SQS_MAX_RETENTION = Duration.ofDays(SQS_MAX_RETENTION_DAYS);
    public static final Duration MAX_QUEUE_RETENTION = Duration.ofDays(MAX_QUEUE_RETENTION_DAYS);
    public static final Duration MAX_DELAY = Duration.ofDays(MAX_DELAY_DAYS);

    private Limits() {}
}
