package dev.sluice.render;

import java.nio.charset.StandardCharsets;

/** One file of a generated project: a relative, '/'-separated path, its bytes, and whether it is executable. */
public record GeneratedFile(String path, byte[] content, boolean executable) {

    public static GeneratedFile text(String path, String content) {
        return new GeneratedFile(path, content.getBytes(StandardCharsets.UTF_8), false);
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
