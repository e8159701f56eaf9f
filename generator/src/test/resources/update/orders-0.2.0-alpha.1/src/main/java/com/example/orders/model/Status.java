package com.example.orders.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The values of {@code status} in the body of a {@code POST /orders} request. Parsing
 * rejects any other value, as the API's request model does.
 */
public enum Status {
    NEW,
    PAID,
    @JsonProperty("in-review") IN_REVIEW
}
