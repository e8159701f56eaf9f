package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cost model with figures computed by hand from prices.properties. */
class CostModelTest {
    private final Prices prices = Prices.standard();

    /** The default answers: 5/s, batches of 90, 64 KiB + 1 KiB messages, 100 ms, 1024 MB, 7 alarms. */
    private final CostModel.Usage defaults = new CostModel.Usage(5, 90, 66_560, 100, 1024, 7, false, 0);

    @Test
    void thePricesFileNamesItsRegionDateAndSources() {
        assertEquals("us-east-1", prices.region());
        assertEquals("USD", prices.currency());
        assertEquals("2026-11-27", prices.date());
        assertEquals("ignored", prices.freeTier());
        assertEquals(List.of(Prices.API_GATEWAY_REST, Prices.SQS_STANDARD, Prices.SQS_FIFO, Prices.LAMBDA_REQUESTS,
                Prices.LAMBDA_ARM64_DURATION, Prices.DYNAMODB_WRITES, Prices.CLOUDWATCH_ALARMS), List.copyOf(prices.prices().keySet()));
        for (Prices.Price p : prices.prices().values()) {
            assertTrue(p.source().startsWith("https://aws.amazon.com/") && p.source().contains("/pricing/")
                    && p.source().endsWith("/"), p.source());
            assertFalse(p.text().isBlank() || p.tiers().isEmpty(), p.key());
        }
        assertEquals(3.50, prices.price(Prices.API_GATEWAY_REST).tiers().get(0).price());
        assertEquals(0.40, prices.price(Prices.SQS_STANDARD).tiers().get(0).price());
        assertEquals(0.50, prices.price(Prices.SQS_FIFO).tiers().get(0).price());
        assertEquals(0.625, prices.price(Prices.DYNAMODB_WRITES).tiers().get(0).price());
        assertEquals(0.20, prices.price(Prices.LAMBDA_REQUESTS).tiers().get(0).price());
        assertEquals(0.0000133334, prices.price(Prices.LAMBDA_ARM64_DURATION).tiers().get(0).price());
        assertEquals(0.10, prices.price(Prices.CLOUDWATCH_ALARMS).tiers().get(0).price());
    }

    @Test
    void tieredPricesChargeEachTierAtItsOwnRate() {
        Prices.Price api = prices.price(Prices.API_GATEWAY_REST);
        assertEquals(3.50, api.cost(1_000_000), 1e-9);
        // 333 million at $3.50, 667 million at $2.80.
        assertEquals(333 * 3.50 + 667 * 2.80, api.cost(1_000_000_000), 1e-6);
        assertEquals("$3.50 per million requests", api.firstTierText());
        assertEquals("$0.0000133334 per GB-second", prices.price(Prices.LAMBDA_ARM64_DURATION).firstTierText());
    }

    @ParameterizedTest(name = "{0} bytes → {1} requests")
    @CsvSource({"1, 1", "65536, 1", "65537, 2", "66560, 2", "262144, 4", "665600, 11"})
    void eachStarted64KiBChunkIsOneRequest(double bytes, double requests) {
        assertEquals(requests, CostModel.requestsForPayload(bytes));
    }

    @ParameterizedTest(name = "{0}/s → {1} a receive")
    @CsvSource({"5, 1", "400, 4", "1000, 10", "100000, 10"})
    void aLongPollReturnsWhatReachesOnePollerDuringOnePoll(double rps, double perReceive) {
        assertEquals(perReceive, CostModel.messagesPerReceive(rps), 1e-9);
    }

    @ParameterizedTest(name = "a batch of {0} → {1} deletes")
    @CsvSource({"1, 1", "2.5, 1", "10, 1", "90, 9", "93, 10"})
    void lambdaDeletesTenAtATime(double fill, double calls) {
        assertEquals(calls, CostModel.deleteCallsPerBatch(fill));
    }

