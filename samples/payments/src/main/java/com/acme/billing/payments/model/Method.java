package com.acme.billing.payments.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The values of {@code method} in the body of a {@code POST /v1/payments} request. Parsing
 * rejects any other value, as the API's request model does.
 */
public enum Method {
    @JsonProperty("card") CARD,
    @JsonProperty("sepa-debit") SEPA_DEBIT,
    @JsonProperty("wire") WIRE
}
