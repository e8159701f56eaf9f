package dev.sluice.cli;

import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.engine.Engine;
import dev.sluice.update.AnswerChanges;
import dev.sluice.update.Updater;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true, description = "Adds to the project in --dir.",
        subcommands = AddCommand.Endpoint.class)
final class AddCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "endpoint", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                    "Adds an endpoint to the service in --dir through the same three-way merge as 'sluice update': asks the "
                            + "endpoint's questions on a terminal (unless --batch) where flags leave them open.",
                    ""},
            footer = {"", "Exit codes: 0 done, 3 done with conflicts left to resolve, 2 bad input (nothing written), 1 internal error."})
    static final class Endpoint implements Callable<Integer> {
        private final Engine engine;
        private final Terminal terminal;

        @Parameters(index = "0", paramLabel = "PATH", description = "The new endpoint's path, e.g. /refunds.")
        String path;

        @Option(names = "--dry-run", description = "Print the settings, the cost and the unified diff; write nothing.")
        boolean dryRun;

        @Option(names = "--force", description = "Add although git has changes not committed in the project.")
        boolean force;

        @Mixin
        UpdateOptions where;

        @Mixin
        AnswerOptions options;

        Endpoint(Engine engine, Terminal terminal) {
            this.engine = engine;
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Path root = where.root(terminal);
            RawAnswers recorded = AnswersFile.read(Updater.recordOf(root));
            RawAnswers given = options.changes(terminal.cwd());
            for (Map.Entry<Question, Object> answer : given.asMap().entrySet()) {
                if (answer.getKey().scope() == Question.Scope.SERVICE) {
                    throw new InvalidAnswerException(answer.getKey().flag(), answer.getValue(), "is the service's answer, not the new endpoint's",
                            "endpoint flags (--field, --peak-rps, ...); change the service's with sluice update");
                }
            }
            RawAnswers endpoint = given.with(Question.PATH, path);
            if (options.interactive(terminal)) {
                endpoint = new Wizard(terminal).askEndpoint(recorded, endpoint).with(Question.PATH, path);
            }
            RawAnswers added = endpoint;
            Updater.Result result = where.updater(engine, terminal).prepare(root, r -> AnswerChanges.addEndpoint(r, added));
            if (!dryRun) {
                UpdateOptions.requireClean(root, force);
                Updater.write(root, result.changes());
            }
            return UpdateOptions.report(terminal, result, dryRun);
        }
    }
}
