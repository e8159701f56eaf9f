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
        Map<String, String> moves = moves(base, theirs, ours);
        List<FileChange> changes = new ArrayList<>();
        for (String path : paths) {
            byte[] b = base.get(path);
            byte[] o = ours.get(path);
            GeneratedFile t = theirs.file(path).orElse(null);
            String from = moves.get(path);
            FileChange change;
            if (from != null) {
                FileChange merged = present(path, base.get(from), ours.get(from), t, labels);
                change = new FileChange(path, merged.kind() == FileChange.Kind.CONFLICT ? merged.kind() : FileChange.Kind.UPDATED,
                        null, merged.after(), t.executable(), from);
            } else if (moves.containsValue(path)) {
                change = new FileChange(path, FileChange.Kind.DELETED, o, null, false);
            } else {
                change = t == null ? removed(path, b, o) : present(path, b, o, t, labels);
            }
            if (change != null) {
                changes.add(change);
            }
        }
        return List.copyOf(changes);
    }

    /**
     * Files the update moves whose old place the team edited, new path to old: the edits follow the file. A file
     * gone from {@code theirs} pairs with a new file of {@code theirs} of the same name whose lines are most like its
     * base's, at least half of them (as git's rename detection pairs files), e.g. a one-endpoint service's processor
     * when the service gets a second endpoint and each endpoint its own package.
     */
    static Map<String, String> moves(Map<String, byte[]> base, GeneratedProject theirs, Map<String, byte[]> ours) {
        Map<String, String> moves = new java.util.HashMap<>();
        for (String gone : new TreeSet<>(base.keySet())) {
            byte[] edited = ours.get(gone);
            if (theirs.file(gone).isPresent() || edited == null || Arrays.equals(edited, base.get(gone))) {
                continue;
            }
            String name = gone.substring(gone.lastIndexOf('/') + 1);
            String best = null;
            double bestSimilarity = 0.5;
            for (GeneratedFile candidate : theirs.files()) {
                String path = candidate.path();
                if (base.containsKey(path) || ours.containsKey(path) || moves.containsKey(path)
                        || !path.substring(path.lastIndexOf('/') + 1).equals(name)) {
                    continue;
                }
                double similarity = TextMerge.similarity(base.get(gone), candidate.content());
                if (similarity >= bestSimilarity) {
                    best = path;
                    bestSimilarity = similarity;
                }
            }
            if (best != null) {
                moves.put(best, gone);
            }
        }
        return moves;
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
