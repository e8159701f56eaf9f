package com.example.ordersservice.refunds;

import java.time.Instant;

/**
 * Remembers, by key, which messages were processed, so that a message delivered more than once is processed
 * once. {@link RefundHandler} claims the key of a message before processing it and completes the key
 * after; when processing fails it releases the key, so that a retry can claim it again.
 *
 * <p>A claim must be decided atomically: of two deliveries claiming the same key at once, exactly one wins.
 */
public interface IdempotencyStore {
    /** What a claim found. */
    enum Claim {
        /** The key was free (never seen, released, expired, or its claim lapsed): this delivery processes it. */
        CLAIMED,
        /** Another delivery claimed the key and is processing it: this one must be retried later. */
        IN_PROGRESS,
        /** A delivery processed the key already: this one is a duplicate. */
        COMPLETED
    }

    /**
     * Claims a key for processing.
     *
     * @param key        the idempotency key of a message
     * @param leaseUntil until when the claim holds off other deliveries; after that, if it is still in
     *                   progress (its invocation timed out or crashed), another delivery may take it over
     * @param expiresAt  when the record of the key lapses, completed or not; after that the key is free
     */
    Claim claim(String key, Instant leaseUntil, Instant expiresAt);

    /** Marks a claimed key processed: until it expires, claiming it finds {@link Claim#COMPLETED}. */
    void complete(String key);

    /** Frees a claimed key whose processing failed, so that a retry can claim it. */
    void release(String key);

    /**
     * Runs, with no effect and no request sent, the code a first call would load, so that a SnapStart snapshot holds
     * it loaded (the handler's priming calls this). Nothing to do for a store in memory.
     */
    default void prime() {}
}
