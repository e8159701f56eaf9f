package dev.sluice.cli;

import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.engine.Engine;
import dev.sluice.update.FileChange;
import dev.sluice.update.RecordedVersions;
import dev.sluice.update.Updater;
import dev.sluice.update.WorkingTree;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** What {@code update}, {@code add endpoint} and {@code diff} share: where the project is, where other versions are, and how to report. */
final class UpdateOptions {
    @Option(names = "--dir", paramLabel = "DIR", description = "The project's folder. Default: the current one.")
    String dir;

    @Option(names = "--repository", paramLabel = "DIR", description = "A local Maven repository holding the Sluice version the "
            + "project records (dev.sluice:sluice-generator); repeatable. Default: -Dmaven.repo.local, else ~/.m2/repository.")
    List<String> repositories;

    Path root(Terminal terminal) {
        return terminal.cwd().resolve(dir == null ? "." : dir).normalize();
    }

    Updater updater(Engine engine, Terminal terminal) {
        List<Path> repos = repositories == null ? RecordedVersions.defaultRepositories()
                : repositories.stream().map(r -> terminal.cwd().resolve(r).normalize()).toList();
        return new Updater(engine, new RecordedVersions(repos));
    }

    /** Bad input when git holds changes not committed under {@code root}: an update must not write over them. */
    static void requireClean(Path root, boolean force) {
        if (force) {
            return;
        }
        List<String> dirty = WorkingTree.uncommitted(root);
        if (!dirty.isEmpty()) {
            throw new InvalidAnswerException("--force", "(not given)", "is needed: git has changes not committed in the project ("
                    + String.join(", ", dirty.subList(0, Math.min(3, dirty.size()))) + (dirty.size() > 3 ? ", ..." : "")
                    + "), which the update could write over", "commit or stash them first, or give --force");
        }
    }

    /**
     * Prints what the update does (or would do, dry) and returns the exit code: {@link Main#OK}, or
     * {@link Main#NEEDS_ATTENTION} when conflicts are left in files.
     */
    static int report(Terminal terminal, Updater.Result result, boolean dryRun) {
        var out = terminal.out();
        String versions = result.recordedVersion().equals(Engine.version()) ? "Sluice " + Engine.version() + ", the version that generated it"
                : "From Sluice " + result.recordedVersion() + ", which generated it, to " + Engine.version();
        out.println(versions + (dryRun ? " (dry run: nothing written)" : "") + ".");
        result.settings().forEach(out::println);
        for (String note : result.notes()) {
            List<String> lines = dev.sluice.render.Wrap.lines("Note: " + note, 100);
            out.println(lines.get(0));
            lines.subList(1, lines.size()).forEach(line -> out.println("  " + line));
        }
        if (dryRun) {
            out.print(result.diff());
        }
        if (result.changes().isEmpty()) {
            out.println("Files: no change.");
            return Main.OK;
        }
        out.println("Files:");
        for (FileChange change : result.changes()) {
            out.println("  " + change.description() + ": " + change.path());
        }
        List<FileChange> conflicts = result.of(FileChange.Kind.CONFLICT);
        if (!conflicts.isEmpty()) {
            out.println(conflicts.size() + (conflicts.size() == 1 ? " file has" : " files have") + " conflicts" + (dryRun ? " to come" : "")
                    + ": resolve the lines between <<<<<<< yours and >>>>>>> sluice " + Engine.version() + ", then commit (exit code "
                    + Main.NEEDS_ATTENTION + ").");
            return Main.NEEDS_ATTENTION;
        }
        return Main.OK;
    }
}
