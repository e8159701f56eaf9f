package dev.sluice.render;

import dev.sluice.payload.JsonPrinter;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An API Gateway mapping template (Velocity), built once in the model and written, character for
 * character, into every file that holds it: the SAM template (a YAML literal block), the CDK stack (a
 * Java text block) and the consumer's {@code pipeline.json} (a JSON string). A line of the template ends in
 * {@code ##}, a Velocity comment that swallows the line break, so the template reads one part per line
 * while what it produces is one line.
 *
 * @param text the template, lines joined by {@code \n}, no trailing newline
 */
public record MappingTemplate(String text) {
    public MappingTemplate {
        if (text.isEmpty() || text.endsWith("\n") || text.contains("\r")) {
            throw new IllegalArgumentException("a mapping template is lines joined by \\n, no trailing newline: " + text);
        }
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty() || line.startsWith(" ") || line.endsWith(" ") || line.contains("\t")) {
                // A YAML literal block keeps such lines only with indentation indicators; none is needed.
                throw new IllegalArgumentException("a mapping template line is not empty and has no outer blanks: '" + line + "'");
            }
        }
    }

    /** The body of a YAML literal block ({@code |-} on the line before): every line indented by {@code indent} spaces. */
    public String yaml(Number indent) {
        String pad = " ".repeat(indent.intValue());
        return Arrays.stream(text.split("\n", -1)).map(line -> pad + line).collect(Collectors.joining("\n"));
    }

    /**
     * A Java text block whose value is the template: {@code """}, the lines indented by {@code indent}
     * spaces, the closing {@code """} on the last line so no newline follows.
     */
    public String javaTextBlock(Number indent) {
        String pad = " ".repeat(indent.intValue());
        String body = Arrays.stream(text.split("\n", -1))
                .map(line -> pad + line.replace("\\", "\\\\").replace("\"\"\"", "\"\"\\\""))
                .collect(Collectors.joining("\n"));
        return "\"\"\"\n" + body + "\"\"\"";
    }

    /** The template as a JSON string, quotes included. */
    public String json() {
        return new Json().quote(text);
    }

    /** JSON string literals for the templates that write pipeline.json. */
    static final class Json {
        String quote(String text) {
            return JsonPrinter.string(text);
        }
    }
}
