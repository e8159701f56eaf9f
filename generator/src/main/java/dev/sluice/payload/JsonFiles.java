package dev.sluice.payload;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads one JSON document from a file (any {@link java.nio.file.FileSystem}), failing with an {@link InvalidPayloadException} on the file. */
final class JsonFiles {
    /** Largest file read: far above any payload description, well below trouble. */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private JsonFiles() {}

    static JsonNode read(Path file) {
        if (file == null) {
            throw new InvalidPayloadException(null, "is missing: give a file");
        }
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidPayloadException(file, "is a directory, not a file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidPayloadException(file, "is larger than " + (MAX_BYTES / 1024 / 1024) + " MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidPayloadException(file, "does not exist");
        } catch (IOException | SecurityException e) {
            throw new InvalidPayloadException(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(bytes, file);
    }

    /** One JSON document given as bytes, {@code label} naming it in errors as a file would be. */
    static JsonNode parse(byte[] bytes, Path file) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            if (detail.length() > 100) {
                detail = detail.substring(0, 100) + "...";
            }
            throw new InvalidPayloadException(file, "is not valid JSON" + where + (detail.isEmpty() ? "" : ": " + detail));
        } catch (IOException e) {
            throw new InvalidPayloadException(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidPayloadException(file, "is empty: no JSON in it");
        }
        return node;
    }

    /** What a JSON value is, in words, for error messages. */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case NUMBER -> "a number";
            case OBJECT, POJO -> "an object";
            case STRING, BINARY -> "a string";
            case MISSING -> "nothing";
        };
    }
}
