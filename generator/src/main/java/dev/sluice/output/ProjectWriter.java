package dev.sluice.output;

import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.render.GeneratedFile;
import dev.sluice.render.GeneratedProject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a rendered project to a folder, a zip or a tar.gz, all or nothing. Works on any
 * {@link java.nio.file.FileSystem} (jimfs in tests). Every path is checked to stay inside the
 * target before anything is written; output is staged beside the target and moved into place.
 */
public final class ProjectWriter {
    /** Archive entries carry this fixed time so the same answers give the same bytes. */
    static final Instant ENTRY_TIME = Instant.parse("2026-01-01T00:00:00Z");

    private ProjectWriter() {}

    public enum Format {
        FOLDER, ZIP, TAR_GZ;

        /** The archive format a file name asks for, or FOLDER. */
        public static Format of(Path output) {
            String name = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".zip")) return ZIP;
            if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) return TAR_GZ;
            return FOLDER;
        }
    }

    /** Writes the project's files into {@code target}, which must be new or empty unless {@code force}. */
    public static void writeFolder(GeneratedProject project, Path target, boolean force) {
        writeFolder(project, target, force, "--dir", "a new or empty folder, or --force to write into it");
    }

    /**
     * As {@link #writeFolder(GeneratedProject, Path, boolean)}; a target that is a file, or a folder that is not
     * empty (without {@code force}), is refused naming {@code question} and what it {@code accepts}.
     */
    public static void writeFolder(GeneratedProject project, Path target, boolean force, String question, String accepts) {
        checkPaths(project, target);
        checkTarget(question, accepts, target, force);
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, ".sluice-");
            try {
                for (GeneratedFile file : project.files()) {
                    Path path = staging.resolve(file.path());
                    Files.createDirectories(path.getParent());
                    Files.write(path, file.content());
                    if (file.executable()) {
                        makeExecutable(path);
                    }
                }
                if (Files.notExists(target)) {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    moveContents(staging, target);
                }
            } finally {
                deleteTree(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the project as an archive whose entries sit under the project's name. */
    public static void writeArchive(GeneratedProject project, Path archive, boolean force) {
        Format format = Format.of(archive);
        if (format == Format.FOLDER) {
            throw new InvalidAnswerException("--output", archive, "is not an archive name", "a file name ending in .zip or .tar.gz");
        }
        checkPaths(project, archive.toAbsolutePath().getParent().resolve(project.name()));
        if (Files.isDirectory(archive)) {
            throw new InvalidAnswerException("--output", archive, "is a folder", "a file name ending in .zip or .tar.gz");
        }
        if (Files.exists(archive) && !force) {
            throw new InvalidAnswerException("--output", archive, "already exists", "a new file name, or --force to replace it");
        }
        try {
            Path parent = archive.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path staging = Files.createTempFile(parent, ".sluice-", ".part");
            try {
                try (OutputStream out = Files.newOutputStream(staging)) {
                    if (format == Format.ZIP) {
                        writeZip(project, out);
                    } else {
                        writeTarGz(project, out);
                    }
                }
                Files.move(staging, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeZip(GeneratedProject project, OutputStream out) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (GeneratedFile file : project.files()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(project.name() + "/" + file.path());
                entry.setTime(FileTime.from(ENTRY_TIME));
                entry.setUnixMode(file.executable() ? 0100755 : 0100644);
                zip.putArchiveEntry(entry);
                zip.write(file.content());
                zip.closeArchiveEntry();
            }
        }
    }

    public static void writeTarGz(GeneratedProject project, OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (GeneratedFile file : project.files()) {
                TarArchiveEntry entry = new TarArchiveEntry(project.name() + "/" + file.path());
                entry.setSize(file.content().length);
                entry.setMode(file.executable() ? 0100755 : 0100644);
                entry.setModTime(FileTime.from(ENTRY_TIME));
                tar.putArchiveEntry(entry);
                tar.write(file.content());
                tar.closeArchiveEntry();
            }
        }
    }

    /** Refuses any file path that is absolute or would resolve outside {@code target}. */
    static void checkPaths(GeneratedProject project, Path target) {
        Path root = target.toAbsolutePath().normalize();
        for (GeneratedFile file : project.files()) {
            String p = file.path();
            boolean bad = p.isEmpty() || p.startsWith("/") || p.startsWith("\\") || p.contains("\\")
                    || p.matches("^[A-Za-z]:.*") || Stream.of(p.split("/")).anyMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."));
            if (bad || !root.resolve(p).normalize().startsWith(root)) {
                throw new InvalidAnswerException("generated file", p, "would be written outside the project folder " + root,
                        "names that keep every file inside the target folder");
            }
        }
    }

    private static void checkTarget(String question, String accepts, Path target, boolean force) {
        if (Files.isRegularFile(target)) {
            throw new InvalidAnswerException(question, target, "is a file", accepts);
        }
        if (Files.isDirectory(target) && !force && !isEmpty(target)) {
            throw new InvalidAnswerException(question, target, "exists and is not empty", accepts);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void moveContents(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk.sorted()::iterator) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    if (!Files.isDirectory(dest)) {
                        Files.deleteIfExists(dest);
                        Files.createDirectories(dest);
                    }
                } else {
                    if (Files.isDirectory(dest)) {
                        throw new FileAlreadyExistsException(dest.toString(), null, "is a folder where the project has a file");
                    }
                    Files.move(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.notExists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void makeExecutable(Path path) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rwxr-xr-x");
            Files.setPosixFilePermissions(path, perms);
        }
    }
}
