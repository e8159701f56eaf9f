package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/sluice-jar}, which {@code ./sluice} and so {@code scripts/regenerate-samples} run on: it builds the
 * jar when it is missing or older than any input, and only then. Run in a copy of the repository's layout whose
 * {@code mvnw} records its calls and writes a jar, so no real build happens.
 */
class SluiceJarScriptTest {
    private static final Instant BUILT = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    Path root;
    private Path jar;
    private Path calls;

    @BeforeEach
    void layout() throws IOException {
        Path scripts = Files.createDirectories(root.resolve("scripts"));
        Files.copy(Repository.root().resolve("scripts/sluice-jar"), scripts.resolve("sluice-jar"), StandardCopyOption.COPY_ATTRIBUTES);
        calls = root.resolve("mvnw.calls");
        jar = root.resolve("generator/target/sluice.jar");
        Files.writeString(root.resolve("mvnw"), """
                #!/usr/bin/env bash
                echo "$*" >> "%s"
                mkdir -p "%s" && echo built > "%s"
                """.formatted(calls, jar.getParent(), jar));
        Files.setPosixFilePermissions(root.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String input : List.of("pom.xml", "generator/pom.xml", "generator/src/main/java/dev/sluice/cli/Main.java",
                "templates/sam/template.yaml.peb")) {
            Path file = root.resolve(input);
            Files.createDirectories(file.getParent());
            Files.writeString(file, input);
        }
        ageEverything();
    }

    /** Every input and folder an hour older than the build. */
    private void ageEverything() throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(BUILT.minusSeconds(3600)));
            }
        }
    }

    private String run() throws Exception {
        Process process = new ProcessBuilder(root.resolve("scripts/sluice-jar").toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    private int builds() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
    }

    private void built() throws IOException {
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(BUILT));
    }

    @Test
    void buildsAMissingJarAndPrintsItsPath() throws Exception {
        String output = run();
        assertEquals(1, builds());
        assertTrue(output.contains("building"), output);
        assertTrue(output.strip().endsWith(jar.toString()), output);
        assertTrue(Files.readString(calls).contains("package"), "mvnw package");
    }

    @Test
    void leavesAJarNewerThanEveryInputAlone() throws Exception {
        built();
        String output = run();
        assertEquals(0, builds());
        assertEquals(jar + "\n", output);
    }

    @Test
    void rebuildsWhenATemplateIsNewerThanTheJar() throws Exception {
        built();
        Files.setLastModifiedTime(root.resolve("templates/sam/template.yaml.peb"), FileTime.from(BUILT.plusSeconds(1)));
        String output = run();
        assertEquals(1, builds());
        assertTrue(output.contains("templates/sam/template.yaml.peb changed"), output);
    }

    @Test
    void rebuildsWhenASourceOrAPomIsNewerThanTheJar() throws Exception {
        for (String input : List.of("generator/src/main/java/dev/sluice/cli/Main.java", "generator/pom.xml", "pom.xml")) {
            built();
            Files.setLastModifiedTime(root.resolve(input), FileTime.from(BUILT.plusSeconds(1)));
            run();
            ageEverything();
        }
        assertEquals(3, builds());
    }

    @Test
    void rebuildsWhenATemplateIsDeleted() throws Exception {
        built();
        Files.delete(root.resolve("templates/sam/template.yaml.peb")); // its folder's time moves on
        run();
        assertEquals(1, builds());
    }
}
