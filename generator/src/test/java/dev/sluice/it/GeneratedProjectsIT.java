package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.answers.Answers;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.engine.Engine;
import dev.sluice.output.ProjectWriter;
import dev.sluice.render.GeneratedProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample and every test answer set, generated and proven as a team would: its own
 * {@code mvn verify} on JDK 21+, then cfn-lint, sam validate --lint, sam build and checkov for the
 * SAM form, or cdk synth, cfn-lint and checkov for the CDK form ({@code scripts/verify-project}).
 * For the CDK form, the synthesized template must also hold the same settings as the SAM form of
 * the same answers. Slow by nature, so it runs in the integration-test phase.
 */
class GeneratedProjectsIT {
    private final Engine engine = new Engine();

    @TestFactory
    Stream<DynamicTest> everyGeneratedProjectBuildsAndPassesTheValidators() {
        List<Path> sets = new ArrayList<>(Repository.sampleAnswers());
        sets.addAll(Repository.testAnswerSets());
        Path out = Repository.root().resolve("generator/target/it-projects");
        return sets.stream().map(answers -> DynamicTest.dynamicTest(answers.getFileName().toString(), () -> {
            RawAnswers raw = Repository.read(answers);
            Answers validated = engine.validate(raw);
            GeneratedProject project = engine.render(validated, engine.plan(validated));
            String name = answers.getFileName().toString().replace(".yaml", "");
            Path dir = out.resolve(name);
            deleteTree(dir);
            ProjectWriter.writeFolder(project, dir, false);
            Path synthesized = out.resolve(name + ".synthesized.json");
            Files.deleteIfExists(synthesized);

            ProcessBuilder verify = new ProcessBuilder(Repository.root().resolve("scripts/verify-project").toString(), dir.toString())
                    .redirectErrorStream(true);
            verify.environment().put("VERIFY_PROJECT_KEEP_TEMPLATE", synthesized.toString());
            Process process = verify.start();
            // Through System.out rather than inherited: the forked test JVM's own stdout is the runner's channel.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.print(output);
            assertEquals(0, process.waitFor(), "scripts/verify-project " + dir + "\n" + output);

            if (validated.iac() == Answers.Iac.CDK) {
                GeneratedProject sam = engine.generate(raw.with(Question.IAC, "sam"));
                assertEquals(TemplateSettings.read(sam.file("template.yaml").orElseThrow().text()),
                        TemplateSettings.read(Files.readString(synthesized)),
                        "settings of the SAM form (left) and the synthesized CDK form (right) of " + answers.getFileName());
            }
        }));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
