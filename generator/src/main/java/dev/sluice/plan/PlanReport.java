package dev.sluice.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan as {@code sluice plan} prints it: a table (every setting, its value and why; the simulation;
 * the cost; the warnings) or the same content as JSON, fields in a fixed order.
 */
public final class PlanReport {
    /** Made on first use: Jackson takes a fresh JVM a noticeable while to load, and the table needs none of it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private PlanReport() {}

    /** The table, lines ending in {@code \n}. */
    public static String table(Plan plan) {
        StringBuilder out = new StringBuilder();
        table(out, plan.settings(), plan, plan.cost());
        return out.toString();
    }

    /**
     * A service's table. One endpoint's is {@link #table(Plan)}. With several, each endpoint's settings, simulation,
     * estimate and warnings under a heading naming its POST, without the alarms on the API they share; then the
     * service's: those alarms and the monthly total, an endpoint a line and the shared items counted once.
     */
    public static String table(ServicePlan service, List<String> paths) {
        requirePaths(service, paths);
        if (service.single()) {
            return table(service.endpoints().get(0));
        }
        StringBuilder out = new StringBuilder();
        List<CostEstimate> costs = service.endpointCosts();
        for (int i = 0; i < service.endpoints().size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            heading(out, "POST " + paths.get(i));
            table(out, service.endpointSettings().get(i), service.endpoints().get(i), costs.get(i));
        }
        out.append('\n');
        heading(out, "Service: " + service.endpoints().size() + " endpoints behind one REST API");
        List<String[]> settings = new ArrayList<>();
        settings.add(new String[] {"Setting", "Value", "Why"});
        service.sharedSettings().forEach(s -> settings.add(new String[] {s.label(), s.value(), s.why()}));
        columns(out, settings);

        CostEstimate first = costs.get(0);
        out.append('\n').append("Monthly cost of the service: ").append(service.monthlyTotalText())
                .append(" at each endpoint's average rate (").append(first.region()).append(", ").append(first.currency())
                .append(" list prices of ").append(first.priceDate()).append(", free tier ignored)\n");
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"Item", "Quantity", "Unit price", "Monthly", "Basis"});
        for (int i = 0; i < costs.size(); i++) {
            lines.add(new String[] {"POST " + paths.get(i), "", "", costs.get(i).monthlyTotalText(), "its estimate above"});
        }
        for (CostEstimate.Line l : service.sharedLines()) {
            lines.add(new String[] {l.label(), l.quantityText() + " " + l.unit(), l.priceText(), l.monthlyCostText(), l.basis()});
        }
        lines.add(new String[] {"Total", "", "", service.monthlyTotalText(), ""});
        columns(out, lines);
        return out.toString();
    }

    private static void requirePaths(ServicePlan service, List<String> paths) {
        if (paths.size() != service.endpoints().size()) {
            throw new IllegalArgumentException(paths.size() + " paths for " + service.endpoints().size() + " endpoints");
        }
    }

    private static void heading(StringBuilder out, String title) {
        out.append(title).append('\n').append("=".repeat(title.length())).append('\n');
    }

    private static void table(StringBuilder out, List<Setting> planSettings, Plan plan, CostEstimate cost) {
        List<String[]> settings = new ArrayList<>();
        settings.add(new String[] {"Setting", "Value", "Why"});
        planSettings.forEach(s -> settings.add(new String[] {s.label(), s.value(), s.why()}));
        columns(out, settings);

        SimulationSummary sim = plan.simulation();
        out.append('\n').append("Simulated: ").append(sim.peakText()).append(" (steps of ").append(Formats.seconds(sim.stepSeconds()))
                .append("; consumers at the typical ").append(sim.processingMs()).append(" ms a message, each message's batch at the worst ")
                .append(sim.processingMsWorst()).append(" ms)\n");
        columns(out, simulationRows(plan));

        out.append('\n').append("Monthly cost: ").append(cost.monthlyTotalText()).append(" at the average rate (").append(cost.region())
                .append(", ").append(cost.currency()).append(" list prices of ").append(cost.priceDate())
                .append(", free tier ignored)\n");
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"Item", "Quantity", "Unit price", "Monthly", "Basis"});
        for (CostEstimate.Line l : cost.lines()) {
            lines.add(new String[] {l.label(), l.quantityText() + " " + l.unit(), l.priceText(), l.monthlyCostText(), l.basis()});
        }
        lines.add(new String[] {"Total", "", "", cost.monthlyTotalText(), ""});
        columns(out, lines);
        out.append("Prices: ").append(String.join(", ", cost.sources())).append('\n');
        cost.notes().forEach(n -> out.append("Note: ").append(n).append('\n'));

        if (!plan.warnings().isEmpty()) {
            out.append('\n');
            plan.warnings().forEach(w -> out.append("Warning: ").append(w).append('\n'));
        }
    }

    static List<String[]> simulationRows(Plan plan) {
        List<String[]> rows = new ArrayList<>();
        plan.simulation().rows().forEach(r -> rows.add(new String[] {r.label(), r.value(), r.why()}));
        return rows;
    }

    /** The same content as {@link #table(Plan)}, as JSON. */
    public static String json(Plan plan) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        plan(root, plan.settings(), plan, plan.cost());
        return write(root);
    }

    /**
     * The same content as {@link #table(ServicePlan, List)}, as JSON. One endpoint's is {@link #json(Plan)}. With several:
     * {@code endpoints}, each its {@code path} and then the fields of one endpoint's plan (its settings and cost without
     * the alarms on the API); {@code shared}, those alarms' settings and the cost lines counted once for the service;
     * {@code monthlyTotal}, the service's; {@code met}, whether every endpoint's plan meets its answers.
     */
    public static String json(ServicePlan service, List<String> paths) {
        requirePaths(service, paths);
        if (service.single()) {
            return json(service.endpoints().get(0));
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode endpoints = root.putArray("endpoints");
        List<CostEstimate> costs = service.endpointCosts();
        for (int i = 0; i < service.endpoints().size(); i++) {
            ObjectNode endpoint = endpoints.addObject().put("path", paths.get(i));
            plan(endpoint, service.endpointSettings().get(i), service.endpoints().get(i), costs.get(i));
        }
        ObjectNode shared = root.putObject("shared");
        settings(shared.putArray("settings"), service.sharedSettings());
        lines(shared.putArray("lines"), service.sharedLines());
        shared.put("monthlyTotal", cents(service.sharedTotal()));
        root.put("monthlyTotal", cents(service.monthlyTotal()));
        root.put("met", service.met());
        return write(root);
    }

    private static void settings(ArrayNode array, List<Setting> settings) {
        for (Setting s : settings) {
            array.addObject().put("key", s.key()).put("label", s.label()).put("value", s.value()).put("why", s.why());
        }
    }

    private static void lines(ArrayNode array, List<CostEstimate.Line> lines) {
        for (CostEstimate.Line l : lines) {
            array.addObject().put("key", l.key()).put("label", l.label()).put("quantity", round(l.quantity())).put("unit", l.unit())
                    .put("basis", l.basis()).put("unitPrice", l.unitPrice()).put("per", l.per()).put("priceText", l.priceText())
                    .put("monthly", cents(l.monthlyCost()));
        }
    }

    private static String write(ObjectNode root) {
        try {
            return Json.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void plan(ObjectNode root, List<Setting> planSettings, Plan plan, CostEstimate cost) {
        settings(root.putArray("settings"), planSettings);

        SimulationSummary sim = plan.simulation();
        ObjectNode simulation = root.putObject("simulation");
        simulation.putObject("profile").put("averageRps", sim.avgRps()).put("peakRps", sim.peakRps()).put("peakSeconds", sim.peakSeconds());
        simulation.put("toleranceSeconds", sim.toleranceSeconds());
        simulation.put("targetSeconds", round(sim.targetSeconds()));
        simulation.put("stepSeconds", sim.stepSeconds());
        simulation.putObject("processingMs").put("typical", sim.processingMs()).put("worst", sim.processingMsWorst())
                .put("consumerRateUses", "typical").put("ownBatchUses", "worst");
        simulation.put("batchSize", sim.batchSize());
        simulation.put("batchingWindowSeconds", sim.batchingWindowSeconds());
        number(simulation, "worstAgeSeconds", sim.worstAgeSeconds());
        number(simulation, "windowAgeSeconds", sim.windowAgeSeconds());
        number(simulation, "peakBacklogMessages", sim.peakBacklogMessages());
        simulation.put("drains", sim.drains());
        number(simulation, "drainSeconds", sim.drainSeconds());
        number(simulation, "longestWaitSeconds", sim.longestWaitSeconds());
        simulation.put("retentionSeconds", sim.retentionSeconds());
        simulation.put("withinTarget", sim.withinTarget());
        simulation.put("meetsTolerance", sim.meetsTolerance());
        simulation.put("outlivesRetention", sim.outlivesRetention());
        ObjectNode concurrency = simulation.putObject("concurrency");
        concurrency.put("chosen", sim.concurrency());
        concurrency.put("bound", sim.concurrencyBound());
        if (sim.neededConcurrency() > 0) {
            concurrency.put("needed", sim.neededConcurrency());
        } else {
            concurrency.putNull("needed");
        }
        number(concurrency, "oneLessWorstAgeSeconds", sim.oneLessWorstAgeSeconds());
        ArrayNode rows = simulation.putArray("summary");
        for (Setting row : sim.rows()) {
            rows.addObject().put("key", row.key()).put("label", row.label()).put("value", row.value()).put("why", row.why());
        }

        ObjectNode c = root.putObject("cost");
        c.put("region", cost.region()).put("currency", cost.currency()).put("priceDate", cost.priceDate())
                .put("priceDateNote", cost.priceDateNote()).put("freeTier", "ignored").put("hoursPerMonth", cost.hoursPerMonth());
        lines(c.putArray("lines"), cost.lines());
        c.put("monthlyTotal", cents(cost.monthlyTotal()));
        cost.sources().forEach(c.putArray("sources")::add);
        cost.notes().forEach(c.putArray("notes")::add);

        plan.warnings().forEach(root.putArray("warnings")::add);
    }

    /** Infinite or undefined numbers are null in JSON. */
    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, round(value));
        } else {
            node.putNull(field);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static double cents(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Left-aligned columns two spaces apart; the last column is not padded. */
    private static void columns(StringBuilder out, List<String[]> rows) {
        int n = rows.get(0).length;
        int[] width = new int[n];
        for (String[] row : rows) {
            for (int i = 0; i < n - 1; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                line.append(row[i]);
                if (i < n - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
