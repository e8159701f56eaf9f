package com.example.ordersservicecdk.ordersevents.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The body of a {@code POST /orders/{orderId}/events} request, as the API accepted it and the queue delivers it.
 * Generated with the API's request model from the same payload shape: change both together.
 */
public record Event(Shipment shipment, Kind kind, Instant at) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public Event {
        Objects.requireNonNull(shipment, "shipment is required");
        Objects.requireNonNull(kind, "kind is required");
        Objects.requireNonNull(at, "at is required");
    }
}
