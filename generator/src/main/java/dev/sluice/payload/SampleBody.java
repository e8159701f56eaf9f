package dev.sluice.payload;

import java.math.BigDecimal;

/**
 * A request body that the {@link RequestModel} accepts: every field present (optional ones too, unless
 * maxProperties forbids), with fixed plausible values where the field's constraints allow them and values made
 * to satisfy them otherwise ({@link SampleValues}), so generated samples and tests are reproducible.
 */
public final class SampleBody {
    public static final String TIMESTAMP = "2026-01-15T09:30:00Z";
    public static final String DATE = "2026-01-15";
    public static final String UUID = "3f6c2a8e-5b1d-4c7e-9a2f-8d4b6e1c0a57";
    public static final BigDecimal NUMBER = new BigDecimal("19.99");

    private SampleBody() {}

    /**
     * The body, pretty-printed (two-space indentation), without a trailing newline.
     *
     * @throws SampleValues.NoSample when a field's constraints leave no value Sluice can make
     */
    public static String valid(PayloadShape shape) {
        return JsonPrinter.print(SampleValues.body(shape));
    }

    /** The sample body's value at a dot path as text, as API Gateway's {@code $input.path} gives it to a mapping template. */
    public static String text(PayloadShape shape, String dotPath) {
        com.fasterxml.jackson.databind.JsonNode value = SampleValues.body(shape);
        for (String part : dotPath.split("\\.")) {
            value = value.get(part);
        }
        return value.isTextual() ? value.textValue() : value.asText();
    }
}
