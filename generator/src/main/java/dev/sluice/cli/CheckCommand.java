package dev.sluice.cli;

import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Service;
import dev.sluice.check.Finding;
import dev.sluice.check.ProjectCheck;
import dev.sluice.engine.Engine;
import dev.sluice.plan.Formats;
import dev.sluice.plan.ServicePlan;
import dev.sluice.update.FileChange;
import dev.sluice.update.Updater;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Checks the project in --dir (default: here) for its CI: one line per place where it drifted from the plan "
                        + "its recorded answers make (AWS's rules on visibility timeout, FIFO batches and dead-letter retention; "
                        + "a maximum concurrency or alarm threshold edited by hand), and, if asked, where this Sluice would "
                        + "change it or what it costs. The CDK form is checked on its synthesized template (npx cdk synth).",
                ""},
        footer = {"", "Exit codes: 0 no finding, 3 findings, 2 bad input, 1 internal error."})
final class CheckCommand implements Callable<Integer> {
    private final Engine engine;
    private final Terminal terminal;

    @Option(names = "--strict", description = "Also a finding: every file this version of Sluice would change (sluice update would).")
    boolean strict;

    @Option(names = "--budget", paramLabel = "USD", description = "Also a finding: a planned monthly cost above USD.")
    String budget;

    @Mixin
    UpdateOptions where;

    CheckCommand(Engine engine, Terminal terminal) {
        this.engine = engine;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Path root = where.root(terminal);
        BigDecimal limit = budget == null ? null : budget();
        Service service = engine.validateService(AnswersFile.read(Updater.recordOf(root)));
        ServicePlan plan = engine.plan(service);
        List<String> findings = new ArrayList<>(ProjectCheck.check(root, service, plan).stream().map(Finding::line).toList());
        if (limit != null && BigDecimal.valueOf(plan.monthlyTotal()).compareTo(limit) > 0) {
            findings.add("cost: the planned monthly cost " + plan.monthlyTotalText() + " is above the budget of "
                    + Formats.money(limit.doubleValue()) + " (sluice plan shows where it goes)");
        }
        if (strict) {
            Updater.Result result = where.updater(engine, terminal).prepare(root, UnaryOperator.identity());
            for (FileChange change : result.changes()) {
                if (change.kind() != FileChange.Kind.KEPT_EDITED && !change.path().startsWith(".sluice/")) {
                    findings.add(change.path() + ": Sluice " + Engine.version() + " would change it (" + change.description()
                            + "): run sluice update");
                }
            }
        }
        findings.forEach(terminal.out()::println);
        if (findings.isEmpty()) {
            terminal.out().println("No drift: the project keeps the plan of its recorded answers"
                    + (limit == null ? "" : ", within the budget") + (strict ? ", and this Sluice would change nothing" : "") + ".");
            return Main.OK;
        }
        terminal.out().println(findings.size() + (findings.size() == 1 ? " finding" : " findings") + " (exit code " + Main.NEEDS_ATTENTION + ").");
        return Main.NEEDS_ATTENTION;
    }

    private BigDecimal budget() {
        try {
            BigDecimal value = new BigDecimal(budget.trim().replaceFirst("^\\$", ""));
            if (value.signum() > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidAnswerException("--budget", budget, "is not an amount of US dollars above 0", "a number, e.g. 100 or 49.90");
    }
}
