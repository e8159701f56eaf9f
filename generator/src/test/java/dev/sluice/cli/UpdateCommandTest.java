package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.engine.Engine;
import dev.sluice.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code sluice update}, {@code diff} and {@code add endpoint} on a project generated into jimfs, then edited as a
 * team would: the edits survive, the derived values follow the new answers as {@code sluice plan} derives them.
 */
class UpdateCommandTest extends CliHarness {
    private static final String PROCESSOR = "orders-api/src/main/java/com/example/ordersapi/OrderProcessor.java";
    private static final String TEMPLATE = "orders-api/template.yaml";
    private Path project;

    @BeforeEach
    void generate() throws IOException {
        assertEquals(0, run("new", "orders-api", "--batch"), err.toString());
        project = cwd.resolve("orders-api");
        out.getBuffer().setLength(0);
    }

    /** The maximum concurrency `sluice plan` derives for the default answers at this peak. */
    private static int plannedConcurrency(String peakRps) {
        Engine engine = new Engine();
        Plan plan = engine.plan(engine.validate(RawAnswers.empty().with(Question.NAME, "orders-api").with(Question.PEAK_RPS, peakRps)));
        return plan.maxConcurrency();
    }

    private String read(String path) throws IOException {
        return Files.readString(cwd.resolve(path));
    }

    private void replace(String path, String from, String to) throws IOException {
        String text = read(path);
        assertTrue(text.contains(from), path + " holds " + from);
        Files.writeString(cwd.resolve(path), text.replace(from, to));
    }

    private Map<String, byte[]> snapshot() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(cwd)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(cwd.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((path, bytes) -> assertTrue(Arrays.equals(bytes, actual.get(path)), path + " changed"));
    }

    @Test
    void theTeamsEditsSurviveAndTheDerivedValuesFollowTheNewTraffic() throws IOException {
        int before = plannedConcurrency("50");
        int after = plannedConcurrency("800");
        assertTrue(after > before, before + " → " + after);
        replace(PROCESSOR, "public void process(Order order) {", "public void process(Order order) {\n        ledger.record(order); // our logic");
        replace("orders-api/README.md", "# orders-api\n", "# orders-api\n\nOwned by the payments team.\n");
        replace(TEMPLATE, "Description:", "# Reviewed by the platform team.\nDescription:");

        assertEquals(0, run("update", "--dir", "orders-api", "--peak-rps", "800"), err.toString());

        assertTrue(read(PROCESSOR).contains("ledger.record(order); // our logic"));
        assertTrue(read("orders-api/README.md").contains("Owned by the payments team."));
        String template = read(TEMPLATE);
        assertTrue(template.contains("# Reviewed by the platform team.\nDescription:"));
        assertTrue(template.contains("MaximumConcurrency: " + after + "\n"), "the plan's " + after);
        assertFalse(template.contains("MaximumConcurrency: " + before + "\n"));
        assertTrue(read("orders-api/README.md").contains("at most " + after + " batches at a time"));
        assertEquals("800", String.valueOf(AnswersFile.read(project.resolve(".sluice/answers.yaml")).endpoints().get(0)
                .get(Question.PEAK_RPS).orElseThrow()));
        String printed = out.toString();
        assertTrue(printed.contains("/orders Maximum concurrency: " + before + " → " + after), printed);
        assertTrue(printed.contains("Monthly cost at the average traffic: $"), printed);
        assertTrue(printed.contains("updated: template.yaml"), printed);
    }

    @Test
    void bothChangingTheSameLinesLeavesDiff3MarkersAndExitsThree() throws IOException {
        int before = plannedConcurrency("50");
        int after = plannedConcurrency("800");
        replace(TEMPLATE, "MaximumConcurrency: " + before + "\n", "MaximumConcurrency: 7\n");

        assertEquals(Main.NEEDS_ATTENTION, run("update", "--dir", "orders-api", "--peak-rps", "800"));

        String template = read(TEMPLATE);
        int ours = template.indexOf("<<<<<<< yours\n");
        int base = template.indexOf("||||||| sluice " + Engine.version() + " (base)\n");
        int theirs = template.indexOf("=======\n");
        int end = template.indexOf(">>>>>>> sluice " + Engine.version() + "\n");
        assertTrue(0 < ours && ours < base && base < theirs && theirs < end, template);
        assertTrue(template.substring(ours, base).contains("MaximumConcurrency: 7"));
        assertTrue(template.substring(base, theirs).contains("MaximumConcurrency: " + before));
        assertTrue(template.substring(theirs, end).contains("MaximumConcurrency: " + after));
        assertTrue(out.toString().contains("conflict: template.yaml"), out.toString());
        assertTrue(out.toString().contains("1 file has conflicts"), out.toString());
    }

