package dev.sluice.cli;

import dev.sluice.answers.Question;
import dev.sluice.render.Wrap;
import java.util.Arrays;
import java.util.ListResourceBundle;

/**
 * The answer flags' descriptions, each {@link Question#help()}: picocli looks an option's description up in
 * the command's resource bundle under the option's longest name without dashes ({@code max-delay}), and the
 * project name's under its {@code descriptionKey} ({@code name}). The options themselves carry no text.
 */
public final class QuestionHelp extends ListResourceBundle {
    /**
     * The description column's width in picocli's 80-column usage help. Lines are broken here, at spaces,
     * because picocli's own wrapping also breaks inside "e.g.", "0.1.0-SNAPSHOT" and "id:uuid".
     */
    static final int WIDTH = 50;

    @Override
    protected Object[][] getContents() {
        return Arrays.stream(Question.values())
                .map(q -> new Object[] {q == Question.NAME ? "name" : q.flag().substring("--".length()), wrap(q.help())})
                .toArray(Object[][]::new);
    }

    /**
     * The text on lines of at most {@link #WIDTH} characters, as one picocli description ({@code %n} between lines),
     * the lines after the first indented by two, as picocli indents the lines it wraps itself.
     */
    static String wrap(String text) {
        return String.join("%n  ", Wrap.lines(text, WIDTH - 2));
    }
}
