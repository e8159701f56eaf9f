package dev.sluice.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.Question;
import dev.sluice.cli.Main;
import dev.sluice.cli.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archetype as a user runs it: installed in a local repository, then {@code mvn archetype:generate}
 * with maven-archetype-plugin 3.4.1, in batch mode, interactively (answering the plugin's prompts) and
 * offline, each result compared file by file with what the sluice CLI writes for the same answers, and
 * bad input failing the build with the CLI's message and nothing written. The defaults and a project answering most
 * questions are each the very project of an answer set that GeneratedProjectsIT builds and validates, so their proof
 * is not repeated here.
 *
 * <p>The local repository is this build's own ({@code target/it-repository}): the first run fetches the
 * plugin online, as a user's first run would; every test then runs offline ({@code -o}).
 */
class ArchetypeCommandIT {
    private static final String VERSION = System.getProperty("archetype.version");
    private static final Path REPOSITORY = Path.of(System.getProperty("archetype.it.repository"));
    private static final String GENERATE = "org.apache.maven.plugins:maven-archetype-plugin:"
            + System.getProperty("archetype.plugin.version") + ":generate";

    @BeforeAll
    static void installTheArchetypeAndFetchThePlugin(@TempDir Path dir) throws Exception {
        install(Path.of(System.getProperty("archetype.jar")), "sluice-archetype", "jar");
        install(Path.of(System.getProperty("archetype.pom")), "sluice-archetype", "pom");
        install(Path.of(System.getProperty("parent.pom")), "sluice-parent", "pom");
        Result first = mvn(dir, "", "-B", "-DartifactId=warm-up");
        assertEquals(0, first.code(), first.output());
    }

    private static void install(Path file, String artifactId, String extension) throws IOException {
        Path target = REPOSITORY.resolve("dev/sluice/" + artifactId + "/" + VERSION + "/" + artifactId + "-" + VERSION + "." + extension);
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void batchModeOfflineWritesWhatTheCliWritesForTheDefaults(@TempDir Path dir) throws Exception {
        Path archetype = Files.createDirectories(dir.resolve("archetype"));
        Result result = mvn(archetype, "", "-o", "-B", "-DartifactId=orders-api");
        assertEquals(0, result.code(), result.output());
        assertTrue(result.output().contains("Created orders-api/: a SAM project for POST /orders"), result.output());

        Path cli = Files.createDirectories(dir.resolve("cli"));
        assertEquals(0, sluice(cli, "new", "orders-api", "--batch").code());
        assertSameFiles(cli.resolve("orders-api"), archetype.resolve("orders-api"));
        // The answer set GeneratedProjectsIT builds and validates is this very project.
        Path answerSet = Files.createDirectories(dir.resolve("answer-set"));
        assertEquals(0, sluice(answerSet, "new", "--answers", answerSet("defaults").toString(), "--batch").code());
        assertSameFiles(answerSet.resolve("orders-api"), archetype.resolve("orders-api"));
    }

    @Test
    void everyAnswerGivenAsAPropertyWritesWhatTheCliWritesForTheSameAnswersFile(@TempDir Path dir) throws Exception {
        // Each key of the answers file as -Dkey=value (the name as artifactId, a list joined by commas).
        Path answers = answerSet("cdk-custom");
        List<String> args = new ArrayList<>(List.of("-o", "-B"));
        String name = null;
        for (Map.Entry<Question, Object> answer : AnswersFile.read(answers).asMap().entrySet()) {
            String value = answer.getValue() instanceof List<?> list
                    ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(answer.getValue());
            if (answer.getKey() == Question.NAME) {
                name = value;
                args.add("-DartifactId=" + value);
            } else {
                args.add("-D" + answer.getKey().key() + "=" + value);
            }
        }
        assertTrue(args.size() > 15, "most questions answered: " + args);
        Path archetype = Files.createDirectories(dir.resolve("archetype"));
        Result result = mvn(archetype, "", args.toArray(String[]::new));
        assertEquals(0, result.code(), result.output());

        Path cli = Files.createDirectories(dir.resolve("cli"));
        assertEquals(0, sluice(cli, "new", "--answers", answers.toString(), "--batch").code());
        assertSameFiles(cli.resolve(name), archetype.resolve(name));
    }

    @Test
    void anAnswersFileAsAPropertyWritesTheServiceTheCliWritesForIt(@TempDir Path dir) throws Exception {
        Path answers = sample("orders-service-cdk");
        Path archetype = Files.createDirectories(dir.resolve("archetype"));
        Result result = mvn(archetype, "", "-o", "-B", "-DartifactId=orders-service-cdk", "-Danswers=" + answers);
        assertEquals(0, result.code(), result.output());
        assertTrue(result.output().contains("Created orders-service-cdk/: a CDK service of 3 endpoints"), result.output());

        Path cli = Files.createDirectories(dir.resolve("cli"));
        assertEquals(0, sluice(cli, "new", "--answers", answers.toString(), "--batch").code());
        assertSameFiles(cli.resolve("orders-service-cdk"), archetype.resolve("orders-service-cdk"));
    }

    @Test
    void interactiveModeAsksEveryQuestionWithTheCliDefaults(@TempDir Path dir) throws Exception {
        Map<String, String> answers = Map.of("groupId", "com.acme", "artifactId", "refunds", "iac", "cdk", "path", "/refunds",
                "fields", "refundId:uuid,amount:number,reason:enum(DAMAGED,LATE)", "maxDelay", "90s", "peakRps", "80");
        Path archetype = Files.createDirectories(dir.resolve("archetype"));
        Interactive session = mvnInteractive(archetype, answers, "-o", "-DaskForDefaultPropertyValues=true");
        assertEquals(0, session.code(), session.output());
        // The descriptor's order; the plugin appends Maven's artifactId, and asks package (derived from it) last.
        assertEquals(List.of("groupId", "version", "iac", "runtime", "path", "auth", "fields", "schema", "example",
                "maxPayloadKib", "maxDelay", "ordering", "duplicates", "groups", "avgRps", "peakRps", "peakDuration", "processingMs",
                "processingMsWorst", "downstreamLimit", "logRetentionDays", "batchingWindow", "answers", "artifactId", "package"),
                session.asked());
        assertTrue(session.output().contains("Define value for property 'maxDelay' 5m:"), "shows the CLI default");

        Path cli = Files.createDirectories(dir.resolve("cli"));
        assertEquals(0, sluice(cli, "new", "refunds", "--batch", "--group-id", "com.acme", "--iac", "cdk", "--path", "/refunds",
                "--field", "refundId:uuid,amount:number,reason:enum(DAMAGED,LATE)", "--max-delay", "90s", "--peak-rps", "80").code());
        assertSameFiles(cli.resolve("refunds"), archetype.resolve("refunds"));
    }

    @Test
    void aBadAnswerFailsTheBuildWithTheCliMessageAndWritesNothing(@TempDir Path dir) throws Exception {
        Result result = mvn(dir, "", "-o", "-B", "-DartifactId=orders-api", "-DmaxDelay=90 seconds");
        assertEquals(1, result.code(), result.output());
        Result cli = sluice(dir, "new", "orders-api", "--batch", "--max-delay", "90 seconds");
        assertEquals(2, cli.code());
        String line = cli.output().strip();
        assertTrue(line.startsWith("sluice: --max-delay: '90 seconds' is not a duration; accepted: "), line);
        assertTrue(result.output().contains(line), "the build names the CLI's line: " + line + "\n" + result.output());
        assertEmpty(dir);
    }

    @Test
    void aJavaKeywordAsPackageIsRefusedAndAsNameGetsTheCliPackage(@TempDir Path dir) throws Exception {
        Path refused = Files.createDirectories(dir.resolve("refused"));
        Result result = mvn(refused, "", "-o", "-B", "-DartifactId=orders-api", "-Dpackage=com.example.enum");
        assertEquals(1, result.code(), result.output());
        String line = sluice(refused, "new", "orders-api", "--batch", "--package", "com.example.enum").output().strip();
        assertTrue(line.contains("--package: 'com.example.enum'"), line);
        assertTrue(result.output().contains(line), result.output());
        assertEmpty(refused);

        Path archetype = Files.createDirectories(dir.resolve("archetype"));
        assertEquals(0, mvn(archetype, "", "-o", "-B", "-DartifactId=class").code());
        Path cli = Files.createDirectories(dir.resolve("cli"));
        assertEquals(0, sluice(cli, "new", "class", "--batch").code());
        assertSameFiles(cli.resolve("class"), archetype.resolve("class"));
        assertTrue(Files.isDirectory(archetype.resolve("class/src/main/java/com/example/classapp")));
    }

    @Test
    void aFolderThatIsNotEmptyIsLeftAsItWas(@TempDir Path dir) throws Exception {
        Path taken = Files.createDirectories(dir.resolve("orders-api"));
        Files.writeString(taken.resolve("notes.txt"), "mine");
        Result result = mvn(dir, "", "-o", "-B", "-DartifactId=orders-api");
        assertEquals(1, result.code(), result.output());
        assertTrue(result.output().contains("sluice: artifactId: '" + taken.toRealPath() + "' exists and is not empty"), result.output());
        try (Stream<Path> files = Files.list(taken)) {
            assertEquals(List.of(taken.resolve("notes.txt")), files.toList());
        }
    }

    // --- running Maven and the CLI -------------------------------------------------------------------

    record Result(int code, String output) {}

    record Interactive(int code, String output, List<String> asked) {}

    private static List<String> command(String... extra) {
        Path maven = Path.of(System.getProperty("maven.home"), "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(maven.toString(), "-Dmaven.repo.local=" + REPOSITORY, "-Dstyle.color=never",
                GENERATE, "-DarchetypeGroupId=dev.sluice", "-DarchetypeArtifactId=sluice-archetype", "-DarchetypeVersion=" + VERSION));
        command.addAll(Arrays.asList(extra));
        return command;
    }

    private static Process start(Path dir, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("MAVEN_OPTS");
        return builder.start();
    }

    private static Result mvn(Path dir, String input, String... args) throws Exception {
        Process process = start(dir, command(args));
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(waitFor(process), output);
    }

    private static final Pattern PROMPT = Pattern.compile("^Define value for property '(\\w+)'[^\\n]*: \\z", Pattern.MULTILINE);

    /** Answers each of the plugin's prompts as a user would: from {@code answers}, else Enter (the default); then confirms. */
    private static Interactive mvnInteractive(Path dir, Map<String, String> answers, String... args) throws Exception {
        Process process = start(dir, command(args));
        List<String> asked = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        try (InputStream out = process.getInputStream(); PrintWriter in = new PrintWriter(process.getOutputStream(), true,
                StandardCharsets.UTF_8)) {
            InputStreamReader reader = new InputStreamReader(out, StandardCharsets.UTF_8);
            int answered = 0; // the output up to here has been answered; a prompt ends in ": " and no newline
            int c;
            while ((c = reader.read()) != -1) {
                output.append((char) c);
                if (c != ' ' || output.charAt(output.length() - 2) != ':') {
                    continue;
                }
                String unanswered = output.substring(answered);
                Matcher prompt = PROMPT.matcher(unanswered);
                if (unanswered.contains("Value does not match the expression")) {
                    process.destroyForcibly();
                    throw new AssertionError("the plugin refused an answer: " + output);
                } else if (prompt.find()) {
                    asked.add(prompt.group(1));
                    in.println(answers.getOrDefault(prompt.group(1), ""));
                    answered = output.length();
                } else if (unanswered.contains("Confirm properties configuration:") && unanswered.endsWith(" Y: ")) {
                    in.println("Y");
                    answered = output.length();
                }
            }
        }
        return new Interactive(waitFor(process), output.toString(), asked);
    }

    private static int waitFor(Process process) throws InterruptedException {
        if (!process.waitFor(5, TimeUnit.MINUTES)) { // a guard against a hung prompt, not a time limit
            process.destroyForcibly();
            throw new AssertionError("mvn did not finish");
        }
        return process.exitValue();
    }

    /**
     * An answer set of the generator's tests ({@code generator/src/test/resources/answer-sets/NAME.yaml}): GeneratedProjectsIT
     * builds and validates each, so an archetype output equal to one is proven by it.
     */
    private static Path answerSet(String name) {
        return Path.of(System.getProperty("sluice.repository"), "generator/src/test/resources/answer-sets", name + ".yaml");
    }

    /** A sample's answers ({@code samples/NAME.answers.yaml}), which GeneratedProjectsIT builds and validates too. */
    private static Path sample(String name) {
        return Path.of(System.getProperty("sluice.repository"), "samples", name + ".answers.yaml");
    }

    private static Result sluice(Path cwd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new Terminal(cwd, new BufferedReader(new StringReader("")), new PrintWriter(out, true),
                new PrintWriter(err, true), false), args);
        return new Result(code, code == 0 ? out.toString() : err.toString());
    }

    // --- comparing -------------------------------------------------------------------------------------

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        Map<String, byte[]> want = files(expected);
        Map<String, byte[]> got = files(actual);
        assertEquals(want.keySet(), got.keySet(), "the same file names");
        for (Map.Entry<String, byte[]> file : want.entrySet()) {
            assertTrue(Arrays.equals(file.getValue(), got.get(file.getKey())), file.getKey() + " differs");
            assertEquals(Files.isExecutable(expected.resolve(file.getKey())), Files.isExecutable(actual.resolve(file.getKey())),
                    file.getKey() + " executable bit");
        }
        assertFalse(want.isEmpty());
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static void assertEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(List.of(), entries.toList(), "nothing written in " + dir);
        }
    }
}
