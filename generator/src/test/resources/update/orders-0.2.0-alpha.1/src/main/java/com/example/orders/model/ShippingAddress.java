package com.example.orders.model;

import java.util.Objects;

/**
 * The {@code shippingAddress} object in the body of a {@code POST /orders} request.
 */
public record ShippingAddress(String street, String city, String postcode, String country) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public ShippingAddress {
        Objects.requireNonNull(street, "street is required");
        Objects.requireNonNull(city, "city is required");
        Objects.requireNonNull(postcode, "postcode is required");
        Objects.requireNonNull(country, "country is required");
    }
}
