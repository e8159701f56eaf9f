package dev.sluice.cli;

import dev.sluice.answers.RawAnswers;
import dev.sluice.engine.Engine;
import dev.sluice.update.AnswerChanges;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Shows what changing answers (given as flags) would change in the project in --dir: the derived settings, "
                        + "the monthly cost and the unified diff of the files, as 'sluice update --dry-run'. Writes nothing.",
                ""},
        footer = {"", "Exit codes: 0 shown, 3 shown and the update would leave conflicts, 2 bad input, 1 internal error."})
final class DiffCommand implements Callable<Integer> {
    private final Engine engine;
    private final Terminal terminal;

    @Option(names = AnswerChanges.ENDPOINT_FLAG, paramLabel = "PATH", description = "The endpoint whose answers the flags change, e.g. /orders.")
    String endpoint;

    @Mixin
    UpdateOptions where;

    @Mixin
    AnswerOptions options;

    DiffCommand(Engine engine, Terminal terminal) {
        this.engine = engine;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Path root = where.root(terminal);
        RawAnswers flags = options.changes(terminal.cwd());
        var result = where.updater(engine, terminal).prepare(root, AnswerChanges.change(flags, endpoint));
        return UpdateOptions.report(terminal, result, true);
    }
}
