package dev.sluice.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * Chooses batch size, batching window and maximum concurrency (docs/sizing.md, "The search"):
 *
 * <ol>
 *   <li>For every batch size B from 1 to {@link SizingRules#maxBatchSize}: the windows whose
 *       no-backlog age ({@link SizingRules#windowAgeSeconds}, at the average and at the peak rate)
 *       fits the target age, and among them the cheapest by {@link CostModel#monthlyTotal}.
 *   <li>The smallest concurrency C in 2–1000 for which some batch size keeps the simulated worst age
 *       within the target: bisection, since the worst age never grows with C ({@link Simulation}).
 *   <li>At that C, the cheapest batch size (with its cheapest window) that stays within the target.
 * </ol>
 *
 * When a downstream limit or Lambda's 1,000 caps C below what the target needs, C is the cap and the
 * batch size is the one with the smallest simulated worst age there.
 */
public final class PlanSearch {
    private PlanSearch() {}

    /** What the search reads: the traffic, processing times, the target age and the cost inputs. */
    public record Inputs(
            double avgRps,
            double peakRps,
            double peakSeconds,
            int processingMs,
            int processingMsWorst,
            int maxPayloadKib,
            int messageBytes,
            int memoryMb,
            OptionalInt downstreamLimit,
            double targetSeconds,
            double stepSeconds,
            Prices prices,
            OptionalInt fixedWindow,
            boolean fifo,
            int tableWritesPerMessage) {

        Simulation.Scenario scenario(int batch, int window, int concurrency) {
            return new Simulation.Scenario(avgRps, peakRps, peakSeconds, processingMs, processingMsWorst, batch, window, concurrency,
                    stepSeconds);
        }

        /**
         * What a month uses with batches of {@code fill} messages and {@code alarmMetrics} billed alarm metrics: the one
         * place the plan's cost inputs meet.
         */
        CostModel.Usage usage(double fill, int alarmMetrics) {
            return new CostModel.Usage(avgRps, fill, messageBytes, processingMs, memoryMb, alarmMetrics, fifo, tableWritesPerMessage);
        }

        /** What a batch size and window cost; the alarms, the same for every choice, are left out. */
        double monthlyCost(double fill) {
            return CostModel.monthlyTotal(prices, usage(fill, 0));
        }
    }

    /** What bounds the chosen maximum concurrency. */
    public enum Bound {
        /** The smallest concurrency that keeps the worst age within the target. */
        TOLERANCE("tolerance"),
        /** The target is met with fewer, but Lambda's minimum is 2. */
        MINIMUM("minimum"),
        /** The downstream limit, below what the target needs. */
        DOWNSTREAM_LIMIT("downstream-limit"),
        /** Lambda's maximum of 1,000 for one event source mapping, below what the target needs. */
        LAMBDA_MAXIMUM("lambda-maximum");

        private final String id;

        Bound(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * The choice: {@code neededConcurrency} is the smallest concurrency that meets the target (whatever
     * the downstream limit), 0 when even 1,000 does not; {@code maxBatchSize} the hard limit on B.
     */
    public record Choice(int batchSize, int windowSeconds, int concurrency, int neededConcurrency, Bound bound, boolean meetsTarget,
                         int maxBatchSize, double monthlyCost) {}

    /** One batch size with its cheapest fitting window; {@code widestWindow} -1 when no window fits. */
    record Batch(int size, int widestWindow, int window, double cost) {}

    public static Choice choose(Inputs in) {
        int maxBatch = SizingRules.maxBatchSize(in.processingMsWorst(), in.maxPayloadKib());
        List<Batch> batches = batches(in, maxBatch);
        List<Batch> byCost = new ArrayList<>(batches);
        byCost.sort(Comparator.comparingDouble(Batch::cost).thenComparingInt(Batch::size));

        int needed = smallestConcurrency(in, byCost);
        int cap = Math.min(SizingRules.MAX_CONCURRENCY, in.downstreamLimit().orElse(SizingRules.MAX_CONCURRENCY));
        if (needed > 0 && needed <= cap) {
            for (Batch b : byCost) {
                if (fits(in, b, needed)) {
                    Bound bound = needed == SizingRules.MIN_CONCURRENCY ? Bound.MINIMUM : Bound.TOLERANCE;
                    return new Choice(b.size(), b.window(), needed, needed, bound, true, maxBatch, b.cost());
                }
            }
            throw new IllegalStateException("no batch size fits at concurrency " + needed);
        }
        Bound bound = cap < SizingRules.MAX_CONCURRENCY ? Bound.DOWNSTREAM_LIMIT : Bound.LAMBDA_MAXIMUM;
        Batch best = bestEffort(in, byCost, cap);
        return new Choice(best.size(), best.window(), cap, needed, bound, false, maxBatch, best.cost());
    }

    /** Every batch size with a window that fits the target, and its cheapest such window. */
    static List<Batch> batches(Inputs in, int maxBatch) {
        int maxWindow = SizingRules.MAX_BATCHING_WINDOW_S;
        // The cost of a window that does not fill the batch depends on the window alone: fill = A × W / 5.
        double[] cheapest = new double[maxWindow + 1];
        int[] cheapestWindow = new int[maxWindow + 1];
        cheapest[0] = Double.POSITIVE_INFINITY;
        for (int w = 1; w <= maxWindow; w++) {
            double cost = in.monthlyCost(Math.max(1, in.avgRps() / SizingRules.INITIAL_POLLERS * w));
            boolean better = cost < cheapest[w - 1];
            cheapest[w] = better ? cost : cheapest[w - 1];
            cheapestWindow[w] = better ? w : cheapestWindow[w - 1];
        }
        List<Batch> batches = new ArrayList<>();
        for (int size = 1; size <= maxBatch; size++) {
            if (in.fixedWindow().isPresent()) { // a FIFO queue (no window) or the user's own window
                int w = in.fixedWindow().getAsInt();
                if (w >= SizingRules.minWindowSeconds(size) && windowFits(in, size, w)) {
                    batches.add(new Batch(size, w, w, in.monthlyCost(SizingRules.batchFill(in.avgRps(), size, w))));
                }
                continue;
            }
            int lo = SizingRules.minWindowSeconds(size);
            if (!windowFits(in, size, lo)) {
                continue;
            }
            long filling = (long) Math.ceil(SizingRules.INITIAL_POLLERS * (double) size / in.avgRps() - 1e-9);
            int hi = (int) Math.min(maxWindow, Math.max(lo, filling));
            int widest = lo; // the no-backlog age grows with the window: bisect for the widest that fits
            int top = hi;
            while (widest < top) {
                int mid = (widest + top + 1) >>> 1;
                if (windowFits(in, size, mid)) {
                    widest = mid;
                } else {
                    top = mid - 1;
                }
            }
            double best = Double.POSITIVE_INFINITY;
            int window = -1;
            if (lo == 0) {
                best = in.monthlyCost(SizingRules.batchFill(in.avgRps(), size, 0));
                window = 0;
            }
            int partial = (int) Math.min(widest, filling - 1); // windows that leave the batch part-filled
            if (partial >= 1 && cheapest[partial] < best) {
                best = cheapest[partial];
                window = cheapestWindow[partial];
            }
            if (filling <= widest) { // the shortest window that fills the batch
                double full = in.monthlyCost(size);
                if (full < best) {
                    best = full;
                    window = (int) filling;
                }
            }
            batches.add(new Batch(size, widest, window, best));
        }
        return batches;
    }

    /** Whether a message that finds no backlog is done within the target, at the average and at the peak rate. */
    static boolean windowFits(Inputs in, int batch, int window) {
        double worst = Math.max(
                SizingRules.windowAgeSeconds(in.avgRps(), batch, window, in.processingMsWorst()),
                SizingRules.windowAgeSeconds(in.peakRps(), batch, window, in.processingMsWorst()));
        return worst <= in.targetSeconds();
    }

    /** The smallest concurrency at which some batch size fits, 0 when even 1,000 is not enough. */
    static int smallestConcurrency(Inputs in, List<Batch> batches) {
        if (!anyFits(in, batches, SizingRules.MAX_CONCURRENCY)) {
            return 0;
        }
        int lo = SizingRules.MIN_CONCURRENCY;
        int hi = SizingRules.MAX_CONCURRENCY;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (anyFits(in, batches, mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static boolean anyFits(Inputs in, List<Batch> batches, int concurrency) {
        List<Batch> hopeful = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        for (Batch b : batches) {
            double bound = lowerBound(in, b.size(), concurrency);
            if (bound <= in.targetSeconds()) {
                hopeful.add(b);
                bounds.add(bound);
            }
        }
        Integer[] order = new Integer[hopeful.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(bounds::get));
        for (int i : order) {
            if (fits(in, hopeful.get(i), concurrency)) {
                return true;
            }
        }
        return false;
    }

    static boolean fits(Inputs in, Batch b, int concurrency) {
        return Simulation.worstAgeSeconds(in.scenario(b.size(), b.window(), concurrency), in.targetSeconds()) <= in.targetSeconds();
    }

    /**
     * A lower bound of the simulated worst age, to skip hopeless simulations: the peak brings P × D
     * messages and C batches take at most C × μ a second, so at least (P − Cμ) × D wait at its end,
     * and the last of them waits until they are all taken, then for its full batch.
     */
    static double lowerBound(Inputs in, int batch, int concurrency) {
        double capacity = concurrency * SizingRules.ratePerConsumer(batch, in.processingMs());
        if (capacity <= in.avgRps()) {
            return Double.POSITIVE_INFINITY;
        }
        double peak = Math.max(1, Math.round(in.peakSeconds() / in.stepSeconds())) * in.stepSeconds();
        double left = (in.peakRps() - capacity) * peak * (1 - 1e-9);
        return left > 0 ? left / capacity + batch * (in.processingMsWorst() / 1000.0) : 0;
    }

    /** At a concurrency that cannot meet the target: the batch size with the smallest worst age (then the cheapest). */
    static Batch bestEffort(Inputs in, List<Batch> byCost, int concurrency) {
        Batch best = null;
        double bestAge = Double.POSITIVE_INFINITY;
        for (Batch b : byCost) {
            if (lowerBound(in, b.size(), concurrency) >= bestAge && best != null) {
                continue;
            }
            double age = Simulation.worstAgeSeconds(in.scenario(b.size(), b.window(), concurrency), bestAge);
            if (age < bestAge) {
                best = b;
                bestAge = age;
            }
        }
        if (best == null) { // the consumers cannot keep up with the average at any size: the most capacity
            for (Batch b : byCost) {
                if (best == null || SizingRules.ratePerConsumer(b.size(), in.processingMs())
                        > SizingRules.ratePerConsumer(best.size(), in.processingMs())) {
                    best = b;
                }
            }
        }
        return best;
    }
}
