package com.example.shop.checkout.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The values of {@code priority} in the body of a {@code POST /v1/checkout} request. Parsing
 * rejects any other value, as the API's request model does.
 */
public enum Priority {
    @JsonProperty("low") LOW,
    @JsonProperty("normal") NORMAL,
    @JsonProperty("high") HIGH
}
