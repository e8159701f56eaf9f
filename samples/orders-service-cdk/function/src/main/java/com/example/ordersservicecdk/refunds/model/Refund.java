package com.example.ordersservicecdk.refunds.model;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * The body of a {@code POST /refunds} request, as the API accepted it and the queue delivers it.
 * Generated with the API's request model from the same payload shape: change both together.
 */
public record Refund(String email, UUID orderId, BigDecimal amount) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public Refund {
        Objects.requireNonNull(email, "email is required");
        Objects.requireNonNull(orderId, "orderId is required");
        Objects.requireNonNull(amount, "amount is required");
    }
}
