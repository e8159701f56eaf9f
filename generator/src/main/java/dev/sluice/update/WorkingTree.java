package dev.sluice.update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Whether a project sits in a git working tree with changes not committed: what an update would write over. */
public final class WorkingTree {
    private WorkingTree() {}

    /**
     * The paths under {@code root} that git sees as changed, added, removed or untracked (ignored files aside);
     * empty when {@code root} is in no git repository (or not on the default file system, where git cannot be).
     */
    public static List<String> uncommitted(Path root) {
        if (root.getFileSystem() != FileSystems.getDefault()) {
            return List.of();
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(root.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            return List.of();
        }
        try (Repository repository = builder.build(); Git git = new Git(repository)) {
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            String prefix = workTree.relativize(root.toRealPath()).toString().replace('\\', '/');
            StatusCommand command = git.status();
            if (!prefix.isEmpty()) {
                command.addPath(prefix);
            }
            Status status = command.call();
            TreeSet<String> paths = new TreeSet<>(status.getUncommittedChanges());
            paths.addAll(status.getUntracked());
            return List.copyOf(paths);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("git status failed in " + root + ": " + e.getMessage(), e);
        }
    }
}
