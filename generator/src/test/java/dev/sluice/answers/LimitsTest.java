package dev.sluice.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
