package dev.sluice.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The monthly cost of a plan at the stated average traffic (docs/sizing.md, "Cost"). Every quantity is
 * a small pure function; {@link #monthlyTotal} is what {@link PlanSearch} minimises to find the cheapest
 * batch size and window, {@link #estimate} the same figures as lines for people.
 */
public final class CostModel {
    /** AWS prices a month as 730 hours. */
    public static final double HOURS_PER_MONTH = 730;
    public static final double SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
    /** SQS bills each 64 KiB chunk of a request's payload as one request. */
    public static final int SQS_CHUNK_BYTES = 64 * 1024;
    /** One ReceiveMessage returns at most 10 messages; one DeleteMessageBatch deletes at most 10. */
    public static final int SQS_BATCH_LIMIT = 10;
    /**
     * Writes to the idempotency table for one message processed once: the claim (a conditional PutItem) and marking it
     * completed (UpdateItem), in templates/consumer/DynamoDbIdempotencyStore.java.peb. A failed message's release
     * (DeleteItem) and a duplicate's refused claim are left out with the retries. Each item (the key, its status and two
     * epoch seconds) is under 1 KB for a key under about 900 bytes: one write request unit each.
     */
    public static final int IDEMPOTENCY_WRITES_PER_MESSAGE = 2;

    private CostModel() {}

    /**
     * What a month of traffic uses.
     *
     * @param avgRps        the average rate, requests a second
     * @param batchFill     messages in one batch at that rate ({@link SizingRules#batchFill})
     * @param messageBytes  the size billed for every message (the largest, an upper bound)
     * @param processingMs  typical processing time of one message
     * @param memoryMb      the function's memory
     * @param alarms        the CloudWatch metrics the alarms are billed for ({@link Observability#billedAlarmMetrics})
     * @param fifo          a FIFO queue, whose requests SQS bills at the FIFO rate
     * @param tableWritesPerMessage  write request units the idempotency table takes per message (0 without the table)
     */
    public record Usage(double avgRps, double batchFill, int messageBytes, int processingMs, int memoryMb, int alarms,
                        boolean fifo, int tableWritesPerMessage) {
        public double messages() {
            return avgRps * SECONDS_PER_MONTH;
        }

        public double invocations() {
            return messages() / batchFill;
        }

        public double sendRequests() {
            return messages() * requestsForPayload(messageBytes);
        }

        public double receiveRequests() {
            double perCall = messagesPerReceive(avgRps);
            return messages() / perCall * requestsForPayload(perCall * messageBytes);
        }

        public double deleteRequests() {
            return invocations() * deleteCallsPerBatch(batchFill);
        }

        public double gbSeconds() {
            return messages() * (processingMs / 1000.0) * (memoryMb / 1024.0);
        }

        public double sqsRequests() {
            return sendRequests() + receiveRequests() + deleteRequests();
        }

        /** The price the queue's requests are billed at. */
        public String sqsPrice() {
            return fifo ? Prices.SQS_FIFO : Prices.SQS_STANDARD;
        }

        public double tableWrites() {
            return messages() * tableWritesPerMessage;
        }
    }

    /** SQS requests billed for one call carrying {@code bytes} of messages: one per started 64 KiB, at least one. */
    public static double requestsForPayload(double bytes) {
        return Math.max(1, Math.ceil(bytes / SQS_CHUNK_BYTES - 1e-9));
    }

    /**
     * Messages one ReceiveMessage of Lambda's pollers returns: long polling answers as soon as messages
     * are there, so about what reaches one of the 5 pollers during one poll; 1 to 10.
     */
    public static double messagesPerReceive(double rps) {
        double arriving = rps / SizingRules.INITIAL_POLLERS * SizingRules.POLL_SECONDS;
        return Math.min(SQS_BATCH_LIMIT, Math.max(1, arriving));
    }

    /** DeleteMessageBatch calls after one batch: Lambda deletes what it processed, 10 at a time. */
    public static double deleteCallsPerBatch(double batchFill) {
        return Math.ceil(batchFill / SQS_BATCH_LIMIT - 1e-9);
    }

    /** The monthly total for {@code usage} (what the batch and window search minimises). */
    public static double monthlyTotal(Prices prices, Usage u) {
        return prices.price(Prices.API_GATEWAY_REST).cost(u.messages())
                + prices.price(u.sqsPrice()).cost(u.sqsRequests())
                + prices.price(Prices.LAMBDA_REQUESTS).cost(u.invocations())
                + prices.price(Prices.LAMBDA_ARM64_DURATION).cost(u.gbSeconds())
                + (u.tableWritesPerMessage() == 0 ? 0 : prices.price(Prices.DYNAMODB_WRITES).cost(u.tableWrites()))
                + prices.price(Prices.CLOUDWATCH_ALARMS).cost(u.alarms());
    }

    /** The estimate as lines with their basis, prices and sources. */
    public static CostEstimate estimate(Prices prices, Usage u) {
        List<CostEstimate.Line> lines = new ArrayList<>();
        String messages = Formats.count(u.messages()) + " messages (" + Formats.rate(u.avgRps()) + "/s × 730 h)";
        String kib = kib(u.messageBytes());
        lines.add(line(prices, Prices.API_GATEWAY_REST, "apiRequests", "API Gateway REST requests", u.messages(),
                messages, u.messages()));
        double sqs = u.sqsRequests();
        double sqsCost = prices.price(u.sqsPrice()).cost(sqs);
        double chunks = requestsForPayload(u.messageBytes());
        lines.add(pooled(prices, u.sqsPrice(), "sqsSend", "SQS SendMessage", u.sendRequests(),
                "one per message; " + kib + " is " + Formats.count(chunks) + (chunks == 1 ? " chunk" : " chunks") + " of 64 KiB",
                sqs, sqsCost));
        double perCall = messagesPerReceive(u.avgRps());
        lines.add(pooled(prices, u.sqsPrice(), "sqsReceive", "SQS ReceiveMessage (Lambda's pollers)", u.receiveRequests(),
                "about " + Formats.count(perCall) + (perCall == 1 ? " message" : " messages") + " a call, "
                        + Formats.count(requestsForPayload(perCall * u.messageBytes())) + " billed per call",
                sqs, sqsCost));
        lines.add(pooled(prices, u.sqsPrice(), "sqsDelete", "SQS DeleteMessageBatch", u.deleteRequests(),
                Formats.count(deleteCallsPerBatch(u.batchFill())) + " per batch of " + Formats.count(u.batchFill()),
                sqs, sqsCost));
        lines.add(line(prices, Prices.LAMBDA_REQUESTS, "lambdaRequests", "Lambda invocations", u.invocations(),
                "one per batch of " + Formats.count(u.batchFill()) + " messages", u.invocations()));
        lines.add(line(prices, Prices.LAMBDA_ARM64_DURATION, "lambdaDuration", "Lambda duration (arm64, " + u.memoryMb() + " MB)",
                u.gbSeconds(), u.processingMs() + " ms typical per message × " + Formats.fixed(u.memoryMb() / 1024.0, 2) + " GB",
                u.gbSeconds()));
        if (u.tableWritesPerMessage() > 0) {
            lines.add(line(prices, Prices.DYNAMODB_WRITES, "idempotencyWrites", "DynamoDB writes (idempotency table)", u.tableWrites(),
                    u.tableWritesPerMessage() + " per message: the claim (a conditional PutItem) and marking it completed (UpdateItem), "
                            + "an item under 1 KB each", u.tableWrites()));
        }
        lines.add(line(prices, Prices.CLOUDWATCH_ALARMS, ALARMS, "CloudWatch alarms", u.alarms(),
                u.alarms() + " standard-resolution alarm metrics", u.alarms()));
        double total = lines.stream().mapToDouble(CostEstimate.Line::monthlyCost).sum();
        Set<String> used = new HashSet<>(List.of(Prices.API_GATEWAY_REST, u.sqsPrice(), Prices.LAMBDA_REQUESTS,
                Prices.LAMBDA_ARM64_DURATION, Prices.CLOUDWATCH_ALARMS));
        if (u.tableWritesPerMessage() > 0) {
            used.add(Prices.DYNAMODB_WRITES);
        }
        Set<String> sources = new LinkedHashSet<>();
        prices.prices().values().stream().filter(p -> used.contains(p.key()))
                .forEach(p -> sources.add(p.source()));
        List<String> notes = new ArrayList<>(List.of(
                "At the average rate all month (730 hours); the peaks are part of the average.",
                "Every message is billed at the largest body (" + kib + " with its attributes), so SQS requests are an upper bound.",
                "The free tier is ignored (it is shared with everything else in the account).",
                "Not included: CloudWatch Logs (access logs, function logs with one line and one metric value per message), "
                        + "the dashboard ($3 a month beyond the account's first three), the EndToEndDelay custom metric, X-Ray traces, "
                        + "data transfer, the SNS topic's KMS key, SnapStart caching and restores, empty polls of an idle queue, retries."));
        if (u.tableWritesPerMessage() > 0) {
            notes.add("The idempotency table: a failed message's release (DeleteItem) and a duplicate's refused claim go with the "
                    + "retries; its storage and point-in-time recovery (well under 1 KB an item, kept for the queue's retention) are "
                    + "not included; a key of more than about 900 bytes makes an item over 1 KB, 2 or 3 units a write.");
        }
        return new CostEstimate(prices.region(), prices.currency(), prices.date(), prices.dateNote(), List.copyOf(sources),
                HOURS_PER_MONTH, lines, total, notes);
    }

    /**
     * An endpoint's estimate in a service of several: the same, but for {@code sharedMetrics} alarm metrics fewer, those
     * of the alarms on the REST API every endpoint shares, which the service counts once ({@link #sharedAlarms}).
     * CloudWatch bills an alarm metric at one flat price, so the line's first-tier price is its price.
     */
    public static CostEstimate withoutSharedAlarms(CostEstimate estimate, int sharedMetrics) {
        List<CostEstimate.Line> lines = new ArrayList<>();
        for (CostEstimate.Line l : estimate.lines()) {
            if (l.key().equals(ALARMS)) {
                int own = (int) Math.round(l.quantity()) - sharedMetrics;
                l = new CostEstimate.Line(l.key(), l.label(), own, l.unit(), own + " standard-resolution alarm metrics (the API's "
                        + sharedMetrics + " are the service's)", l.unitPrice(), l.per(), l.priceText(), alarmCost(l, own));
            }
            lines.add(l);
        }
        return new CostEstimate(estimate.region(), estimate.currency(), estimate.priceDate(), estimate.priceDateNote(),
                estimate.sources(), estimate.hoursPerMonth(), lines, lines.stream().mapToDouble(CostEstimate.Line::monthlyCost).sum(),
                estimate.notes());
    }

    /**
     * The service's line for the alarms on its one REST API: {@code metrics} alarm metrics, counted once however many
     * endpoints share the API, at the price of {@code like}'s alarms line.
     */
    public static CostEstimate.Line sharedAlarms(CostEstimate like, int metrics) {
        CostEstimate.Line l = like.lines().stream().filter(x -> x.key().equals(ALARMS)).findFirst().orElseThrow();
        return new CostEstimate.Line("apiAlarms", "CloudWatch alarms on the API", metrics, l.unit(),
                metrics + " standard-resolution alarm metrics: one REST API, one set of API alarms for every endpoint", l.unitPrice(),
                l.per(), l.priceText(), alarmCost(l, metrics));
    }

    private static final String ALARMS = "alarms";

    private static double alarmCost(CostEstimate.Line alarms, double metrics) {
        return metrics * alarms.unitPrice() / alarms.per();
    }

    private static CostEstimate.Line line(Prices prices, String priceKey, String key, String label, double quantity, String basis,
                                          double billed) {
        Prices.Price p = prices.price(priceKey);
        return new CostEstimate.Line(key, label, quantity, p.unit(), basis, p.tiers().get(0).price(), p.per(), priceText(p, billed),
                p.cost(billed));
    }

    /** A line whose price tiers count together with other lines (SQS requests): its share of the pool's cost. */
    private static CostEstimate.Line pooled(Prices prices, String priceKey, String key, String label, double quantity, String basis,
                                            double pool, double poolCost) {
        Prices.Price p = prices.price(priceKey);
        double cost = pool == 0 ? 0 : poolCost * quantity / pool;
        return new CostEstimate.Line(key, label, quantity, p.unit(), basis, p.tiers().get(0).price(), p.per(), priceText(p, pool), cost);
    }

    private static String priceText(Prices.Price p, double billed) {
        return p.firstTierText() + (billed > p.tiers().get(0).upTo() ? ", less above " + Formats.count(p.tiers().get(0).upTo()) : "");
    }

    private static String kib(int bytes) {
        double kib = bytes / 1024.0;
        return Formats.trimmed(kib, 1) + " KiB";
    }
}
