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
        Path base = file.toAbsolutePath().getParent();
        RawAnswers answers = RawAnswers.empty();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Question question = Question.byKey(key).orElseThrow(() -> new InvalidAnswerException(file + ": " + key, key,
                    "is not a known key", Arrays.stream(Question.values()).map(Question::key).collect(Collectors.joining(", "))));
            answers = answers.with(question, typed(file, question, entry.getValue(), base));
        }
        return answers;
    }

    private static Object typed(Path file, Question question, Object value, Path base) {
        String where = file + ": " + question.key();
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
        if (!(value instanceof String text)) {
            throw new InvalidAnswerException(where, value, "is not a string", question.accepted());
        }
        return PATHS.contains(question) ? base.resolve(text).normalize() : text;
    }
}
