package dev.sluice.render;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A rendered project: its name (the default folder) and its files, sorted by path. */
public record GeneratedProject(String name, List<GeneratedFile> files) {
    public GeneratedProject {
        files = files.stream().sorted(Comparator.comparing(GeneratedFile::path)).toList();
    }

    public Optional<GeneratedFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
