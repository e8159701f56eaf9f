package com.example.shop.checkout.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An element of the {@code lines} list in the body of a {@code POST /v1/checkout} request.
 *
 * <p>Required fields of a primitive type ({@code quantity}) cannot be null-checked here: the
 * handler's mapper rejects them when missing or null (FAIL_ON_NULL_FOR_PRIMITIVES) instead of
 * reading 0 or false.
 */
public record Line(
        String sku,
        int quantity,
        BigDecimal unitPrice,
        BigDecimal discountPercent,
        List<String> tags) {
    /**
     * Rejects a missing or null required field. Jackson builds the record through this
     * constructor, so such a message fails to parse instead of reaching the processor half-empty.
     */
    public Line {
        Objects.requireNonNull(sku, "sku is required");
        Objects.requireNonNull(unitPrice, "unitPrice is required");
    }
}
