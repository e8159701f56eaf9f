package com.acme.billing.payments.model;

import java.util.Objects;

/**
 * The {@code payer} object in the body of a {@code POST /v1/payments} request.
 */
public record Payer(String accountId, String name, String country) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public Payer {
        Objects.requireNonNull(accountId, "accountId is required");
    }
}
