package dev.sluice.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.render.GeneratedFile;
import dev.sluice.render.GeneratedProject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectWriterTest {
    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
            .setAttributeViews("basic", "posix").build());

    private static final GeneratedProject PROJECT = new GeneratedProject("demo", List.of(
            GeneratedFile.text("README.md", "# demo\n"),
            GeneratedFile.text("src/main/java/a/B.java", "class B {}\n"),
            new GeneratedFile("mvnw", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), true)));

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void writesAFolderOnJimfs() throws IOException {
        Path target = fs.getPath("/w/demo");
        ProjectWriter.writeFolder(PROJECT, target, false);
        assertEquals(Map.of("README.md", "# demo\n", "src/main/java/a/B.java", "class B {}\n", "mvnw", "#!/bin/sh\n"), tree(target));
        assertTrue(Files.getPosixFilePermissions(target.resolve("mvnw")).contains(PosixFilePermission.OWNER_EXECUTE));
        assertEquals(List.of(target), Files.list(fs.getPath("/w")).toList(), "no staging folder left behind");
    }

    @Test
    void writesAFolderOnDisk(@TempDir Path tmp) throws IOException {
        Path target = tmp.resolve("nested/demo");
        ProjectWriter.writeFolder(PROJECT, target, false);
        assertEquals(3, tree(target).size());
        assertTrue(Files.isExecutable(target.resolve("mvnw")));
    }

    @Test
    void anEmptyExistingFolderIsFine() throws IOException {
        Path target = Files.createDirectories(fs.getPath("/w/demo"));
        ProjectWriter.writeFolder(PROJECT, target, false);
        assertEquals(3, tree(target).size());
    }

    @Test
    void refusesANonEmptyFolderAndLeavesItAlone() throws IOException {
        Path target = Files.createDirectories(fs.getPath("/w/demo"));
        Files.writeString(target.resolve("README.md"), "mine\n");
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> ProjectWriter.writeFolder(PROJECT, target, false));
        assertEquals("--dir: '/w/demo' exists and is not empty; accepted: a new or empty folder, or --force to write into it",
                e.getMessage());
        assertEquals(Map.of("README.md", "mine\n"), tree(target));
        assertEquals(1, Files.list(fs.getPath("/w")).count());
    }

    @Test
    void forceWritesIntoANonEmptyFolderKeepingOtherFiles() throws IOException {
        Path target = Files.createDirectories(fs.getPath("/w/demo"));
        Files.writeString(target.resolve("README.md"), "mine\n");
        Files.writeString(target.resolve("notes.txt"), "keep\n");
        ProjectWriter.writeFolder(PROJECT, target, true);
        Map<String, String> files = tree(target);
        assertEquals("# demo\n", files.get("README.md"));
        assertEquals("keep\n", files.get("notes.txt"));
        assertEquals(4, files.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.txt", "/etc/passwd", "src/../../escape.txt", "a\\b.txt", "C:/x.txt", "a//b", "./a"})
    void refusesAFilePathOutsideTheTargetBeforeWritingAnything(String path) {
        GeneratedProject evil = new GeneratedProject("demo", List.of(GeneratedFile.text("ok.txt", "ok"), GeneratedFile.text(path, "x")));
        Path target = fs.getPath("/w/demo");
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> ProjectWriter.writeFolder(evil, target, false));
        assertTrue(e.getMessage().contains("would be written outside the project folder"), e.getMessage());
        assertFalse(Files.exists(fs.getPath("/w")), "nothing written");
        assertThrows(InvalidAnswerException.class, () -> ProjectWriter.writeArchive(evil, fs.getPath("/out/demo.zip"), false));
        assertFalse(Files.exists(fs.getPath("/out")), "nothing written");
    }

    @Test
    void writesAZipWithEntriesUnderTheProjectName() throws IOException {
        Path zip = fs.getPath("/out/demo.zip");
        ProjectWriter.writeArchive(PROJECT, zip, false);
        Map<String, Integer> modes = new TreeMap<>();
        Map<String, String> contents = new TreeMap<>();
        // The unix modes live in the central directory, which only ZipFile reads.
        try (ZipFile in = ZipFile.builder().setSeekableByteChannel(Files.newByteChannel(zip)).get()) {
            for (ZipArchiveEntry entry : java.util.Collections.list(in.getEntries())) {
                modes.put(entry.getName(), entry.getUnixMode());
                try (InputStream content = in.getInputStream(entry)) {
                    contents.put(entry.getName(), new String(content.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertEquals(List.of("demo/README.md", "demo/mvnw", "demo/src/main/java/a/B.java"), new ArrayList<>(contents.keySet()));
        assertEquals("class B {}\n", contents.get("demo/src/main/java/a/B.java"));
        assertEquals(0100755, modes.get("demo/mvnw"));
        assertEquals(0100644, modes.get("demo/README.md"));
    }

    @Test
    void writesATarGz() throws IOException {
        Path tgz = fs.getPath("/out/demo.tar.gz");
        ProjectWriter.writeArchive(PROJECT, tgz, false);
        Map<String, Integer> modes = new TreeMap<>();
        try (InputStream raw = Files.newInputStream(tgz);
             TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                modes.put(entry.getName(), entry.getMode());
                if (entry.getName().endsWith("README.md")) {
                    assertEquals("# demo\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertEquals(Map.of("demo/README.md", 0100644, "demo/mvnw", 0100755, "demo/src/main/java/a/B.java", 0100644), modes);
    }

    @Test
    void archivesAreByteForByteReproducible() throws IOException {
        for (String name : List.of("a.zip", "a.tar.gz")) {
            ProjectWriter.writeArchive(PROJECT, fs.getPath("/one/" + name), false);
            ProjectWriter.writeArchive(PROJECT, fs.getPath("/two/" + name), false);
            assertArrayEquals(Files.readAllBytes(fs.getPath("/one/" + name)), Files.readAllBytes(fs.getPath("/two/" + name)), name);
        }
    }

    @Test
    void refusesToReplaceAnArchiveWithoutForce() throws IOException {
        Path zip = Files.createDirectories(fs.getPath("/out")).resolve("demo.zip");
        Files.writeString(zip, "old");
        assertEquals("already exists", assertThrows(InvalidAnswerException.class,
                () -> ProjectWriter.writeArchive(PROJECT, zip, false)).reason());
        assertEquals("old", Files.readString(zip));
        ProjectWriter.writeArchive(PROJECT, zip, true);
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)))) {
            assertEquals("demo/README.md", in.getNextEntry().getName());
        }
    }

    @Test
    void anArchiveNameMustSayWhichFormat() {
        assertEquals("is not an archive name", assertThrows(InvalidAnswerException.class,
                () -> ProjectWriter.writeArchive(PROJECT, fs.getPath("/out/demo.rar"), false)).reason());
    }
}
