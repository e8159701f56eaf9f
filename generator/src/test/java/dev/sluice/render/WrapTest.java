package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WrapTest {
    @Test
    void fillsEachLineUpToTheWidthAndLetsALongerWordStandAlone() {
        assertEquals(List.of("one two", "three", "abcdefghijk", "x"), Wrap.lines("one two three abcdefghijk x", 9));
        assertEquals(List.of("exactly 9"), Wrap.lines("exactly 9", 9));
        assertEquals(List.of(""), Wrap.lines("", 9));
    }
}
