package dev.sluice.check;

import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.plan.Alarm;
import dev.sluice.render.ProjectModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The SAM form's template.yaml, its resources found by the logical ids templates/sam/template.yaml.peb gives them:
 * the endpoint's id prefix ("" for a one-endpoint service) and {@code Queue}, {@code ConsumerFunction} (whose SQS event
 * is {@code Queue}) or the alarm's id; the API's alarms unprefixed.
 */
final class SamTemplate implements Template {
    static final String FILE = "template.yaml";

    private final CloudFormationTemplate template;

    private SamTemplate(CloudFormationTemplate template) {
        this.template = template;
    }

    /** @throws InvalidAnswerException if the project has no template.yaml, or not a readable one */
    static SamTemplate read(Path root) {
        if (!Files.isRegularFile(root.resolve(FILE))) {
            throw new InvalidAnswerException("check", FILE, "is missing: run sluice check in a project Sluice generated",
                    "a SAM project (template.yaml) or a CDK project (cdk.json) at the current folder");
        }
        return new SamTemplate(CloudFormationTemplate.read(root, FILE));
    }

    @Override
    public String file() {
        return FILE;
    }

    @Override
    public Consumer consumer(ProjectModel.Endpoint endpoint) {
        String p = endpoint.idPrefix();
        String of = " of POST " + endpoint.path();
        Resource queue = template.resource(p + "Queue").orElseThrow(() -> new MissingResource(p + "Queue", "the queue" + of));
        Resource function = template.resource(p + "ConsumerFunction")
                .orElseThrow(() -> new MissingResource(p + "ConsumerFunction", "the consumer" + of));
        String event = function.name() + ".Events.Queue";
        if (!(function.get("Events", "Queue", "Properties") instanceof Map<?, ?> mapping)) {
            throw new MissingResource(event, "the consumer's SQS event" + of);
        }
        // A function states its Timeout, or takes the one Globals gives every function.
        Object timeout = function.get("Timeout") != null ? function.get("Timeout")
                : template.section("Globals").get("Function") instanceof Map<?, ?> globals ? globals.get("Timeout") : null;
        return new Consumer(queue, template.deadLetterQueue(queue), timeout, new Resource(event, mapping));
    }

    @Override
    public Resource alarm(ProjectModel.Endpoint endpoint, Alarm alarm) {
        String id = (endpoint == null ? "" : endpoint.idPrefix()) + alarm.id();
        return template.resource(id).orElseThrow(() -> new MissingResource(id, "the plan's " + alarm.title() + " alarm"));
    }
}
