package com.example.shop.checkout.model;

import java.util.List;
import java.util.Objects;

/**
 * The {@code address} object in the body of a {@code POST /v1/checkout} request.
 */
public record Address(String country, String postcode, List<String> street) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public Address {
        Objects.requireNonNull(country, "country is required");
        Objects.requireNonNull(postcode, "postcode is required");
    }
}
