package dev.sluice.answers;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers as given, before validation: from flags, an answers file or the wizard. A value is a
 * {@link String}, a {@link Number} or {@link Boolean} (answers file only), a list of strings
 * ({@link Question#FIELDS}), or a {@link java.nio.file.Path} already resolved against where it was
 * written ({@link Question#SCHEMA}, {@link Question#EXAMPLE}).
 */
public final class RawAnswers {
    private final Map<Question, Object> values;
    private final List<RawAnswers> endpoints;

    private RawAnswers(Map<Question, Object> values, List<RawAnswers> endpoints) {
        this.values = values;
        this.endpoints = endpoints;
    }

    private RawAnswers(Map<Question, Object> values) {
        this(values, List.of());
    }

    public static RawAnswers empty() {
        return new RawAnswers(new EnumMap<>(Question.class));
    }

    /**
     * A service of several endpoints: these answers are the service's (and the defaults of every endpoint), each of
     * {@code endpoints} one endpoint's own. Empty: a one-endpoint service whose endpoint answers are these.
     */
    public RawAnswers withEndpoints(List<RawAnswers> endpoints) {
        return new RawAnswers(values, List.copyOf(endpoints));
    }

    /** The endpoints' own answers, in order; empty for a one-endpoint service answered at the top level. */
    public List<RawAnswers> endpoints() {
        return endpoints;
    }

    public RawAnswers with(Question question, Object value) {
        EnumMap<Question, Object> copy = new EnumMap<>(Question.class);
        copy.putAll(values);
        if (value == null) {
            copy.remove(question);
        } else {
            copy.put(question, value instanceof List<?> list ? List.copyOf(list) : value);
        }
        return new RawAnswers(copy, endpoints);
    }

    /**
     * These answers, overridden by every answer {@code other} has. The three payload forms replace
     * each other: a payload given in {@code other} drops the one given here.
     */
    public RawAnswers overriddenBy(RawAnswers other) {
        EnumMap<Question, Object> merged = new EnumMap<>(Question.class);
        merged.putAll(values);
        if (PAYLOAD_FORMS.stream().anyMatch(other.values::containsKey)) {
            PAYLOAD_FORMS.forEach(merged::remove);
        }
        merged.putAll(other.values);
        return new RawAnswers(merged, other.endpoints.isEmpty() ? endpoints : other.endpoints);
    }

    /**
     * Answers from a file ({@code this}) overridden by flags or properties given beside it ({@code source} names the
     * file). A file that lists endpoints takes no endpoint answer from beside it but the service's default
     * authorization: such an answer would be every endpoint's and be silently outdone by each endpoint's own.
     */
    public RawAnswers overriddenByGiven(RawAnswers given, String source) {
        if (!endpoints.isEmpty()) {
            for (Question question : given.values.keySet()) {
                if (question.scope() == Question.Scope.ENDPOINT && question != Question.AUTH) {
                    throw new InvalidAnswerException(question.flag(), given.values.get(question), "answers one endpoint, but "
                            + source + " lists " + endpoints.size() + " (endpoints:)",
                            "the key " + question.key() + " in an endpoint of the answers file");
                }
            }
        }
        return overriddenBy(given);
    }

    static final List<Question> PAYLOAD_FORMS = List.of(Question.FIELDS, Question.SCHEMA, Question.EXAMPLE);

    public Optional<Object> get(Question question) {
        return Optional.ofNullable(values.get(question));
    }

    public boolean has(Question question) {
        return values.containsKey(question);
    }

    public Map<Question, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return "RawAnswers" + values + (endpoints.isEmpty() ? "" : " endpoints " + endpoints);
    }
}
