package dev.sluice.answers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The limits a question's accepted text states ("from 1 to 1023", "at least 1s", "at most 900000") are the
 * validator's: each bound is accepted and the value just beyond it refused. The help, the wizard and the
 * README print that text (CliTest, ReadmeQuestionsTest), so they cannot promise other limits than the engine's.
 */
class QuestionLimitsTest {
    private static final Pattern FROM_TO = Pattern.compile("from (\\d+[smhd]?) to (\\d+[smhd]?)\\b");
    private static final Pattern AT_LEAST = Pattern.compile("at least (\\d+[smhd]?)\\b");
    private static final Pattern AT_MOST = Pattern.compile("at most (\\d+[smhd]?)\\b");

    @Test
    void eachStatedBoundIsTheValidatorsBound() {
        Set<Question> withBounds = EnumSet.noneOf(Question.class);
        for (Question q : Question.values()) {
            for (Bound bound : bounds(q.accepted())) {
                withBounds.add(q);
                assertDoesNotThrow(() -> AnswersValidator.validate(context(q).with(q, bound.value())),
                        q + " refuses " + bound.value() + ", which its accepted text allows: " + q.accepted());
                bound.beyond().ifPresent(beyond -> assertEquals(q.flag(), assertThrows(InvalidAnswerException.class,
                        () -> AnswersValidator.validate(context(q).with(q, beyond)),
                        q + " accepts " + beyond + ", beyond its accepted text: " + q.accepted()).question()));
            }
        }
        assertEquals(EnumSet.of(Question.MAX_PAYLOAD_KIB, Question.MAX_DELAY, Question.GROUPS, Question.PEAK_DURATION,
                Question.PROCESSING_MS, Question.PROCESSING_MS_WORST, Question.DOWNSTREAM_LIMIT, Question.BATCHING_WINDOW),
                withBounds, "the questions whose accepted text states a limit");
    }

    /** Answers in which only the bound under test can be wrong. */
    private static RawAnswers context(Question q) {
        RawAnswers named = RawAnswers.empty().with(Question.NAME, "orders-api");
        return switch (q) {
            case GROUPS -> named.with(Question.ORDERING, "key:id"); // groups count ordering keys
            case PROCESSING_MS -> named.with(Question.MAX_DELAY, "5d").with(Question.PROCESSING_MS_WORST, "900000");
            case PROCESSING_MS_WORST -> named.with(Question.MAX_DELAY, "5d"); // a tolerance longer than any processing time
            default -> named;
        };
    }

    private record Bound(String value, Optional<String> beyond) {}

    private static List<Bound> bounds(String accepted) {
        List<Bound> bounds = new ArrayList<>();
        Matcher m = FROM_TO.matcher(accepted);
        while (m.find()) {
            bounds.add(new Bound(m.group(1), step(m.group(1), -1)));
            bounds.add(new Bound(m.group(2), step(m.group(2), +1)));
        }
        for (Matcher least = AT_LEAST.matcher(accepted); least.find(); ) {
            bounds.add(new Bound(least.group(1), step(least.group(1), -1)));
        }
        for (Matcher most = AT_MOST.matcher(accepted); most.find(); ) {
            bounds.add(new Bound(most.group(1), step(most.group(1), +1)));
        }
        return bounds;
    }

    /** The value one unit (1, or 1 s) beyond {@code bound}; none below zero. */
    private static Optional<String> step(String bound, int by) {
        if (bound.chars().allMatch(Character::isDigit)) {
            long next = Long.parseLong(bound) + by;
            return next < 0 ? Optional.empty() : Optional.of(String.valueOf(next));
        }
        Duration next = Durations.parse(bound).orElseThrow().plusSeconds(by);
        return next.isNegative() ? Optional.empty() : Optional.of(Durations.format(next));
    }
}
