package com.example.logistics.shipmentevents.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The {@code location} object in the body of a {@code POST /shipments/events} request.
 */
public record Location(String city, String country, BigDecimal lat, BigDecimal lon) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public Location {
        Objects.requireNonNull(city, "city is required");
        Objects.requireNonNull(country, "country is required");
        Objects.requireNonNull(lat, "lat is required");
        Objects.requireNonNull(lon, "lon is required");
    }
}
