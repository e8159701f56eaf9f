package com.example.ordersservicecdk.ordersevents.model;

import java.util.Objects;

/**
 * The {@code shipment} object in the body of a {@code POST /orders/{orderId}/events} request.
 */
public record Shipment(String id, String carrier) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public Shipment {
        Objects.requireNonNull(id, "id is required");
        Objects.requireNonNull(carrier, "carrier is required");
    }
}
