package dev.sluice.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The unit prices of the cost estimate, read from {@code dev/sluice/plan/prices.properties}: one region, one
 * date, each price with its tiers and the page it comes from.
 */
public record Prices(String region, String currency, String date, String dateNote, String freeTier, Map<String, Price> prices) {
    public static final String RESOURCE = "/dev/sluice/plan/prices.properties";

    public static final String API_GATEWAY_REST = "apiGatewayRestRequests";
    public static final String SQS_STANDARD = "sqsStandardRequests";
    public static final String SQS_FIFO = "sqsFifoRequests";
    public static final String LAMBDA_REQUESTS = "lambdaRequests";
    public static final String LAMBDA_ARM64_DURATION = "lambdaArm64Duration";
    public static final String DYNAMODB_WRITES = "dynamoDbOnDemandWrites";
    public static final String CLOUDWATCH_ALARMS = "cloudWatchStandardAlarms";

    public Prices {
        prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    }

    /** The prices shipped with Sluice (read once). */
    public static Prices standard() {
        return Holder.STANDARD;
    }

    public Price price(String key) {
        Price price = prices.get(key);
        if (price == null) {
            throw new IllegalStateException(RESOURCE + " has no price '" + key + "'");
        }
        return price;
    }

    /** Up to {@code upTo} units a month (infinite for the last tier), {@code price} per {@link Price#per()} units. */
    public record Tier(double upTo, double price) {}

    public record Price(String key, String label, String unit, long per, List<Tier> tiers, String source, String text) {
        public Price {
            tiers = List.copyOf(tiers);
        }

        /** Monthly cost of {@code quantity} units, through the tiers. */
        public double cost(double quantity) {
            double cost = 0;
            double below = 0;
            for (Tier tier : tiers) {
                double inTier = Math.min(quantity, tier.upTo()) - below;
                if (inTier <= 0) {
                    break;
                }
                cost += inTier / per * tier.price();
                below = tier.upTo();
            }
            return cost;
        }

        /** The first tier's price as a person reads it, e.g. "$3.50 per million requests". */
        public String firstTierText() {
            String amount = Formats.unitPrice(tiers.get(0).price());
            String perText = per == 1 ? "per " + singular(unit) : per == 1_000_000 ? "per million " + unit
                    : "per " + Formats.grouped(per) + " " + unit;
            return amount + " " + perText;
        }

        private static String singular(String unit) {
            return switch (unit) {
                case "GB-seconds" -> "GB-second";
                case "alarm metrics" -> "alarm metric a month";
                case "requests" -> "request";
                default -> unit;
            };
        }
    }

    private static final class Holder {
        static final Prices STANDARD = load();
    }

    static Prices load() {
        try (InputStream in = Prices.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build did not package " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    static Prices parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        Map<String, Price> prices = new LinkedHashMap<>();
        for (String key : required(p, "prices").split(",")) {
            key = key.trim();
            List<Tier> tiers = new ArrayList<>();
            for (String tier : required(p, key + ".tiers").split(",")) {
                String[] parts = tier.trim().split(":");
                double upTo = parts[0].equals("*") ? Double.POSITIVE_INFINITY : Double.parseDouble(parts[0]);
                tiers.add(new Tier(upTo, Double.parseDouble(parts[1])));
            }
            prices.put(key, new Price(key, required(p, key + ".label"), required(p, key + ".unit"),
                    Long.parseLong(required(p, key + ".per")), tiers, required(p, key + ".source"), required(p, key + ".text")));
        }
        return new Prices(required(p, "region"), required(p, "currency"), required(p, "date"), required(p, "dateNote"),
                required(p, "freeTier"), prices);
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(RESOURCE + " has no '" + key + "'");
        }
        return value.trim();
    }
}
