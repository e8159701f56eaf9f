package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.engine.Engine;
import dev.sluice.output.ProjectWriter;
import dev.sluice.render.GeneratedProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample and every test answer set, generated and proven as a team would: its own
 * {@code mvn verify} on JDK 21+, then cfn-lint, sam validate --lint, sam build and checkov
 * ({@code scripts/verify-project}). Slow by nature, so it runs in the integration-test phase.
 */
class GeneratedProjectsIT {
    private final Engine engine = new Engine();

    @TestFactory
    Stream<DynamicTest> everyGeneratedProjectBuildsAndPassesTheValidators() {
        List<Path> sets = new ArrayList<>(Repository.sampleAnswers());
        sets.addAll(Repository.testAnswerSets());
        Path out = Repository.root().resolve("generator/target/it-projects");
        return sets.stream().map(answers -> DynamicTest.dynamicTest(answers.getFileName().toString(), () -> {
            GeneratedProject project = engine.generate(Repository.read(answers));
            Path dir = out.resolve(answers.getFileName().toString().replace(".yaml", ""));
            deleteTree(dir);
            ProjectWriter.writeFolder(project, dir, false);
            Process verify = new ProcessBuilder(Repository.root().resolve("scripts/verify-project").toString(), dir.toString())
                    .redirectErrorStream(true)
                    .start();
            // Through System.out rather than inherited: the forked test JVM's own stdout is the runner's channel.
            String output = new String(verify.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            System.out.print(output);
            assertEquals(0, verify.waitFor(), "scripts/verify-project " + dir + "\n" + output);
        }));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
