package dev.sluice.payload;

import static dev.sluice.payload.Fixtures.any;
import static dev.sluice.payload.Fixtures.enumOf;
import static dev.sluice.payload.Fixtures.integer;
import static dev.sluice.payload.Fixtures.list;
import static dev.sluice.payload.Fixtures.object;
import static dev.sluice.payload.Fixtures.optional;
import static dev.sluice.payload.Fixtures.required;
import static dev.sluice.payload.Fixtures.scalar;
import static dev.sluice.payload.Fixtures.shape;
import static dev.sluice.payload.Fixtures.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.payload.FieldType.ScalarKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SampleBodyTest {

    @Test
    void everyFieldGetsAPlausibleValue() {
        String body = SampleBody.valid(shape(
                required("id", scalar(ScalarKind.UUID)),
                required("name", string()),
                optional("count", integer()),
                required("total", scalar(ScalarKind.LONG)),
                required("price", scalar(ScalarKind.NUMBER)),
                required("paid", scalar(ScalarKind.BOOLEAN)),
                required("at", scalar(ScalarKind.TIMESTAMP)),
                optional("day", scalar(ScalarKind.DATE)),
                required("status", enumOf("NEW", "PAID")),
                required("tags", list(string())),
                optional("address", object(required("city", string()))),
                optional("extra", any()),
                required("empty", list(object(required("n", integer()))))));
        assertEquals("""
                {
                  "id": "%s",
                  "name": "example-name",
                  "count": 1,
                  "total": 1,
                  "price": 19.99,
                  "paid": true,
                  "at": "2026-01-15T09:30:00Z",
                  "day": "2026-01-15",
                  "status": "NEW",
                  "tags": [
                    "example-tags"
                  ],
                  "address": {
                    "city": "example-city"
                  },
                  "extra": "example-extra",
                  "empty": [
                    {
                      "n": 1
                    }
                  ]
                }""".formatted(SampleBody.UUID), body);
    }

    @Test
    void fixedValuesParseAsTheJavaTypesTheConsumerUses() {
        UUID.fromString(SampleBody.UUID);
        Instant.parse(SampleBody.TIMESTAMP);
        LocalDate.parse(SampleBody.DATE);
    }

    @Test
    void namesNeedingEscapesStayValidJson() throws Exception {
        String body = SampleBody.valid(shape(required("say \"hi\"\\", string())));
        assertEquals("example-say \"hi\"\\", new ObjectMapper().readTree(body).get("say \"hi\"\\").asText());
    }

    @Test
    void deterministicWithoutTrailingNewline() {
        String body = SampleBody.valid(RequestModelTest.RICH);
        assertEquals(body, SampleBody.valid(RequestModelTest.RICH));
        assertFalse(body.endsWith("\n"));
    }
}
