package dev.sluice.answers;

import dev.sluice.payload.InvalidPayloadException;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A bad answer: names the question, the value given and what is accepted, in one line.
 * The CLI prints {@link #getMessage()} and exits 2; nothing is written.
 */
public final class InvalidAnswerException extends RuntimeException {
    private final String question;
    private final String value;
    private final String reason;
    private final String accepted;
    private final Question asked;
    private final int endpoint;

    public InvalidAnswerException(Question question, Object value, String reason) {
        this(question.flag(), value, reason, question.accepted());
    }

    /** A payload the question's answer describes cannot be used: the payload's problem, named by the question. */
    public InvalidAnswerException(Question question, InvalidPayloadException problem) {
        this(question, problem.value(), problem.reason());
        initCause(problem);
    }

    /** {@code question} as the message names it; a question's flag or key is also {@link #asked()}. */
    public InvalidAnswerException(String question, Object value, String reason, String accepted) {
        this(question, value, reason, accepted, Arrays.stream(Question.values())
                .filter(q -> q.flag().equals(question) || q.key().equals(question)).findFirst().orElse(null), 0);
    }

    private InvalidAnswerException(String question, Object value, String reason, String accepted, Question asked, int endpoint) {
        super(question + ": " + quote(value) + " " + reason + "; accepted: " + accepted);
        this.question = question;
        this.value = value == null ? null : String.valueOf(value);
        this.reason = reason;
        this.accepted = accepted;
        this.asked = asked;
        this.endpoint = endpoint;
    }

    /**
     * The same answer found bad, named {@code question} in the message, and known to be {@code asked} of the service's
     * {@code endpoint}-th endpoint (from 1; 0: the service's, or its only endpoint's): where a form shows the message.
     */
    public InvalidAnswerException at(String question, Question asked, int endpoint) {
        InvalidAnswerException named = new InvalidAnswerException(question, value, reason, accepted, asked, endpoint);
        named.initCause(getCause() != null ? getCause() : this);
        return named;
    }

    private static String quote(Object value) {
        if (value == null) {
            return "(no value)";
        }
        String text = String.valueOf(value).replace("\n", "\\n").replace("\r", "\\r");
        return "'" + text + "'";
    }

    public String question() {
        return question;
    }

    public String value() {
        return value;
    }

    public String reason() {
        return reason;
    }

    public String accepted() {
        return accepted;
    }

    /** The question whose answer is bad, where one is. */
    public Optional<Question> asked() {
        return Optional.ofNullable(asked);
    }

    /** The endpoint whose answer is bad, from 1, where the service lists its endpoints. */
    public OptionalInt endpoint() {
        return endpoint == 0 ? OptionalInt.empty() : OptionalInt.of(endpoint);
    }
}
