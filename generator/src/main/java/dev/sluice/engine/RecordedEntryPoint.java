package dev.sluice.engine;

import dev.sluice.answers.AnswersFile;
import dev.sluice.render.GeneratedFile;
import dev.sluice.render.GeneratedProject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entry point a later Sluice calls in this version's jar, loaded in a class loader of its own, to rebuild what
 * this version generates from a project's recorded answers: the base of {@code sluice update}'s three-way merge.
 * Its name and signature are a contract between versions (docs/update.md): JDK types only, never changed, only
 * added beside.
 */
public final class RecordedEntryPoint {
    private RecordedEntryPoint() {}

    /** A project's files as this entry point hands them over: bytes by '/'-separated path. */
    public static Map<String, byte[]> bytesByPath(GeneratedProject project) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (GeneratedFile file : project.files()) {
            files.put(file.path(), file.content());
        }
        return files;
    }

    /**
     * Every file this version generates from {@code answersFile} (a project's {@code .sluice/answers.yaml}, on any
     * file system), by its '/'-separated path relative to the project's root.
     *
     * @throws IllegalArgumentException with the one-line reason when the answers are refused
     */
    public static Map<String, byte[]> generate(Path answersFile) {
        try {
            return bytesByPath(new Engine().generate(AnswersFile.read(answersFile)));
        } catch (dev.sluice.answers.InvalidAnswerException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
