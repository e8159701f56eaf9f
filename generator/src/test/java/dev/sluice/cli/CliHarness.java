package dev.sluice.cli;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Runs the CLI through {@link Main#run} on a jimfs working directory, capturing what it prints. */
public abstract class CliHarness {
    protected FileSystem fs;
    protected Path cwd;
    protected final StringWriter out = new StringWriter();
    protected final StringWriter err = new StringWriter();

    @BeforeEach
    void createWorkingDirectory() throws IOException {
        fs = Jimfs.newFileSystem(Configuration.unix());
        cwd = Files.createDirectories(fs.getPath("/home/dev"));
    }

    @AfterEach
    void closeFileSystem() throws IOException {
        fs.close();
    }

    protected int run(String input, boolean interactive, String... args) {
        Terminal terminal = new Terminal(cwd, new BufferedReader(new StringReader(input)), new PrintWriter(out, true),
                new PrintWriter(err, true), interactive);
        return Main.run(terminal, args);
    }

    protected int run(String... args) {
        return run("", false, args);
    }

    /** Every path under the working directory, to show that a run wrote nothing. */
    protected Set<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(cwd)) {
            return walk.map(p -> cwd.relativize(p).toString()).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }
}
