package dev.sluice.cli;

import dev.sluice.answers.AnswersValidator;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Limits;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.payload.JavaNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The interactive wizard: asks every question not already answered, showing its default in
 * brackets; an invalid answer is explained and asked again. Validation is the engine's own
 * ({@link AnswersValidator}), so the wizard, the flags and the answers file agree on every rule.
 */
final class Wizard {
    private static final Set<Question> PAYLOAD = EnumSet.of(Question.FIELDS, Question.SCHEMA, Question.EXAMPLE);
    private static final String PLACEHOLDER_NAME = "project";

    private final Terminal terminal;

    Wizard(Terminal terminal) {
        this.terminal = terminal;
    }

    RawAnswers ask(RawAnswers given) {
        RawAnswers answers = given;
        terminal.out().println("Sluice: a few questions about the endpoint. Enter keeps the [default].");
        for (Question q : Question.values()) {
            if (PAYLOAD.contains(q)) {
                if (q == Question.FIELDS && PAYLOAD.stream().noneMatch(answers::has)) {
                    answers = askPayload(answers);
                }
                continue;
            }
            if (q == Question.BATCHING_WINDOW || q == Question.VERSION) {
                continue; // an override (of a derived setting, of the starting version), not a question: a flag or an answers-file key
            }
            if (q == Question.GROUPS && !String.valueOf(answers.get(Question.ORDERING).orElse("none")).startsWith("key:")) {
                continue; // counts ordering keys: only asked when there is key ordering
            }
            if (!answers.has(q)) {
                answers = askUntilValid(q, answers);
            }
        }
        // Rules that tie several answers together are checked once all are in; ask again where one fails.
        while (true) {
            try {
                AnswersValidator.validate(answers);
                return answers;
            } catch (InvalidAnswerException e) {
                Question q = questionOf(e).orElseThrow(() -> e);
                terminal.out().println("  " + e.reason() + "; accepted: " + e.accepted());
                answers = askUntilValid(q, answers.with(q, null));
            }
        }
    }

    private RawAnswers askPayload(RawAnswers answers) {
        while (true) {
            String line = read("Payload given as fields, schema or example", "fields");
            String form = line.isEmpty() ? "fields" : line;
            switch (form) {
                case "fields" -> { return askUntilValid(Question.FIELDS, answers); }
                case "schema" -> { return askUntilValid(Question.SCHEMA, answers); }
                case "example" -> { return askUntilValid(Question.EXAMPLE, answers); }
                default -> terminal.out().println("  '" + form + "' is not one of fields, schema, example");
            }
        }
    }

    private RawAnswers askUntilValid(Question q, RawAnswers answers) {
        while (true) {
            String line = read(q.prompt(), defaultFor(q, answers));
            RawAnswers candidate = line.isEmpty() ? answers : answers.with(q, value(q, line));
            if (line.isEmpty() && defaultFor(q, answers) == null && q == Question.NAME) {
                terminal.out().println("  a project name is required; accepted: " + q.accepted());
                continue;
            }
            Optional<InvalidAnswerException> problem = problemWith(q, candidate);
            if (problem.isEmpty()) {
                return candidate;
            }
            terminal.out().println("  " + problem.get().reason() + "; accepted: " + problem.get().accepted());
        }
    }

    private Object value(Question q, String line) {
        return switch (q) {
            case FIELDS -> List.of(line);
            case SCHEMA, EXAMPLE -> terminal.cwd().resolve(line).normalize();
            default -> line;
        };
    }

    /** The problem the engine finds with {@code q}'s answer, ignoring problems of questions not asked yet. */
    private static Optional<InvalidAnswerException> problemWith(Question q, RawAnswers candidate) {
        RawAnswers checked = candidate.has(Question.NAME) ? candidate : candidate.with(Question.NAME, PLACEHOLDER_NAME);
        try {
            AnswersValidator.validate(checked);
            return Optional.empty();
        } catch (InvalidAnswerException e) {
            return questionOf(e).filter(q::equals).map(x -> e);
        }
    }

    private static Optional<Question> questionOf(InvalidAnswerException e) {
        for (Question q : Question.values()) {
            if (q.flag().equals(e.question())) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    private static String defaultFor(Question q, RawAnswers answers) {
        return switch (q) {
            case PACKAGE -> JavaNames.defaultPackage(
                    String.valueOf(answers.get(Question.GROUP_ID).orElse(Question.GROUP_ID.defaultValue().orElseThrow())),
                    String.valueOf(answers.get(Question.NAME).orElse(PLACEHOLDER_NAME)));
            case PROCESSING_MS_WORST -> {
                String typical = String.valueOf(answers.get(Question.PROCESSING_MS).orElse(Question.PROCESSING_MS.defaultValue().orElseThrow()));
                try {
                    yield String.valueOf(Limits.defaultProcessingMsWorst(Long.parseLong(typical)));
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case DOWNSTREAM_LIMIT, GROUPS -> "none";
            default -> q.defaultValue().orElse(null);
        };
    }

    private String read(String prompt, String defaultValue) {
        terminal.out().print(prompt + (defaultValue == null ? "" : " [" + defaultValue + "]") + ": ");
        terminal.out().flush();
        try {
            String line = terminal.in().readLine();
            if (line == null) {
                throw new InvalidAnswerException("wizard", null, "ended before every question was answered", "an answer to each question, or --batch");
            }
            return line.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
