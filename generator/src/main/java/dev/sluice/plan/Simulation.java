package dev.sluice.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A discrete-time simulation of the queue over the planned traffic profile: the average rate, then the
 * peak rate for the peak's length, then the average again. Messages are a fluid in FIFO cohorts (one
 * per step); each step, the concurrent batches Lambda runs at that moment take what they can.
 *
 * <ul>
 *   <li>Capacity: {@code pollers(t) × ratePerConsumer(B, typical)} messages a second, where pollers start
 *       at {@link SizingRules#startingPollers} when the peak begins and add 5 a second up to the maximum
 *       concurrency. The typical processing time gives the rate: a peak is thousands of messages.
 *   <li>A message that waited in a backlog is taken into a full batch and is done after the whole batch
 *       at the worst processing time (one slow batch is plausible, and the last message waits for it).
 *   <li>A message that finds no backlog waits for its batch to close (window, or full) and for the batch:
 *       {@link SizingRules#windowAgeSeconds} at the average and at the peak rate. Both count towards the
 *       worst age whatever the concurrency, which keeps the worst age monotone in the concurrency.
 * </ul>
 *
 * Once the peak is over and the pollers have reached the maximum concurrency, both rates are constant,
 * and the rest of the run is solved in closed form, step for step the same as stepping on (exact for
 * this model, and independent of how long the drain takes).
 *
 * <p>Monotone in the concurrency: a larger maximum concurrency gives at least the capacity in every step
 * (the starting pollers and the ramp are non-decreasing in it); by Lindley's recursion the queue is then
 * no longer in any step, the cumulative departures no fewer, so in FIFO order no message is taken later,
 * and fewer messages wait at all. So {@link #worstAgeSeconds} never grows with the concurrency, and the
 * smallest sufficient concurrency can be found by bisection.
 */
public final class Simulation {
    private static final double EPS = 1e-9;
    /** Points in a chart series. */
    public static final int CHART_POINTS = 400;

    private Simulation() {}

    /** One run's inputs: the traffic profile and the plan's settings. */
    public record Scenario(
            double avgRps,
            double peakRps,
            double peakSeconds,
            int processingMs,
            int processingMsWorst,
            int batchSize,
            int windowSeconds,
            int concurrency,
            double stepSeconds) {

        public Scenario withConcurrency(int c) {
            return new Scenario(avgRps, peakRps, peakSeconds, processingMs, processingMsWorst, batchSize, windowSeconds, c, stepSeconds);
        }

        public Scenario withBatch(int batch, int window) {
            return new Scenario(avgRps, peakRps, peakSeconds, processingMs, processingMsWorst, batch, window, concurrency, stepSeconds);
        }

        /** Messages a second one concurrent batch processes. */
        public double ratePerConsumer() {
            return SizingRules.ratePerConsumer(batchSize, processingMs);
        }

        /** Messages a second all concurrent batches process. */
        public double capacity() {
            return concurrency * ratePerConsumer();
        }
    }

    /** One chart point: seconds since the peak began, messages waiting, age of the oldest message taken then. */
    public record Point(double seconds, double backlog, double ageSeconds) {}

    /**
     * What a run found. Ages in seconds from accept to processed; {@code drainSeconds} from the end of the
     * peak until the queue is empty; infinite values when the consumers cannot keep up with the average.
     */
    public record Result(
            Scenario scenario,
            double worstAgeSeconds,
            double windowAgeSeconds,
            double longestWaitSeconds,
            double peakBacklog,
            double drainSeconds,
            double leadSeconds,
            double endSeconds,
            List<Point> series) {

        public Result {
            series = List.copyOf(series);
        }

        public boolean drains() {
            return Double.isFinite(drainSeconds);
        }

        /** Whether some message would wait in the queue longer than {@code retentionSeconds} (and be deleted). */
        public boolean outlives(double retentionSeconds) {
            return !drains() || longestWaitSeconds > retentionSeconds;
        }
    }

    /**
     * The worst age for a search: stops as soon as it exceeds {@code limit} (then returns infinity),
     * and records nothing for a chart.
     */
    public static double worstAgeSeconds(Scenario s, double limit) {
        if (s.capacity() <= s.avgRps()) {
            return Double.POSITIVE_INFINITY;
        }
        Run run = new Run(s, 0, limit, false);
        return run.execute() ? run.worstAge() : Double.POSITIVE_INFINITY;
    }

    /** The worst age, run to the end. */
    public static double worstAgeSeconds(Scenario s) {
        return worstAgeSeconds(s, Double.POSITIVE_INFINITY);
    }

    /** A full run with a lead-in at the average rate and a chart series of {@link #CHART_POINTS} points. */
    public static Result run(Scenario s) {
        double lead = Math.min(6 * 3600.0, Math.max(60.0, s.peakSeconds() / 4));
        int leadSteps = (int) Math.round(lead / s.stepSeconds());
        Run run = new Run(s, leadSteps, Double.POSITIVE_INFINITY, true);
        run.execute();
        return run.result();
    }

    /** The run itself; steps index time from the start of the lead-in, the peak occupies [lead, peakEnd). */
    private static final class Run {
        final Scenario s;
        final double dt;
        final double mu;
        final double batchAge;
        final double ageAtAverage;
        final double ageAtPeak;
        final int start;
        final int lead;
        final int peakEnd;
        final double limit;
        final boolean record;

        double[] amount = new double[1024];
        int head;
        double queued;
        long maxWaitSteps;
        double peakBacklog;
        /** The last step whose end leaves the queue empty after the peak began draining; -1 while unknown. */
        double emptyAfterStep = -1;
        boolean unbounded;

        // Recorded steps (chart only).
        double[] backlogs;
        double[] ages;
        int stepped;

        // Closed-form continuation from step k0 (constant capacity c and arrivals A).
        long k0 = -1;
        double q0;
        double c;
        int firstCohort;
        double[] cumulative = new double[0];
        long lastExistingServedStep = -1;

        Run(Scenario s, int lead, double limit, boolean record) {
            this.s = s;
            this.dt = s.stepSeconds();
            this.mu = s.ratePerConsumer();
            this.batchAge = s.batchSize() * (s.processingMsWorst() / 1000.0);
            this.ageAtAverage = SizingRules.windowAgeSeconds(s.avgRps(), s.batchSize(), s.windowSeconds(), s.processingMsWorst());
            this.ageAtPeak = SizingRules.windowAgeSeconds(s.peakRps(), s.batchSize(), s.windowSeconds(), s.processingMsWorst());
            this.start = SizingRules.startingPollers(s.concurrency(), s.avgRps(), mu);
            this.lead = lead;
            this.peakEnd = lead + Math.max(1, (int) Math.round(s.peakSeconds() / dt));
            this.limit = limit;
            this.record = record;
            if (record) {
                backlogs = new double[1024];
                ages = new double[1024];
            }
        }

        double pollers(long k) {
            return k < lead ? start : SizingRules.pollersAt(s.concurrency(), start, (k - lead) * dt);
        }

        double floorAge() {
            return Math.max(ageAtAverage, ageAtPeak);
        }

        double worstAge() {
            if (unbounded) {
                return Double.POSITIVE_INFINITY;
            }
            return Math.max(floorAge(), maxWaitSteps > 0 ? maxWaitSteps * dt + batchAge : 0);
        }

        /** Steps the profile; false when a search limit was passed. */
        boolean execute() {
            if (!record && floorAge() > limit) {
                return false;
            }
            for (int k = 0; ; k++) {
                if (k >= peakEnd) {
                    if (queued == 0) {
                        emptyAfterStep = k - 1;
                        stepped = k;
                        return true;
                    }
                    if (pollers(k) >= s.concurrency()) {
                        stepped = k;
                        return continueInClosedForm(k);
                    }
                }
                if (k >= amount.length) {
                    amount = Arrays.copyOf(amount, amount.length * 2);
                }
                double rate = k >= lead && k < peakEnd ? s.peakRps() : s.avgRps();
                amount[k] = rate * dt;
                queued += amount[k];
                double capacity = pollers(k) * mu * dt;
                int oldest = head;
                while (capacity > 0 && head <= k) {
                    double take = Math.min(amount[head], capacity);
                    amount[head] -= take;
                    capacity -= take;
                    queued -= take;
                    if (amount[head] <= EPS) {
                        amount[head] = 0;
                        head++;
                    }
                }
                if (queued <= EPS || head > k) {
                    queued = 0;
                    head = k + 1;
                }
                double age;
                if (oldest < k) {
                    maxWaitSteps = Math.max(maxWaitSteps, k - oldest);
                    age = (k - oldest) * dt + batchAge;
                    if (age > limit) {
                        return false;
                    }
                } else {
                    age = rate == s.avgRps() ? ageAtAverage : ageAtPeak;
                }
                peakBacklog = Math.max(peakBacklog, queued);
                if (record) {
                    if (k >= backlogs.length) {
                        backlogs = Arrays.copyOf(backlogs, backlogs.length * 2);
                        ages = Arrays.copyOf(ages, ages.length * 2);
                    }
                    backlogs[k] = queued;
                    ages[k] = age;
                }
            }
        }

        /**
         * From step {@code k} on, capacity {@code c = C × μ} and arrivals {@code A} are constant. The cohorts
         * still queued are taken in order: cohort j's last message in step k + ⌈X_j / (c·dt)⌉ − 1, X_j the
         * messages up to and including it. Later arrivals queue behind them and wait less (c > A).
         */
        boolean continueInClosedForm(int k) {
            k0 = k;
            q0 = queued;
            c = s.capacity();
            firstCohort = head;
            cumulative = new double[k - head];
            double x = 0;
            for (int j = head; j < k; j++) {
                x += amount[j];
                cumulative[j - head] = x;
                long served = k + stepsToServe(x, c * dt) - 1;
                maxWaitSteps = Math.max(maxWaitSteps, served - j);
                lastExistingServedStep = served;
            }
            if (maxWaitSteps * dt + batchAge > limit) {
                return false;
            }
            if (c <= s.avgRps()) {
                unbounded = true;
                return limit == Double.POSITIVE_INFINITY;
            }
            emptyAfterStep = k + stepsToServe(q0, (c - s.avgRps()) * dt) - 1;
            return true;
        }

        static long stepsToServe(double messages, double perStep) {
            return Math.max(1, (long) Math.ceil(messages / perStep - EPS));
        }

        /** Backlog at the end of step k and the age of the oldest message taken in it, for any step. */
        double[] at(long k) {
            if (k < stepped) {
                return new double[] {backlogs[(int) k], ages[(int) k]};
            }
            if (k0 < 0 || (!unbounded && k > emptyAfterStep)) {
                return new double[] {0, ageAtAverage};
            }
            double done = c * dt * (k - k0); // taken before step k
            double backlog = Math.max(0, q0 + (s.avgRps() - c) * dt * (k - k0 + 1));
            double arrival;
            if (done < q0 - EPS) {
                int i = Arrays.binarySearch(cumulative, done + EPS);
                int index = i >= 0 ? i + 1 : -i - 1;
                arrival = firstCohort + Math.min(index, cumulative.length - 1);
            } else {
                arrival = k0 + Math.floor((done - q0) / (s.avgRps() * dt) + EPS);
                if (arrival >= k) {
                    return new double[] {backlog, ageAtAverage};
                }
            }
            return new double[] {backlog, (k - arrival) * dt + batchAge};
        }

        Result result() {
            double end;
            double drain;
            if (unbounded) {
                drain = Double.POSITIVE_INFINITY;
                end = peakEnd + Math.max(peakEnd - lead, lead);
            } else {
                double emptyStep = Math.max(emptyAfterStep, peakEnd - 1);
                drain = (emptyStep + 1 - peakEnd) * dt;
                double busy = emptyStep + 1 - lead;
                end = emptyStep + 1 + Math.max(lead, Math.ceil(busy * 0.15));
            }
            long endStep = (long) end;
            List<Point> series = new ArrayList<>(CHART_POINTS + 1);
            int buckets = (int) Math.min(CHART_POINTS, endStep);
            for (int b = 0; b < buckets; b++) {
                long from = endStep * b / buckets;
                long to = endStep * (b + 1) / buckets; // exclusive
                double backlog = 0;
                double age = 0;
                for (long k : probes(from, to)) {
                    double[] v = at(k);
                    backlog = Math.max(backlog, v[0]);
                    age = Math.max(age, v[1]);
                }
                series.add(new Point((from - lead) * dt, backlog, age));
            }
            double[] last = at(endStep - 1);
            series.add(new Point((endStep - lead) * dt, last[0], last[1]));
            double peak = unbounded ? Double.POSITIVE_INFINITY : peakBacklog;
            return new Result(s, worstAge(), floorAge(), unbounded ? Double.POSITIVE_INFINITY : maxWaitSteps * dt, peak, drain,
                    lead * dt, (endStep - lead) * dt, series);
        }

        /** The steps of [from, to) that decide a bucket's maxima: every recorded step, else the ends and turning points. */
        List<Long> probes(long from, long to) {
            List<Long> probes = new ArrayList<>();
            long recordedTo = Math.min(to, stepped);
            for (long k = from; k < recordedTo; k++) {
                probes.add(k);
            }
            if (to > stepped) {
                long a = Math.max(from, stepped);
                probes.add(a);
                probes.add(to - 1);
                for (long turn : new long[] {lastExistingServedStep, lastExistingServedStep + 1, (long) emptyAfterStep}) {
                    if (turn > a && turn < to - 1) {
                        probes.add(turn);
                    }
                }
            }
            return probes;
        }
    }
}
