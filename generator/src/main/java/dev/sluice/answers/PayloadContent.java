package dev.sluice.answers;

/**
 * A JSON Schema or example given as content rather than as a file ({@code sluice serve} takes no server path): the
 * value of {@link Question#SCHEMA} or {@link Question#EXAMPLE} in {@link RawAnswers}.
 *
 * @param label how errors name it, e.g. {@code schema}
 * @param text  the document
 */
public record PayloadContent(String label, String text) {
    /** Errors quote the label, not a document of any size. */
    @Override
    public String toString() {
        return label;
    }
}
