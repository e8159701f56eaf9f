package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.engine.Engine;
import dev.sluice.it.Repository;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A generated Java file lists its imports in one block, in order, as a formatter would leave them, whatever the
 * project's package: the project's own classes sort among the libraries' (com.example before com.fasterxml, org.zebra
 * after java.*), so a template that imports them puts every import in one sorted list.
 */
class ImportOrderTest {
    private final Engine engine = new Engine();

    @Test
    void importsAreInOrderWhereverTheProjectsPackageSorts() {
        // Every kind of consumer: standard, FIFO, idempotent, a service of the three; in both forms.
        for (String sample : List.of("orders-service", "orders-service-cdk", "orders-fifo", "payments-idempotent")) {
            RawAnswers answers = Repository.read(Repository.samples().resolve(sample + ".answers.yaml"));
            for (String groupId : List.of("com.acme", "com.example", "org.zebra")) {
                GeneratedProject project = engine.generate(answers.with(Question.GROUP_ID, groupId));
                for (GeneratedFile file : project.files()) {
                    if (file.path().endsWith(".java")) {
                        List<String> imports = imports(file.text());
                        assertEquals(imports.stream().sorted().toList(), imports, groupId + ": " + file.path());
                    }
                }
            }
        }
    }

    /** The names a file imports, static imports left out (they have a block of their own). */
    private static List<String> imports(String java) {
        List<String> names = new ArrayList<>();
        for (String line : java.split("\n")) {
            if (line.startsWith("import ") && !line.startsWith("import static ")) {
                names.add(line.substring("import ".length(), line.length() - 1));
            }
        }
        return names;
    }
}
