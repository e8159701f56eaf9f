package dev.sluice.payload;

/**
 * A payload description Sluice cannot use: the value at fault (the fields-list item, the schema or example file)
 * and what is wrong with it. The payload package knows no question: whoever asked for the payload (the answers'
 * validator) names the question and what it accepts, and turns this into the user's one-line error.
 */
public final class InvalidPayloadException extends RuntimeException {
    private final String value;
    private final String reason;

    public InvalidPayloadException(Object value, String reason) {
        super((value == null ? "(no value)" : String.valueOf(value)) + " " + reason);
        this.value = value == null ? null : String.valueOf(value);
        this.reason = reason;
    }

    /** The value at fault as given (a fields-list item, a file's path), or null when none was given. */
    public String value() {
        return value;
    }

    /** What is wrong with it, phrased to follow the value ("does not exist", "has no ':' ..."). */
    public String reason() {
        return reason;
    }
}
