package dev.sluice.answers;

import java.util.List;

/**
 * How the payload was given, kept so that a project can record its answers and be generated again from them: the
 * fields list (one {@code NAME:TYPE} spec per field), or the text of the JSON Schema or example document read.
 */
public sealed interface PayloadSource {
    /** The fields list, one spec per field as given ({@code id:uuid}, {@code note:string?}). */
    record Fields(List<String> specs) implements PayloadSource {
        public Fields {
            specs = List.copyOf(specs);
        }
    }

    /** A JSON Schema ({@link Question#SCHEMA}) or an example ({@link Question#EXAMPLE}): the document as read. */
    record Document(Question form, String text) implements PayloadSource {
        public Document {
            if (form != Question.SCHEMA && form != Question.EXAMPLE) {
                throw new IllegalArgumentException(form + " is not a payload document");
            }
        }
    }
}
