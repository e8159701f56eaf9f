package dev.sluice.plan;

import static dev.sluice.plan.Alarm.Comparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
import static dev.sluice.plan.Alarm.Comparison.GREATER_THAN_THRESHOLD;
import static dev.sluice.plan.Alarm.Comparison.GREATER_THAN_UPPER_THRESHOLD;
import static dev.sluice.plan.Alarm.Source.API;
import static dev.sluice.plan.Alarm.Source.DEAD_LETTER_QUEUE;
import static dev.sluice.plan.Alarm.Source.FUNCTION;
import static dev.sluice.plan.Alarm.Source.QUEUE;
import static dev.sluice.plan.Alarm.Source.SERVICE;

import dev.sluice.answers.Durations;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a generated project watches, described once: the SAM template, the CDK stack, the README, {@code sluice
 * plan} and the cost model all render these lists (docs/observability.md). Adding an alarm is one entry in
 * {@link #alarms(Inputs)}, a graph one in {@link #dashboard(Inputs, Alarm)}, a query one in {@link #QUERIES}.
 *
 * @param alarms    in the pipeline's order (API, queue, consumer, dead letters, end to end), the order the
 *                  dashboard lists them
 * @param header    the dashboard's text at its top
 * @param dashboard the dashboard's rows of graphs, in the pipeline's order, under its header and the alarms' state
 * @param queries   the Logs Insights queries saved with the stack
 */
public record Observability(List<Alarm> alarms, Header header, List<Graph.Row> dashboard, List<SavedQuery> queries) {

    public Observability {
        alarms = List.copyOf(alarms);
        dashboard = List.copyOf(dashboard);
        queries = List.copyOf(queries);
    }

    /**
     * What the alarms, the dashboard and the queries are derived from.
     *
     * @param namespace       the consumer's metrics namespace: the project's name
     * @param tolerance       the longest acceptable delay
     * @param thresholds      the plan's thresholds
     * @param maxReceiveCount receives before the DLQ
     * @param maxConcurrency  the consumers' cap
     * @param peakRps         the planned peak, requests/s
     * @param consumerRate    what the capped consumers clear, messages/s
     * @param peakBacklog     what the planned peak leaves queued, as the plan says it
     * @param retention       the queue's retention
     * @param functionTimeoutSeconds the consumer's timeout, the duration graph's limit
     * @param path            the endpoint's path
     * @param batchSize       the consumer's batch size
     */
    public record Inputs(String namespace, Duration tolerance, Plan.Alarms thresholds, int maxReceiveCount,
                         int maxConcurrency, double peakRps, double consumerRate, String peakBacklog, Duration retention,
                         int functionTimeoutSeconds, String path, int batchSize) {}

    /** The dashboard's header: a title (a markdown heading) and what the page shows. */
    public record Header(String title, String summary) {
        /** The summary as Java string literals to concatenate after the title's line. */
        public List<String> summaryJavaLiterals() {
            return Alarm.javaLiterals(summary, Alarm.JAVA_DESCRIPTION_WIDTH);
        }
    }

    private static final int MINUTE = 60;
    private static final int FIVE_MINUTES = 300;

    /** What every project watches: the alarms, the dashboard and the saved queries. */
    public static Observability of(Inputs in) {
        List<Alarm> alarms = alarms(in);
        Alarm drain = alarms.stream().filter(a -> a.id().equals("TimeToDrainAlarm")).findFirst().orElseThrow();
        Header header = new Header(in.namespace() + ": POST " + in.path() + " → queue → consumer",
                "Requests the API accepts are queued and processed within the " + Durations.format(in.tolerance())
                        + " tolerance by at most " + in.maxConcurrency() + " concurrent batches of up to " + in.batchSize()
                        + ". Read left to right, top to bottom: where a graph turns, the one before it often says why.");
        return new Observability(alarms, header, dashboard(in, drain), QUERIES);
    }

    /** The graph rows start under the dashboard's header (2 high) and the alarms' state (3 high). */
    static final int FIRST_GRAPH_ROW = 5;

    /**
     * The dashboard's graphs in the pipeline's order, a row a hop: API, queue, consumer, then the dead letters
     * with the end-to-end delay the business cares about; each limit the plan derived drawn as a line.
     */
    static List<Graph.Row> dashboard(Inputs in, Alarm drain) {
        Plan.Alarms t = in.thresholds();
        int y = FIRST_GRAPH_ROW;
        return List.of(
                row(y, graph("API: requests", 8, line(API, "Count", "Sum", "Requests")),
                        graph("API: 4XX and 5XX", 8, line(API, "4XXError", "Sum", "4XX (refused: body, auth, throttle)"),
                                line(API, "5XXError", "Sum", "5XX (not queued)")),
                        graph("API: latency", 8, line(API, "Latency", "p50", "p50"), line(API, "Latency", "p99", "p99"))
                                .limit("p99 alarm", t.apiLatencyP99Ms())),
                row(y += Graph.HEIGHT, graph("Queue: sent, visible, in flight", 8, line(QUEUE, "NumberOfMessagesSent", "Sum", "Sent"),
                                line(QUEUE, "ApproximateNumberOfMessagesVisible", "Maximum", "Visible"),
                                line(QUEUE, "ApproximateNumberOfMessagesNotVisible", "Maximum", "In flight")),
                        graph("Queue: oldest message age (s)", 8,
                                line(QUEUE, "ApproximateAgeOfOldestMessage", "Maximum", "Oldest message"))
                                .limit("Tolerance", t.oldestMessageAgeSeconds()),
                        // The alarm's own expression: the graph shows what the alarm watches.
                        new GraphSpec("Queue: time to drain (s)", 8, List.of(), new Graph.Expression(drain.expressionId(),
                                drain.expression(), "Time to drain", drain.metrics()), List.of())
                                .limit("Tolerance", t.timeToDrainSeconds())),
                row(y += Graph.HEIGHT, graph("Consumer: invocations, errors, throttles", 8,
                                line(FUNCTION, "Invocations", "Sum", "Invocations (batches)"), line(FUNCTION, "Errors", "Sum", "Errors"),
                                line(FUNCTION, "Throttles", "Sum", "Throttles")),
                        graph("Consumer: duration p99 (ms)", 8, line(FUNCTION, "Duration", "p99", "Duration p99"))
                                .limit("Timeout", in.functionTimeoutSeconds() * 1000),
                        graph("Consumer: concurrent executions", 8,
                                line(FUNCTION, "ConcurrentExecutions", "Maximum", "Concurrent executions"))
                                .limit("Maximum concurrency", in.maxConcurrency())),
                row(y += Graph.HEIGHT, graph("DLQ: messages", 6,
                                line(DEAD_LETTER_QUEUE, "ApproximateNumberOfMessagesVisible", "Maximum", "Dead letters")),
                        graph("DLQ: oldest message age (s)", 6,
                                line(DEAD_LETTER_QUEUE, "ApproximateAgeOfOldestMessage", "Maximum", "Oldest dead letter")),
                        graph("End-to-end delay, accept to processed (ms)", 12, service(in, "p50", "p50"), service(in, "p99", "p99"),
                                service(in, "Maximum", "Maximum"))
                                .limit("Tolerance", t.endToEndDelayMs())));
    }

    /** A graph before the row places it. */
    private record GraphSpec(String title, int width, List<Graph.Line> lines, Graph.Expression expression,
                             List<Graph.Limit> limits) {
        GraphSpec limit(String label, Number value) {
            List<Graph.Limit> more = new ArrayList<>(limits);
            more.add(new Graph.Limit(label, value));
            return new GraphSpec(title, width, lines, expression, more);
        }
    }

    private static GraphSpec graph(String title, int width, Graph.Line... lines) {
        return new GraphSpec(title, width, List.of(lines), null, List.of());
    }

    private static Graph.Line line(Alarm.Source source, String name, String statistic, String label) {
        return new Graph.Line(new Alarm.Metric(null, source, namespace(source), name, statistic, Graph.PERIOD_SECONDS), label);
    }

    private static Graph.Line service(Inputs in, String statistic, String label) {
        return new Graph.Line(new Alarm.Metric(null, SERVICE, in.namespace(), "EndToEndDelay", statistic, Graph.PERIOD_SECONDS), label);
    }

    /** Graphs left to right from column 0, at the row's top. */
    private static Graph.Row row(int y, GraphSpec... specs) {
        List<Graph> graphs = new ArrayList<>();
        int x = 0;
        for (GraphSpec g : specs) {
            graphs.add(new Graph(g.title(), x, y, g.width(), g.lines(), g.expression(), g.limits()));
            x += g.width();
        }
        if (x != 24) {
            throw new IllegalStateException("a row fills the page's 24 columns, not " + x);
        }
        return new Graph.Row(graphs);
    }

    /** The alarms every project gets, in the pipeline's order. */
    static List<Alarm> alarms(Inputs in) {
        Plan.Alarms t = in.thresholds();
        String tolerance = Durations.format(in.tolerance());
        return List.of(
                single("alarmApiLatency", "ApiLatencyAlarm", "api-latency-p99", "API latency p99",
                        "> " + t.apiLatencyP99Ms() + " ms over 5 minutes",
                        "SendMessage answers in tens of milliseconds; a slow p99 means SQS or the integration is struggling.",
                        "the p99 latency exceeds " + t.apiLatencyP99Ms() + " ms over 5 minutes",
                        "Over 5 minutes the slowest 1% of requests took longer than " + t.apiLatencyP99Ms() + " ms; SendMessage"
                                + " answers in tens of milliseconds. First compare the access log's integrationLatency with"
                                + " responseLatency, then check the AWS Health Dashboard for SQS.",
                        metric(API, "Latency", "p99", FIVE_MINUTES), 1, 1, GREATER_THAN_THRESHOLD, t.apiLatencyP99Ms()),
                new Alarm("alarmApiLatencyAnomaly", "ApiLatencyAnomalyAlarm", "api-latency-anomaly", "API latency anomaly",
                        "average above its expected band (" + t.apiLatencyAnomalyBand() + " standard deviations) for 3 of 5 minutes",
                        "CloudWatch learns the API's usual latency by hour and weekday; a drift well under the fixed p99 limit"
                                + " is an early sign of trouble in SQS or the integration.",
                        "the average latency is above the band CloudWatch expects (" + t.apiLatencyAnomalyBand()
                                + " standard deviations) for 3 of 5 minutes",
                        "For 3 of 5 minutes the API's average latency was above the band CloudWatch expects for this hour and"
                                + " weekday: an early sign, well before the p99 limit, that SQS or the integration slows down."
                                + " First compare the access log's integrationLatency with responseLatency; the band needs about"
                                + " two weeks of traffic to settle.",
                        List.of(input("latency", API, "Latency", "Average")),
                        "ANOMALY_DETECTION_BAND(latency, " + t.apiLatencyAnomalyBand() + ")", "expected", "Expected latency",
                        5, 3, GREATER_THAN_UPPER_THRESHOLD, null),
                single("alarmApi5xx", "Api5xxAlarm", "api-5xx", "API 5XX",
                        "> " + percent(t.api5xxRate()) + "% of requests over 5 minutes",
                        "A 5XX means SQS refused a message the client was told nothing about.",
                        "more than " + percent(t.api5xxRate()) + "% of requests fail with a 5XX over 5 minutes",
                        "Over 5 minutes more than " + percent(t.api5xxRate()) + "% of requests failed with a 5XX: SQS refused"
                                + " messages and clients were told to retry. First check the access log's integrationStatus and"
                                + " error fields, then the queue and the role ApiSendMessageRole.",
                        metric(API, "5XXError", "Average", FIVE_MINUTES), 1, 1, GREATER_THAN_THRESHOLD, t.api5xxRate()),
                new Alarm("alarmTimeToDrain", "TimeToDrainAlarm", "time-to-drain", "time to drain",
                        "> " + t.timeToDrainSeconds() + " s in 2 of 3 minutes",
                        "Visible messages ÷ (deleted − sent per second): when the newest message would wait longer than the"
                                + " tolerance, this fires while the oldest is still on time. Up to " + t.drainFloorMessages()
                                + " visible messages (what the planned peak leaves, or one batch) it reads 0; a queue that does"
                                + " not shrink reads the retention (" + Durations.format(in.retention()) + ").",
                        "at the current rates the queue needs more than " + t.timeToDrainSeconds() + " s to drain, in 2 of 3 minutes",
                        "At the current incoming and processing rates the queue takes longer than the " + tolerance
                                + " tolerance to drain: the newest requests will be late although the oldest may still be on"
                                + " time. First compare NumberOfMessagesSent with the planned peak (" + rate(in.peakRps())
                                + " requests/s), then the consumer's Errors, Throttles and Duration.",
                        List.of(input("visible", QUEUE, "ApproximateNumberOfMessagesVisible", "Average"),
                                input("sent", QUEUE, "NumberOfMessagesSent", "Sum"),
                                input("deleted", QUEUE, "NumberOfMessagesDeleted", "Sum")),
                        t.timeToDrainExpression(), "timeToDrain", "Time to drain (s)",
                        3, 2, GREATER_THAN_THRESHOLD, t.timeToDrainSeconds()),
                single("alarmOldestAge", "OldestMessageAgeAlarm", "oldest-message-age", "oldest message age",
                        "> " + t.oldestMessageAgeSeconds() + " s",
                        "The delay tolerance itself: a message older than this is already late.",
                        "the oldest message is older than " + t.oldestMessageAgeSeconds() + " s",
                        "The oldest queued request has waited longer than the delay tolerance (" + t.oldestMessageAgeSeconds()
                                + " s): requests are processed late. First check the consumer's Errors and Throttles alarms,"
                                + " then whether the incoming rate outruns MaximumConcurrency (" + in.maxConcurrency() + ").",
                        metric(QUEUE, "ApproximateAgeOfOldestMessage", "Maximum", MINUTE), 1, 1, GREATER_THAN_THRESHOLD,
                        t.oldestMessageAgeSeconds()),
                single("alarmBacklog", "BacklogAlarm", "backlog", "backlog",
                        "> " + t.backlogMessages() + " messages for 3 minutes",
                        "What the capped consumers (about " + Formats.rate(in.consumerRate()) + " messages/s) clear within the"
                                + " tolerance after a full batch at the worst time; the planned peak leaves at most "
                                + in.peakBacklog() + ".",
                        "more than " + t.backlogMessages() + " messages wait, for 3 minutes",
                        "For 3 minutes more requests were queued than the capped consumers clear within the delay tolerance:"
                                + " the newest will be late. First check whether traffic exceeds the planned peak, then whether"
                                + " the downstream slows the consumer (its Duration and Errors).",
                        metric(QUEUE, "ApproximateNumberOfMessagesVisible", "Maximum", MINUTE), 3, 3, GREATER_THAN_THRESHOLD,
                        t.backlogMessages()),
                single("alarmErrors", "ConsumerErrorsAlarm", "consumer-errors", "consumer errors",
                        ">= " + t.consumerErrors() + " in 5 minutes",
                        "The handler reports bad records itself, so a function error is a crash or a timeout.",
                        t.consumerErrors() + " or more function errors in 5 minutes",
                        "The consumer failed a whole invocation (crash, timeout or out of memory) and the batch went back to"
                                + " the queue; bad records are reported one by one and do not count here. First read the"
                                + " function's log group for the exception or \"Task timed out\".",
                        metric(FUNCTION, "Errors", "Sum", FIVE_MINUTES), 1, 1, GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                        t.consumerErrors()),
                single("alarmThrottles", "ConsumerThrottlesAlarm", "consumer-throttles", "consumer throttles",
                        ">= " + t.consumerThrottles() + " in 5 minutes",
                        "The event source caps concurrency, so a throttle means the account's Lambda concurrency ran out.",
                        t.consumerThrottles() + " or more throttles in 5 minutes",
                        "The consumer was throttled although the event source caps its concurrency: the account's Lambda"
                                + " concurrency ran out. First check ConcurrentExecutions across the account's functions against"
                                + " the quota.",
                        metric(FUNCTION, "Throttles", "Sum", FIVE_MINUTES), 1, 1, GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                        t.consumerThrottles()),
                single("alarmDlq", "DeadLetterQueueAlarm", "dead-letters", "dead-letter queue",
                        ">= " + t.dlqMessages() + (t.dlqMessages() == 1 ? " message" : " messages"),
                        "Every dead-lettered message is a request that was accepted and not processed.",
                        "at least " + t.dlqMessages() + (t.dlqMessages() == 1 ? " message" : " messages") + " in the dead-letter queue",
                        "Messages are in the dead-letter queue: accepted requests failed " + in.maxReceiveCount() + " receives"
                                + " and were not processed. First find the consumer's log lines with their correlationId, fix the"
                                + " cause, then move them back (aws sqs start-message-move-task; the README's dead-letter"
                                + " queue section).",
                        metric(DEAD_LETTER_QUEUE, "ApproximateNumberOfMessagesVisible", "Maximum", MINUTE), 1, 1,
                        GREATER_THAN_OR_EQUAL_TO_THRESHOLD, t.dlqMessages()),
                single("alarmEndToEnd", "EndToEndDelayAlarm", "end-to-end-delay", "end-to-end delay",
                        "> " + t.endToEndDelayMs() + " ms",
                        "The consumer records accept-to-processed time per message (EndToEndDelay, from SQS's SentTimestamp);"
                                + " above the tolerance a request was processed late, the number the business cares about.",
                        "a request took more than " + tolerance + " from accept to processed",
                        "A request was processed more than " + tolerance + " after the API accepted it (the consumer's"
                                + " EndToEndDelay metric): the delay tolerance was missed for real requests. First check the"
                                + " time-to-drain and oldest-message-age alarms (a backlog), then the consumer's Duration (a slow"
                                + " downstream).",
                        new Alarm.Metric(null, SERVICE, in.namespace(), "EndToEndDelay", "Maximum", MINUTE), 1, 1,
                        GREATER_THAN_THRESHOLD, t.endToEndDelayMs()));
    }

    /** The saved queries: one request followed across the queue, and the slowest deliveries. */
    static final List<SavedQuery> QUERIES = List.of(
            new SavedQuery("RequestTraceQuery", "follow-one-request",
                    "Paste the requestId the client got back (or the one in an alarm's log line) in place of REQUEST_ID to"
                            + " see the API's access-log line and every consumer line for that request, in order.",
                    List.of(SavedQuery.LogGroup.API_ACCESS, SavedQuery.LogGroup.CONSUMER),
                    List.of("@timestamp", "@log", "status", "integrationStatus", "level", "message", "messageId",
                            "endToEndDelayMs", "error"),
                    "requestId = \"REQUEST_ID\" or correlationId = \"REQUEST_ID\"", "@timestamp asc", 0),
            new SavedQuery("SlowestDeliveriesQuery", "slowest-deliveries",
                    "The 50 slowest deliveries, with their correlation and message ids: one consumer line per processed"
                            + " message carries its end-to-end delay.",
                    List.of(SavedQuery.LogGroup.CONSUMER),
                    List.of("@timestamp", "correlationId", "messageId", "endToEndDelayMs"),
                    "ispresent(endToEndDelayMs)", "endToEndDelayMs desc", 50));

    /** The dashboard's graphs, row by row. */
    public List<Graph> graphs() {
        return dashboard.stream().flatMap(r -> r.graphs().stream()).toList();
    }

    /** The CloudWatch metrics the alarms are billed for. */
    public int billedAlarmMetrics() {
        return alarms.stream().mapToInt(Alarm::billedMetrics).sum();
    }

    /** The CloudWatch metrics the alarms on the shared API are billed for ({@link Alarm#shared}). */
    public int billedSharedAlarmMetrics() {
        return alarms.stream().filter(Alarm::shared).mapToInt(Alarm::billedMetrics).sum();
    }

    /** The alarms on the endpoint's own resources (its queue, consumer, dead-letter queue, delay), in the list's order. */
    public List<Alarm> ownAlarms() {
        return alarms.stream().filter(a -> !a.shared()).toList();
    }

    /** The alarms on the shared API, in the list's order. */
    public List<Alarm> sharedAlarms() {
        return alarms.stream().filter(Alarm::shared).toList();
    }

    /** The plan's lines for the alarms, in the list's order. */
    public List<Setting> alarmSettings() {
        return alarms.stream().map(Alarm::setting).toList();
    }

    private static Alarm single(String key, String id, String name, String title, String condition, String reason,
                                String firesWhen, String description, Alarm.Metric metric, int evaluationPeriods,
                                int datapointsToAlarm, Alarm.Comparison comparison, Number threshold) {
        return new Alarm(key, id, name, title, condition, reason, firesWhen, description, List.of(metric), null, null, null,
                evaluationPeriods, datapointsToAlarm, comparison, threshold);
    }

    private static Alarm.Metric metric(Alarm.Source source, String name, String statistic, int periodSeconds) {
        return new Alarm.Metric(null, source, namespace(source), name, statistic, periodSeconds);
    }

    /** One input of metric math, per minute. */
    private static Alarm.Metric input(String id, Alarm.Source source, String name, String statistic) {
        return new Alarm.Metric(id, source, namespace(source), name, statistic, MINUTE);
    }

    private static String namespace(Alarm.Source source) {
        return switch (source) {
            case API -> "AWS/ApiGateway";
            case QUEUE, DEAD_LETTER_QUEUE -> "AWS/SQS";
            case FUNCTION -> "AWS/Lambda";
            case SERVICE -> throw new IllegalArgumentException("the service's namespace is the project's name");
        };
    }

    private static String percent(double rate) {
        return rate(rate * 100);
    }

    /** At most two decimals, none when whole: 1, 0.5, 12.34. */
    private static String rate(double value) {
        return new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
