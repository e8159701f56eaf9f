package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulation on profiles whose answer is known by hand. With a batch of 10 at 95 ms a message,
 * one batch takes 10 × 0.095 + 0.05 = 1 s: each concurrent batch processes exactly 10 messages a second.
 */
class SimulationTest {

    private static Simulation.Scenario scenario(double avg, double peak, double peakSeconds, int concurrency) {
        return new Simulation.Scenario(avg, peak, peakSeconds, 95, 95, 10, 0, concurrency, 1.0);
    }

    private static Simulation.Point at(Simulation.Result r, double seconds) {
        return r.series().stream().filter(p -> Math.abs(p.seconds() - seconds) < 1e-9).findFirst()
                .orElseThrow(() -> new AssertionError("no point at " + seconds));
    }

    @Test
    void tenMessagesASecondPerConcurrentBatch() {
        assertEquals(10, scenario(1, 1, 1, 1).ratePerConsumer(), 1e-9);
    }

    @Test
    void aConstantRateBelowCapacityLeavesNoBacklog() {
        Simulation.Result r = Simulation.run(scenario(5, 5, 600, 5));
        assertEquals(0, r.peakBacklog());
        assertEquals(0, r.drainSeconds());
        assertEquals(0, r.longestWaitSeconds());
        // One message a batch without a window (5/s shared by 5 pollers, 50 ms a poll), done after 95 ms.
        assertEquals(0.095, r.worstAgeSeconds(), 1e-9);
        assertTrue(r.series().stream().allMatch(p -> p.backlog() == 0 && Math.abs(p.ageSeconds() - 0.095) < 1e-9));
    }

    @Test
    void aPeakAboveCapacityGrowsTheBacklogLinearlyThenDrainsAtCapacityLessArrivals() {
        // 2 batches take 20/s. 30/s for 100 s: 10/s more than they take, so 1,000 wait at the end;
        // then 10/s arrive and 20/s are taken: empty 100 s later.
        Simulation.Result r = Simulation.run(scenario(10, 30, 100, 2));
        assertEquals(1000, r.peakBacklog(), 1e-6);
        assertEquals(100, r.drainSeconds(), 1e-9);
        assertEquals(500, at(r, 49).backlog(), 1e-6); // after 50 steps of the peak
        assertEquals(1000, at(r, 99).backlog(), 1e-6);
        assertEquals(1000 - 10 * 51, at(r, 150).backlog(), 1e-6); // 51 steps into the drain
        assertEquals(0, at(r, 200).backlog(), 1e-9);
        // The last message of the peak waits for the 1,000 ahead of it at 20/s: 50 s, then its batch (0.95 s).
        assertEquals(50, r.longestWaitSeconds(), 1e-9);
        assertEquals(50.95, r.worstAgeSeconds(), 1e-9);
        assertEquals(r.worstAgeSeconds(), Simulation.worstAgeSeconds(scenario(10, 30, 100, 2)), 1e-9, "search and full run agree");
    }

