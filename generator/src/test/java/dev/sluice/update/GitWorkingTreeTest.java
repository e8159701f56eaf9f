package dev.sluice.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.cli.Main;
import dev.sluice.cli.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An update never writes over what git holds uncommitted in the project, unless told to. */
class GitWorkingTreeTest {
    @TempDir
    Path cwd;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new Terminal(cwd, new BufferedReader(new StringReader("")), new PrintWriter(out, true), new PrintWriter(err, true), false),
                args);
    }

    @Test
    void uncommittedChangesRefuseTheUpdateUnlessForced() throws Exception {
        // The project sits in a subfolder of the repository, as in a monorepo.
        assertEquals(0, run("new", "orders-api", "--batch", "--dir", "services/orders-api"), err.toString());
        Path project = cwd.resolve("services/orders-api");
        try (Git git = Git.init().setDirectory(cwd.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent team = new PersonIdent("Team", "team@example.com");
            git.commit().setMessage("generated").setAuthor(team).setCommitter(team).call();
            assertEquals(List.of(), WorkingTree.uncommitted(project));

            Path readme = project.resolve("README.md");
            Files.writeString(readme, Files.readString(readme) + "\nNot committed yet.\n");
            Files.writeString(cwd.resolve("elsewhere.txt"), "outside the project: not its business");
            assertEquals(List.of("services/orders-api/README.md"), WorkingTree.uncommitted(project));
            String template = Files.readString(project.resolve("template.yaml"));

            assertEquals(Main.BAD_INPUT, run("update", "--dir", "services/orders-api", "--peak-rps", "800"));
            assertEquals("sluice: --force: '(not given)' is needed: git has changes not committed in the project "
                    + "(services/orders-api/README.md), which the update could write over; accepted: commit or stash them first, or give --force\n",
                    err.toString());
            assertEquals(template, Files.readString(project.resolve("template.yaml")), "nothing written");

            assertEquals(0, run("update", "--dir", "services/orders-api", "--peak-rps", "800", "--force"), err.toString());
            assertTrue(Files.readString(readme).contains("Not committed yet."));
            assertTrue(!template.equals(Files.readString(project.resolve("template.yaml"))));
        }
    }

    @Test
    void outsideARepositoryThereIsNothingToProtect() throws IOException {
        assertEquals(0, run("new", "orders-api", "--batch"), err.toString());
        assertEquals(List.of(), WorkingTree.uncommitted(cwd.resolve("orders-api")));
    }
}
