package dev.sluice.cli;

import dev.sluice.answers.Service;
import dev.sluice.engine.Engine;
import dev.sluice.engine.GenerationSummary;
import dev.sluice.output.ProjectWriter;
import dev.sluice.plan.ServicePlan;
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

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", descriptionKey = "name")
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
        Service service = engine.validateService(options.gather(name, terminal));
        ServicePlan plan = engine.plan(service);
        GeneratedProject project = engine.render(service, plan);
        String where;
        if (output != null) {
            Path archive = terminal.cwd().resolve(output).normalize();
            ProjectWriter.writeArchive(project, archive, force);
            where = archive.toString();
        } else {
            Path target = terminal.cwd().resolve(dir != null ? dir : service.name()).normalize();
            ProjectWriter.writeFolder(project, target, force);
            Path cwd = terminal.cwd().toAbsolutePath();
            where = (target.startsWith(cwd) ? cwd.relativize(target) : target) + "/";
        }
        GenerationSummary.lines(service, plan, project, where, output == null).forEach(terminal.out()::println);
        return Main.OK;
    }
}
