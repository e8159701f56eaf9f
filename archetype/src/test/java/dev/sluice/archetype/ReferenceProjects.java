package dev.sluice.archetype;

import dev.sluice.answers.Question;
import dev.sluice.cli.Main;
import dev.sluice.cli.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Writes each archetype integration test's {@code reference/} folder with the sluice CLI, from the answers
 * in its {@code archetype.properties}: every property becomes the flag of the question with that key.
 * maven-archetype-plugin's integration-test goal then checks, file by file, that the archetype generated
 * exactly this. Runs before that goal ({@code pre-integration-test}, exec-maven-plugin).
 */
public final class ReferenceProjects {
    private ReferenceProjects() {}

    /** The archetype ITs run {@code mvn verify} in each generated project with the JDK running this build. */
    static final int GENERATED_PROJECTS_NEED = 21;

    public static void main(String[] args) throws IOException {
        if (Runtime.version().feature() < GENERATED_PROJECTS_NEED) {
            throw new IllegalStateException("The archetype ITs build generated projects, which need JDK " + GENERATED_PROJECTS_NEED
                    + "+; this Maven runs on Java " + Runtime.version().feature() + ". Run scripts/test-all (it finds one), or set"
                    + " JAVA_HOME to a JDK " + GENERATED_PROJECTS_NEED + "+, or skip them with -DskipITs.");
        }
        Path projects = Path.of(args[0]);
        try (Stream<Path> cases = Files.list(projects)) {
            for (Path dir : cases.filter(d -> Files.isRegularFile(d.resolve("archetype.properties"))).sorted().toList()) {
                write(dir);
            }
        }
    }

    static void write(Path caseDir) throws IOException {
        Properties answers = new Properties();
        try (InputStream in = Files.newInputStream(caseDir.resolve("archetype.properties"))) {
            answers.load(in);
        }
        Path reference = caseDir.resolve("reference");
        if (Files.exists(reference)) { // from an earlier build: start clean, so no stale file survives
            try (Stream<Path> walk = Files.walk(reference)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        List<String> args = cliArguments(answers, reference);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new Terminal(caseDir, new BufferedReader(new StringReader("")), new PrintWriter(out, true),
                new PrintWriter(err, true), false), args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("sluice " + String.join(" ", args) + " exited " + code + ": " + err);
        }
        System.out.println("Reference for " + caseDir.getFileName() + ": sluice " + String.join(" ", args));
    }

    /** {@code sluice new ARTIFACT_ID --batch --dir REFERENCE} and one flag per other property. */
    static List<String> cliArguments(Properties answers, Path reference) {
        List<String> args = new ArrayList<>(List.of("new", answers.getProperty("artifactId"), "--batch",
                "--dir", reference.toString()));
        for (String key : answers.stringPropertyNames().stream().sorted().toList()) {
            if (key.equals("artifactId")) {
                continue;
            }
            Question question = Question.byKey(key)
                    .orElseThrow(() -> new IllegalArgumentException("archetype.properties: '" + key + "' is no question's key"));
            args.add(question.flag());
            args.add(answers.getProperty(key));
        }
        return args;
    }
}
