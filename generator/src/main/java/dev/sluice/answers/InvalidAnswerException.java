package dev.sluice.answers;

import dev.sluice.payload.InvalidPayloadException;

/**
 * A bad answer: names the question, the value given and what is accepted, in one line.
 * The CLI prints {@link #getMessage()} and exits 2; nothing is written.
 */
public final class InvalidAnswerException extends RuntimeException {
    private final String question;
    private final String value;
    private final String reason;
    private final String accepted;

    public InvalidAnswerException(Question question, Object value, String reason) {
        this(question.flag(), value, reason, question.accepted());
    }

    /** A payload the question's answer describes cannot be used: the payload's problem, named by the question. */
    public InvalidAnswerException(Question question, InvalidPayloadException problem) {
        this(question, problem.value(), problem.reason());
        initCause(problem);
    }

    public InvalidAnswerException(String question, Object value, String reason, String accepted) {
        super(question + ": " + quote(value) + " " + reason + "; accepted: " + accepted);
        this.question = question;
        this.value = value == null ? null : String.valueOf(value);
        this.reason = reason;
        this.accepted = accepted;
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
}
