package dev.sluice.render;

import dev.sluice.answers.Durations;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The filters templates may use, each Java's own rule rather than a template's copy of it:
 * {@code text | wrap(width, prefix)} ({@link Wrap}) and {@code seconds | duration} ({@link Durations#format}).
 * Strings the model can hold (ProjectModel.durations) belong in the model; these serve layout and the
 * call sites left.
 */
final class TemplateFilters extends AbstractExtension {
    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("wrap", new Wrapping(), "duration", new Seconds());
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

    /** A number of seconds as a reader writes the span: {@code 5400 → 1h30m}. */
    private static final class Seconds implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
            return Durations.format(Duration.ofSeconds(((Number) input).longValue()));
        }
    }
}
