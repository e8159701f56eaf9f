package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules of the sizing model (docs/sizing.md), one test each, figures worked out by hand. */
class SizingModelTest {

    @Test
    void theTargetIsEightyPercentOfTheTolerance() {
        assertEquals(240, SizingRules.targetAgeSeconds(Duration.ofMinutes(5), 500), 1e-9);
        assertEquals(8, SizingRules.targetAgeSeconds(Duration.ofSeconds(10), 500), 1e-9);
    }

    @Test
    void whenOneWorstMessageAloneTakesLongerTheTargetIsThatTimePlusTheBudget() {
        // 0.9 s for one message against a 0.8 s budget: size for 0.9 + 0.8.
        assertEquals(1.7, SizingRules.targetAgeSeconds(Duration.ofSeconds(1), 900), 1e-9);
    }

    @ParameterizedTest(name = "worst {0} ms, {1} KiB → at most {2}")
    @CsvSource({
            "500, 64, 93", // 6 MiB / (64 + 2) KiB = 93.09
            "1, 1, 2048", // 6 MiB / 3 KiB
            "1, 1024, 5", // 6 MiB / 1026 KiB
            "10000, 1, 59", // 890 s × 2/3 / 10 s = 59.3
            "900000, 64, 1"}) // not even one fits two thirds of 900 s: still 1
    void theLargestBatchFitsThePayloadAndTheTimeout(int worstMs, int kib, int expected) {
        assertEquals(expected, SizingRules.maxBatchSize(worstMs, kib));
    }

    @Test
    void moreThanTenRecordsNeedAWindow() {
        assertEquals(0, SizingRules.minWindowSeconds(10));
        assertEquals(1, SizingRules.minWindowSeconds(11));
    }

    @ParameterizedTest(name = "{0}/s, batch {1}, window {2} s → {3} a batch")
    @CsvSource({
            "5, 90, 90, 90", // each of 5 pollers gets 1 message a second: 90 in 90 s
            "5, 90, 15, 15",
            "5, 60, 300, 60", // full
            "5, 10, 0, 1", // without a window one poll (50 ms) brings 0.05: at least 1
            "1000, 10, 0, 10", // 200/s a poller × 50 ms = 10
            "0.1, 50, 10, 1"}) // 0.02 a second a poller: one message, alone
    void aBatchHoldsWhatOnePollerGathersInTheWindow(double rps, int batch, int window, double expected) {
        assertEquals(expected, SizingRules.batchFill(rps, batch, window), 1e-9);
    }

    @Test
    void theFirstMessageOfABatchWaitsUntilItIsFullOrTheWindowEnds() {
        assertEquals(90, SizingRules.gatherSeconds(5, 90, 90), 1e-9);
        assertEquals(9, SizingRules.gatherSeconds(50, 90, 90), 1e-9); // 10/s a poller fill 90 in 9 s
        assertEquals(0, SizingRules.gatherSeconds(5, 10, 0), 1e-9);
    }

    @Test
    void aMessageThatFindsNoBacklogWaitsForItsWindowAndItsBatchAtTheWorstTime() {
        assertEquals(90 + 90 * 0.5, SizingRules.windowAgeSeconds(5, 90, 90, 500), 1e-9);
        assertEquals(9 + 90 * 0.5, SizingRules.windowAgeSeconds(50, 90, 90, 500), 1e-9);
        assertEquals(0.5, SizingRules.windowAgeSeconds(5, 10, 0, 500), 1e-9);
    }

    @ParameterizedTest(name = "{0}/s, batch {1} → {2} s")
    @CsvSource({"5, 90, 90", "20, 190, 48", "0.5, 100, 300", "1000, 10, 1"})
    void theFillingWindowIsTheShortestThatFillsTheBatchAtMost300(double rps, int batch, int expected) {
        assertEquals(expected, SizingRules.fillingWindowSeconds(rps, batch));
    }

    @Test
    void aPeakStartsWithFivePollersOrWhatTheAverageAlreadyNeeds() {
        assertEquals(5, SizingRules.startingPollers(5, 5, 9.9));
        assertEquals(2, SizingRules.startingPollers(2, 5, 9.9), "never above the maximum concurrency");
        assertEquals(50, SizingRules.startingPollers(1000, 500, 10));
        assertEquals(30, SizingRules.startingPollers(30, 500, 10));
    }

    @Test
    void pollersGrowByFiveASecondUpToTheMaximumConcurrency() {
        assertEquals(5, SizingRules.pollersAt(100, 5, 0), 1e-9);
        assertEquals(55, SizingRules.pollersAt(100, 5, 10), 1e-9);
        assertEquals(100, SizingRules.pollersAt(100, 5, 60), 1e-9); // 305 after a minute, capped
        assertEquals(2, SizingRules.pollersAt(2, 2, 100), 1e-9);
    }

    @ParameterizedTest(name = "tolerance {0} s, peak {1} s → step {2} s")
    @CsvSource({"300, 900, 1", "10, 60, 0.1", "1, 900, 0.045", "86400, 86400, 4.32"})
    void theStepIsOneSecondOrOnePercentOfTheToleranceAndAtMostTwentyThousandAPeak(long tolerance, long peak, double expected) {
        assertEquals(expected, SizingRules.timeStepSeconds(Duration.ofSeconds(tolerance), Duration.ofSeconds(peak)), 1e-12);
    }

    @Test
    void theBacklogAlarmIsWhatTheConsumersClearWithinTheToleranceAfterAFullBatch() {
        assertEquals(2700, SizingRules.backlogAlarmMessages(10, Duration.ofMinutes(5), 60, 500)); // 10/s × (300 − 30) s
        assertEquals(1, SizingRules.backlogAlarmMessages(0.001, Duration.ofSeconds(1), 1, 1000));
    }
}
