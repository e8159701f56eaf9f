package dev.sluice.cli;

import dev.sluice.answers.Answers;
import dev.sluice.engine.Engine;
import dev.sluice.plan.Plan;
import dev.sluice.plan.Setting;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prints the settings Sluice derives from the answers, and why; writes nothing.")
final class PlanCommand implements Callable<Integer> {
    private final Engine engine;
    private final Terminal terminal;

    @Mixin
    AnswerOptions options;

    PlanCommand(Engine engine, Terminal terminal) {
        this.engine = engine;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        // The plan does not depend on the project name, so none is asked for.
        Answers answers = engine.validate(options.gather("plan", terminal));
        Plan plan = engine.plan(answers);
        int label = plan.settings().stream().mapToInt(s -> s.label().length()).max().orElse(10);
        int value = plan.settings().stream().mapToInt(s -> s.value().length()).max().orElse(10);
        var out = terminal.out();
        for (Setting s : plan.settings()) {
            out.printf("%-" + label + "s  %-" + value + "s  %s%n", s.label(), s.value(), s.why());
        }
        for (String warning : plan.warnings()) {
            out.println("Warning: " + warning);
        }
        return Main.OK;
    }
}
