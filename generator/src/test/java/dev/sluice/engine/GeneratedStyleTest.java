package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.it.Repository;
import dev.sluice.render.GeneratedFile;
import dev.sluice.render.GeneratedProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Generated files must read as if written by hand: no trailing spaces, no runs of blank lines, no
 * blank line right after an opening brace or before a closing one, tabs nowhere, one final newline.
 * And the same answers always give the same bytes.
 */
class GeneratedStyleTest {
    private final Engine engine = new Engine();

    private static List<Path> answerSets() {
        List<Path> sets = new ArrayList<>(Repository.sampleAnswers());
        sets.addAll(Repository.testAnswerSets());
        return sets;
    }

    @TestFactory
    Stream<DynamicTest> everyGeneratedFileIsTidy() {
        return answerSets().stream().map(answers -> DynamicTest.dynamicTest(answers.getFileName().toString(), () -> {
            GeneratedProject project = engine.generate(Repository.read(answers));
            List<String> problems = new ArrayList<>();
            for (GeneratedFile file : project.files()) {
                problems.addAll(problems(file));
            }
            assertEquals(List.of(), problems);
        }));
    }

    @TestFactory
    Stream<DynamicTest> theSameAnswersGiveTheSameBytes() {
        return answerSets().stream().map(answers -> DynamicTest.dynamicTest(answers.getFileName().toString(), () -> {
            GeneratedProject first = engine.generate(Repository.read(answers));
            GeneratedProject second = new Engine().generate(Repository.read(answers));
            assertEquals(first.files().size(), second.files().size());
            for (int i = 0; i < first.files().size(); i++) {
                assertEquals(first.files().get(i).path(), second.files().get(i).path());
                assertArrayEquals(first.files().get(i).content(), second.files().get(i).content(), first.files().get(i).path());
            }
        }));
    }

    static List<String> problems(GeneratedFile file) {
        List<String> problems = new ArrayList<>();
        String text = file.text();
        String where = file.path();
        if (text.isEmpty()) {
            problems.add(where + ": empty");
            return problems;
        }
        if (!text.endsWith("\n") || text.endsWith("\n\n")) {
            problems.add(where + ": does not end with exactly one newline");
        }
        if (text.startsWith("\n")) {
            problems.add(where + ": starts with a blank line");
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            if (line.endsWith(" ") || line.endsWith("\t")) {
                problems.add(where + ":" + n + ": trailing white space");
            }
            if (line.contains("\t")) {
                problems.add(where + ":" + n + ": tab");
            }
            if (line.contains("\r")) {
                problems.add(where + ":" + n + ": carriage return");
            }
            if (i > 0 && line.isBlank() && lines[i - 1].isBlank() && i < lines.length - 1) {
                problems.add(where + ":" + n + ": two blank lines in a row");
            }
            if (where.endsWith(".java") && i > 0 && line.isBlank() && lines[i - 1].stripTrailing().endsWith("{")) {
                problems.add(where + ":" + n + ": blank line after an opening brace");
            }
            if (where.endsWith(".java") && i + 1 < lines.length && line.isBlank() && lines[i + 1].strip().startsWith("}")) {
                problems.add(where + ":" + n + ": blank line before a closing brace");
            }
        }
        assertTrue(problems.size() < 1000);
        return problems;
    }
}
