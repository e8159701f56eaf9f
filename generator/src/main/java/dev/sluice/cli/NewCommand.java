package dev.sluice.cli;

import dev.sluice.answers.Answers;
import dev.sluice.engine.Engine;
import dev.sluice.output.ProjectWriter;
import dev.sluice.plan.Plan;
import dev.sluice.render.GeneratedProject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "new", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Generates a project: asks each question on a terminal (defaults in brackets), "
                        + "or takes them from flags and --answers; --batch never asks.",
                ""},
        footer = {"", "Durations: 30s, 5m, 2h, 1d (or combined, 1h30m).",
                "Exit codes: 0 done, 2 bad input (nothing written), 1 internal error."})
final class NewCommand implements Callable<Integer> {
    private final Engine engine;
    private final Terminal terminal;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Project name, the artifactId, e.g. orders-api.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder to write. Default: ./NAME.")
    String dir;

    @Option(names = "--output", paramLabel = "FILE", description = "Write an archive instead of a folder: FILE.zip or FILE.tar.gz.")
    String output;

    @Option(names = "--force", description = "Write into a folder that is not empty (or replace an archive).")
    boolean force;

    @Mixin
    AnswerOptions options;

    NewCommand(Engine engine, Terminal terminal) {
        this.engine = engine;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Answers answers = engine.validate(options.gather(name, terminal));
        Plan plan = engine.plan(answers);
        GeneratedProject project = engine.render(answers, plan);
        String where;
        if (output != null) {
            Path archive = terminal.cwd().resolve(output).normalize();
            ProjectWriter.writeArchive(project, archive, force);
            where = archive.toString();
        } else {
            Path target = terminal.cwd().resolve(dir != null ? dir : answers.name()).normalize();
            ProjectWriter.writeFolder(project, target, force);
            Path cwd = terminal.cwd().toAbsolutePath();
            where = (target.startsWith(cwd) ? cwd.relativize(target) : target) + "/";
        }
        var out = terminal.out();
        out.printf("Created %s: a %s project for POST %s (%d files).%n", where, answers.iac().id().toUpperCase(java.util.Locale.ROOT),
                answers.path(), project.files().size());
        out.printf("  batch %d, window %d s, max concurrency %d, timeout %d s, visibility %d s%n", plan.batchSize(),
                plan.batchingWindowSeconds(), plan.maxConcurrency(), plan.functionTimeoutSeconds(), plan.visibilityTimeoutSeconds());
        for (String warning : plan.warnings()) {
            out.println("Warning: " + warning);
        }
        if (output == null) {
            out.printf("Next: cd %s && %s%n", where, answers.iac() == Answers.Iac.SAM
                    ? "mvn verify && sam build && sam deploy --guided"
                    : "mvn verify && npx cdk bootstrap && npx cdk deploy");
        }
        return Main.OK;
    }
}
