package com.example.ordersservicecdk.ordersevents.model;

/**
 * The values of {@code kind} in the body of a {@code POST /orders/{orderId}/events} request. Parsing
 * rejects any other value, as the API's request model does.
 */
public enum Kind {
    PACKED,
    SHIPPED,
    DELIVERED
}
