package com.example.shop.checkout.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The values of {@code loyaltyTier} in the body of a {@code POST /v1/checkout} request. Parsing
 * rejects any other value, as the API's request model does.
 */
public enum LoyaltyTier {
    @JsonProperty("bronze") BRONZE,
    @JsonProperty("silver") SILVER,
    @JsonProperty("gold") GOLD
}
