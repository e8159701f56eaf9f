package dev.sluice.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One CloudWatch alarm as every form renders it: the SAM template and the CDK stack declare it, the README's
 * table and {@code sluice plan} explain it, the cost model bills its metrics. Built only by
 * {@link Observability#alarms}.
 *
 * @param key               the plan's setting key ({@code alarmOldestAge})
 * @param id                the logical id in both forms ({@code OldestMessageAgeAlarm})
 * @param name              the alarm's name after the stack's ({@code oldest-message-age})
 * @param title             what it watches, for the plan ({@code oldest message age})
 * @param condition         when it fires, tersely, for the plan ({@code > 300 s})
 * @param reason            why the threshold is what it is
 * @param firesWhen         when it fires, as a sentence's end, for the README
 * @param description       what it means and the first thing to do: the AlarmDescription
 * @param metrics           the one metric it compares, or the inputs of {@code expression} by their ids
 * @param expression        metric math over {@code metrics}, or null
 * @param expressionId      the expression's id ({@code timeToDrain}); null without an expression
 * @param expressionLabel   the expression's label; null without an expression
 * @param evaluationPeriods periods evaluated
 * @param datapointsToAlarm of those, how many breach before it fires
 * @param comparison        how the data meets the threshold
 * @param threshold         the threshold; null for an anomaly band (the expression is the threshold)
 */
public record Alarm(
        String key,
        String id,
        String name,
        String title,
        String condition,
        String reason,
        String firesWhen,
        String description,
        List<Metric> metrics,
        String expression,
        String expressionId,
        String expressionLabel,
        int evaluationPeriods,
        int datapointsToAlarm,
        Comparison comparison,
        Number threshold) {

    /** The width of the description's lines in a YAML folded scalar, which joins them with spaces. */
    public static final int DESCRIPTION_WIDTH = 104;
    /** The width of the description's pieces in Java, concatenated with spaces. */
    public static final int JAVA_DESCRIPTION_WIDTH = 88;

    public Alarm {
        metrics = List.copyOf(metrics);
        if ((expression == null) != (metrics.size() == 1 && metrics.get(0).id() == null)) {
            throw new IllegalArgumentException(id + ": one metric without an id, or an expression over metrics with ids");
        }
        if ((threshold == null) != comparison.band()) {
            throw new IllegalArgumentException(id + ": a threshold unless the comparison is with an anomaly band");
        }
    }

    /** Where a metric comes from; each form names the resource its own way. */
    public enum Source {
        /** The API's stage: dimensions ApiName and Stage. */
        API,
        /** The queue: dimension QueueName. */
        QUEUE,
        /** The dead-letter queue: dimension QueueName. */
        DEAD_LETTER_QUEUE,
        /** The consumer function: dimension FunctionName. */
        FUNCTION,
        /** The consumer's own metrics (EMF): the project's namespace, dimension Service = the stack. */
        SERVICE
    }

    /**
     * A metric at one statistic and period.
     *
     * @param id        its id in metric math; null for an alarm's one metric
     * @param statistic {@code Maximum}, {@code Sum}, {@code Average} or a percentile ({@code p99})
     */
    public record Metric(String id, Source source, String namespace, String name, String statistic, int periodSeconds) {
        /** A percentile is an ExtendedStatistic in CloudFormation's single-metric alarm. */
        public boolean percentile() {
            return statistic.startsWith("p");
        }
    }

    /** CloudFormation's ComparisonOperator; {@code band} compares with an anomaly detection band. */
    public enum Comparison {
        GREATER_THAN_THRESHOLD("GreaterThanThreshold", false),
        GREATER_THAN_OR_EQUAL_TO_THRESHOLD("GreaterThanOrEqualToThreshold", false),
        GREATER_THAN_UPPER_THRESHOLD("GreaterThanUpperThreshold", true);

        private final String cfn;
        private final boolean band;

        Comparison(String cfn, boolean band) {
            this.cfn = cfn;
            this.band = band;
        }

        /** As CloudFormation spells it. */
        public String cfn() {
            return cfn;
        }

        /** The CDK's constant, {@code ComparisonOperator.} this enum's name. */
        public String cdk() {
            return name();
        }

        public boolean band() {
            return band;
        }
    }

    /** The alarm's one metric; only for an alarm without an expression. */
    public Metric metric() {
        if (expression != null) {
            throw new IllegalStateException(id + " is metric math");
        }
        return metrics.get(0);
    }

    /** Metric math's inputs return data only for an anomaly band, which CloudWatch draws around the metric. */
    public boolean inputsReturnData() {
        return comparison.band();
    }

    /** The period of the expression: its inputs'. */
    public int expressionPeriodSeconds() {
        return metrics.get(0).periodSeconds();
    }

    /** The threshold as both forms write it: {@code 300}, {@code 0.01}; null for an anomaly band. */
    public String thresholdText() {
        return threshold == null ? null : new BigDecimal(threshold.toString()).stripTrailingZeros().toPlainString();
    }

    /**
     * The metrics CloudWatch bills the alarm for: one per metric it reads, and an anomaly band's two bounds
     * (each a metric of its own).
     */
    public int billedMetrics() {
        return metrics.size() + (comparison.band() ? 2 : 0);
    }

    /**
     * Whether the alarm watches the REST API, which a service's endpoints share: a service has one set of these,
     * not one an endpoint.
     */
    public boolean shared() {
        return metrics.stream().allMatch(m -> m.source() == Source.API);
    }

    /** The plan's line for the alarm. */
    public Setting setting() {
        return new Setting(key, "Alarm: " + title, condition, reason);
    }

    /** The description in lines of at most {@link #DESCRIPTION_WIDTH} characters, for a YAML folded scalar. */
    public List<String> descriptionLines() {
        return wrap(description, DESCRIPTION_WIDTH);
    }

    /**
     * The description as Java string literals to concatenate, one a line: the first as it starts, every other
     * with the space that separates it from the line before.
     */
    public List<String> descriptionJavaLiterals() {
        return javaLiterals(description, JAVA_DESCRIPTION_WIDTH);
    }

    /** Text as Java string literals of about width characters to concatenate: every one after the first with its space. */
    static List<String> javaLiterals(String text, int width) {
        List<String> lines = wrap(text, width);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add('"' + (i == 0 ? "" : " ") + lines.get(i).replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }
        return out;
    }

    /** Words on lines of at most width characters (a longer word is a line of its own). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
