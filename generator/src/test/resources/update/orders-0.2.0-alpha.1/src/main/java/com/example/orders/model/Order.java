package com.example.orders.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The body of a {@code POST /orders} request, as the API accepted it and the queue delivers it.
 * Generated with the API's request model from the same payload shape: change both together.
 */
public record Order(
        UUID orderId,
        String customerId,
        Instant placedAt,
        Status status,
        List<Item> items,
        ShippingAddress shippingAddress,
        String giftMessage,
        @JsonProperty("class") String classValue) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public Order {
        Objects.requireNonNull(orderId, "orderId is required");
        Objects.requireNonNull(customerId, "customerId is required");
        Objects.requireNonNull(placedAt, "placedAt is required");
        Objects.requireNonNull(status, "status is required");
        Objects.requireNonNull(items, "items is required");
        Objects.requireNonNull(shippingAddress, "shippingAddress is required");
    }
}
