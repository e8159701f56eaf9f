package dev.sluice.cli;

import dev.sluice.answers.RawAnswers;
import dev.sluice.engine.Engine;
import dev.sluice.update.AnswerChanges;
import dev.sluice.update.Updater;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Updates the project in --dir (default: here) to this version of Sluice and to the answers given as flags, "
                        + "keeping your edits: each file is merged three ways (base: what the recorded version generated from the "
                        + "recorded answers; yours: the file; theirs: what this version generates from the new answers).",
                ""},
        footer = {"", "Endpoint answers change the endpoint named by --endpoint (needed when the service has several).",
                "Exit codes: 0 done, 3 done with conflicts left to resolve, 2 bad input (nothing written), 1 internal error."})
final class UpdateCommand implements Callable<Integer> {
    private final Engine engine;
    private final Terminal terminal;

    @Option(names = AnswerChanges.ENDPOINT_FLAG, paramLabel = "PATH", description = "The endpoint whose answers the flags change, e.g. /orders.")
    String endpoint;

    @Option(names = "--dry-run", description = "Print the settings, the cost and the unified diff the update would make; write nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Update although git has changes not committed in the project.")
    boolean force;

    @Mixin
    UpdateOptions where;

    @Mixin
    AnswerOptions options;

    UpdateCommand(Engine engine, Terminal terminal) {
        this.engine = engine;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Path root = where.root(terminal);
        RawAnswers flags = options.changes(terminal.cwd());
        Updater.Result result = where.updater(engine, terminal).prepare(root, AnswerChanges.change(flags, endpoint));
        if (!dryRun) {
            UpdateOptions.requireClean(root, force);
            Updater.write(root, result.changes());
        }
        return UpdateOptions.report(terminal, result, dryRun);
    }
}
