package dev.sluice.it;

import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.RawAnswers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The answer sets the tests build projects from: every sample, and the extra sets under test resources. */
public final class Repository {
    private Repository() {}

    public static Path root() {
        String configured = System.getProperty("sluice.repository");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        return root.toAbsolutePath().normalize();
    }

    public static Path samples() {
        return root().resolve("samples");
    }

    /** {@code samples/NAME.answers.yaml}: each sample's answers, beside the folder {@code samples/NAME/}. */
    public static List<Path> sampleAnswers() {
        return list(samples(), ".answers.yaml");
    }

    /** Answer sets built by the tests besides the samples. */
    public static List<Path> testAnswerSets() {
        return list(root().resolve("generator/src/test/resources/answer-sets"), ".yaml");
    }

    /** The name of an answer set: its file name up to the first dot ({@code orders} of {@code orders.answers.yaml}). */
    public static String answerSetName(Path answers) {
        String file = answers.getFileName().toString();
        return file.substring(0, file.indexOf('.'));
    }

    public static RawAnswers read(Path answers) {
        return AnswersFile.read(answers);
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
