package com.example.shop.checkout.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The body of a {@code POST /v1/checkout} request, as the API accepted it and the queue delivers it.
 * Generated with the API's request model from the same payload shape: change both together.
 *
 * <p>Required fields of a primitive type ({@code schemaVersion}) cannot be null-checked here: the
 * handler's mapper rejects them when missing or null (FAIL_ON_NULL_FOR_PRIMITIVES) instead of
 * reading 0 or false.
 */
public record Checkout(
        String orderId,
        String storeCode,
        Channel channel,
        Priority priority,
        Customer customer,
        List<Line> lines,
        BigDecimal total,
        Currency currency,
        Instant placedAt,
        String giftMessage,
        int schemaVersion,
        JsonNode metadata) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public Checkout {
        Objects.requireNonNull(orderId, "orderId is required");
        Objects.requireNonNull(storeCode, "storeCode is required");
        Objects.requireNonNull(customer, "customer is required");
        Objects.requireNonNull(lines, "lines is required");
        Objects.requireNonNull(total, "total is required");
        Objects.requireNonNull(currency, "currency is required");
        Objects.requireNonNull(placedAt, "placedAt is required");
    }
}
