package dev.sluice.update;

import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.RawAnswers;
import dev.sluice.answers.Service;
import dev.sluice.engine.Engine;
import dev.sluice.engine.RecordedEntryPoint;
import dev.sluice.plan.ServicePlan;
import dev.sluice.record.AnswersRecord;
import dev.sluice.render.GeneratedFile;
import dev.sluice.render.GeneratedProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * {@code sluice update}, {@code add endpoint} and {@code diff}: reads a project and its record, rebuilds the merge
 * base with the recorded version, generates the new project with the running one, and merges ({@link ProjectUpdate}).
 * Reading and writing the project's files happen here, at the edge; the rest is pure.
 */
public final class Updater {
    /** The SAM form's template, which the update reads for resources a deploy would replace. */
    private static final String SAM_TEMPLATE = "template.yaml";

    private final Engine engine;
    private final RecordedVersions versions;

    public Updater(Engine engine, RecordedVersions versions) {
        this.engine = engine;
        this.versions = versions;
    }

    /**
     * What an update would do.
     *
     * @param recordedVersion the version that generated the project (the base)
     * @param changes         what happens to each file that changes
     * @param settings        the derived settings that change and the monthly cost, as lines
     * @param notes           what the team should know before deploying, as lines
     */
    public record Result(String recordedVersion, List<FileChange> changes, List<String> settings, List<String> notes) {
        public List<FileChange> of(FileChange.Kind kind) {
            return changes.stream().filter(c -> c.kind() == kind).toList();
        }

        /** The unified diff of every file the update writes or deletes, as it would leave them. */
        public String diff() {
            StringBuilder out = new StringBuilder();
            for (FileChange change : changes) {
                if (change.kind().writes()) {
                    out.append(TextMerge.unifiedDiff(change.path(), change.before(), change.after()));
                }
            }
            return out.toString();
        }
    }

    /** The project at {@code root} updated to this version, with {@code change} applied to its recorded answers. */
    public Result prepare(Path root, UnaryOperator<RawAnswers> change) {
        Path record = recordOf(root);
        String version = AnswersFile.sluiceVersion(record).orElseThrow(() -> new InvalidAnswerException(AnswersRecord.FILE,
                null, "records no " + AnswersFile.SLUICE_VERSION, "the answers file Sluice wrote into the project"));
        RawAnswers recorded = AnswersFile.read(record);
        Service before = engine.validateService(recorded);
        Service after = engine.validateService(change.apply(recorded));
        ServicePlan planBefore = engine.plan(before);
        ServicePlan planAfter = engine.plan(after);
        GeneratedProject theirs = engine.render(after, planAfter);
        // The running version's base is the recorded answers rendered as they were just validated and planned.
        Map<String, byte[]> base = version.equals(Engine.version()) ? RecordedEntryPoint.bytesByPath(engine.render(before, planBefore))
                : versions.generate(version, record);
        Map<String, byte[]> ours = read(root, base.keySet(), theirs);
        List<FileChange> changes = ProjectUpdate.changes(base, theirs, ours,
                new ProjectUpdate.Labels("sluice " + version + " (base)", "yours", "sluice " + Engine.version()));
        List<String> notes = new ArrayList<>();
        GeneratedFile template = theirs.file(SAM_TEMPLATE).orElse(null);
        if (template != null) {
            List<String> lost = Replacements.between(ours.getOrDefault(SAM_TEMPLATE, base.get(SAM_TEMPLATE)), template.content());
            if (!lost.isEmpty()) {
                notes.add("On the next deploy, " + String.join("; ", lost) + ". Drain a queue first (stop its senders, wait for "
                        + "ApproximateNumberOfMessagesVisible to reach 0, empty its dead-letter queue) (docs/update.md).");
            }
        } else if (before.single() && !after.single()) {
            notes.add("The service had one endpoint: with several, the first one's construct id is its name, not Default, "
                    + "so CloudFormation replaces its queue, dead-letter queue and function: drain both queues first, and read "
                    + "npx cdk diff before you deploy (docs/update.md).");
        }
        return new Result(version, changes, SettingChanges.lines(before, planBefore, after, planAfter), notes);
    }

    /** The project's recorded answers; bad input when {@code root} holds none. */
    public static Path recordOf(Path root) {
        Path record = root.resolve(AnswersRecord.FILE);
        if (!Files.isRegularFile(record)) {
            throw new InvalidAnswerException("--dir", root, "is not a Sluice project (no " + AnswersRecord.FILE + ")",
                    "the folder of a project generated by Sluice 0.2.0 or later");
        }
        return record;
    }

    private static Map<String, byte[]> read(Path root, Set<String> basePaths, GeneratedProject theirs) {
        TreeSet<String> paths = new TreeSet<>(basePaths);
        theirs.files().stream().map(GeneratedFile::path).forEach(paths::add);
        Map<String, byte[]> ours = new HashMap<>();
        for (String path : paths) {
            Path file = root.resolve(path);
            if (Files.isRegularFile(file)) {
                try {
                    ours.put(path, Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return ours;
    }

    /** Deletes {@code folder} and the folders above it up to {@code root} while they are empty, as git leaves none. */
    private static void deleteEmptyFolders(Path root, Path folder) throws IOException {
        for (Path dir = folder; dir != null && !dir.equals(root) && dir.startsWith(root); dir = dir.getParent()) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(dir);
        }
    }

    /** Writes and deletes what the changes say; the other kinds leave their file as it is. */
    public static void write(Path root, List<FileChange> changes) {
        try {
            for (FileChange change : changes) {
                Path file = root.resolve(change.path());
                switch (change.kind()) {
                    case DELETED -> {
                        Files.deleteIfExists(file);
                        deleteEmptyFolders(root, file.getParent());
                    }
                    case ADDED, UPDATED, CONFLICT -> {
                        Files.createDirectories(file.getParent());
                        Files.write(file, change.after());
                        if (change.executable()) {
                            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
                            if (view != null) {
                                Set<PosixFilePermission> permissions = view.readAttributes().permissions();
                                permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                                        PosixFilePermission.OTHERS_EXECUTE));
                                view.setPermissions(permissions);
                            }
                        }
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
