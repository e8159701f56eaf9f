package dev.sluice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.sluice.answers.Answers;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.render.GeneratedFile;
import dev.sluice.render.GeneratedProject;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchetypeEntryPointTest {
    private FileSystem fs;
    private Path cwd;

    @BeforeEach
    void fileSystem() throws IOException {
        fs = Jimfs.newFileSystem(Configuration.unix());
        cwd = Files.createDirectories(fs.getPath("/home/dev"));
    }

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    /** The properties a batch-mode `mvn archetype:generate -DartifactId=orders-api` hands over: every default filled in. */
    private static Map<String, String> archetypeDefaults() {
        Map<String, String> p = new HashMap<>();
        p.put("artifactId", "orders-api");
        p.put("groupId", "com.example");
        p.put("version", "0.1.0-SNAPSHOT");
        p.put("package", "com.example.ordersapi");
        for (Question q : Question.values()) {
            q.defaultValue().ifPresent(d -> p.putIfAbsent(q.key(), d));
        }
        p.put("schema", "none");
        p.put("example", "none");
        p.put("groups", "none");
        p.put("processingMsWorst", "auto");
        p.put("downstreamLimit", "none");
        p.put("batchingWindow", "auto");
        return p;
    }

    @Test
    void theDefaultPropertiesWriteWhatTheCliWritesForTheDefaults() throws IOException {
        List<String> summary = ArchetypeEntryPoint.generate(archetypeDefaults(), cwd.resolve("orders-api"), cwd);

        GeneratedProject cli = new Engine().generate(RawAnswers.empty().with(Question.NAME, "orders-api"));
        Path written = cwd.resolve("orders-api");
        for (GeneratedFile file : cli.files()) {
            assertTrue(java.util.Arrays.equals(file.content(), Files.readAllBytes(written.resolve(file.path()))), file.path());
        }
        try (Stream<Path> walk = Files.walk(written)) {
            assertEquals(cli.files().size(), walk.filter(Files::isRegularFile).count(), "no file beyond the CLI's");
        }
        assertTrue(summary.get(0).startsWith("Created orders-api/: a SAM project for POST /orders ("), summary.get(0));
        assertEquals("Next: cd orders-api/ && mvn verify && sam deploy --guided", summary.get(summary.size() - 1));
    }

    /** The service sample's answers file, in the working directory. */
    private Path serviceAnswers() throws IOException {
        Path file = cwd.resolve("orders-service.answers.yaml");
        Files.writeString(file, Files.readString(dev.sluice.it.Repository.root().resolve("samples/orders-service.answers.yaml")));
        return file;
    }

    @Test
    void anAnswersFileOfAServiceWritesWhatTheCliWritesForIt() throws IOException {
        Map<String, String> p = archetypeDefaults();
        p.put("artifactId", "orders-service");
        p.put("package", "com.example.ordersservice");
        p.put("answers", "orders-service.answers.yaml");
        serviceAnswers();
        List<String> summary = ArchetypeEntryPoint.generate(p, cwd.resolve("orders-service"), cwd);

        GeneratedProject cli = new Engine().generate(dev.sluice.answers.AnswersFile.read(serviceAnswers()));
        Path written = cwd.resolve("orders-service");
        for (GeneratedFile file : cli.files()) {
            assertTrue(java.util.Arrays.equals(file.content(), Files.readAllBytes(written.resolve(file.path()))), file.path());
        }
        try (Stream<Path> walk = Files.walk(written)) {
            assertEquals(cli.files().size(), walk.filter(Files::isRegularFile).count(), "no file beyond the CLI's");
        }
        assertTrue(summary.get(0).startsWith("Created orders-service/: a SAM service of 3 endpoints ("), summary.get(0));
    }

    @Test
    void besideAnAnswersFileAPropertyOtherThanItsDefaultOverridesButNoneOfAnEndpoint() throws IOException {
        serviceAnswers();
        Map<String, String> p = archetypeDefaults();
        p.put("artifactId", "orders-service");
        p.put("answers", "orders-service.answers.yaml");
        p.put("iac", "cdk");
        dev.sluice.answers.Service service = new Engine().validateService(ArchetypeEntryPoint.answers(p, cwd));
        assertEquals(Answers.Iac.CDK, service.iac());
        assertEquals(3, service.endpoints().size());
        assertEquals(Answers.Auth.IAM, service.endpoints().get(2).auth(), "the file's own answer");

        p.put("peakRps", "500");
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> ArchetypeEntryPoint.answers(p, cwd));
        assertEquals("--peak-rps: '500' answers one endpoint, but answers=orders-service.answers.yaml lists 3 (endpoints:); accepted: "
                + "the key peakRps in an endpoint of the answers file", e.getMessage());
    }

    @Test
    void noneAndAutoMeanNotGivenSoTheEngineDerivesTheValue() {
        RawAnswers raw = ArchetypeEntryPoint.answers(archetypeDefaults(), cwd);
        for (Question q : List.of(Question.SCHEMA, Question.EXAMPLE, Question.PROCESSING_MS_WORST, Question.BATCHING_WINDOW)) {
            assertFalse(raw.has(q), q.key());
        }
        Answers answers = new Engine().validate(raw);
        assertEquals(500, answers.processingMsWorst(), "5 × the typical 100 ms");
        assertTrue(answers.batchingWindowSeconds().isEmpty());
        assertTrue(answers.downstreamLimit().isEmpty(), "downstreamLimit=none is the CLI's own word");
    }

    @Test
    void givenValuesReachTheEngine() {
        Map<String, String> p = archetypeDefaults();
        p.put("processingMsWorst", "900");
        p.put("batchingWindow", "20s");
        p.put("version", "3.1.4");
        p.put("iac", "cdk");
        Answers answers = new Engine().validate(ArchetypeEntryPoint.answers(p, cwd));
        assertEquals(900, answers.processingMsWorst());
        assertEquals(20, answers.batchingWindowSeconds().getAsInt());
        assertEquals("3.1.4", answers.version());
        assertEquals(Answers.Iac.CDK, answers.iac());
    }

    @Test
    void aSchemaReplacesTheDefaultFieldsAndResolvesAgainstTheWorkingDirectory() throws IOException {
        Files.writeString(cwd.resolve("order.schema.json"), """
                {"type": "object", "required": ["sku"], "properties": {"sku": {"type": "string"}, "count": {"type": "integer"}}}
                """);
        Map<String, String> p = archetypeDefaults();
        p.put("schema", "order.schema.json");
        RawAnswers raw = ArchetypeEntryPoint.answers(p, cwd);
        assertFalse(raw.has(Question.FIELDS));
        assertEquals(cwd.resolve("order.schema.json"), raw.get(Question.SCHEMA).orElseThrow());
        assertEquals(List.of("sku", "count"), new Engine().validate(raw).payload().fields().stream().map(f -> f.name()).toList());
    }

    @Test
    void fieldsOtherThanTheDefaultAndASchemaConflictAsOnTheCommandLine() {
        Map<String, String> p = archetypeDefaults();
        p.put("fields", "sku:string");
        p.put("schema", "order.schema.json");
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class,
                () -> new Engine().validate(ArchetypeEntryPoint.answers(p, cwd)));
        assertEquals("--schema", e.question());
    }

    @Test
    void aBadAnswerIsTheCliMessageAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Properties p = new Properties();
        p.putAll(archetypeDefaults());
        p.put("maxDelay", "90 seconds");
        Path project = dir.resolve("orders-api");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArchetypeEntryPoint.generate(p, project.toString()));
        assertEquals("sluice: --max-delay: '90 seconds' is not a duration; accepted: " + Question.MAX_DELAY.accepted(), e.getMessage());
        assertFalse(Files.exists(project));
    }

    @Test
    void theArchetypesDefaultPackageIsTheCliDefaultEvenForAKeywordName() {
        Map<String, String> p = archetypeDefaults();
        p.put("artifactId", "class");
        p.put("package", "com.example.class"); // what the descriptor's Velocity default gives
        assertEquals("com.example.classapp", new Engine().validate(ArchetypeEntryPoint.answers(p, cwd)).packageName());
        p.put("package", "com.example.ledger");
        assertEquals("com.example.ledger", new Engine().validate(ArchetypeEntryPoint.answers(p, cwd)).packageName());
    }

    @Test
    void aPackageThatIsAJavaKeywordIsRefused() {
        Map<String, String> p = archetypeDefaults();
        p.put("package", "com.example.class");
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class,
                () -> ArchetypeEntryPoint.generate(p, cwd.resolve("orders-api"), cwd));
        assertEquals("--package", e.question());
        assertFalse(Files.exists(cwd.resolve("orders-api")));
    }

    @Test
    void aFolderThatIsNotEmptyIsLeftAsItWas() throws IOException {
        Path project = Files.createDirectories(cwd.resolve("orders-api"));
        Files.writeString(project.resolve("notes.txt"), "mine");
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class,
                () -> ArchetypeEntryPoint.generate(archetypeDefaults(), project, cwd));
        assertEquals("artifactId", e.question());
        assertEquals("exists and is not empty", e.reason());
        try (Stream<Path> files = Files.list(project)) {
            assertEquals(List.of(project.resolve("notes.txt")), files.toList());
        }
    }

    @Test
    void anEmptyFolderIsFilled() throws IOException {
        Path project = Files.createDirectories(cwd.resolve("orders-api"));
        ArchetypeEntryPoint.generate(archetypeDefaults(), project, cwd);
        assertTrue(Files.isRegularFile(project.resolve("template.yaml")));
    }
}
