package com.acme.billing.paymentsidempotent.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The body of a {@code POST /v1/payment-events} request, as the API accepted it and the queue delivers it.
 * Generated with the API's request model from the same payload shape: change both together.
 */
public record PaymentEvent(
        UUID paymentId,
        BigDecimal amount,
        Currency currency,
        Instant receivedAt) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public PaymentEvent {
        Objects.requireNonNull(paymentId, "paymentId is required");
        Objects.requireNonNull(amount, "amount is required");
        Objects.requireNonNull(currency, "currency is required");
        Objects.requireNonNull(receivedAt, "receivedAt is required");
    }
}
