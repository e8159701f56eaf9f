package dev.sluice.answers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a YAML answers file: its keys are the questions' keys ({@code groupId}, {@code maxDelay}, …),
 * each with a value of the question's type. Schema and example paths are relative to the file.
 */
public final class AnswersFile {
    private static final Set<Question> NUMBERS = EnumSet.of(Question.MAX_PAYLOAD_KIB, Question.AVG_RPS, Question.PEAK_RPS,
            Question.PROCESSING_MS, Question.PROCESSING_MS_WORST, Question.DOWNSTREAM_LIMIT, Question.GROUPS,
            Question.LOG_RETENTION_DAYS);
    private static final Set<Question> PATHS = EnumSet.of(Question.SCHEMA, Question.EXAMPLE);

    private AnswersFile() {}

    public static RawAnswers read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidAnswerException("--answers", file, "does not exist", "a YAML answers file");
        } catch (IOException e) {
            throw new InvalidAnswerException("--answers", file, "cannot be read (" + e.getMessage() + ")", "a YAML answers file");
        }
        return parse(text, file);
    }

    static RawAnswers parse(String text, Path file) {
        return parse(text, file, file.toAbsolutePath().getParent());
    }

    /** {@code base}: what schema and example paths resolve against; null: they are content ({@link #parseContent}). */
    private static RawAnswers parse(String text, Path file, Path base) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            String first = e.getMessage().lines().findFirst().orElse("").trim();
            throw new InvalidAnswerException("--answers", file, "is not valid YAML (" + first + ")", "a YAML mapping of question keys to answers");
        }
        if (document == null) {
            return RawAnswers.empty();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new InvalidAnswerException("--answers", file, "is not a YAML mapping", "a YAML mapping of question keys to answers");
        }
        RawAnswers answers = RawAnswers.empty();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (key.equals(ENDPOINTS)) {
                answers = answers.withEndpoints(endpoints(file, entry.getValue(), base));
                continue;
            }
            if (key.equals(SLUICE_VERSION)) {
                if (!(entry.getValue() instanceof String)) {
                    throw new InvalidAnswerException(file + ": " + key, entry.getValue(), "is not a string", "the version of Sluice that wrote the file");
                }
                continue;
            }
            Question question = Question.byKey(key).orElseThrow(() -> new InvalidAnswerException(file + ": " + key, key,
                    "is not a known key", Arrays.stream(Question.values()).map(Question::key).collect(Collectors.joining(", ")) + ", " + ENDPOINTS + ", " + SLUICE_VERSION));
            answers = answers.with(question, typed(file + ": " + key, question, entry.getValue(), base, 0));
        }
        return answers;
    }

    /**
     * The key of the version of Sluice that generated a project from the file, in the answers a project records
     * ({@code .sluice/answers.yaml}); generating from such a file reads past it.
     */
    public static final String SLUICE_VERSION = "sluiceVersion";

    /** The version of Sluice a file records ({@link #SLUICE_VERSION}), if it records one. */
    public static java.util.Optional<String> sluiceVersion(Path file) {
        read(file);
        try {
            Object document = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
            return java.util.Optional.ofNullable(((Map<?, ?>) document).get(SLUICE_VERSION)).map(String.class::cast);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The key of the list of a service's endpoints, each a mapping of endpoint questions' keys. */
    public static final String ENDPOINTS = "endpoints";

    private static List<RawAnswers> endpoints(Path file, Object value, Path base) {
        String where = file + ": " + ENDPOINTS;
        String accepted = "a YAML list of endpoints, each a mapping of endpoint keys (path, fields, peakRps, ...)";
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidAnswerException(where, value, value instanceof List<?> ? "is empty" : "is not a list", accepted);
        }
        List<RawAnswers> endpoints = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = where + "[" + (i + 1) + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw new InvalidAnswerException(at, list.get(i), "is not a mapping", accepted);
            }
            RawAnswers endpoint = RawAnswers.empty();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Question question = Question.byKey(key).filter(q -> q.scope() == Question.Scope.ENDPOINT)
                        .orElseThrow(() -> new InvalidAnswerException(at + "." + key, key, Question.byKey(key).isPresent()
                                        ? "is the service's answer, not an endpoint's (give it at the top level)" : "is not a known key",
                                Arrays.stream(Question.values()).filter(q -> q.scope() == Question.Scope.ENDPOINT)
                                        .map(Question::key).collect(Collectors.joining(", "))));
                endpoint = endpoint.with(question, typed(at + "." + key, question, entry.getValue(), base, i + 1));
            }
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    /** The value of {@code question} as the answers take it; {@code endpoint}: which endpoint's (from 1), 0 the top level's. */
    private static Object typed(String where, Question question, Object value, Path base, int endpoint) {
        try {
            return typed(where, question, value, base);
        } catch (InvalidAnswerException e) {
            throw e.at(e.question(), question, endpoint);
        }
    }

    private static Object typed(String where, Question question, Object value, Path base) {
        if (value == null) {
            throw new InvalidAnswerException(where, null, "has no value", question.accepted());
        }
        if (question == Question.FIELDS) {
            if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                return list;
            }
            throw new InvalidAnswerException(where, value, "is not a list of strings", "a YAML list of NAME:TYPE strings");
        }
        if (NUMBERS.contains(question)) {
            boolean noneLimit = (question == Question.DOWNSTREAM_LIMIT || question == Question.GROUPS) && "none".equals(value);
            if (value instanceof Number || noneLimit) {
                return value;
            }
            throw new InvalidAnswerException(where, value, "is not a number", question.accepted());
        }
        if (PATHS.contains(question) && value instanceof Map<?, ?> inline) {
            return new PayloadContent(question.key(), json(where, inline));
        }
        if (!(value instanceof String text)) {
            throw new InvalidAnswerException(where, value, "is not a string", question.accepted());
        }
        if (PATHS.contains(question) && (base == null || isDocument(text))) {
            return content(where, question, text);
        }
        return PATHS.contains(question) ? base.resolve(text).normalize() : text;
    }

    /**
     * An answers document from outside ({@code sluice serve}): as a file, but a schema or an example is the document
     * itself (a mapping, or JSON text), never a path: nothing a request says may make Sluice read a file.
     */
    public static RawAnswers parseContent(String text, String label) {
        return parse(text, Path.of(label), null);
    }

    /** A document given inline in YAML or JSON, as JSON text. */
    private static String json(String where, Map<?, ?> inline) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(inline);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidAnswerException(where, "(a mapping)", "cannot be written as JSON (" + e.getOriginalMessage() + ")", "a JSON document");
        }
    }

    /** Whether a schema's or an example's answer is the document itself (JSON text), not a path to it. */
    private static boolean isDocument(String text) {
        return text.strip().startsWith("{");
    }

    /** A schema or example given as content: a JSON document (text); anything else is refused as a path would be. */
    public static PayloadContent content(String where, Question question, String text) {
        if (!isDocument(text)) {
            throw new InvalidAnswerException(where, text.length() > 60 ? text.substring(0, 60) + "..." : text,
                    "is not a JSON object: the server takes the " + question.key() + " itself, never a path",
                    "the " + question.key() + " document as JSON");
        }
        return new PayloadContent(question.key(), text);
    }
}
