package dev.sluice.check;

import dev.sluice.answers.InvalidAnswerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** A template's top-level sections and its resources by logical id: what both forms' readers look things up in. */
final class CloudFormationTemplate {
    private final Map<?, ?> document;
    private final Map<?, ?> resources;

    private CloudFormationTemplate(Map<?, ?> document) {
        this.document = document;
        this.resources = document.get("Resources") instanceof Map<?, ?> map ? map : Map.of();
    }

    /**
     * The template at file under root.
     *
     * @throws InvalidAnswerException if it is not a YAML (or JSON) mapping: nothing can be checked
     */
    static CloudFormationTemplate read(Path root, String file) {
        Object document;
        try {
            document = CloudFormationYaml.load(Files.readString(root.resolve(file)), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (YamlEngineException e) {
            String first = e.getMessage().lines().findFirst().orElse("").trim();
            throw new InvalidAnswerException("check", file, "is not valid YAML (" + first + ")", "a CloudFormation template");
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new InvalidAnswerException("check", file, "is not a mapping", "a CloudFormation template");
        }
        return new CloudFormationTemplate(map);
    }

    /** A top-level section ({@code Globals}), empty if absent. */
    Map<?, ?> section(String name) {
        return document.get(name) instanceof Map<?, ?> map ? map : Map.of();
    }

    /** Each resource's logical id and declaration, in the template's order. */
    Map<?, ?> resources() {
        return resources;
    }

    /** The resource of that logical id, with its properties. */
    Optional<Template.Resource> resource(String id) {
        return resources.get(id) instanceof Map<?, ?> declaration ? Optional.of(resource(id, declaration)) : Optional.empty();
    }

    static Template.Resource resource(String id, Map<?, ?> declaration) {
        return new Template.Resource(id, declaration.get("Properties") instanceof Map<?, ?> p ? p : Map.of());
    }

    /** The queue's dead-letter queue: the resource whose Arn its RedrivePolicy's deadLetterTargetArn gets. */
    Template.Resource deadLetterQueue(Template.Resource queue) {
        String where = queue.name() + ".RedrivePolicy.deadLetterTargetArn";
        if (queue.get("RedrivePolicy", "deadLetterTargetArn") instanceof Map<?, ?> target
                && target.get("Fn::GetAtt") instanceof List<?> getAtt && getAtt.size() == 2 && "Arn".equals(getAtt.get(1))) {
            return resource(String.valueOf(getAtt.get(0)))
                    .orElseThrow(() -> new Template.MissingResource(String.valueOf(getAtt.get(0)), "the dead-letter queue " + where + " names"));
        }
        throw new Template.MissingResource(where, "the Arn of the queue's dead-letter queue in this template");
    }
}