    @Test
    void dryRunAndDiffPrintTheUnifiedDiffAndWriteNothing() throws IOException {
        Map<String, byte[]> before = snapshot();
        for (String command : new String[] {"update", "diff"}) {
            out.getBuffer().setLength(0);
            String[] args = command.equals("update")
                    ? new String[] {"update", "--dir", "orders-api", "--peak-rps", "800", "--dry-run"}
                    : new String[] {"diff", "--dir", "orders-api", "--peak-rps", "800"};
            assertEquals(0, run(args), err.toString());
            assertSameFiles(before, snapshot());
            String printed = out.toString();
            assertTrue(printed.contains("--- a/template.yaml\n+++ b/template.yaml\n@@ "), printed);
            assertTrue(printed.contains("\n-    peakRps: 50\n+    peakRps: 800\n"), printed);
            assertTrue(printed.contains("dry run: nothing written"), printed);
        }
    }

    @Test
    void anUpdateWithNothingChangedChangesNothing() throws IOException {
        Map<String, byte[]> before = snapshot();
        assertEquals(0, run("update", "--dir", "orders-api"), err.toString());
        assertSameFiles(before, snapshot());
        assertTrue(out.toString().contains("Files: no change."), out.toString());
    }

    @Test
    void aFileTheUpdateNoLongerGeneratesIsDeletedUnlessEdited() throws IOException {
        // A body without a path parameter has no DeadLetterQueue helper; FIFO ordering brings one, and taking it away removes it.
        assertEquals(0, run("update", "--dir", "orders-api", "--ordering", "key:id"), err.toString());
        String helper = "orders-api/src/main/java/com/example/ordersapi/DeadLetterQueue.java";
        assertTrue(Files.exists(cwd.resolve(helper)), out.toString());
        assertEquals(0, run("update", "--dir", "orders-api", "--ordering", "none"), err.toString());
        assertFalse(Files.exists(cwd.resolve(helper)));

        assertEquals(0, run("update", "--dir", "orders-api", "--ordering", "key:id"), err.toString());
        replace(helper, "public class DeadLetterQueue", "public class DeadLetterQueue /* ours */");
        out.getBuffer().setLength(0);
        assertEquals(0, run("update", "--dir", "orders-api", "--ordering", "none"), err.toString());
        assertTrue(read(helper).contains("/* ours */"));
        assertTrue(out.toString().contains("kept (edited by you, no longer generated): src/main/java/com/example/ordersapi/DeadLetterQueue.java"),
                out.toString());
    }

    @Test
    void anEndpointAddedToAnEditedServiceKeepsTheEdits() throws IOException {
        Files.writeString(cwd.resolve("service.yaml"), "name: shop\nendpoints:\n- path: /orders\n- path: /returns\n");
        assertEquals(0, run("new", "--answers", "service.yaml", "--batch"), err.toString());
        String processor = "shop/src/main/java/com/example/shop/orders/OrderProcessor.java";
        replace(processor, "public void process(Order order) {", "public void process(Order order) {\n        ledger.record(order); // our logic");
        out.getBuffer().setLength(0);

        assertEquals(0, run("add", "endpoint", "/refunds", "--dir", "shop", "--field", "refundId:uuid", "--field", "amount:number",
                "--peak-rps", "20"), err.toString());

        assertTrue(read(processor).contains("ledger.record(order); // our logic"));
        assertTrue(Files.exists(cwd.resolve("shop/src/main/java/com/example/shop/refunds/RefundProcessor.java")));
        assertTrue(read("shop/template.yaml").contains("RefundsQueue:"));
        RawAnswers recorded = AnswersFile.read(cwd.resolve("shop/.sluice/answers.yaml"));
        assertEquals(java.util.List.of("/orders", "/returns", "/refunds"), recorded.endpoints().stream()
                .map(e -> e.get(Question.PATH).orElseThrow()).toList());
        assertEquals("20", String.valueOf(recorded.endpoints().get(2).get(Question.PEAK_RPS).orElseThrow()));
        assertTrue(out.toString().contains("/refunds: a new endpoint"), out.toString());
    }

    @Test
    void theWizardAsksTheNewEndpointsQuestionsLeftOpen() throws IOException {
        Files.writeString(cwd.resolve("service.yaml"), "name: shop\nendpoints:\n- path: /orders\n- path: /returns\n");
        assertEquals(0, run("new", "--answers", "service.yaml", "--batch"), err.toString());
        out.getBuffer().setLength(0);
        // Every endpoint question but the path, in the wizard's order: the auth, the payload's form and fields, then Enter.
        String input = "iam\n" + "fields\n" + "refundId:uuid\n" + "\n".repeat(20);
        assertEquals(0, run(input, true, "add", "endpoint", "/refunds", "--dir", "shop"), err.toString());
        assertTrue(out.toString().contains("the new endpoint's questions"), out.toString());
        RawAnswers recorded = AnswersFile.read(cwd.resolve("shop/.sluice/answers.yaml"));
        assertEquals("iam", recorded.endpoints().get(2).get(Question.AUTH).orElseThrow());
        assertEquals(java.util.List.of("refundId:uuid"), recorded.endpoints().get(2).get(Question.FIELDS).orElseThrow());
    }

