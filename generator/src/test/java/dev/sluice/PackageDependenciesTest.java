package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.it.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generator's packages depend on each other one way (docs/architecture.md): read from the sources, every
 * mention of {@code dev.sluice.PACKAGE.} (an import, a static import, a qualified name) is an edge.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Repository.root().resolve("generator/src/main/java/dev/sluice");
    private static final Pattern MENTION = Pattern.compile("\\bdev\\.sluice\\.([a-z]+)\\.");

    @Test
    void payloadKnowsNoQuestion() {
        Map<String, Set<String>> uses = uses();
        assertTrue(uses.get("answers").contains("payload"), "the scan sees answers → payload: " + uses);
        assertFalse(uses.get("payload").contains("answers"), "payload must not use answers: " + uses.get("payload"));
    }

    @Test
    void noPackageReachesItself() {
        Map<String, Set<String>> uses = uses();
        assertTrue(uses.size() >= 7, "the scan sees every package: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            if (reachable(uses, start).contains(start)) {
                cycles.add(start);
            }
        }
        assertEquals(List.of(), cycles, "packages on a dependency cycle: " + uses);
    }

    @Test
    void theScanSeesACycleWhereThereIsOne() {
        Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertTrue(reachable(uses, "a").contains("a"));
        assertFalse(reachable(uses, "d").contains("d"));
    }

    private static Set<String> reachable(Map<String, Set<String>> uses, String start) {
        Set<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(uses.getOrDefault(start, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (seen.add(next)) {
                todo.addAll(uses.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    /** Package → the other dev.sluice packages its sources mention. */
    private static Map<String, Set<String>> uses() {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = SOURCES.relativize(file).getName(0).toString();
                Set<String> to = uses.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = MENTION.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        to.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }
}
