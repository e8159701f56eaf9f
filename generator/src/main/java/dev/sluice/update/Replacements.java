package dev.sluice.update;

import dev.sluice.check.CloudFormationYaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a deploy of the updated template would destroy with its data, read from the SAM template before and after:
 * a queue or table whose logical id goes (CloudFormation deletes it, and creates the new id's resource empty), or
 * whose property that cannot change in place changes (CloudFormation replaces it: a queue becoming FIFO, a table's
 * key). Messages still in such a queue, and idempotency records in such a table, are lost.
 */
public final class Replacements {
    /** The stateful resource types, and for each the properties whose change replaces the resource (AWS's docs). */
    static final Map<String, Set<String>> STATEFUL = Map.of(
            "AWS::SQS::Queue", Set.of("FifoQueue", "QueueName"),
            "AWS::DynamoDB::Table", Set.of("TableName", "KeySchema"));

    private Replacements() {}

    /** One line per queue or table lost; empty when the templates do not parse as mappings or nothing stateful goes. */
    public static List<String> between(byte[] before, byte[] after) {
        Map<?, ?> old = resources(before);
        Map<?, ?> now = resources(after);
        List<String> lines = new ArrayList<>();
        for (Map.Entry<?, ?> resource : old.entrySet()) {
            String type = type(resource.getValue());
            Set<String> replacing = STATEFUL.get(type);
            if (replacing == null) {
                continue;
            }
            Object next = now.get(resource.getKey());
            if (next == null || !type.equals(type(next))) {
                lines.add(resource.getKey() + " (" + type + ") is no longer in template.yaml: CloudFormation deletes it with what it holds");
                continue;
            }
            for (String property : replacing) {
                if (!Objects.equals(property(resource.getValue(), property), property(next, property))) {
                    lines.add(resource.getKey() + " (" + type + "): its " + property + " changes, so CloudFormation replaces it and what it holds is lost");
                }
            }
        }
        return lines;
    }

    private static Map<?, ?> resources(byte[] template) {
        if (template == null) {
            return Map.of();
        }
        try {
            Object document = CloudFormationYaml.load(new String(template, StandardCharsets.UTF_8), "template.yaml");
            return document instanceof Map<?, ?> map && map.get("Resources") instanceof Map<?, ?> resources ? resources : Map.of();
        } catch (RuntimeException unreadable) {
            return Map.of(); // a template the team broke, or one with conflict markers: nothing can be said
        }
    }

    private static String type(Object declaration) {
        return declaration instanceof Map<?, ?> map ? String.valueOf(map.get("Type")) : "";
    }

    private static Object property(Object declaration, String name) {
        return declaration instanceof Map<?, ?> map && map.get("Properties") instanceof Map<?, ?> properties ? properties.get(name) : null;
    }
}
