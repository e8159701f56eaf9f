package com.example.ordersservicecdk.refunds;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An {@link IdempotencyStore} in memory, with the semantics of {@link DynamoDbIdempotencyStore}, for tests and
 * the local pipeline. Thread-safe: a claim is one atomic {@link ConcurrentMap#compute}.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private record Entry(boolean completed, Instant leaseUntil, Instant expiresAt) {
        /** Whether the entry still holds its key: not expired, and completed or within its lease. */
        boolean holds(Instant now) {
            return !expiresAt.isBefore(now) && (completed || !leaseUntil.isBefore(now));
        }
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Claim claim(String key, Instant leaseUntil, Instant expiresAt) {
        Instant now = Instant.now();
        Entry claimed = new Entry(false, leaseUntil, expiresAt);
        Entry current = entries.compute(key, (k, entry) -> entry != null && entry.holds(now) ? entry : claimed);
        if (current == claimed) {
            return Claim.CLAIMED;
        }
        return current.completed() ? Claim.COMPLETED : Claim.IN_PROGRESS;
    }

    @Override
    public void complete(String key) {
        entries.computeIfPresent(key, (k, entry) -> new Entry(true, entry.leaseUntil(), entry.expiresAt()));
    }

    @Override
    public void release(String key) {
        entries.computeIfPresent(key, (k, entry) -> entry.completed() ? entry : null);
    }
}
