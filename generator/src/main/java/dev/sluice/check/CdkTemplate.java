package dev.sluice.check;

import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.plan.Alarm;
import dev.sluice.render.ProjectModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The CDK form's synthesized template, {@code cdk.out/<stack>.template.json}: CDK's logical ids end in hashes, so its
 * resources are found by their construct paths ({@code Metadata."aws:cdk:path"}), as templates/cdk builds them: the
 * stack (its id is the project's name), the endpoint's construct ({@link ProjectModel.Endpoint#constructId}), then
 * {@code Queue}, {@code ConsumerFunction}, the event source under {@code ConsumerAlias}, or the alarm's id; the API's
 * alarms directly under the stack.
 */
final class CdkTemplate implements Template {
    /** What tells a CDK project. */
    static final String MARKER = "cdk.json";

    private final String file;
    private final String stack;
    private final CloudFormationTemplate template;

    private CdkTemplate(String file, String stack, CloudFormationTemplate template) {
        this.file = file;
        this.stack = stack;
        this.template = template;
    }

    /** @throws InvalidAnswerException if the template was not synthesized, or is not readable */
    static CdkTemplate read(Path root, String stack) {
        String file = "cdk.out/" + stack + ".template.json";
        if (!Files.isRegularFile(root.resolve(file))) {
            throw new InvalidAnswerException("check", file, "is missing: synthesize it first (mvn package, then npx cdk synth)",
                    "a CDK project with its synthesized template");
        }
        return new CdkTemplate(file, stack, CloudFormationTemplate.read(root, file));
    }

    @Override
    public String file() {
        return file;
    }

    @Override
    public Consumer consumer(ProjectModel.Endpoint endpoint) {
        String at = stack + "/" + endpoint.constructId() + "/";
        String of = " of POST " + endpoint.path();
        Resource queue = at(at + "Queue/Resource", "the queue" + of);
        Resource function = at(at + "ConsumerFunction/Resource", "the consumer" + of);
        // CDK names the SqsEventSource's mapping after the queue's path and a hash: the one mapping under the alias.
        String alias = at + "ConsumerAlias/";
        Resource mapping = find(d -> "AWS::Lambda::EventSourceMapping".equals(d.get("Type")) && path(d).startsWith(alias))
                .orElseThrow(() -> new MissingResource(alias + "*", "the consumer's event source" + of));
        return new Consumer(queue, template.deadLetterQueue(queue), function.get("Timeout"), mapping);
    }

    @Override
    public Resource alarm(ProjectModel.Endpoint endpoint, Alarm alarm) {
        String at = stack + "/" + (endpoint == null ? "" : endpoint.constructId() + "/");
        return at(at + alarm.id() + "/Resource", "the plan's " + alarm.title() + " alarm");
    }

    /** The resource at that construct path. */
    private Resource at(String path, String what) {
        return find(d -> path(d).equals(path)).orElseThrow(() -> new MissingResource(path, what));
    }

    /** The first resource whose declaration matches, named by its logical id. */
    private Optional<Resource> find(Predicate<Map<?, ?>> declaration) {
        return template.resources().entrySet().stream()
                .filter(r -> r.getValue() instanceof Map<?, ?> d && declaration.test(d))
                .map(r -> CloudFormationTemplate.resource(String.valueOf(r.getKey()), (Map<?, ?>) r.getValue()))
                .findFirst();
    }

    private static String path(Map<?, ?> declaration) {
        return declaration.get("Metadata") instanceof Map<?, ?> metadata && metadata.get("aws:cdk:path") instanceof String path
                ? path : "";
    }
}
