package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedriveTest {
    /** Half the consumers' rate, rounded half to even (as the template's numberformat did), within SQS's 1 to 500. */
    @ParameterizedTest
    @CsvSource({"1500, 500", "1000, 500", "999, 500", "998, 499", "40, 20", "37, 18", "39, 20", "2.4, 1", "1.9, 1", "0.3, 1"})
    void movesDeadLettersBackAtHalfTheConsumersRateWithinWhatSqsTakes(double consumerRate, long expected) {
        assertEquals(expected, ProjectModel.Redrive.of(consumerRate).messagesPerSecond());
    }
}
