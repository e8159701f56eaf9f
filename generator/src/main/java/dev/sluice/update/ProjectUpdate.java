package dev.sluice.update;

import dev.sluice.record.AnswersRecord;
import dev.sluice.render.GeneratedFile;
import dev.sluice.render.GeneratedProject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The three-way merge of a whole project, file by file: base = what the recorded version generated from the recorded
 * answers, ours = the project as it is, theirs = what this version generates from the new answers. Pure: the caller
 * reads the files and writes the changes.
 */
public final class ProjectUpdate {
    private ProjectUpdate() {}

    /** How the conflict markers name the three sides. */
    public record Labels(String base, String ours, String theirs) {}

    /**
     * The changes, by path. {@code ours} holds the project's files at the paths of {@code base} and {@code theirs}
     * that exist. The record ({@code .sluice/}) is the generator's: it always becomes what {@code theirs} records.
     */
    public static List<FileChange> changes(Map<String, byte[]> base, GeneratedProject theirs, Map<String, byte[]> ours, Labels labels) {
        TreeSet<String> paths = new TreeSet<>(base.keySet());
        theirs.files().forEach(f -> paths.add(f.path()));
        List<FileChange> changes = new ArrayList<>();
        for (String path : paths) {
            byte[] b = base.get(path);
            byte[] o = ours.get(path);
            GeneratedFile t = theirs.file(path).orElse(null);
            FileChange change = t == null ? removed(path, b, o) : present(path, b, o, t, labels);
            if (change != null) {
                changes.add(change);
            }
        }
        return List.copyOf(changes);
    }

    private static FileChange removed(String path, byte[] base, byte[] ours) {
        if (ours == null) {
            return null;
        }
        if (Arrays.equals(ours, base) || path.startsWith(AnswersRecord.DIR + "/")) {
            return new FileChange(path, FileChange.Kind.DELETED, ours, null, false);
        }
        return new FileChange(path, FileChange.Kind.KEPT_EDITED, ours, null, false);
    }

    private static FileChange present(String path, byte[] base, byte[] ours, GeneratedFile theirs, Labels labels) {
        if (ours == null) {
            if (base == null || path.startsWith(AnswersRecord.DIR + "/")) {
                return new FileChange(path, FileChange.Kind.ADDED, null, theirs.content(), theirs.executable());
            }
            return Arrays.equals(base, theirs.content()) ? null
                    : new FileChange(path, FileChange.Kind.KEPT_DELETED, null, null, false);
        }
        if (path.startsWith(AnswersRecord.DIR + "/")) {
            return Arrays.equals(ours, theirs.content()) ? null
                    : new FileChange(path, FileChange.Kind.UPDATED, ours, theirs.content(), theirs.executable());
        }
        TextMerge.Merged merged = TextMerge.merge(base == null ? new byte[0] : base, ours, theirs.content(),
                labels.base(), labels.ours(), labels.theirs());
        if (merged.conflicts()) {
            return new FileChange(path, FileChange.Kind.CONFLICT, ours, merged.content(), theirs.executable());
        }
        return Arrays.equals(merged.content(), ours) ? null
                : new FileChange(path, FileChange.Kind.UPDATED, ours, merged.content(), theirs.executable());
    }
}
