package dev.sluice.cli;

import dev.sluice.answers.Answers;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Service;
import dev.sluice.engine.Engine;
import dev.sluice.plan.CapacityChart;
import dev.sluice.plan.PlanReport;
import dev.sluice.plan.ServicePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Prints the settings Sluice derives from the answers and why, the simulated peak and the monthly cost; "
                        + "for a service of several endpoints, each endpoint's under its POST and then the service's total; "
                        + "writes nothing (but the --chart file).",
                ""},
        footer = {"", "Durations: 30s, 5m, 2h, 1d (or combined, 1h30m).",
                "Exit codes: 0 the answers can be met, 3 they cannot (for any endpoint) (each warning says why and what would fix it), "
                        + "2 bad input, 1 internal error."})
final class PlanCommand implements Callable<Integer> {
    /** The plan was made, but it cannot meet the answers: it has warnings. */
    static final int UNMET = 3;

    private final Engine engine;
    private final Terminal terminal;

    @Option(names = "--json", description = "Print the same content as JSON.")
    boolean json;

    @Option(names = "--chart", paramLabel = "FILE.svg", description = "Also draw the simulated backlog and message age over time as an SVG chart (a panel an endpoint).")
    String chart;

    @Mixin
    AnswerOptions options;

    PlanCommand(Engine engine, Terminal terminal) {
        this.engine = engine;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Path chartFile = chart == null ? null : chartFile(chart);
        // The plan does not depend on the project name, so none is asked for.
        Service service = engine.validateService(options.gather("plan", terminal));
        ServicePlan plan = engine.plan(service);
        List<String> paths = service.endpoints().stream().map(Answers::path).toList();
        if (chartFile != null) {
            try {
                Files.writeString(chartFile, CapacityChart.svg(plan, paths), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + chartFile, e);
            }
        }
        terminal.out().print(json ? PlanReport.json(plan, paths) : PlanReport.table(plan, paths));
        return plan.met() ? Main.OK : UNMET;
    }

    /** The chart's path: an .svg file in a folder that exists (checked before anything is printed). */
    private Path chartFile(String name) {
        String accepted = "a file name ending in .svg, in a folder that exists";
        if (!name.toLowerCase(Locale.ROOT).endsWith(".svg")) {
            throw new InvalidAnswerException("--chart", name, "is not an .svg file", accepted);
        }
        Path file = terminal.cwd().resolve(name).normalize();
        if (Files.isDirectory(file) || file.getParent() != null && !Files.isDirectory(file.getParent())) {
            throw new InvalidAnswerException("--chart", name, Files.isDirectory(file) ? "is a folder" : "is in a folder that does not exist",
                    accepted);
        }
        return file;
    }
}
