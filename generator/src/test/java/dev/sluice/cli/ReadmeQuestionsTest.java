package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.answers.Question;
import dev.sluice.it.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** The README's table of questions is Question's: flag, answers key, prompt, accepted text and default, in order. */
class ReadmeQuestionsTest {
    static final String HEADER = "| flag | answers key | question | accepted | default |";

    @Test
    void theReadmesQuestionTableIsQuestions() throws IOException {
        String readme = Files.readString(Repository.root().resolve("README.md"));
        int start = readme.indexOf(HEADER);
        int end = readme.indexOf("\n\n", start);
        String table = start < 0 ? "(no table starting " + HEADER + ")" : readme.substring(start, end + 1);
        assertEquals(table(), table, "README.md's table of questions should read, from Question:\n" + table());
    }

    /** The table as Question writes it; fixed defaults as code, the others in words. */
    static String table() {
        StringJoiner rows = new StringJoiner("\n", "", "\n");
        rows.add(HEADER).add("|---|---|---|---|---|");
        for (Question q : Question.values()) {
            String dflt = q.defaultValue().map(d -> "`" + d + "`").orElse(q.defaultInWords());
            rows.add("| `" + q.flag() + "` | `" + q.key() + "` | " + cell(q.prompt()) + " | " + cell(q.accepted()) + " | " + dflt + " |");
        }
        return rows.toString();
    }

    /** Markdown table text: a '|' would end the cell, a '<' could start an HTML tag. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;");
    }
}
