package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizingRulesTest {

    @Nested
    class BatchingWindow {
        @ParameterizedTest(name = "tolerance {0}s → window {1}s")
        @CsvSource({"1, 0", "19, 0", "20, 1", "300, 15", "3600, 180", "6000, 300", "86400, 300"})
        void isFivePercentOfTheToleranceUpTo300Seconds(long toleranceSeconds, int expected) {
            assertEquals(expected, SizingRules.batchingWindowSeconds(Duration.ofSeconds(toleranceSeconds)));
        }
    }

    @Nested
    class BatchSize {
        @Test
        void aFullBatchAtWorstProcessingTakesATenthOfTheTolerance() {
            // 5 min tolerance, 500 ms worst: 30 s of processing per batch = 60 messages.
            assertEquals(60, SizingRules.batchSize(Duration.ofMinutes(5), 500, 15, 64));
        }

        @Test
        void isAtMostTenWithoutABatchingWindow() {
            assertEquals(10, SizingRules.batchSize(Duration.ofMinutes(5), 1, 0, 1));
        }

        @Test
        void fitsTheSixMegabyteInvokePayload() {
            // 1 MiB bodies + 2 KiB envelope: 6 MiB holds 5 of them.
            assertEquals(5, SizingRules.batchSize(Duration.ofHours(2), 1, 300, 1024));
        }

        @Test
        void fitsWithinWhatOneFunctionTimeoutCanHold() {
            int batch = SizingRules.batchSize(Duration.ofDays(1), 10_000, 300, 1);
            assertTrue(SizingRules.functionTimeoutSeconds(batch, 10_000) <= 900, "batch " + batch);
        }

        @Test
        void tinyMessagesAreStillBoundByTheInvokePayloadBeforeTheTenThousandLimit() {
            // 1 KiB bodies + 2 KiB envelope: 6 MiB / 3 KiB = 2048.
            assertEquals(2048, SizingRules.batchSize(Duration.ofDays(1), 1, 300, 1));
        }

        @Test
        void isAtLeastOneEvenWhenOneMessageTakesLongerThanTheBudget() {
            assertEquals(1, SizingRules.batchSize(Duration.ofSeconds(2), 900_000, 0, 64));
        }
    }

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

    @Nested
    class WorstAge {
        final SizingRules.Traffic traffic = new SizingRules.Traffic(5, 50, Duration.ofMinutes(15), 100);

        @Test
        void isWindowPlusOneBatchWhenConsumersOutrunThePeak() {
            // 10 consumers × 60/6.05 ≈ 99 msg/s > 50: no backlog; 1 s of ramp from 5 to 10 pollers.
            assertEquals(15 + 6.0 + 1.0, SizingRules.worstAgeSeconds(traffic, 10, 60, 15), 1e-9);
        }

        @Test
        void addsTheTimeToDrainWhatThePeakLeaves() {
            double rate = 2 * SizingRules.ratePerConsumer(60, 100);
            double backlog = (50 - rate) * 900;
            assertEquals(15 + 6.0 + backlog / rate, SizingRules.worstAgeSeconds(traffic, 2, 60, 15), 1e-9);
        }

        @Test
        void isInfiniteWhenConsumersCannotKeepUpWithTheAverage() {
            SizingRules.Traffic slow = new SizingRules.Traffic(100, 100, Duration.ofMinutes(1), 1000);
            assertEquals(Double.POSITIVE_INFINITY, SizingRules.worstAgeSeconds(slow, 2, 10, 0));
        }

        @Test
        void smallestConcurrencyIsTheFirstThatFitsTheBudget() {
            Duration tolerance = Duration.ofMinutes(5);
            int c = SizingRules.smallestConcurrency(traffic, tolerance, 60, 15);
            double budget = tolerance.getSeconds() * SizingRules.TOLERANCE_BUDGET;
            assertTrue(SizingRules.worstAgeSeconds(traffic, c, 60, 15) <= budget);
            assertTrue(c == SizingRules.MIN_CONCURRENCY || SizingRules.worstAgeSeconds(traffic, c - 1, 60, 15) > budget,
                    "one less would fit too: " + (c - 1));
        }

        @Test
        void smallestConcurrencyIsTheMinimumOfTwoForLightTraffic() {
            SizingRules.Traffic light = new SizingRules.Traffic(0.1, 0.5, Duration.ofMinutes(1), 10);
            assertEquals(2, SizingRules.smallestConcurrency(light, Duration.ofMinutes(5), 10, 15));
        }

        @Test
        void smallestConcurrencyStopsAtTheLambdaLimit() {
            SizingRules.Traffic huge = new SizingRules.Traffic(10_000, 10_000, Duration.ofHours(1), 900_000);
            assertEquals(1000, SizingRules.smallestConcurrency(huge, Duration.ofMinutes(20), 1, 0));
        }
    }

    @Test
    void retentionIsFourDaysUnlessTheToleranceOrWorstAgeNeedsMoreUpToFourteen() {
        assertEquals(Duration.ofDays(4), SizingRules.retention(Duration.ofMinutes(5), 30));
        assertEquals(Duration.ofDays(6), SizingRules.retention(Duration.ofDays(3), 30));
        assertEquals(Duration.ofSeconds(3 * 200_000), SizingRules.retention(Duration.ofMinutes(5), 200_000));
        assertEquals(Duration.ofDays(14), SizingRules.retention(Duration.ofDays(10), Double.POSITIVE_INFINITY));
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
        assertEquals(1_048_576, SizingRules.maxMessageBytes(1024));
    }

    @Test
    void backlogThresholdIsWhatConsumersClearWithinTheTolerance() {
        assertEquals(2850, SizingRules.backlogThreshold(10, Duration.ofMinutes(5), 15));
        assertEquals(1, SizingRules.backlogThreshold(0.001, Duration.ofSeconds(1), 0));
    }
}
