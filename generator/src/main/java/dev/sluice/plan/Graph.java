package dev.sluice.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * One graph of the dashboard, as both forms draw it: one-minute points of its lines (or of metric math over its
 * inputs), with the plan's limits as horizontal lines. Built only by {@link Observability#of}.
 *
 * @param title      the graph's title (both forms; GeneratedProjectsIT compares them)
 * @param x          its column, 0 to 23
 * @param y          its row's top
 * @param width      of the page's 24 columns
 * @param lines      the metrics it draws, each with its label; empty when it draws {@code expression}
 * @param expression metric math it draws instead of lines, or null
 * @param limits     the plan's limits, drawn as horizontal lines
 */
public record Graph(String title, int x, int y, int width, List<Line> lines, Expression expression, List<Limit> limits) {

    /** Every graph is this high; a row of graphs is as high. */
    public static final int HEIGHT = 6;
    /** Every graph draws one-minute points. */
    public static final int PERIOD_SECONDS = 60;

    public Graph {
        lines = List.copyOf(lines);
        limits = List.copyOf(limits);
        if (lines.isEmpty() == (expression == null)) {
            throw new IllegalArgumentException(title + ": lines or an expression");
        }
    }

    /** A metric drawn with a label; its statistic is the metric's, its period the graph's. */
    public record Line(Alarm.Metric metric, String label) {}

    /**
     * Metric math drawn as one line: {@code expression} over {@code inputs} (by their ids), which are hidden.
     *
     * @param id the expression's id
     */
    public record Expression(String id, String expression, String label, List<Alarm.Metric> inputs) {
        public Expression {
            inputs = List.copyOf(inputs);
        }

        /** Its inputs' period. */
        public int periodSeconds() {
            return inputs.get(0).periodSeconds();
        }
    }

    /** A horizontal line at a limit the plan derived. */
    public record Limit(String label, Number value) {
        /** As both forms write it: {@code 300}, {@code 0.5}. */
        public String valueText() {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
    }

    /** The statistic every line shares, which the graph may state once; null when they differ or it draws math. */
    public String statistic() {
        if (expression != null) {
            return null;
        }
        String first = lines.get(0).metric().statistic();
        return lines.stream().allMatch(l -> l.metric().statistic().equals(first)) ? first : null;
    }

    /** Graphs placed on the page, grouped into rows by their top (rows in order of their tops), each left to right. */
    public static List<Row> rows(List<Graph> graphs) {
        TreeMap<Integer, List<Graph>> byTop = new TreeMap<>();
        for (Graph graph : graphs) {
            byTop.computeIfAbsent(graph.y(), y -> new ArrayList<>()).add(graph);
        }
        return byTop.values().stream()
                .map(row -> new Row(row.stream().sorted(Comparator.comparingInt(Graph::x)).toList()))
                .toList();
    }

    /** A row of graphs, left to right, as high as one. */
    public record Row(List<Graph> graphs) {
        public Row {
            graphs = List.copyOf(graphs);
        }
    }
}