    @Test
    void theDefaultMonthByHand() {
        // 5/s × 730 h × 3,600 s = 13,140,000 messages.
        assertEquals(13_140_000, defaults.messages(), 1e-6);
        assertEquals(146_000, defaults.invocations(), 1e-6); // batches of 90
        assertEquals(26_280_000, defaults.sendRequests(), 1e-6); // 65 KiB = 2 chunks
        assertEquals(26_280_000, defaults.receiveRequests(), 1e-6); // 1 message a call, 2 chunks
        assertEquals(1_314_000, defaults.deleteRequests(), 1e-6); // 9 per batch
        assertEquals(1_314_000, defaults.gbSeconds(), 1e-6); // 0.1 s × 1 GB each
        double expected = 13.14 * 3.50 // API Gateway: 45.99
                + (26.28 + 26.28 + 1.314) * 0.40 // SQS: 21.5496
                + 0.146 * 0.20 // Lambda requests: 0.0292
                + 1_314_000 * 0.0000133334 // Lambda duration: 17.5200876
                + 7 * 0.10; // alarms: 0.70
        assertEquals(expected, CostModel.monthlyTotal(prices, defaults), 1e-9);
        assertEquals(85.7888876, expected, 1e-9);
    }

    @Test
    void theEstimateListsEveryLineWithItsBasisAndAddsUp() {
        CostEstimate e = CostModel.estimate(prices, defaults);
        assertEquals(List.of("apiRequests", "sqsSend", "sqsReceive", "sqsDelete", "lambdaRequests", "lambdaDuration", "alarms"),
                e.lines().stream().map(CostEstimate.Line::key).toList());
        assertEquals(CostModel.monthlyTotal(prices, defaults), e.monthlyTotal(), 1e-9);
        assertEquals(e.monthlyTotal(), e.lines().stream().mapToDouble(CostEstimate.Line::monthlyCost).sum(), 1e-9);
        assertEquals("$85.79", e.monthlyTotalText());
        assertEquals(45.99, e.lines().get(0).monthlyCost(), 1e-9);
        assertEquals(10.512, e.lines().get(1).monthlyCost(), 1e-9);
        assertEquals("one per message; 65 KiB is 2 chunks of 64 KiB", e.lines().get(1).basis());
        assertEquals(730, e.hoursPerMonth());
        assertEquals(4, e.sources().size());
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("free tier is ignored")), e.notes().toString());
        e.lines().forEach(l -> assertFalse(l.basis().isBlank() || l.priceText().isBlank(), l.key()));
    }

    @Test
    void sqsRequestsShareTheirTiers() {
        // 200/s of 100 KiB messages: 2 chunks each, over 100 billion requests a month in all.
        CostModel.Usage heavy = new CostModel.Usage(20_000, 100, 100 * 1024, 10, 1024, 7, false, 0);
        CostEstimate e = CostModel.estimate(prices, heavy);
        double sqs = heavy.sendRequests() + heavy.receiveRequests() + heavy.deleteRequests();
        assertTrue(sqs > 100e9, String.valueOf(sqs));
        double sqsCost = e.lines().stream().filter(l -> l.key().startsWith("sqs")).mapToDouble(CostEstimate.Line::monthlyCost).sum();
        assertEquals(prices.price(Prices.SQS_STANDARD).cost(sqs), sqsCost, 1e-6);
        assertTrue(e.lines().get(1).priceText().contains("less above"), e.lines().get(1).priceText());
    }

    @Test
    void fullerBatchesCostLess() {
        double one = CostModel.monthlyTotal(prices, new CostModel.Usage(5, 1, 66_560, 100, 1024, 7, false, 0));
        double ten = CostModel.monthlyTotal(prices, new CostModel.Usage(5, 10, 66_560, 100, 1024, 7, false, 0));
        // 13.14 M invocations and deletes at 1 a batch, a tenth of them at 10.
        assertEquals(13.14 * 0.9 * (0.20 + 0.40), one - ten, 1e-9);
    }

    @Test
    void aFifoQueuesRequestsCostTheFifoRate() {
        CostModel.Usage fifo = new CostModel.Usage(5, 90, 66_560, 100, 1024, 7, true, 0);
        // The same 53,874,000 requests as the default month, at $0.50 a million instead of $0.40.
        assertEquals(defaults.sqsRequests(), fifo.sqsRequests(), 1e-6);
        assertEquals(53.874 * (0.50 - 0.40), CostModel.monthlyTotal(prices, fifo) - CostModel.monthlyTotal(prices, defaults), 1e-9);
        CostEstimate e = CostModel.estimate(prices, fifo);
        List<CostEstimate.Line> sqs = e.lines().stream().filter(l -> l.key().startsWith("sqs")).toList();
        assertEquals(3, sqs.size());
        sqs.forEach(l -> assertEquals("$0.50 per million requests", l.priceText(), l.key()));
        assertEquals(53.874 * 0.50, sqs.stream().mapToDouble(CostEstimate.Line::monthlyCost).sum(), 1e-9);
        assertEquals(CostModel.monthlyTotal(prices, fifo), e.monthlyTotal(), 1e-9);
    }

    @Test
    void aFifoQueuesRequestsShareTheFifoTiers() {
        CostModel.Usage heavy = new CostModel.Usage(20_000, 100, 100 * 1024, 10, 1024, 7, true, 0);
        double sqs = heavy.sqsRequests();
        assertTrue(sqs > 100e9, String.valueOf(sqs));
        // 100 billion at $0.50 a million, the rest at $0.40 (under 200 billion).
        assertTrue(sqs < 200e9, String.valueOf(sqs));
        assertEquals(100_000 * 0.50 + (sqs - 100e9) / 1e6 * 0.40, prices.price(Prices.SQS_FIFO).cost(sqs), 1e-6);
    }

    @Test
    void anIdempotentConsumerPaysTheTablesWrites() {
        CostModel.Usage idempotent = new CostModel.Usage(5, 90, 66_560, 100, 1024, 7, false, CostModel.IDEMPOTENCY_WRITES_PER_MESSAGE);
        // 13,140,000 messages × 2 writes = 26.28 million write request units at $0.625 a million: $16.425.
        assertEquals(26_280_000, idempotent.tableWrites(), 1e-6);
        assertEquals(26.28 * 0.625, CostModel.monthlyTotal(prices, idempotent) - CostModel.monthlyTotal(prices, defaults), 1e-9);
        CostEstimate e = CostModel.estimate(prices, idempotent);
        assertEquals(List.of("apiRequests", "sqsSend", "sqsReceive", "sqsDelete", "lambdaRequests", "lambdaDuration", "idempotencyWrites",
                "alarms"), e.lines().stream().map(CostEstimate.Line::key).toList());
        CostEstimate.Line writes = e.lines().get(6);
        assertEquals(16.425, writes.monthlyCost(), 1e-9);
        assertEquals("$0.625 per million write request units", writes.priceText());
        assertEquals("26,280,000", writes.quantityText());
        assertEquals(CostModel.monthlyTotal(prices, idempotent), e.monthlyTotal(), 1e-9);
        assertTrue(e.sources().contains("https://aws.amazon.com/dynamodb/pricing/on-demand/"), e.sources().toString());
        assertTrue(e.notes().stream().anyMatch(n -> n.startsWith("The idempotency table")), e.notes().toString());
    }

    @Test
    void anEstimateNamesOnlyThePricesItUses() {
        CostEstimate plain = CostModel.estimate(prices, defaults);
        assertEquals(List.of("https://aws.amazon.com/api-gateway/pricing/", "https://aws.amazon.com/sqs/pricing/",
                "https://aws.amazon.com/lambda/pricing/", "https://aws.amazon.com/cloudwatch/pricing/"), plain.sources());
        assertFalse(plain.lines().stream().anyMatch(l -> l.key().equals("idempotencyWrites")));
        assertFalse(plain.notes().stream().anyMatch(n -> n.contains("idempotency")), plain.notes().toString());
    }

    /** The count of writes a message costs is the generated store's: a claim and a completion on the way through. */
    @Test
    void theWritesPerMessageAreTheGeneratedStoresWrites() throws java.io.IOException {
        String store = java.nio.file.Files.readString(dev.sluice.it.Repository.root()
                .resolve("templates/consumer/DynamoDbIdempotencyStore.java.peb"));
        String claim = store.substring(store.indexOf("public Claim claim("), store.indexOf("public void complete("));
        String complete = store.substring(store.indexOf("public void complete("), store.indexOf("public void release("));
        int writes = 0;
        // The store names each DynamoDB operation it sends, as a string, where it sends it.
        for (String section : List.of(claim, complete)) {
            for (String write : List.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems")) {
                writes += section.split(java.util.regex.Pattern.quote("(\"" + write + "\","), -1).length - 1;
            }
        }
        assertEquals(CostModel.IDEMPOTENCY_WRITES_PER_MESSAGE, writes);
    }
}