    @Test
    void aOneEndpointServiceThatGetsASecondEndpointCarriesTheEditsToTheMovedFiles() throws IOException {
        replace(PROCESSOR, "public void process(Order order) {", "public void process(Order order) {\n        ledger.record(order); // our logic");

        assertEquals(0, run("add", "endpoint", "/refunds", "--dir", "orders-api", "--batch"), err.toString());

        String moved = "orders-api/src/main/java/com/example/ordersapi/orders/OrderProcessor.java";
        String text = read(moved);
        assertTrue(text.startsWith("package com.example.ordersapi.orders;\n"), text);
        assertTrue(text.contains("ledger.record(order); // our logic"), text);
        assertFalse(Files.exists(cwd.resolve(PROCESSOR)));
        assertFalse(Files.exists(cwd.resolve("orders-api/src/main/java/com/example/ordersapi/model")), "an emptied folder goes");
        assertTrue(out.toString().contains("moved from src/main/java/com/example/ordersapi/OrderProcessor.java, with your edits"), out.toString());
        String notes = out.toString().replace("\n  ", " ");
        assertTrue(notes.contains("On the next deploy, Queue (AWS::SQS::Queue) is no longer in template.yaml: CloudFormation deletes it with"
                + " what it holds; DeadLetterQueue (AWS::SQS::Queue) is no longer in template.yaml"), notes);
    }

    @Test
    void aQueueBecomingFifoIsNamedAsReplacedBeforeTheDeploy() {
        assertEquals(0, run("diff", "--dir", "orders-api", "--ordering", "key:id"), err.toString());
        String notes = out.toString().replace("\n  ", " ");
        assertTrue(notes.contains("Note: On the next deploy, Queue (AWS::SQS::Queue): its FifoQueue changes, so CloudFormation replaces it"
                + " and what it holds is lost"), notes);
        out.getBuffer().setLength(0);
        assertEquals(0, run("diff", "--dir", "orders-api", "--peak-rps", "800"), err.toString());
        assertFalse(out.toString().contains("Note:"), "a new peak replaces nothing: " + out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "update --dir nowhere --peak-rps 800 | sluice: --dir: '/home/dev/nowhere' is not a Sluice project (no .sluice/answers.yaml)",
            "update --dir orders-api --endpoint /refunds --peak-rps 80 | sluice: --endpoint: '/refunds' is not an endpoint of this service; accepted: one of /orders",
            "update --dir orders-api --peak-rps 0 | sluice: endpoints[1] (/orders) peakRps: '0' is not above 0; accepted: ",
            "update --dir orders-api --answers x.yaml | sluice: --answers: 'x.yaml' is not taken here",
            "add endpoint /orders --dir orders-api --batch | sluice: PATH: '/orders' is already an endpoint of this service",
            "add endpoint /refunds --dir orders-api --iac cdk --batch | sluice: --iac: 'cdk' is the service's answer, not the new endpoint's",
            "diff --dir orders-api --max-delay forever | sluice: endpoints[1] (/orders) maxDelay: 'forever' is not a duration; accepted: ",
    })
    void badInputIsOneLineExitTwoAndNothingWritten(String args, String expected) throws IOException {
        Map<String, byte[]> before = snapshot();
        assertEquals(Main.BAD_INPUT, run(args.trim().split(" ")), out.toString());
        String printed = err.toString();
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.startsWith(expected.trim()), printed);
        assertSameFiles(before, snapshot());
    }

    @Test
    void severalEndpointsNeedTheEndpointNamed() throws IOException {
        Files.writeString(cwd.resolve("service.yaml"), "name: shop\nendpoints:\n- path: /orders\n- path: /returns\n");
        assertEquals(0, run("new", "--answers", "service.yaml", "--batch"), err.toString());
        Map<String, byte[]> before = snapshot();
        assertEquals(Main.BAD_INPUT, run("update", "--dir", "shop", "--peak-rps", "80"));
        assertEquals("sluice: --peak-rps: '80' answers one endpoint, but the service has 2; accepted: --endpoint PATH naming one of /orders, /returns\n",
                err.toString());
        assertSameFiles(before, snapshot());
        assertEquals(0, run("update", "--dir", "shop", "--endpoint", "/returns", "--peak-rps", "80"), err.toString());
        RawAnswers recorded = AnswersFile.read(cwd.resolve("shop/.sluice/answers.yaml"));
        assertEquals("50", String.valueOf(recorded.endpoints().get(0).get(Question.PEAK_RPS).orElseThrow()));
        assertEquals("80", String.valueOf(recorded.endpoints().get(1).get(Question.PEAK_RPS).orElseThrow()));
    }
}