    @Test
    void lambdaStartsAtFivePollersAndAddsFiveASecond() {
        // Room for 20 batches (200/s), but the peak of 150/s meets 5, 10, 15, then 20 pollers:
        // 50, 100, 150, 200 taken in the first four seconds. Backlog 100, 150, 150, 100, 50, 0.
        Simulation.Result r = Simulation.run(scenario(1, 150, 100, 20));
        assertEquals(150, r.peakBacklog(), 1e-9);
        double[] expected = {100, 150, 150, 100, 50, 0, 0};
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], at(r, t).backlog(), 1e-9, "second " + t);
        }
        assertEquals(1, r.longestWaitSeconds(), 1e-9);
        assertEquals(0, r.drainSeconds());
    }

    @Test
    void consumersSlowerThanTheAverageNeverDrainAndOutliveAnyRetention() {
        Simulation.Scenario slow = scenario(30, 60, 900, 2); // 20/s taken, 30/s arriving even off-peak
        Simulation.Result r = Simulation.run(slow);
        assertFalse(r.drains());
        assertTrue(r.outlives(14 * 86_400));
        assertEquals(Double.POSITIVE_INFINITY, r.worstAgeSeconds());
        assertEquals(Double.POSITIVE_INFINITY, Simulation.worstAgeSeconds(slow));
        List<Simulation.Point> s = r.series();
        assertTrue(s.get(s.size() - 1).backlog() > s.get(s.size() / 2).backlog(), "the backlog keeps growing");
    }

    @Test
    void aMessageWaitingLongerThanTheRetentionIsFlagged() {
        Simulation.Result r = Simulation.run(scenario(10, 30, 100, 2)); // the longest wait is 50 s
        assertTrue(r.outlives(40));
        assertFalse(r.outlives(60));
    }

    @Test
    void aLongDrainIsSolvedInClosedFormStepForStep() {
        // 2 batches take 20/s. 49.5/s for 100 s leave 2,950; 19.5/s arrive afterwards, so the queue drains at
        // 0.5/s: 5,900 s. The last message of the peak waits for the 2,950 ahead of it: ⌈2,950 / 20⌉ = 148 s.
        Simulation.Result r = Simulation.run(new Simulation.Scenario(19.5, 49.5, 100, 95, 95, 10, 0, 2, 1.0));
        assertEquals(2950, r.peakBacklog(), 1e-6);
        assertEquals(5900, r.drainSeconds(), 1e-9);
        assertEquals(148, r.longestWaitSeconds(), 1e-9);
        assertEquals(148.95, r.worstAgeSeconds(), 1e-9);
        List<Simulation.Point> draining = r.series().stream().filter(p -> p.seconds() >= 100 && p.seconds() < 5980).toList();
        assertTrue(draining.size() > 300, "the drain is most of the chart");
        for (Simulation.Point p : draining) {
            assertEquals(2950 - 0.5 * (p.seconds() - 100 + 1), p.backlog(), 1e-6, "at " + p.seconds() + " s");
        }
    }

    @ParameterizedTest(name = "{0}/s → {1}/s for {2} s, batch {3}, window {4} s")
    @CsvSource({"5, 50, 900, 90, 90", "20, 200, 600, 190, 48", "1, 30, 1800, 23, 100", "100, 2000, 300, 10, 0", "2, 4, 60, 3, 8"})
    void theWorstAgeNeverGrowsWithTheConcurrency(double avg, double peak, double seconds, int batch, int window) {
        double previous = Double.POSITIVE_INFINITY;
        for (int c = 2; c <= 120; c++) {
            double age = Simulation.worstAgeSeconds(new Simulation.Scenario(avg, peak, seconds, 100, 500, batch, window, c, 1.0));
            assertTrue(age <= previous + 1e-9, "concurrency " + c + ": " + age + " > " + previous);
            previous = age;
        }
    }

    @Test
    void aSearchStopsAtItsLimitAndOtherwiseAgreesWithAFullRun() {
        Simulation.Scenario s = new Simulation.Scenario(5, 50, 900, 100, 500, 90, 90, 4, 1.0);
        double full = Simulation.worstAgeSeconds(s);
        assertEquals(full, Simulation.run(s).worstAgeSeconds(), 1e-9, "the lead-in at the average changes nothing");
        assertEquals(full, Simulation.worstAgeSeconds(s, full), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, Simulation.worstAgeSeconds(s, full - 1));
    }

    @Test
    void runsAreDeterministicAndTheSeriesSpansThePeakAndTheDrain() {
        Simulation.Scenario s = new Simulation.Scenario(5, 50, 900, 100, 500, 90, 90, 5, 1.0);
        Simulation.Result a = Simulation.run(s);
        assertEquals(a, Simulation.run(s));
        assertTrue(a.series().size() <= Simulation.CHART_POINTS + 1);
        assertTrue(a.series().get(0).seconds() < 0, "starts before the peak");
        assertTrue(a.endSeconds() > 900 + a.drainSeconds(), "ends after the drain");
    }
}
