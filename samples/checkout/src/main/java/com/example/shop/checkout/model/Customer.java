package com.example.shop.checkout.model;

import java.util.Objects;

/**
 * The {@code customer} object in the body of a {@code POST /v1/checkout} request.
 */
public record Customer(
        String id,
        String email,
        LoyaltyTier loyaltyTier,
        Integer points,
        Address address) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public Customer {
        Objects.requireNonNull(id, "id is required");
        Objects.requireNonNull(email, "email is required");
    }
}
