package com.example.ordersservicecdk.aws;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An AWS service refused a request: its HTTP status, its error code (DynamoDB's
 * {@code ConditionalCheckFailedException}, for instance) and the body of its answer, which for some errors says more
 * (the item that failed a condition, when the request asked for it).
 */
public final class AwsServiceException extends RuntimeException {
    private final int statusCode;
    private final String errorCode;
    private final transient JsonNode body;

    /**
     * @param operation what was called: the service and the operation, for instance "dynamodb PutItem"
     * @param message   the service's message, or null
     * @param body      the body of the service's answer
     */
    public AwsServiceException(String operation, int statusCode, String errorCode, String message, JsonNode body) {
        super(operation + " failed: " + errorCode + " (HTTP " + statusCode + ")"
                + (message == null ? "" : ": " + message));
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.body = body;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The error's code, without the namespace the service may prefix it with. */
    public String errorCode() {
        return errorCode;
    }

    /** The body of the service's answer: an empty object if it had none that parses. */
    public JsonNode body() {
        return body;
    }
}
