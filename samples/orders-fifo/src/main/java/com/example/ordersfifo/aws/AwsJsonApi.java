package com.example.ordersfifo.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An AWS service's JSON API: an operation's request in, its answer out. {@link AwsJsonClient} calls the service; the
 * handler tests give a recording stand-in.
 */
public interface AwsJsonApi {
    /**
     * Calls an operation.
     *
     * @param operation the operation's name, for instance PutItem
     * @param request   its request, as the service's API reference documents it
     * @return the service's answer
     * @throws AwsServiceException if the service refuses the request
     */
    JsonNode call(String operation, ObjectNode request);

    /**
     * Runs, with no request sent, the code a call runs before and after its round trip, so that a SnapStart snapshot
     * holds it loaded. Nothing to do for a stand-in.
     */
    default void prime(String operation, ObjectNode request) {}
}
