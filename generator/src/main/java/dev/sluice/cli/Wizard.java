package dev.sluice.cli;

import dev.sluice.answers.AnswersValidator;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Limits;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.payload.JavaNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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

    /**
     * The service's questions and its first endpoint's, then "Add another endpoint?" until the answer is no: each further
     * endpoint's questions, with the service's answers as they stand. One endpoint: the answers as they always were (every
     * answer at the top level); several: the service's answers at the top, each endpoint's in the list of endpoints.
     * An answers file that lists endpoints already has them: only the service's questions it leaves open are asked.
     */
    RawAnswers ask(RawAnswers given) {
        terminal.out().println("Sluice: a few questions about the endpoint. Enter keeps the [default].");
        if (!given.endpoints().isEmpty()) {
            return askQuestions(given, q -> q.scope() == Question.Scope.SERVICE);
        }
        RawAnswers first = askQuestions(given, q -> true);
        List<RawAnswers> endpoints = new ArrayList<>();
        while (yes("Add another endpoint?")) {
            if (endpoints.isEmpty()) {
                endpoints.add(only(first, Question.Scope.ENDPOINT));
            }
            RawAnswers service = only(first, Question.Scope.SERVICE);
            terminal.out().println("Endpoint " + (endpoints.size() + 1) + ":");
            RawAnswers next = askQuestions(service.with(Question.NAME, service.get(Question.NAME).orElse(PLACEHOLDER_NAME)),
                    q -> q.scope() == Question.Scope.ENDPOINT);
            endpoints.add(only(next, Question.Scope.ENDPOINT));
            RawAnswers candidate = service.withEndpoints(endpoints);
            try {
                AnswersValidator.validateService(candidate);
            } catch (InvalidAnswerException e) {
                // Rules between endpoints (distinct paths and names): this endpoint is asked again.
                terminal.out().println("  " + e.reason() + "; accepted: " + e.accepted());
                endpoints.remove(endpoints.size() - 1);
            }
        }
        return endpoints.isEmpty() ? first : only(first, Question.Scope.SERVICE).withEndpoints(endpoints);
    }

    /**
     * One more endpoint of an existing service ({@code service}: its recorded answers): the endpoint's questions that
     * {@code given} leaves open. Returns the endpoint's answers alone.
     */
    RawAnswers askEndpoint(RawAnswers service, RawAnswers given) {
        terminal.out().println("Sluice: the new endpoint's questions. Enter keeps the [default].");
        RawAnswers asked = askQuestions(only(service, Question.Scope.SERVICE).overriddenBy(given), q -> q.scope() == Question.Scope.ENDPOINT);
        return only(asked, Question.Scope.ENDPOINT);
    }

    /** The answers of questions of one scope. */
    private static RawAnswers only(RawAnswers answers, Question.Scope scope) {
        RawAnswers out = RawAnswers.empty();
        for (var entry : answers.asMap().entrySet()) {
            if (entry.getKey().scope() == scope) {
                out = out.with(entry.getKey(), entry.getValue());
            }
        }
        return out;
    }

    /** A yes/no question whose default is no; the end of the input is no too, as for a script of answers. */
    private boolean yes(String prompt) {
        while (true) {
            terminal.out().print(prompt + " [no]: ");
            terminal.out().flush();
            String line;
            try {
                line = terminal.in().readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String word = line == null ? "" : line.trim().toLowerCase(java.util.Locale.ROOT);
            if (word.isEmpty() || word.equals("n") || word.equals("no")) {
                return false;
            }
            if (word.equals("y") || word.equals("yes")) {
                return true;
            }
            terminal.out().println("  '" + line.trim() + "' is not yes or no");
        }
    }

    /** Asks every question {@code asked} accepts that is not answered yet, then again where a rule between answers fails. */
    private RawAnswers askQuestions(RawAnswers given, java.util.function.Predicate<Question> asked) {
        RawAnswers answers = given;
        for (Question q : Question.values()) {
            if (!asked.test(q)) {
                continue;
            }
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
        if (!answers.endpoints().isEmpty()) {
            return answers; // the answers file's endpoints are checked with the service
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
