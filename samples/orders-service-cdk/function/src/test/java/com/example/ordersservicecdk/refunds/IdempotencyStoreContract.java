package com.example.ordersservicecdk.refunds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.ordersservicecdk.refunds.IdempotencyStore.Claim;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdempotencyStore} must do, so that the in-memory store the handler tests use behaves as
 * the DynamoDB store of the deployed function. Each test uses keys of its own.
 */
abstract class IdempotencyStoreContract {
    private final Instant past = Instant.now().minusSeconds(60);
    private final Instant future = Instant.now().plusSeconds(3600);

    /** The store under test. */
    abstract IdempotencyStore store();

    @Test
    void claimsAFreeKey() {
        assertEquals(Claim.CLAIMED, store().claim(newKey(), future, future));
    }

    @Test
    void aClaimedKeyIsInProgressForAnotherDelivery() {
        IdempotencyStore store = store();
        String key = newKey();
        store.claim(key, future, future);

        assertEquals(Claim.IN_PROGRESS, store.claim(key, future, future));
    }

    @Test
    void aCompletedKeyIsADuplicate() {
        IdempotencyStore store = store();
        String key = newKey();
        store.claim(key, future, future);
        store.complete(key);

        assertEquals(Claim.COMPLETED, store.claim(key, future, future));
    }

    @Test
    void aCompletedKeyStaysCompletedAfterItsLease() {
        IdempotencyStore store = store();
        String key = newKey();
        store.claim(key, past, future);
        store.complete(key);

        assertEquals(Claim.COMPLETED, store.claim(key, future, future));
    }

    @Test
    void aReleasedKeyCanBeClaimedAgain() {
        IdempotencyStore store = store();
        String key = newKey();
        store.claim(key, future, future);
        store.release(key);

        assertEquals(Claim.CLAIMED, store.claim(key, future, future));
    }

    @Test
    void releasingLeavesACompletedKeyAlone() {
        IdempotencyStore store = store();
        String key = newKey();
        store.claim(key, future, future);
        store.complete(key);
        store.release(key);

        assertEquals(Claim.COMPLETED, store.claim(key, future, future));
    }

    @Test
    void aClaimWhoseLeaseRanOutCanBeTakenOver() {
        IdempotencyStore store = store();
        String key = newKey();
        store.claim(key, past, future);

        assertEquals(Claim.CLAIMED, store.claim(key, future, future));
        assertEquals(Claim.IN_PROGRESS, store.claim(key, future, future), "the new claim holds the key");
    }

    @Test
    void anExpiredKeyIsFreeAgain() {
        IdempotencyStore store = store();
        String key = newKey();
        store.claim(key, past, past);
        store.complete(key);

        assertEquals(Claim.CLAIMED, store.claim(key, future, future));
    }

    @Test
    void keysAreIndependent() {
        IdempotencyStore store = store();
        String key = newKey();
        store.claim(key, future, future);
        store.complete(key);

        assertEquals(Claim.CLAIMED, store.claim(newKey(), future, future));
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }
}
