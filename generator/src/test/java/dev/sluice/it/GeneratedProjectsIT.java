package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Answers;
import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.answers.Service;
import dev.sluice.engine.Engine;
import dev.sluice.output.ProjectWriter;
import dev.sluice.plan.ServicePlan;
import dev.sluice.record.AnswersRecord;
import dev.sluice.render.GeneratedProject;
import dev.sluice.render.ProjectModel;
import dev.sluice.render.ProjectModels;
import dev.sluice.update.AnswerChanges;
import dev.sluice.update.RecordedVersions;
import dev.sluice.update.Updater;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every sample and every test answer set, generated and proven as a team would: its own
 * {@code mvn verify} on JDK 21+, then cfn-lint, sam validate --lint, sam build and checkov for the
 * SAM form, or cdk synth, cfn-lint and checkov for the CDK form ({@code scripts/verify-project}).
 * For the CDK form, the synthesized template must also hold the same settings as the SAM form of
 * the same answers, and be deployable as {@link DeployableTemplates} says. Slow by nature, so it runs in the integration-test phase, two projects at a time
 * (the generator's pom sets JUnit's parallelism): much of a project's proof waits on timeouts and
 * single-threaded tools, which the other project's build fills. Each project proven is then deployed into one
 * LocalStack started for the whole run ({@link Emulator}) and its API called ({@link ContractSuite}; docs/emulator.md).
 *
 * <p>Each project's {@code LocalPipelineIT} burst is the generated default ({@link ProjectModel.LocalTests#DEFAULT})
 * on {@link #FULL_BURST}, one project of each queue kind, and {@link #SMALL_BURST} requests on the rest: the burst
 * proves the pipeline's bookkeeping under load, which a queue kind exercises the same way whatever the payload.
 *
 * <p>System properties: {@code sluice.it.projects}, a comma-separated list of answer set names to prove only
 * those (empty: all); {@code sluice.it.burst}, a burst size for every project (empty: as above).
 */
class GeneratedProjectsIT {
    /** Answer sets whose burst is the generated default: a standard queue, a FIFO queue, an idempotent consumer. */
    static final Set<String> FULL_BURST = Set.of("orders", "orders-fifo", "payments-idempotent");
    static final int SMALL_BURST = 1_000;
    /**
     * The SAM projects whose {@code sam build} runs: it packages the jar {@code mvn verify} already built and tested, in
     * the same way for every project of one build shape, so it is proven once per shape: one function on java21, one
     * on java25 (another build image), a service's functions sharing one build.
     */
    static final Set<String> SAM_BUILD = Set.of("defaults", "every-type", "orders-service");
    /** The CDK form of samples/checkout's schema, which writes every constraint (DeployableTemplatesTest has its SAM form). */
    static final String EVERY_CONSTRAINT = "cdk-checkout";

    private static final Path OUT = Repository.root().resolve("generator/target/it-projects");
    private static Emulator.Background emulator;

    private final Engine engine = new Engine();

    @BeforeAll
    static void startEmulator() {
        emulator = Emulator.inBackground(Repository.root(), OUT.resolve("localstack.log"));
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @TestFactory
    @Execution(ExecutionMode.CONCURRENT)
    Stream<DynamicTest> everyGeneratedProjectBuildsAndPassesTheValidators() {
        List<Path> sets = new ArrayList<>(Repository.sampleAnswers());
        sets.addAll(Repository.testAnswerSets());
        List<String> only = list(System.getProperty("sluice.it.projects", ""));
        if (!only.isEmpty()) {
            sets.removeIf(answers -> !only.contains(Repository.answerSetName(answers)));
            assertEquals(only.size(), sets.size(), "sluice.it.projects names answer sets that exist: " + only);
        }
        assertFalse(sets.isEmpty());
        return sets.stream().map(answers -> DynamicTest.dynamicTest(answers.getFileName().toString(), () -> {
            String name = Repository.answerSetName(answers);
            RawAnswers raw = Repository.read(answers);
            Service service = engine.validateService(raw);
            ServicePlan plan = engine.plan(service);
            GeneratedProject project = engine.render(service, plan);
            List<ProjectModel> endpoints = ProjectModels.of(service, plan.endpoints(), Engine.version());
            Path dir = OUT.resolve(name);
            deleteTree(dir);
            ProjectWriter.writeFolder(project, dir, false);
            Path synthesized = OUT.resolve(name + ".synthesized.json");
            Files.deleteIfExists(synthesized);

            List<String> command = new ArrayList<>(List.of(Repository.root().resolve("scripts/verify-project").toString(),
                    "--burst", Integer.toString(burst(name))));
            if (!SAM_BUILD.contains(name)) {
                command.add("--no-sam-build");
            }
            command.add(dir.toString());
            ProcessBuilder verify = new ProcessBuilder(command).redirectErrorStream(true);
            verify.environment().put("VERIFY_PROJECT_KEEP_TEMPLATE", synthesized.toString());
            verify.environment().put("VERIFY_PROJECT_KEEP_CLOUD_ASSEMBLY", OUT.resolve(name + ".cdk.out").toString());
            Process process = verify.start();
            // Through System.out rather than inherited: the forked test JVM's own stdout is the runner's channel.
            // Printed whole, so that the two projects proven at a time do not interleave their lines.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.print(output);
            assertEquals(0, process.waitFor(), "scripts/verify-project " + dir + "\n" + output);

            if (service.iac() == Answers.Iac.CDK) {
                List<String> models = new ArrayList<>();
                for (ProjectModel endpoint : endpoints) {
                    models.add(Files.readString(dir.resolve("function/src/main/resources/" + endpoint.endpoint().resourceDir()
                            + "request-model.json")));
                }
                DeployableTemplates.assertDeployable(Files.readString(synthesized), models, name + " (synthesized)");
                if (name.equals(EVERY_CONSTRAINT)) {
                    assertEquals(new TreeSet<>(DeployableTemplates.CONSTRAINTS), DeployableTemplates.constraintsIn(
                            DeployableTemplates.requestModel(DeployableTemplates.load(Files.readString(synthesized)))),
                            name + ": the synthesized model holds every constraint its schema writes");
                }
                GeneratedProject sam = engine.generate(raw.with(Question.IAC, "sam"));
                assertEquals(TemplateSettings.read(sam.file("template.yaml").orElseThrow().text()),
                        TemplateSettings.read(Files.readString(synthesized)),
                        "settings of the SAM form (left) and the synthesized CDK form (right) of " + answers.getFileName());
            }
            // Deployed by CloudFormation into the emulator, then its API called.
            System.out.print(ContractSuite.prove(emulator.get(), name, dir, OUT.resolve(name + ".cdk.out"),
                    OUT.resolve(name + ".emulator"), endpoints));
            if (name.equals(UPDATED)) {
                // sluice update with a new peak, then the stack updated in place: CloudFormation must take the change
                // (queue, event source, throttling, alarms), and the stack then holds the updated project's settings.
                RawAnswers peak = RawAnswers.empty().with(Question.PEAK_RPS, UPDATED_PEAK_RPS);
                Updater.Result update = new Updater(engine, new RecordedVersions(List.of())).prepare(dir, AnswerChanges.change(peak, null));
                assertTrue(update.changes().stream().anyMatch(c -> c.path().equals("template.yaml")), update.changes().toString());
                Updater.write(dir, update.changes());
                Service updated = engine.validateService(AnswersFile.read(dir.resolve(AnswersRecord.FILE)));
                System.out.print(ContractSuite.prove(emulator.get(), name, dir, OUT.resolve(name + ".cdk.out"),
                        OUT.resolve(name + ".emulator-updated"), ProjectModels.of(updated, engine.plan(updated).endpoints(), Engine.version())));
            }
        }));
    }

    /** The project updated after its proof ({@code sluice update --peak-rps}), and its stack with it. */
    static final String UPDATED = "defaults";
    static final String UPDATED_PEAK_RPS = "800";

    @Test
    void samBuildRunsOnEveryBuildShape() {
        Map<String, Service> sam = new TreeMap<>();
        for (Path answers : Stream.concat(Repository.sampleAnswers().stream(), Repository.testAnswerSets().stream()).toList()) {
            Service service = engine.validateService(Repository.read(answers));
            if (service.iac() == Answers.Iac.SAM) {
                sam.put(Repository.answerSetName(answers), service);
            }
        }
        assertTrue(sam.keySet().containsAll(SAM_BUILD), sam.keySet() + " holds " + SAM_BUILD);
        Set<String> shapes = new TreeSet<>();
        for (String name : SAM_BUILD) {
            Service s = sam.get(name);
            shapes.add(s.single() ? "one function on " + s.runtime().id() : "a service");
        }
        assertEquals(Set.of("one function on java21", "one function on java25", "a service"), shapes, SAM_BUILD.toString());
    }

    @Test
    void theFullBurstRunsOnOneProjectOfEachQueueKind() {
        Map<String, Service> sets = new TreeMap<>();
        for (Path answers : Stream.concat(Repository.sampleAnswers().stream(), Repository.testAnswerSets().stream()).toList()) {
            assertNull(sets.put(Repository.answerSetName(answers), engine.validateService(Repository.read(answers))),
                    "two answer sets named " + Repository.answerSetName(answers) + " would share a project folder");
        }
        assertTrue(sets.keySet().containsAll(FULL_BURST), sets.keySet() + " holds " + FULL_BURST);
        List<String> kinds = FULL_BURST.stream().map(sets::get).flatMap(service -> service.endpoints().stream())
                .map(a -> a.fifo() ? "fifo" : a.dedupe() != Answers.Dedupe.NONE ? "idempotent" : "standard").sorted().toList();
        assertEquals(List.of("fifo", "idempotent", "standard"), kinds, FULL_BURST.toString());
    }

    /** The burst LocalPipelineIT sends for this answer set. */
    static int burst(String answerSet) {
        String forAll = System.getProperty("sluice.it.burst", "");
        if (!forAll.isBlank()) {
            return Integer.parseInt(forAll.strip());
        }
        return FULL_BURST.contains(answerSet) ? ProjectModel.LocalTests.DEFAULT.burst() : SMALL_BURST;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
