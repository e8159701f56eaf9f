package com.example.ordersservicecdk.infra;

import static com.example.ordersservicecdk.infra.OrdersServiceCdkStack.alarm;
import static com.example.ordersservicecdk.infra.OrdersServiceCdkStack.chart;
import static com.example.ordersservicecdk.infra.OrdersServiceCdkStack.expression;
import static com.example.ordersservicecdk.infra.OrdersServiceCdkStack.every;
import static com.example.ordersservicecdk.infra.OrdersServiceCdkStack.integrationResponses;
import static com.example.ordersservicecdk.infra.OrdersServiceCdkStack.line;
import static com.example.ordersservicecdk.infra.OrdersServiceCdkStack.requestParameters;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;

/**
 * POST /orders: what its {@link QueueBufferedEndpoint} is given besides what the stack's endpoints share. Every
 * number comes from the plan Sluice made from the endpoint's answers, with the plan's reason beside it; the README's
 * "Derived settings" explains each, and {@code OrdersServiceCdkStackTest} fails if the stack and the plan drift apart.
 */
final class OrdersEndpoint {
    private OrdersEndpoint() {}

    /** The endpoint's {@link QueueBufferedEndpoint}: with what the stack's endpoints share, its own numbers. */
    static QueueBufferedEndpoint.Props props(QueueBufferedEndpoint.Shared shared) {
        // The SQS query API's SendMessage as a form: the body, and the API request id as the message attribute
        // correlationId, which the consumer puts into every log line. Each line ends in ##, a Velocity comment that
        // swallows the line break: the form is one line.
        String sendMessage = """
                Action=SendMessage##
                &MessageBody=$util.urlEncode($input.body)##
                &MessageAttribute.1.Name=correlationId##
                &MessageAttribute.1.Value.DataType=String##
                &MessageAttribute.1.Value.StringValue=$context.requestId##""";
        return new QueueBufferedEndpoint.Props(shared,
                // Its outputs' prefix; its consumer's service name is the stack's and this suffix.
                "Orders", "-orders",
                new QueueBufferedEndpoint.MethodProps("/orders", "acceptOrder",
                        List.of(),
                        // Callers send a key of the usage plan in the x-api-key header.
                        QueueBufferedEndpoint.Auth.API_KEY,
                        "Orders",
                        "The request body of POST /orders; the same document as"
                                + " function/src/main/resources/orders/request-model.json.",
                        RequestModelSchema.read("/orders/request-model.json"),
                        sendMessage, requestParameters(), integrationResponses(),
                        // 202: Accepted and queued; processed asynchronously.
                        // 400: The body does not match the request model, or SQS refused it as invalid; sending it
                        // again will not succeed.
                        // 403: The x-api-key header is missing or not a key of the usage plan.
                        // 415: The body is not application/json.
                        // 429: Throttled; retry with backoff.
                        // 500: The request could not be queued; retry later.
                        List.of("202", "400", "403", "415", "429", "500")),
                new QueueBufferedEndpoint.QueueProps(
                        // Visibility timeout: 6 × function timeout (78 s) + batching window (90 s), AWS's rule for a
                        // Lambda consumer.
                        Duration.seconds(558),
                        // Retention: 4d. The SQS default of 4 days unless twice the tolerance or three times the
                        // simulated worst age (2m15s) needs longer; at most 10 days, so that a dead letter still has
                        // at least 4 of the DLQ's 14 days.
                        Duration.seconds(345600),
                        // Largest message (both queues): The largest body (64 KiB) plus 1 KiB for message attributes,
                        // within SQS's 1 MiB.
                        66560,
                        // Receives before dead-lettering: AWS advises at least 5 so that throttled or interrupted
                        // batches do not dead-letter healthy messages.
                        5,
                        // Dead-letter retention: 14d. The maximum: a dead-lettered message keeps its original enqueue
                        // time, so the DLQ must keep it longer than the queue.
                        Duration.seconds(1209600),
                        // A standard queue.
                        null),
                new QueueBufferedEndpoint.ConsumerProps(
                        "Processes orders-service-cdk POST /orders requests from the queue in batches,"
                                + " reporting partial failures.",
                        "com.example.ordersservicecdk.orders.OrderHandler::handleRequest",
                        // Lambda gives CPU in proportion to memory; 1024 MB keeps the JVM's JIT and JSON parsing
                        // quick.
                        1024,
                        // 1.5 × a full batch at the worst processing time (500 ms), plus 10 s for start-up.
                        Duration.seconds(78),
                        // The cheapest size (fewest invocations and SQS requests a month) that keeps the worst age
                        // within the tolerance; at 5 requests/s a batch holds about 90. At most 93: the 6 MB invoke
                        // payload at 64 KiB a message.
                        90,
                        // Lambda's 5 pollers share the traffic: at 5 requests/s each gathers about 90 of 90 messages
                        // in 90 s. A message that finds no backlog is done within 2m15s (its window and a full batch
                        // at the worst time).
                        Duration.seconds(90),
                        // The smallest cap whose simulated worst message age over the 15m peak of 50 requests/s stays
                        // within 80% of the tolerance (4m): 2m15s; 4 would reach 4m37s.
                        5,
                        // No idempotency records: duplicates are tolerated.
                        null),
                "### POST /orders\nRequests the API accepts are queued and processed within the 5m tolerance by at most 5 concurrent batches of up to 90. Read left to right, top to bottom: where a graph turns, the one before it often says why.",
                List.of(
                        // Visible messages ÷ (deleted − sent per second): when the newest message would wait longer
                        // than the tolerance, this fires while the oldest is still on time. Up to 249 visible messages
                        // (what the planned peak leaves, or one batch) it reads 0; a queue that does not shrink reads
                        // the retention (4d).
                        alarm("TimeToDrainAlarm", "time-to-drain",
                                "At the current incoming and processing rates the queue takes longer than the 5m"
                                        + " tolerance to drain: the newest requests will be late although the oldest may still be on"
                                        + " time. First compare NumberOfMessagesSent with the planned peak (50 requests/s), then the"
                                        + " consumer's Errors, Throttles and Duration.",
                                e -> expression("IF(visible <= 249, 0, IF(deleted - sent > 0, visible / ((deleted - sent) / PERIOD(deleted)), 345600))", "Time to drain (s)", 60,
                                        Map.entry("visible", e.queue().metric("ApproximateNumberOfMessagesVisible", every(60, "Average"))),
                                        Map.entry("sent", e.queue().metric("NumberOfMessagesSent", every(60, "Sum"))),
                                        Map.entry("deleted", e.queue().metric("NumberOfMessagesDeleted", every(60, "Sum")))),
                                ComparisonOperator.GREATER_THAN_THRESHOLD, 300, 3, 2),
                        // The delay tolerance itself: a message older than this is already late.
                        alarm("OldestMessageAgeAlarm", "oldest-message-age",
                                "The oldest queued request has waited longer than the delay tolerance (300 s): requests"
                                        + " are processed late. First check the consumer's Errors and Throttles alarms, then whether"
                                        + " the incoming rate outruns MaximumConcurrency (5).",
                                e -> e.queue().metric("ApproximateAgeOfOldestMessage", every(60, "Maximum")),
                                ComparisonOperator.GREATER_THAN_THRESHOLD, 300, 1, 1),
                        // What the capped consumers (about 49.7 messages/s) clear within the tolerance after a full
                        // batch at the worst time; the planned peak leaves at most 249 messages.
                        alarm("BacklogAlarm", "backlog",
                                "For 3 minutes more requests were queued than the capped consumers clear within the delay"
                                        + " tolerance: the newest will be late. First check whether traffic exceeds the planned"
                                        + " peak, then whether the downstream slows the consumer (its Duration and Errors).",
                                e -> e.queue().metric("ApproximateNumberOfMessagesVisible", every(60, "Maximum")),
                                ComparisonOperator.GREATER_THAN_THRESHOLD, 12679, 3, 3),
                        // The handler reports bad records itself, so a function error is a crash or a timeout.
                        alarm("ConsumerErrorsAlarm", "consumer-errors",
                                "The consumer failed a whole invocation (crash, timeout or out of memory) and the batch"
                                        + " went back to the queue; bad records are reported one by one and do not count here. First"
                                        + " read the function's log group for the exception or \"Task timed out\".",
                                e -> e.function().metric("Errors", every(300, "Sum")),
                                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, 1, 1),
                        // The event source caps concurrency, so a throttle means the account's Lambda concurrency ran
                        // out.
                        alarm("ConsumerThrottlesAlarm", "consumer-throttles",
                                "The consumer was throttled although the event source caps its concurrency: the account's"
                                        + " Lambda concurrency ran out. First check ConcurrentExecutions across the account's"
                                        + " functions against the quota.",
                                e -> e.function().metric("Throttles", every(300, "Sum")),
                                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, 1, 1),
                        // Every dead-lettered message is a request that was accepted and not processed.
                        alarm("DeadLetterQueueAlarm", "dead-letters",
                                "Messages are in the dead-letter queue: accepted requests failed 5 receives and were not"
                                        + " processed. First find the consumer's log lines with their correlationId, fix the cause,"
                                        + " then move them back (aws sqs start-message-move-task; the README's dead-letter queue"
                                        + " section).",
                                e -> e.deadLetterQueue().metric("ApproximateNumberOfMessagesVisible", every(60, "Maximum")),
                                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, 1, 1),
                        // The consumer records accept-to-processed time per message (EndToEndDelay, from SQS's
                        // SentTimestamp); above the tolerance a request was processed late, the number the business
                        // cares about.
                        alarm("EndToEndDelayAlarm", "end-to-end-delay",
                                "A request was processed more than 5m after the API accepted it (the consumer's"
                                        + " EndToEndDelay metric): the delay tolerance was missed for real requests. First check the"
                                        + " time-to-drain and oldest-message-age alarms (a backlog), then the consumer's Duration (a"
                                        + " slow downstream).",
                                e -> e.serviceMetric("EndToEndDelay", every(60, "Maximum")),
                                ComparisonOperator.GREATER_THAN_THRESHOLD, 300000, 1, 1)),
                List.of(
                        List.of(
                                chart("Queue: sent, visible, in flight", 8, e -> List.of(
                                        e.queue().metric("NumberOfMessagesSent", every(60, "Sum", "Sent")),
                                        e.queue().metric("ApproximateNumberOfMessagesVisible", every(60, "Maximum", "Visible")),
                                        e.queue().metric("ApproximateNumberOfMessagesNotVisible", every(60, "Maximum", "In flight")))),
                                chart("Queue: oldest message age (s)", 8, e -> List.of(
                                        e.queue().metric("ApproximateAgeOfOldestMessage", every(60, "Maximum", "Oldest message"))),
                                        line("Tolerance", 300)),
                                chart("Queue: time to drain (s)", 8, e -> List.of(
                                        expression("IF(visible <= 249, 0, IF(deleted - sent > 0, visible / ((deleted - sent) / PERIOD(deleted)), 345600))", "Time to drain", 60,
                                                Map.entry("visible", e.queue().metric("ApproximateNumberOfMessagesVisible", every(60, "Average"))),
                                                Map.entry("sent", e.queue().metric("NumberOfMessagesSent", every(60, "Sum"))),
                                                Map.entry("deleted", e.queue().metric("NumberOfMessagesDeleted", every(60, "Sum"))))),
                                        line("Tolerance", 300))),
                        List.of(
                                chart("Consumer: invocations, errors, throttles", 8, e -> List.of(
                                        e.function().metric("Invocations", every(60, "Sum", "Invocations (batches)")),
                                        e.function().metric("Errors", every(60, "Sum", "Errors")),
                                        e.function().metric("Throttles", every(60, "Sum", "Throttles")))),
                                chart("Consumer: duration p99 (ms)", 8, e -> List.of(
                                        e.function().metric("Duration", every(60, "p99", "Duration p99"))),
                                        line("Timeout", 78000)),
                                chart("Consumer: concurrent executions", 8, e -> List.of(
                                        e.function().metric("ConcurrentExecutions", every(60, "Maximum", "Concurrent executions"))),
                                        line("Maximum concurrency", 5))),
                        List.of(
                                chart("DLQ: messages", 6, e -> List.of(
                                        e.deadLetterQueue().metric("ApproximateNumberOfMessagesVisible", every(60, "Maximum", "Dead letters")))),
                                chart("DLQ: oldest message age (s)", 6, e -> List.of(
                                        e.deadLetterQueue().metric("ApproximateAgeOfOldestMessage", every(60, "Maximum", "Oldest dead letter")))),
                                chart("End-to-end delay, accept to processed (ms)", 12, e -> List.of(
                                        e.serviceMetric("EndToEndDelay", every(60, "p50", "p50")),
                                        e.serviceMetric("EndToEndDelay", every(60, "p99", "p99")),
                                        e.serviceMetric("EndToEndDelay", every(60, "Maximum", "Maximum"))),
                                        line("Tolerance", 300000)))));
    }
}
