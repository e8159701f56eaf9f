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

    /** Lambda's longest function timeout, seconds. */
    public static final int LAMBDA_MAX_TIMEOUT_SECONDS = 900;
    /** The longest processing time of one message, ms: one message must fit Lambda's longest timeout. */
    public static final int MAX_PROCESSING_MS = LAMBDA_MAX_TIMEOUT_SECONDS * 1000;
    /** Without an answer, the worst processing time is this many times the typical one (at most {@link #MAX_PROCESSING_MS}). */
    public static final int WORST_PROCESSING_FACTOR = 5;

    /** Lambda's longest batching window for an SQS event source, minutes (help texts say "5m"). */
    public static final int MAX_BATCHING_WINDOW_MINUTES = 5;
    /** Lambda's longest batching window for an SQS event source, seconds. */
    public static final int MAX_BATCHING_WINDOW_SECONDS = MAX_BATCHING_WINDOW_MINUTES * 60;

    /** The bounds of an event source mapping's {@code ScalingConfig.MaximumConcurrency}: the downstream limit's too. */
    public static final int MIN_CONCURRENCY = 2;
    public static final int MAX_CONCURRENCY = 1000;

    /**
     * The most active ordering keys an answer may state: a sanity bound, since concurrency stops at
     * {@link #MAX_CONCURRENCY} long before (more keys than consumers bind nothing).
     */
    public static final int MAX_GROUPS = 100_000;

    /** SQS's most message attributes on one message: the correlation id and the path parameters share them. */
    public static final int SQS_MAX_MESSAGE_ATTRIBUTES = 10;
    /** The most path parameters an endpoint may have: every other message attribute is the correlation id's. */
    public static final int MAX_PATH_PARAMETERS = SQS_MAX_MESSAGE_ATTRIBUTES - 1;

    /** API Gateway's default quota of resources per REST API (a path segment is a resource). */
    public static final int API_MAX_RESOURCES = 300;
    /** CloudFormation's most resources in one stack: every endpoint's and the service's share it. */
    public static final int CLOUDFORMATION_MAX_RESOURCES = 500;
    /**
     * The most endpoints of one service. In the SAM form, once SAM has expanded it, each endpoint adds 18 resources to
     * the stack (queue, dead-letter queue and their policy, function with its version, alias and event source mapping,
     * role, log group, request model, method, seven alarms), one more for an idempotency table, and a resource per path
     * segment no other path has; the service's shared resources are 23 at most (API, stage, deployment, roles, key and
     * usage plan, topic, monitoring key, the API's three alarms, dashboard, queries, …). {@code EndpointLimitTest}
     * renders a service this large, every endpoint idempotent with a three-segment path of its own: 287 resources of
     * {@link #CLOUDFORMATION_MAX_RESOURCES}, which such endpoints would fill at 21. What binds first is the dashboard:
     * its one alarm-status widget lists every alarm, and CloudWatch takes at most 100 there (3 + 7 per endpoint: 87 at
     * 12, 94 at 13, 101 at 14); 12 leaves room for an eighth alarm per endpoint (99).
     */
    public static final int MAX_ENDPOINTS = 12;

    public static final Duration SQS_MAX_RETENTION = Duration.ofDays(SQS_MAX_RETENTION_DAYS);
    public static final Duration MAX_QUEUE_RETENTION = Duration.ofDays(MAX_QUEUE_RETENTION_DAYS);
    public static final Duration MAX_DELAY = Duration.ofDays(MAX_DELAY_DAYS);

    private Limits() {}

    /** The worst processing time when none is given: {@link #WORST_PROCESSING_FACTOR} × the typical one, within the limit. */
    public static long defaultProcessingMsWorst(long processingMs) {
        return Math.min(MAX_PROCESSING_MS, processingMs * WORST_PROCESSING_FACTOR);
    }
}
