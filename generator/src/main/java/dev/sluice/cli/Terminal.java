package dev.sluice.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The CLI's edges: where it runs, what it reads and where it writes. Tests build one over jimfs
 * and string buffers; {@link #system()} is the real process.
 */
public record Terminal(Path cwd, BufferedReader in, PrintWriter out, PrintWriter err, boolean interactive) {

    public static Terminal system() {
        return new Terminal(Path.of("").toAbsolutePath(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                isTerminal());
    }

    /** True when stdin and stdout are a terminal (Java 22+ answers that precisely through Console.isTerminal). */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true;
        }
    }
}
