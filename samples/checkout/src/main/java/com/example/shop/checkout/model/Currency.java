package com.example.shop.checkout.model;

/**
 * The values of {@code currency} in the body of a {@code POST /v1/checkout} request. Parsing
 * rejects any other value, as the API's request model does.
 */
public enum Currency {
    EUR
}
