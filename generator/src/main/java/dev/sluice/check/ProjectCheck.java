package dev.sluice.check;

import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Service;
import dev.sluice.plan.Alarm;
import dev.sluice.plan.Plan;
import dev.sluice.plan.ServicePlan;
import dev.sluice.render.ProjectModel;
import dev.sluice.render.ProjectModels;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sluice check}'s rules: where a generated project's template drifted from what its plan rests on. Some rules
 * are AWS's (a consumer's queue must hide a message longer than the consumer may hold it), some the plan's own (a
 * number derived from the answers was edited by hand, so the answers no longer describe the project). Each rule is
 * stated once over either form's template ({@link Template}); each finding names the resource, the value found, the
 * rule and the limit.
 */
public final class ProjectCheck {
    /** AWS's defaults for what a template may leave out. */
    static final BigDecimal DEFAULT_VISIBILITY_TIMEOUT = BigDecimal.valueOf(30);
    static final BigDecimal DEFAULT_FUNCTION_TIMEOUT = BigDecimal.valueOf(3);
    static final BigDecimal DEFAULT_BATCH_SIZE = BigDecimal.TEN;
    static final BigDecimal DEFAULT_RETENTION = BigDecimal.valueOf(345_600);
    /** Lambda's rule for an SQS consumer: the visibility timeout at least 6 × the function timeout + the window. */
    static final int TIMEOUTS_PER_VISIBILITY = 6;
    /** The largest batch a FIFO queue's event source takes. */
    static final BigDecimal FIFO_MAX_BATCH = BigDecimal.TEN;
    /** What to do about a planned number edited by hand: the answers then no longer describe the project. */
    static final String UPDATE = "change the answers and run `sluice update` instead of editing it by hand";

    private ProjectCheck() {}

