package com.example.ordersservicecdk.refunds;

/** The {@link IdempotencyStore} contract against {@link InMemoryIdempotencyStore}. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
    @Override
    IdempotencyStore store() {
        return new InMemoryIdempotencyStore();
    }
}
