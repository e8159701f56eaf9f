package dev.sluice.render;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Words on lines of at most a width: the generated code's comments ({@code {{ text | wrap(92, "    // ") }}}
 * in a template) and the CLI's help texts break prose the same way.
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

    /** The templates' {@code wrap(width, prefix)} filter: each line of {@link #lines} after {@code prefix}, joined by newlines. */
    static final class Extension extends AbstractExtension {
        @Override
        public Map<String, Filter> getFilters() {
            return Map.of("wrap", new Filter() {
                @Override
                public List<String> getArgumentNames() {
                    return List.of("width", "prefix");
                }

                @Override
                public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                                    int lineNumber) {
                    String prefix = String.valueOf(args.get("prefix"));
                    return prefix + String.join("\n" + prefix, lines(String.valueOf(input), ((Number) args.get("width")).intValue()));
                }
            });
        }
    }
}
