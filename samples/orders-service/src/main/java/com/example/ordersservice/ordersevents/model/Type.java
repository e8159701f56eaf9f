package com.example.ordersservice.ordersevents.model;

/**
 * The values of {@code type} in the body of a {@code POST /orders/{orderId}/events} request. Parsing
 * rejects any other value, as the API's request model does.
 */
public enum Type {
    PACKED,
    SHIPPED,
    DELIVERED
}