    /**
     * Findings for the project at root (a Path on any FileSystem), whose answers validate to service; empty when it
     * keeps every rule. A resource the rules need and cannot find is a finding too: the project no longer has the
     * shape the check knows.
     *
     * @throws InvalidAnswerException if there is no template to read: a SAM project without template.yaml, a CDK
     *                                project not synthesized yet
     */
    public static List<Finding> check(Path root, Service service, ServicePlan plan) {
        Template template = Files.exists(root.resolve(CdkTemplate.MARKER)) ? CdkTemplate.read(root, service.name())
                : SamTemplate.read(root);
        List<ProjectModel.Endpoint> endpoints = ProjectModels.endpoints(service);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            try {
                consumer(template.consumer(endpoints.get(i)), endpoints.get(i), plan.endpoints().get(i), messages);
            } catch (Template.MissingResource e) {
                messages.add(e.getMessage());
            }
        }
        for (Alarm alarm : plan.sharedAlarms()) {
            threshold(template, null, alarm, messages);
        }
        for (int i = 0; i < endpoints.size(); i++) {
            for (Alarm alarm : plan.endpoints().get(i).observability().ownAlarms()) {
                threshold(template, endpoints.get(i), alarm, messages);
            }
        }
        return messages.stream().map(m -> new Finding(template.file(), m)).toList();
    }

    /** The rules on one endpoint's queues and event source. */
    private static void consumer(Template.Consumer c, ProjectModel.Endpoint endpoint, Plan plan, List<String> messages) {
        Template.Resource queue = c.queue();
        Template.Resource mapping = c.mapping();
        BigDecimal visibility = number(queue.get("VisibilityTimeout"), DEFAULT_VISIBILITY_TIMEOUT);
        BigDecimal timeout = number(c.functionTimeout(), DEFAULT_FUNCTION_TIMEOUT);
        BigDecimal window = number(mapping.get("MaximumBatchingWindowInSeconds"), BigDecimal.ZERO);
        if (visibility != null && timeout != null && window != null) {
            BigDecimal least = timeout.multiply(BigDecimal.valueOf(TIMEOUTS_PER_VISIBILITY)).add(window);
            if (visibility.compareTo(least) < 0) {
                messages.add(queue.name() + ": VisibilityTimeout " + text(visibility) + " s is below " + TIMEOUTS_PER_VISIBILITY
                        + " × the function timeout (" + text(timeout) + " s) + the batching window (" + text(window) + " s) = "
                        + text(least) + " s");
            }
        }
        BigDecimal batch = number(mapping.get("BatchSize"), DEFAULT_BATCH_SIZE);
        Object fifo = queue.get("FifoQueue");
        if ((Boolean.TRUE.equals(fifo) || "true".equals(fifo)) && batch != null && batch.compareTo(FIFO_MAX_BATCH) > 0) {
            messages.add(mapping.name() + ": BatchSize " + text(batch) + " is above " + text(FIFO_MAX_BATCH)
                    + ", the most a FIFO queue's event source takes (" + queue.name() + " is FIFO)");
        }
        Template.Resource dlq = c.deadLetterQueue();
        BigDecimal retention = number(queue.get("MessageRetentionPeriod"), DEFAULT_RETENTION);
        BigDecimal dlqRetention = number(dlq.get("MessageRetentionPeriod"), DEFAULT_RETENTION);
        if (retention != null && dlqRetention != null && dlqRetention.compareTo(retention) <= 0) {
            messages.add(dlq.name() + ": MessageRetentionPeriod " + text(dlqRetention) + " s is not above its source queue's ("
                    + queue.name() + ", " + text(retention) + " s): a dead-lettered message keeps its first enqueue time, so"
                    + " the dead-letter queue must keep it longer or it expires on arrival");
        }
        Object concurrency = mapping.get("ScalingConfig", "MaximumConcurrency");
        BigDecimal planned = BigDecimal.valueOf(plan.maxConcurrency());
        if (drifted(concurrency, planned)) {
            messages.add(mapping.name() + ": " + drift("ScalingConfig.MaximumConcurrency", concurrency, planned) + " for POST "
                    + endpoint.path() + ": " + UPDATE);
        }
    }

    /** An alarm's threshold against the plan's; an anomaly band (no threshold) is not compared. */
    private static void threshold(Template template, ProjectModel.Endpoint endpoint, Alarm alarm, List<String> messages) {
        if (alarm.threshold() == null) {
            return;
        }
        Template.Resource declared;
        try {
            declared = template.alarm(endpoint, alarm);
        } catch (Template.MissingResource e) {
            messages.add(e.getMessage());
            return;
        }
        Object value = declared.get("Threshold");
        BigDecimal planned = new BigDecimal(alarm.thresholdText());
        if (drifted(value, planned)) {
            messages.add(declared.name() + ": " + drift("Threshold", value, planned) + " for this alarm (" + alarm.title()
                    + "): " + UPDATE);
        }
    }

    /** Whether a planned number was removed or changed; a value that is not a number (a parameter's) is left alone. */
    private static boolean drifted(Object value, BigDecimal planned) {
        return value == null || (number(value) != null && number(value).compareTo(planned) != 0);
    }

    /** {@code Threshold 2000 differs from the plan's 1000}, {@code Threshold is absent, not the plan's 1000}. */
    private static String drift(String property, Object value, BigDecimal planned) {
        return property + (value == null ? " is absent, not" : " " + text(number(value)) + " differs from") + " the plan's "
                + text(planned);
    }

    /** The value as a number, or fallback if it is absent. */
    private static BigDecimal number(Object value, BigDecimal fallback) {
        return value == null ? fallback : number(value);
    }

    /**
     * A number as a template states it: a YAML or JSON number, or its text (CloudFormation takes "558" for 558); null
     * for anything else (a {@code !Ref} to a parameter, say), which the rules cannot compare and leave alone.
     */
    static BigDecimal number(Object value) {
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** {@code 558}, {@code 0.01}: as the templates write numbers. */
    private static String text(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
