package dev.sluice.serve;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.sluice.cli.Main;
import dev.sluice.cli.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CLI run in-process on jimfs, what the server's answers are held to. */
final class CliRun {
    private CliRun() {}

    /** What the CLI printed and wrote: its exit code, stdout, stderr and the file asked for (null if none). */
    record Result(int code, String out, String err, byte[] file) {}

    /** Runs {@code sluice args} in {@code /work}, holding {@code answers} (if any) as {@code answers.yaml}; reads back {@code file}. */
    static Result run(String file, String answers, String... args) throws IOException {
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
            Path cwd = Files.createDirectories(fs.getPath("/work"));
            if (answers != null) {
                Files.writeString(cwd.resolve("answers.yaml"), answers);
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new Terminal(cwd, new BufferedReader(new StringReader("")), new PrintWriter(out, true),
                    new PrintWriter(err, true), false), args);
            byte[] written = file != null && Files.exists(cwd.resolve(file)) ? Files.readAllBytes(cwd.resolve(file)) : null;
            return new Result(code, out.toString(), err.toString(), written);
        }
    }
}
