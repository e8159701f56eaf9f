package com.example.logistics.shipmentevents.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The body of a {@code POST /shipments/events} request, as the API accepted it and the queue delivers it.
 * Generated with the API's request model from the same payload shape: change both together.
 */
public record Event(
        UUID shipmentId,
        String carrier,
        String trackingNumber,
        String event,
        Instant occurredAt,
        LocalDate expectedDelivery,
        Location location,
        List<Parcel> parcels,
        JsonNode signedBy,
        List<JsonNode> exceptions) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public Event {
        Objects.requireNonNull(shipmentId, "shipmentId is required");
        Objects.requireNonNull(carrier, "carrier is required");
        Objects.requireNonNull(trackingNumber, "trackingNumber is required");
        Objects.requireNonNull(event, "event is required");
        Objects.requireNonNull(occurredAt, "occurredAt is required");
        Objects.requireNonNull(expectedDelivery, "expectedDelivery is required");
        Objects.requireNonNull(location, "location is required");
        Objects.requireNonNull(parcels, "parcels is required");
    }
}
