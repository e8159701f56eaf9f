package dev.sluice.update;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

/**
 * Three-way merges and unified diffs of one file, by JGit's algorithms (histogram diff, as {@code git merge} uses):
 * nothing here compares lines itself.
 */
public final class TextMerge {
    private static final DiffAlgorithm DIFF = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);

    private TextMerge() {}

    /** A merge's bytes, and whether they hold conflict markers. */
    public record Merged(byte[] content, boolean conflicts) {}

    /**
     * {@code ours} with the change from {@code base} to {@code theirs} applied. Lines both changed differently are a
     * conflict, written diff3-style: {@code <<<<<<< oursLabel}, {@code ||||||| baseLabel} (the base's lines),
     * {@code =======}, {@code >>>>>>> theirsLabel}. A binary file is not merged: it takes whichever side changed,
     * or conflicts and keeps {@code ours}.
     */
    public static Merged merge(byte[] base, byte[] ours, byte[] theirs, String baseLabel, String oursLabel, String theirsLabel) {
        if (Arrays.equals(ours, theirs) || Arrays.equals(base, theirs)) {
            return new Merged(ours, false);
        }
        if (Arrays.equals(base, ours)) {
            return new Merged(theirs, false);
        }
        if (RawText.isBinary(base) || RawText.isBinary(ours) || RawText.isBinary(theirs)) {
            return new Merged(ours, true);
        }
        MergeResult<RawText> result = new MergeAlgorithm(DIFF).merge(RawTextComparator.DEFAULT,
                new RawText(base), new RawText(ours), new RawText(theirs));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMergeDiff3(out, result, List.of(baseLabel, oursLabel, theirsLabel), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Merged(out.toByteArray(), result.containsConflicts());
    }

    /** The share of lines two texts have in common, by JGit's diff: 1 for equal texts, 0 for texts with no line alike. */
    public static double similarity(byte[] a, byte[] b) {
        if (RawText.isBinary(a) || RawText.isBinary(b)) {
            return Arrays.equals(a, b) ? 1 : 0;
        }
        RawText left = new RawText(a);
        RawText right = new RawText(b);
        int longest = Math.max(left.size(), right.size());
        if (longest == 0) {
            return 1;
        }
        int changed = DIFF.diff(RawTextComparator.DEFAULT, left, right).stream().mapToInt(e -> e.getLengthA()).sum();
        return (double) (left.size() - changed) / longest;
    }

    /**
     * The unified diff (3 lines of context) from {@code before} to {@code after} of the file at {@code path}, with
     * git's headers: {@code --- a/path}, {@code +++ b/path}, {@code /dev/null} for a side without the file (null).
     * Empty when they are equal.
     */
    public static String unifiedDiff(String path, byte[] before, byte[] after) {
        byte[] a = before == null ? new byte[0] : before;
        byte[] b = after == null ? new byte[0] : after;
        if (Arrays.equals(a, b) && (before == null) == (after == null)) {
            return "";
        }
        String header = "--- " + (before == null ? "/dev/null" : "a/" + path) + "\n"
                + "+++ " + (after == null ? "/dev/null" : "b/" + path) + "\n";
        if (RawText.isBinary(a) || RawText.isBinary(b)) {
            return header + "Binary files differ\n";
        }
        RawText left = new RawText(a);
        RawText right = new RawText(b);
        EditList edits = DIFF.diff(RawTextComparator.DEFAULT, left, right);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setContext(3);
            formatter.format(edits, left, right);
            formatter.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return header + out.toString(StandardCharsets.UTF_8);
    }
}
