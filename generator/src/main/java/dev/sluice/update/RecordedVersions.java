package dev.sluice.update;

import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.engine.Engine;
import dev.sluice.engine.RecordedEntryPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Rebuilds what another version of Sluice generated from a project's recorded answers: the merge base (the running
 * version's own base is rendered in-process, {@link Updater}). That version's jar, {@code dev.sluice:sluice-generator:VERSION}, is taken from a
 * local Maven repository and its {@link RecordedEntryPoint} run in a class loader of its own, so that nothing of the
 * running version (templates, rules, libraries) leaks into the base (docs/update.md).
 */
public final class RecordedVersions {
    static final String GROUP_PATH = "dev/sluice/sluice-generator";
    static final String ENTRY_POINT = RecordedEntryPoint.class.getName();

    private final List<Path> repositories;

    /** Looks for other versions in {@code repositories}, in order. */
    public RecordedVersions(List<Path> repositories) {
        this.repositories = List.copyOf(repositories);
    }

    /**
     * The local Maven repositories to search by default: {@code -Dmaven.repo.local} if set, else
     * {@code ~/.m2/repository}, where {@code mvn dependency:get} installs a version.
     */
    public static List<Path> defaultRepositories() {
        String local = System.getProperty("maven.repo.local");
        return List.of(local != null ? Path.of(local) : Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    /** The jar of {@code version} in one of the repositories. */
    Optional<Path> jar(String version) {
        return repositories.stream()
                .map(repository -> repository.resolve(GROUP_PATH).resolve(version).resolve("sluice-generator-" + version + ".jar"))
                .filter(Files::isRegularFile)
                .findFirst();
    }

    /**
     * Orders two versions as Maven orders releases: numbers part by part ({@code 0.10.0 > 0.9.1}), and a version with a
     * qualifier before the same without ({@code 0.2.0-alpha.1 < 0.2.0}).
     */
    static int compare(String a, String b) {
        String[] left = a.split("-", 2);
        String[] right = b.split("-", 2);
        String[] x = left[0].split("\\.");
        String[] y = right[0].split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Long.compare(number(x, i), number(y, i));
            if (c != 0) {
                return c;
            }
        }
        if (left.length != right.length) {
            return left.length < right.length ? 1 : -1;
        }
        return left.length == 1 ? 0 : left[1].compareTo(right[1]);
    }

    private static long number(String[] parts, int i) {
        try {
            return i < parts.length ? Long.parseLong(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Every file {@code version}, another than the running one, generates from the answers file, by path. */
    public Map<String, byte[]> generate(String version, Path answersFile) {
        if (compare(version, Engine.version()) > 0) {
            throw new InvalidAnswerException(AnswersFile.SLUICE_VERSION, version, "is newer than this Sluice (" + Engine.version()
                    + "): its templates would be replaced by older ones", "a project of this version or an earlier one; update Sluice first");
        }
        Path jar = jar(version).orElseThrow(() -> new InvalidAnswerException(AnswersFile.SLUICE_VERSION, version,
                "was recorded, but that version's generator is in none of " + repositories.stream().map(Path::toString)
                        .collect(Collectors.joining(", ")),
                "install it: mvn dependency:get -Dartifact=dev.sluice:sluice-generator:" + version + " (or give --repository DIR)"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Method generate = loader.loadClass(ENTRY_POINT).getMethod("generate", Path.class);
            @SuppressWarnings("unchecked")
            Map<String, byte[]> files = (Map<String, byte[]>) generate.invoke(null, answersFile);
            return files;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw new InvalidAnswerException(AnswersFile.SLUICE_VERSION, version, "refuses the recorded answers: " + refused.getMessage(),
                        "answers that version accepts");
            }
            throw new IllegalStateException("Sluice " + version + " (" + jar + ") failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new InvalidAnswerException(AnswersFile.SLUICE_VERSION, version, "has no " + ENTRY_POINT + ".generate(Path) in " + jar,
                    "a version of Sluice that records its answers (0.2.0 or later)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
