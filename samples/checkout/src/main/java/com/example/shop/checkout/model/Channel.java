package com.example.shop.checkout.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The values of {@code channel} in the body of a {@code POST /v1/checkout} request. Parsing
 * rejects any other value, as the API's request model does.
 */
public enum Channel {
    @JsonProperty("web") WEB,
    @JsonProperty("store") STORE,
    @JsonProperty("phone") PHONE
}
