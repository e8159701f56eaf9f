package dev.sluice.update;

import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Limits;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * New answers from a project's recorded ones: flags applied to the service and to one endpoint, or an endpoint added.
 * The record lists every endpoint with all its answers, so an endpoint's flag changes that endpoint alone.
 */
public final class AnswerChanges {
    /** The flag naming the endpoint that endpoint flags change. */
    public static final String ENDPOINT_FLAG = "--endpoint";

    private AnswerChanges() {}

    /**
     * {@code recorded} with {@code flags}: a service question's answer replaces the service's, an endpoint question's
     * the one of the endpoint at {@code endpointPath} (null: the only endpoint).
     */
    public static RawAnswers apply(RawAnswers recorded, RawAnswers flags, String endpointPath) {
        RawAnswers service = RawAnswers.empty();
        RawAnswers endpoint = RawAnswers.empty();
        for (Map.Entry<Question, Object> answer : flags.asMap().entrySet()) {
            if (answer.getKey().scope() == Question.Scope.SERVICE) {
                service = service.with(answer.getKey(), answer.getValue());
            } else {
                endpoint = endpoint.with(answer.getKey(), answer.getValue());
            }
        }
        List<RawAnswers> endpoints = new ArrayList<>(recorded.endpoints());
        int index = endpointPath == null ? -1 : indexOf(endpoints, endpointPath);
        if (!endpoint.asMap().isEmpty()) {
            if (index < 0 && endpoints.size() > 1) {
                Map.Entry<Question, Object> first = endpoint.asMap().entrySet().iterator().next();
                throw new InvalidAnswerException(first.getKey().flag(), first.getValue(), "answers one endpoint, but the service has "
                        + endpoints.size(), ENDPOINT_FLAG + " PATH naming one of " + paths(endpoints));
            }
            int at = Math.max(index, 0);
            endpoints.set(at, followDerivedDefault(endpoints.get(at), endpoint).overriddenBy(endpoint));
        }
        return recorded.overriddenBy(service).withEndpoints(endpoints);
    }

    /** {@link #apply} as a change of the recorded answers, the endpoint named checked first (null: the only one). */
    public static java.util.function.UnaryOperator<RawAnswers> change(RawAnswers flags, String endpointPath) {
        return recorded -> {
            if (endpointPath != null) {
                requireEndpoint(recorded, endpointPath);
            }
            return apply(recorded, flags, endpointPath);
        };
    }

    /**
     * The worst processing time defaults to a multiple of the typical one; recorded at that multiple, it was (as far as
     * the record tells) the default, and follows a new typical time rather than contradict it.
     */
    private static RawAnswers followDerivedDefault(RawAnswers recorded, RawAnswers changes) {
        if (!changes.has(Question.PROCESSING_MS) || changes.has(Question.PROCESSING_MS_WORST)) {
            return recorded;
        }
        Object typical = recorded.get(Question.PROCESSING_MS).orElse(null);
        Object worst = recorded.get(Question.PROCESSING_MS_WORST).orElse(null);
        if (typical instanceof Number t && worst instanceof Number w
                && w.longValue() == Limits.defaultProcessingMsWorst(t.intValue())) {
            return recorded.with(Question.PROCESSING_MS_WORST, null);
        }
        return recorded;
    }

    /**
     * {@code recorded} with one more endpoint, answered by {@code endpoint} (its path included); an answer it lacks
     * takes the built-in default, but its authorization is the service's when every endpoint has the same.
     */
    public static RawAnswers addEndpoint(RawAnswers recorded, RawAnswers endpoint) {
        String path = endpoint.get(Question.PATH).map(String::valueOf).orElseThrow();
        List<RawAnswers> endpoints = new ArrayList<>(recorded.endpoints());
        if (indexOf(endpoints, path) >= 0) {
            throw new InvalidAnswerException("PATH", path, "is already an endpoint of this service", "a path no endpoint has; to change it: sluice update "
                    + ENDPOINT_FLAG + " " + path + " --FLAG VALUE");
        }
        List<Object> auths = endpoints.stream().map(e -> e.get(Question.AUTH).orElse(null)).distinct().toList();
        RawAnswers added = endpoint;
        if (!endpoint.has(Question.AUTH) && auths.size() == 1 && auths.get(0) != null) {
            added = added.with(Question.AUTH, auths.get(0));
        }
        endpoints.add(added);
        return recorded.withEndpoints(endpoints);
    }

    private static String paths(List<RawAnswers> endpoints) {
        return endpoints.stream().map(e -> String.valueOf(e.get(Question.PATH).orElse(""))).collect(Collectors.joining(", "));
    }

    private static int indexOf(List<RawAnswers> endpoints, String path) {
        for (int i = 0; i < endpoints.size(); i++) {
            if (path.equals(String.valueOf(endpoints.get(i).get(Question.PATH).orElse("")))) {
                return i;
            }
        }
        return -1;
    }

    /** Bad input naming the paths there are when no recorded endpoint has {@code path}. */
    private static void requireEndpoint(RawAnswers recorded, String path) {
        if (indexOf(recorded.endpoints(), path) < 0) {
            throw new InvalidAnswerException(ENDPOINT_FLAG, path, "is not an endpoint of this service", "one of " + paths(recorded.endpoints()));
        }
    }
}
