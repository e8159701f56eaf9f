package dev.sluice.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.InvalidAnswerException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordedVersionsTest {
    @ParameterizedTest
    @CsvSource({"0.2.0, 0.2.0, 0", "0.10.0, 0.9.1, 1", "0.2.0-alpha.1, 0.2.0, -1", "0.2.0, 0.2.0-alpha.1, 1", "1.0, 1.0.0, 0",
            "0.2.0-alpha.1, 0.2.0-alpha.2, -1", "0.1.9, 0.2.0-alpha.1, -1"})
    void versionsOrderAsMavenReleasesDo(String a, String b, int expected) {
        assertEquals(expected, Integer.signum(RecordedVersions.compare(a, b)));
    }

    @Test
    void aProjectOfANewerSluiceIsNotUpdatedBackwards() {
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class,
                () -> new RecordedVersions(List.of()).generate("99.0.0", Path.of("unused.yaml")));
        assertTrue(e.getMessage().startsWith("sluiceVersion: '99.0.0' is newer than this Sluice ("), e.getMessage());
    }
}
