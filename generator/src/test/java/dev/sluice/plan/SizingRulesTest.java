package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.answers.Limits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SizingRulesTest {
    @Test
    void functionTimeoutIsOneAndAHalfBatchesPlusStartUpCappedAt900() {
        assertEquals(55, SizingRules.functionTimeoutSeconds(60, 500)); // 30 s × 1.5 + 10
        assertEquals(11, SizingRules.functionTimeoutSeconds(1, 1)); // rounds the 1.5 ms up to a second
        assertEquals(900, SizingRules.functionTimeoutSeconds(1000, 900_000));
    }

    @Test
    void visibilityTimeoutIsSixFunctionTimeoutsPlusTheWindow() {
        assertEquals(6 * 55 + 15, SizingRules.visibilityTimeoutSeconds(55, 15));
        assertEquals(43_200, SizingRules.visibilityTimeoutSeconds(900 * 9, 300), "capped at SQS's 12 hours");
    }

    @Test
    void ratePerConsumerCountsTheBatchOverhead() {
        // 10 messages × 100 ms + 50 ms overhead = 1.05 s per batch.
        assertEquals(10 / 1.05, SizingRules.ratePerConsumer(10, 100), 1e-9);
    }

    @Test
    void rampAddsFiveConcurrentBatchesASecondBeyondTheFirstFive() {
        assertEquals(0, SizingRules.rampSeconds(5));
        assertEquals(0, SizingRules.rampSeconds(2));
        assertEquals(60, SizingRules.rampSeconds(305));
    }

    @Test
    void retentionIsFourDaysUnlessTheToleranceOrWorstAgeNeedsMoreUpToTen() {
        assertEquals(Duration.ofDays(4), SizingRules.retention(Duration.ofMinutes(5), 30));
        assertEquals(Duration.ofDays(6), SizingRules.retention(Duration.ofDays(3), 30));
        assertEquals(Duration.ofSeconds(3 * 200_000), SizingRules.retention(Duration.ofMinutes(5), 200_000));
        assertEquals(Duration.ofDays(10), SizingRules.retention(Duration.ofDays(5), 30), "twice the longest tolerance");
        assertEquals(Duration.ofDays(10), SizingRules.retention(Duration.ofMinutes(5), Double.POSITIVE_INFINITY));
    }

    @Test
    void aDeadLetterKeepsAtLeastFourOfTheDeadLetterQueuesFourteenDays() {
        // A standard queue's dead letter keeps its original enqueue time: it leaves the DLQ when its age
        // reaches the DLQ's retention, so it has at most (DLQ retention - queue retention) there.
        assertEquals(Duration.ofDays(14), SizingRules.MAX_RETENTION);
        assertEquals(Duration.ofDays(4), SizingRules.MAX_RETENTION.minus(SizingRules.retention(Duration.ofDays(5), 1e12)));
    }

    @Test
    void throttleRateIsTwentyPercentAbovePeakWithinTheAccountLimit() {
        assertEquals(60, SizingRules.throttleRateLimit(50));
        assertEquals(1, SizingRules.throttleRateLimit(0.5));
        assertEquals(10_000, SizingRules.throttleRateLimit(9_000));
    }

    @Test
    void throttleBurstIsOneSecondAtTheRateBetweenTenAndFiveThousand() {
        assertEquals(60, SizingRules.throttleBurstLimit(60));
        assertEquals(10, SizingRules.throttleBurstLimit(2));
        assertEquals(5_000, SizingRules.throttleBurstLimit(10_000));
    }

    @Test
    void maxMessageBytesIsTheBodyPlusAttributesWithinOneMebibyte() {
        assertEquals(64 * 1024 + 1024, SizingRules.maxMessageBytes(64));
        assertEquals(1_048_576, SizingRules.maxMessageBytes(1023), "the largest body answer and its attributes fill 1 MiB");
        assertEquals(1023, Limits.MAX_PAYLOAD_KIB);
    }

    @Test
    void theDrainFloorIsWhatThePlannedPeakLeavesAndAtLeastOneBatch() {
        assertEquals(250, SizingRules.drainFloorMessages(249.2, 90));
        assertEquals(90, SizingRules.drainFloorMessages(12, 90), "one batch waits for its pollers at any rate");
        assertEquals(10, SizingRules.drainFloorMessages(Double.POSITIVE_INFINITY, 10), "an unbounded backlog: one batch");
    }
}
