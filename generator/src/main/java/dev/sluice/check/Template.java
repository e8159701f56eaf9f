package dev.sluice.check;

import dev.sluice.plan.Alarm;
import dev.sluice.render.ProjectModel;
import java.util.Map;

/**
 * What the rules read of a project's deployed template, whichever form wrote it ({@link SamTemplate},
 * {@link CdkTemplate}): each finds the generator's resources by the names it gave them, so that
 * {@link ProjectCheck} states each rule once. Both forms spell the properties the rules read alike (an SQS event of a
 * SAM function holds the same keys as an {@code AWS::Lambda::EventSourceMapping}).
 */
interface Template {
    /** The file the findings name, relative to the project. */
    String file();

    /** The endpoint's queue, dead-letter queue, consumer and event source; {@link MissingResource} if one is gone. */
    Consumer consumer(ProjectModel.Endpoint endpoint);

    /**
     * The alarm as the template declares it: one of the service's alarms on its API (endpoint null) or one of the
     * endpoint's own; {@link MissingResource} if it is gone.
     */
    Resource alarm(ProjectModel.Endpoint endpoint, Alarm alarm);

    /**
     * A resource, or part of one, and its properties.
     *
     * @param name how the findings name it: its logical id, or where in a resource it is
     *             ({@code ConsumerFunction.Events.Queue})
     */
    record Resource(String name, Map<?, ?> properties) {
        /** The value at the path of keys, or null where any of them is absent. */
        Object get(String... path) {
            Object value = properties;
            for (String key : path) {
                if (!(value instanceof Map<?, ?> map)) {
                    return null;
                }
                value = map.get(key);
            }
            return value;
        }
    }

    /**
     * One endpoint's consumer.
     *
     * @param functionTimeout the function's Timeout as written (a SAM template may state it in Globals); null if unstated
     * @param mapping         the event source: BatchSize, MaximumBatchingWindowInSeconds, ScalingConfig
     */
    record Consumer(Resource queue, Resource deadLetterQueue, Object functionTimeout, Resource mapping) {}

    /** A resource the rules need is not in the template, or not where the generator put it. */
    final class MissingResource extends RuntimeException {
        MissingResource(String name, String what) {
            super(name + ": not found (" + what + "); sluice check finds resources by the names Sluice generated");
        }
    }
}
