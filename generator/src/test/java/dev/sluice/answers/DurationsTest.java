package dev.sluice.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"30s, 30", "5m, 300", "2h, 7200", "1d, 86400", "1h30m, 5400", "1d2h3m4s, 93784", "' 5M ', 300"})
    void parsesTheAcceptedForms(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), Durations.parse(text).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 m", "m", "-5s", "5x", "1.5h", "30s5m", "99999999999999999999d"})
    void refusesAnythingElse(String text) {
        assertTrue(Durations.parse(text).isEmpty(), text);
    }

    @ParameterizedTest
    @CsvSource({"30, 30s", "90, 1m30s", "86400, 1d", "0, 0s", "93784, 1d2h3m4s"})
    void formatsTheShortestForm(long seconds, String text) {
        assertEquals(text, Durations.format(Duration.ofSeconds(seconds)));
    }
}
