package dev.sluice.answers;

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
