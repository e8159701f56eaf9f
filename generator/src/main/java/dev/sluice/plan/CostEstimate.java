package dev.sluice.plan;

import java.util.List;

/**
 * The monthly cost of the plan at the stated average traffic: one line per billed item, the total,
 * and where the prices come from. Made by {@link CostModel}.
 *
 * @param region         the region the unit prices are for, e.g. us-east-1
 * @param currency       e.g. USD
 * @param priceDate      the date the unit prices were asserted
 * @param priceDateNote  how they were checked
 * @param sources        the pricing pages, one per service
 * @param hoursPerMonth  730, AWS's convention
 * @param lines          the billed items
 * @param monthlyTotal   the sum of the lines
 * @param notes          assumptions and what is left out, one sentence each
 */
public record CostEstimate(
        String region,
        String currency,
        String priceDate,
        String priceDateNote,
        List<String> sources,
        double hoursPerMonth,
        List<Line> lines,
        double monthlyTotal,
        List<String> notes) {

    public CostEstimate {
        sources = List.copyOf(sources);
        lines = List.copyOf(lines);
        notes = List.copyOf(notes);
    }

    /** The total as a person reads it, e.g. "$81.02". */
    public String monthlyTotalText() {
        return Formats.money(monthlyTotal);
    }

    /**
     * One billed item.
     *
     * @param key          stable id, e.g. sqsReceive
     * @param label        e.g. "SQS ReceiveMessage (Lambda's pollers)"
     * @param quantity     units a month
     * @param unit         e.g. requests, GB-seconds
     * @param basis        how the quantity follows from the traffic and the plan
     * @param unitPrice    price per {@code per} units (first tier)
     * @param per          the price's quantity, e.g. 1000000
     * @param priceText    e.g. "$3.50 per million requests"
     * @param monthlyCost  in the estimate's currency, through the tiers
     */
    public record Line(String key, String label, double quantity, String unit, String basis, double unitPrice, long per,
                       String priceText, double monthlyCost) {

        public String quantityText() {
            return Formats.count(quantity);
        }

        public String monthlyCostText() {
            return Formats.money(monthlyCost);
        }
    }
}
