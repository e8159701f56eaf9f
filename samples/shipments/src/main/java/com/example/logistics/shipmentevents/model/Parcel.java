package com.example.logistics.shipmentevents.model;

import java.util.Objects;

/**
 * An element of the {@code parcels} list in the body of a {@code POST /shipments/events} request.
 *
 * <p>Required fields of a primitive type ({@code weightGrams}) cannot be null-checked here: the
 * handler's mapper rejects them when missing or null (FAIL_ON_NULL_FOR_PRIMITIVES) instead of
 * reading 0 or false.
 */
public record Parcel(String parcelId, int weightGrams, Boolean fragile) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public Parcel {
        Objects.requireNonNull(parcelId, "parcelId is required");
    }
}
