package com.example.ordersservicecdk.ordersevents;

import com.example.ordersservicecdk.ordersevents.model.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The business logic: what happens to one accepted {@link Event}.
 *
 * <p>This is the class to change. {@link EventHandler} calls {@link #process} once per message,
 * with the message's correlation id, message id and message group already in the logging context.
 * Requests with the same {@code shipment.id} arrive in the order the API accepted them.
 * Returning means done: the message is deleted from the queue. Throwing means failed: the message
 * becomes visible again after the visibility timeout (72 s) and is retried, and the later
 * messages of its group wait behind it; after 5 receives it moves to the dead-letter queue.
 * A message can still arrive more than once (a batch whose invocation timed out is delivered again),
 * so make processing idempotent.
 *
 * <p>After this returns, the handler logs "Processed the message" with the message's end-to-end delay and
 * publishes the delay as a metric: there is no need to log completion here.
 */
public class EventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);

    /**
     * Processes one request.
     *
     * @param event the parsed request body, its required fields present
     * @param orderId the path parameter {@code {orderId}} of {@code /orders/{orderId}/events}, as the client sent it
     * @throws RuntimeException to have the message retried
     */
    public void process(Event event, String orderId) {
        // Business logic goes here: store the request, call the downstream service, ...
        // Until then, log what arrived and the path's parameters, at DEBUG (POWERTOOLS_LOG_LEVEL=DEBUG shows it).
        // Every field of every request at INFO would be most of the log's volume, and may hold personal data;
        // at INFO the handler's "Processed the message" line carries what an operator needs: the correlation id,
        // the message id and the end-to-end delay.
        LOG.debug("Received {} for orderId {}", event, orderId);
    }
}
