package dev.sluice.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.render.GeneratedFile;
import dev.sluice.render.GeneratedProject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@code /explore}: the project the answers generate, every file's path and text, as the page's Explore shows it before
 * download ({@code name}, then {@code files}: {@code path}, {@code size} in bytes, {@code executable}, and {@code text},
 * absent for a file that is not UTF-8 text).
 */
final class Explore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Explore() {}

    static String json(GeneratedProject project) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", project.name());
        ArrayNode files = root.putArray("files");
        for (GeneratedFile file : project.files()) {
            ObjectNode node = files.addObject();
            node.put("path", file.path());
            node.put("size", file.content().length);
            node.put("executable", file.executable());
            try {
                node.put("text", StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file.content())).toString());
            } catch (CharacterCodingException binary) {
                // Shown as its size alone.
            }
        }
        return root.toString() + "\n";
    }
}
