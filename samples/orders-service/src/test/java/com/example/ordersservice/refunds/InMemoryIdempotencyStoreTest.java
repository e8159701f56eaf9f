package com.example.ordersservice.refunds;

/** The {@link IdempotencyStore} contract against {@link InMemoryIdempotencyStore}. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
    @Override
    IdempotencyStore store() {
        return new InMemoryIdempotencyStore();
    }
}
