package dev.sluice.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JsonPrinter spells scalars itself (no ObjectMapper at run time); Jackson is the reference it must match. */
class JsonPrinterTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void stringsAreQuotedAndEscapedAsJacksonWritesThem() throws Exception {
        for (String text : List.of("", "plain", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak\r\n", "\b\f",
                "\u0001\u001f", "naïve € 😀", "</script>", "a/b")) {
            assertEquals(JACKSON.writeValueAsString(text), JsonPrinter.print(JSON.textNode(text)), text);
        }
    }

    @Test
    void numbersBooleansAndNullAreSpelledAsJacksonSpellsThem() throws Exception {
        for (JsonNode node : List.of(JSON.numberNode(0), JSON.numberNode(-42L), JSON.numberNode(19.99), JSON.numberNode(1e21),
                JSON.numberNode(0.1f), JSON.numberNode(new BigDecimal("12.50")), JSON.booleanNode(true), JSON.nullNode())) {
            assertEquals(JACKSON.writeValueAsString(node), JsonPrinter.print(node), node.getNodeType() + " " + node.asText());
        }
    }

    @Test
    void keysAreEscapedLikeValues() {
        assertEquals("{\n  \"a\\\"b\": \"c\\nd\"\n}", JsonPrinter.print(JSON.objectNode().put("a\"b", "c\nd")));
    }
}
