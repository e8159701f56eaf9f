package dev.sluice.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.it.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limits that follow from SQS, and the docs and help texts that state them. */
class LimitsTest {

    @Test
    void theLargestBodyLeavesOneKibibyteOfTheMessageForItsAttributes() {
        assertEquals(1023, Limits.MAX_PAYLOAD_KIB);
        assertEquals(Limits.SQS_MAX_MESSAGE_BYTES, Limits.MAX_PAYLOAD_KIB * 1024L + Limits.MESSAGE_ATTRIBUTES_BYTES);
    }

    @Test
    void theLongestToleranceIsHalfTheLongestQueueRetentionWhichLeavesFourDaysOfTheDeadLetterQueues() {
        assertEquals(Duration.ofDays(5), Limits.MAX_DELAY);
        assertEquals(Limits.MAX_QUEUE_RETENTION, Limits.MAX_DELAY.multipliedBy(2));
        assertEquals(Duration.ofDays(4), Limits.SQS_MAX_RETENTION.minus(Limits.MAX_QUEUE_RETENTION));
    }

    @Test
    void theDocsAndTheHelpStateTheLimits() throws IOException {
        String kib = "1 to " + Limits.MAX_PAYLOAD_KIB + " KiB";
        String days = Limits.MAX_DELAY_DAYS + "d";
        String settings = Files.readString(Repository.root().resolve("docs/settings.md"));
        assertTrue(settings.contains("(`maxPayloadKib`, " + kib + ")"), "docs/settings.md: " + kib);
        assertTrue(settings.contains("(`maxDelay`, 1 s to " + Limits.MAX_DELAY_DAYS + " days)"), "docs/settings.md: " + days);
        assertTrue(settings.contains("at most " + Limits.MAX_QUEUE_RETENTION_DAYS + " days"), "docs/settings.md: retention");
        // The README's table and the flags' help are Question's texts (ReadmeQuestionsTest, CliTest).
        assertTrue(Question.MAX_PAYLOAD_KIB.accepted().contains("to " + Limits.MAX_PAYLOAD_KIB + " "));
        assertTrue(Question.MAX_DELAY.accepted().contains("to " + days));
    }

    @Test
    void theValidatorAcceptsEachBoundAndRefusesOneBeyond() {
        String max = String.valueOf(Limits.MAX_PROCESSING_MS);
        String over = String.valueOf(Limits.MAX_PROCESSING_MS + 1);
        assertEquals(Limits.MAX_PROCESSING_MS, valid(named().with(Question.PROCESSING_MS, max).with(Question.MAX_DELAY, "1h"))
                .processingMs());
        refused(named().with(Question.PROCESSING_MS, over), "--processing-ms: '" + over + "' is out of range");
        assertEquals(Limits.MAX_PROCESSING_MS, valid(named().with(Question.PROCESSING_MS, "1")
                .with(Question.PROCESSING_MS_WORST, max)).processingMsWorst());
        refused(named().with(Question.PROCESSING_MS_WORST, over), "--processing-ms-worst: '" + over + "' is out of range");

        assertEquals(Limits.MIN_CONCURRENCY, valid(named().with(Question.DOWNSTREAM_LIMIT, Limits.MIN_CONCURRENCY)).downstreamLimit().getAsInt());
        assertEquals(Limits.MAX_CONCURRENCY, valid(named().with(Question.DOWNSTREAM_LIMIT, Limits.MAX_CONCURRENCY)).downstreamLimit().getAsInt());
        refused(named().with(Question.DOWNSTREAM_LIMIT, Limits.MIN_CONCURRENCY - 1), "is out of range");
        refused(named().with(Question.DOWNSTREAM_LIMIT, Limits.MAX_CONCURRENCY + 1), "is out of range");

        RawAnswers ordered = named().with(Question.ORDERING, "key:id");
        assertEquals(Limits.MAX_GROUPS, valid(ordered.with(Question.GROUPS, Limits.MAX_GROUPS)).groups().getAsInt());
        refused(ordered.with(Question.GROUPS, Limits.MAX_GROUPS + 1), "--groups: '" + (Limits.MAX_GROUPS + 1) + "' is out of range");

        String window = Limits.MAX_BATCHING_WINDOW_MINUTES + "m";
        assertEquals(Limits.MAX_BATCHING_WINDOW_SECONDS, valid(named().with(Question.BATCHING_WINDOW, window)).batchingWindowSeconds().getAsInt());
        refused(named().with(Question.BATCHING_WINDOW, window + "1s"),
                "is longer than Lambda's " + Limits.MAX_BATCHING_WINDOW_SECONDS + " s");
    }

    @Test
    void theWorstProcessingTimeDefaultsToFiveTimesTheTypicalWithinTheLimit() {
        assertEquals(500, Limits.defaultProcessingMsWorst(100));
        assertEquals(Limits.MAX_PROCESSING_MS, Limits.defaultProcessingMsWorst(Limits.MAX_PROCESSING_MS / 2));
        assertEquals(500, valid(named().with(Question.PROCESSING_MS, "100")).processingMsWorst());
        assertEquals(Limits.MAX_PROCESSING_MS, valid(named().with(Question.PROCESSING_MS, "200000")
                .with(Question.MAX_DELAY, "1h")).processingMsWorst());
    }

    /** docs/settings.md states the concurrency bounds (the README's flags table is Question's text: ReadmeQuestionsTest). */
    @Test
    void theSettingsStateTheConcurrencyLimits() throws IOException {
        String settings = Files.readString(Repository.root().resolve("docs/settings.md"));
        String concurrency = "maximum concurrency " + Limits.MIN_CONCURRENCY + "–" + Limits.MAX_CONCURRENCY;
        assertTrue(settings.contains(concurrency), "docs/settings.md: " + concurrency);
    }

    private static RawAnswers named() {
        return RawAnswers.empty().with(Question.NAME, "orders-api");
    }

    private static Answers valid(RawAnswers raw) {
        return AnswersValidator.validate(raw);
    }

    private static void refused(RawAnswers raw, String piece) {
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> AnswersValidator.validate(raw));
        assertTrue(e.getMessage().contains(piece), () -> "expected '" + piece + "' in: " + e.getMessage());
    }
}
