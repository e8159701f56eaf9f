package com.acme.billing.paymentsidempotent.model;

/**
 * The values of {@code currency} in the body of a {@code POST /v1/payment-events} request. Parsing
 * rejects any other value, as the API's request model does.
 */
public enum Currency {
    EUR,
    USD,
    GBP
}
