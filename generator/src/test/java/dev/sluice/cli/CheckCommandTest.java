package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.engine.Engine;
import dev.sluice.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code sluice check} as a project's CI runs it (the rules themselves: ProjectCheckTest). */
class CheckCommandTest extends CliHarness {
    private Plan plan;

    @BeforeEach
    void generate() {
        assertEquals(0, run("new", "orders-api", "--batch"), err.toString());
        out.getBuffer().setLength(0);
        Engine engine = new Engine();
        plan = engine.plan(engine.validate(RawAnswers.empty().with(Question.NAME, "orders-api")));
    }

    private void replace(String path, String from, String to) throws IOException {
        Path file = cwd.resolve(path);
        String text = Files.readString(file);
        assertTrue(text.contains(from), from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void anUntouchedProjectHasNoFinding() {
        assertEquals(0, run("check", "--dir", "orders-api", "--budget", "1000"), err.toString());
        assertEquals("No drift: the project keeps the plan of its recorded answers, within the budget.\n", out.toString());
    }

    @Test
    void aConcurrencyEditedByHandIsOneLineAndExitThree() throws IOException {
        replace("orders-api/template.yaml", "MaximumConcurrency: " + plan.maxConcurrency() + "\n", "MaximumConcurrency: 40\n");
        assertEquals(Main.NEEDS_ATTENTION, run("check", "--dir", "orders-api"));
        assertEquals("template.yaml: ConsumerFunction.Events.Queue: ScalingConfig.MaximumConcurrency 40 differs from the plan's "
                + plan.maxConcurrency() + " for POST /orders: change the answers and run `sluice update` instead of editing it by hand\n"
                + "1 finding (exit code 3).\n", out.toString());
    }

    @Test
    void aVisibilityTimeoutBelowTheRuleIsAFinding() throws IOException {
        replace("orders-api/template.yaml", "VisibilityTimeout: " + plan.visibilityTimeoutSeconds() + "\n", "VisibilityTimeout: 60\n");
        assertEquals(Main.NEEDS_ATTENTION, run("check", "--dir", "orders-api"));
        assertTrue(out.toString().startsWith("template.yaml: Queue: VisibilityTimeout 60 s is below 6 × the function timeout ("
                + plan.functionTimeoutSeconds() + " s) + the batching window (" + plan.batchingWindowSeconds() + " s) = "
                + (6 * plan.functionTimeoutSeconds() + plan.batchingWindowSeconds()) + " s\n"), out.toString());
    }

    @Test
    void aPlannedCostAboveTheBudgetIsAFinding() {
        assertTrue(plan.cost().monthlyTotal() > 1, "the default plan costs more than a dollar");
        assertEquals(Main.NEEDS_ATTENTION, run("check", "--dir", "orders-api", "--budget", "1"));
        assertEquals("cost: the planned monthly cost " + plan.cost().monthlyTotalText() + " is above the budget of $1.00 (sluice plan shows where it goes)\n"
                + "1 finding (exit code 3).\n", out.toString());
    }

    @Test
    void strictWithTheSameVersionAndAnswersFindsNothingToChange() {
        assertEquals(0, run("check", "--dir", "orders-api", "--strict"), err.toString());
        assertTrue(out.toString().contains("this Sluice would change nothing"), out.toString());
    }

    @Test
    void badInput() throws IOException {
        assertEquals(Main.BAD_INPUT, run("check", "--dir", "orders-api", "--budget", "lots"));
        assertEquals("sluice: --budget: 'lots' is not an amount of US dollars above 0; accepted: a number, e.g. 100 or 49.90\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(Main.BAD_INPUT, run("check", "--dir", "elsewhere"));
        assertTrue(err.toString().startsWith("sluice: --dir: '/home/dev/elsewhere' is not a Sluice project (no .sluice/answers.yaml)"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(0, run("new", "orders-cdk", "--iac", "cdk", "--batch"), err.toString());
        assertEquals(Main.BAD_INPUT, run("check", "--dir", "orders-cdk"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("sluice: check: 'cdk.out/orders-cdk.template.json' is missing: synthesize it first"), err.toString());
    }
}
