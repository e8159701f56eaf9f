package com.example.ordersservice.orders;

import com.example.ordersservice.orders.model.Order;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The business logic: what happens to one accepted {@link Order}.
 *
 * <p>This is the class to change. {@link OrderHandler} calls {@link #process} once per message,
 * with the message's correlation id and message id already in the logging context. Returning means
 * done: the message is deleted from the queue. Throwing means failed: the message becomes visible
 * again after the visibility timeout (558 s) and is retried; after 5 receives it moves to
 * the dead-letter queue. A message can arrive more than once, so make processing idempotent.
 *
 * <p>After this returns, the handler logs "Processed the message" with the message's end-to-end delay and
 * publishes the delay as a metric: there is no need to log completion here.
 */
public class OrderProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(OrderProcessor.class);

    /**
     * Processes one request.
     *
     * @param order the parsed request body, its required fields present
     * @throws RuntimeException to have the message retried
     */
    public void process(Order order) {
        // Business logic goes here: store the request, call the downstream service, ...
        // Until then, log what arrived, at DEBUG (POWERTOOLS_LOG_LEVEL=DEBUG shows it).
        // Every field of every request at INFO would be most of the log's volume, and may hold personal data;
        // at INFO the handler's "Processed the message" line carries what an operator needs: the correlation id,
        // the message id and the end-to-end delay.
        LOG.debug("Received {}", order);
    }
}
