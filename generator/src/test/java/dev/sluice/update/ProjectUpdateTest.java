package dev.sluice.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.render.GeneratedFile;
import dev.sluice.render.GeneratedProject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merge of a whole project, one rule of docs/update.md's table at a time. */
class ProjectUpdateTest {
    private static final ProjectUpdate.Labels LABELS = new ProjectUpdate.Labels("sluice 1 (base)", "yours", "sluice 2");
    private final Map<String, byte[]> base = new HashMap<>();
    private final Map<String, byte[]> ours = new HashMap<>();
    private final List<GeneratedFile> theirs = new java.util.ArrayList<>();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void file(String path, String baseText, String oursText, String theirsText) {
        if (baseText != null) base.put(path, bytes(baseText));
        if (oursText != null) ours.put(path, bytes(oursText));
        if (theirsText != null) theirs.add(GeneratedFile.text(path, theirsText));
    }

    private FileChange only() {
        List<FileChange> changes = ProjectUpdate.changes(base, new GeneratedProject("p", theirs), ours, LABELS);
        assertEquals(1, changes.size(), changes.toString());
        return changes.get(0);
    }

    private List<FileChange> changes() {
        return ProjectUpdate.changes(base, new GeneratedProject("p", theirs), ours, LABELS);
    }

    @Test
    void anUntouchedFileTakesTheUpdate() {
        file("a.txt", "one\ntwo\n", "one\ntwo\n", "one\n2\n");
        FileChange change = only();
        assertEquals(FileChange.Kind.UPDATED, change.kind());
        assertEquals("one\n2\n", new String(change.after(), StandardCharsets.UTF_8));
    }

    @Test
    void anEditTheUpdateDoesNotTouchStaysAsItIs() {
        file("a.txt", "one\ntwo\n", "one\ntwo\nmine\n", "one\ntwo\n");
        assertEquals(List.of(), changes());
    }

    @Test
    void editsInOtherLinesMerge() {
        file("a.txt", "a\nb\nc\nd\ne\nf\n", "a (mine)\nb\nc\nd\ne\nf\n", "a\nb\nc\nd\ne\nf (new)\n");
        FileChange change = only();
        assertEquals(FileChange.Kind.UPDATED, change.kind());
        assertEquals("a (mine)\nb\nc\nd\ne\nf (new)\n", new String(change.after(), StandardCharsets.UTF_8));
    }

    @Test
    void editsInTheSameLinesConflictWithTheBaseShown() {
        file("a.txt", "x\nvalue: 1\ny\n", "x\nvalue: 7\ny\n", "x\nvalue: 2\ny\n");
        FileChange change = only();
        assertEquals(FileChange.Kind.CONFLICT, change.kind());
        assertEquals("x\n<<<<<<< yours\nvalue: 7\n||||||| sluice 1 (base)\nvalue: 1\n=======\nvalue: 2\n>>>>>>> sluice 2\ny\n",
                new String(change.after(), StandardCharsets.UTF_8));
    }

    @Test
    void aNewFileIsAddedAndOneTheTeamAlreadyMadeIsMergedAgainstNothing() {
        file("new.txt", null, null, "hello\n");
        assertEquals(FileChange.Kind.ADDED, only().kind());
        theirs.clear();
        file("same.txt", null, "hello\n", "hello\n");
        assertEquals(List.of(), changes());
        file("other.txt", null, "mine\n", "theirs\n");
        assertEquals(FileChange.Kind.CONFLICT, changes().get(0).kind());
    }

    @Test
    void aFileNoLongerGeneratedIsDeletedUnlessEdited() {
        file("gone.txt", "x\n", "x\n", null);
        assertEquals(FileChange.Kind.DELETED, only().kind());
        base.clear();
        ours.clear();
        file("edited.txt", "x\n", "x\nmine\n", null);
        FileChange kept = only();
        assertEquals(FileChange.Kind.KEPT_EDITED, kept.kind());
        assertNull(kept.after());
    }

    @Test
    void aFileTheTeamDeletedStaysDeletedAndIsListedWhenTheUpdateChangedIt() {
        file("deleted.txt", "x\n", null, "x\n");
        assertEquals(List.of(), changes());
        theirs.clear();
        file("deleted.txt", "x\n", null, "y\n");
        assertEquals(FileChange.Kind.KEPT_DELETED, only().kind());
    }

    @Test
    void theRecordIsAlwaysTheUpdates() {
        file(".sluice/answers.yaml", "peakRps: 50\n", "peakRps: 50 # mine\n", "peakRps: 800\n");
        FileChange change = only();
        assertEquals(FileChange.Kind.UPDATED, change.kind());
        assertArrayEquals(bytes("peakRps: 800\n"), change.after());
    }

    @Test
    void aBinaryFileTakesTheSideThatChangedOrConflictsKeepingYours() {
        base.put("b.bin", new byte[] {0, 1});
        ours.put("b.bin", new byte[] {0, 2});
        theirs.add(new GeneratedFile("b.bin", new byte[] {0, 3}, false));
        FileChange change = only();
        assertEquals(FileChange.Kind.CONFLICT, change.kind());
        assertArrayEquals(new byte[] {0, 2}, change.after());
    }

    @Test
    void anEditedFileThatMovesTakesItsEditsToTheNewPlace() {
        String old = "package a;\nclass P {\n  void run() {\n    log();\n  }\n}\n";
        file("src/a/P.java", old, old.replace("    log();\n", "    log();\n    mine();\n"), null);
        file("src/a/b/P.java", null, null, old.replace("package a;", "package a.b;"));
        file("src/a/c/P.java", null, null, "package a.c;\nclass P {\n  // another endpoint's, less alike\n}\n");
        List<FileChange> changes = changes();
        FileChange moved = changes.stream().filter(c -> c.path().equals("src/a/b/P.java")).findFirst().orElseThrow();
        assertEquals("src/a/P.java", moved.movedFrom());
        assertEquals("package a.b;\nclass P {\n  void run() {\n    log();\n    mine();\n  }\n}\n", new String(moved.after(), StandardCharsets.UTF_8));
        assertEquals(FileChange.Kind.DELETED, changes.stream().filter(c -> c.path().equals("src/a/P.java")).findFirst().orElseThrow().kind());
        assertEquals(FileChange.Kind.ADDED, changes.stream().filter(c -> c.path().equals("src/a/c/P.java")).findFirst().orElseThrow().kind());
        assertTrue(moved.description().contains("moved from src/a/P.java"));
    }

    @Test
    void theUnifiedDiffHasGitsHeaders() {
        assertEquals("--- a/f.txt\n+++ b/f.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n", TextMerge.unifiedDiff("f.txt", bytes("a\nb\n"), bytes("a\nc\n")));
        assertEquals("--- /dev/null\n+++ b/f.txt\n@@ -0,0 +1 @@\n+a\n", TextMerge.unifiedDiff("f.txt", null, bytes("a\n")));
        assertEquals("", TextMerge.unifiedDiff("f.txt", bytes("a\n"), bytes("a\n")));
    }
}
