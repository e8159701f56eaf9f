package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.AnswersFile;
import dev.sluice.engine.Engine;
import dev.sluice.record.AnswersRecord;
import dev.sluice.render.GeneratedFile;
import dev.sluice.render.GeneratedProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every committed sample is exactly what the engine makes of its answers file today. */
class SamplesTest {
    private final Engine engine = new Engine();

    @Test
    void thereAreSamplesToCompare() {
        assertTrue(Repository.sampleAnswers().size() >= 3, Repository.sampleAnswers().toString());
    }

    @TestFactory
    Stream<DynamicTest> eachSampleMatchesItsAnswersByteForByte() {
        return Repository.sampleAnswers().stream().map(answers -> DynamicTest.dynamicTest(answers.getFileName().toString(), () -> {
            GeneratedProject project = engine.generate(Repository.read(answers));
            Path folder = Repository.samples().resolve(Repository.answerSetName(answers));
            Set<String> expected = new TreeSet<>(project.files().stream().map(GeneratedFile::path).toList());
            assertEquals(expected, committedFiles(folder),
                    "files of " + folder + " (regenerate with scripts/regenerate-samples)");
            for (GeneratedFile file : project.files()) {
                byte[] committed = Files.readAllBytes(folder.resolve(file.path()));
                if (!Arrays.equals(file.content(), committed)) {
                    assertEquals(file.text(), new String(committed, StandardCharsets.UTF_8),
                            folder.resolve(file.path()) + " differs (regenerate with scripts/regenerate-samples)");
                }
            }
        }));
    }

    /** A project remembers its answers: what it records generates it again, byte for byte (issue 16). */
    @TestFactory
    Stream<DynamicTest> eachSampleIsGeneratedAgainFromTheAnswersItRecords() {
        return Repository.sampleAnswers().stream().map(answers -> DynamicTest.dynamicTest(answers.getFileName().toString(), () -> {
            Path folder = Repository.samples().resolve(Repository.answerSetName(answers));
            Path recorded = folder.resolve(AnswersRecord.FILE);
            assertEquals(Optional.of(Engine.version()), AnswersFile.sluiceVersion(recorded));
            GeneratedProject original = engine.generate(Repository.read(answers));
            GeneratedProject again = engine.generate(AnswersFile.read(recorded));
            assertEquals(original.files().stream().map(GeneratedFile::path).toList(), again.files().stream().map(GeneratedFile::path).toList());
            for (int i = 0; i < original.files().size(); i++) {
                assertEquals(original.files().get(i).text(), again.files().get(i).text(), original.files().get(i).path());
                assertEquals(original.files().get(i).executable(), again.files().get(i).executable(), original.files().get(i).path());
            }
        }));
    }

    private static Set<String> committedFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !ignoredBuildOutput(p))
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    /** What building a sample in place leaves behind, which git ignores too. */
    private static boolean ignoredBuildOutput(String path) {
        return List.of("target/", ".aws-sam/").stream().anyMatch(path::startsWith);
    }
}
