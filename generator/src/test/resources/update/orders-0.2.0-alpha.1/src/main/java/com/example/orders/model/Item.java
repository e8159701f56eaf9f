package com.example.orders.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An element of the {@code items} list in the body of a {@code POST /orders} request.
 *
 * <p>Required fields of a primitive type ({@code quantity}) cannot be null-checked here: the
 * handler's mapper rejects them when missing or null (FAIL_ON_NULL_FOR_PRIMITIVES) instead of
 * reading 0 or false.
 */
public record Item(String sku, int quantity, BigDecimal unitPrice) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public Item {
        Objects.requireNonNull(sku, "sku is required");
        Objects.requireNonNull(unitPrice, "unitPrice is required");
    }
}
