package dev.sluice.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Words on lines of at most a width: the generated code's comments ({@code {{ text | wrap(92, "    // ") }}}
 * in a template, {@link TemplateFilters}) and the CLI's help texts break prose the same way.
 */
public final class Wrap {
    private Wrap() {}

    /** {@code text}'s words (split at single spaces) on lines of at most {@code width} characters; a longer word stands alone. */
    public static List<String> lines(String text, int width) {
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : text.split(" ")) {
            if (line.isEmpty()) {
                line = word;
            } else if (line.length() + 1 + word.length() > width) {
                lines.add(line);
                line = word;
            } else {
                line = line + " " + word;
            }
        }
        lines.add(line);
        return lines;
    }
}
