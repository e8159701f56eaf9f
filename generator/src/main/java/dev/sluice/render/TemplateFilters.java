package dev.sluice.render;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * The filter templates may use, Java's own rule rather than a template's copy of it:
 * {@code text | wrap(width, prefix)} ({@link Wrap}), for layout. Strings the model can hold (such as
 * ProjectModel.durations) belong in the model.
 */
final class TemplateFilters extends AbstractExtension {
    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("wrap", new Wrapping());
    }

    /** Each line of {@link Wrap#lines} after {@code prefix}, joined by newlines. */
    private static final class Wrapping implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of("width", "prefix");
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
            String prefix = String.valueOf(args.get("prefix"));
            return prefix + String.join("\n" + prefix, Wrap.lines(String.valueOf(input), ((Number) args.get("width")).intValue()));
        }
    }
}
