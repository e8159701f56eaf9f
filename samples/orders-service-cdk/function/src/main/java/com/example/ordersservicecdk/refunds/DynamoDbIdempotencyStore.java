package com.example.ordersservicecdk.refunds;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The {@link IdempotencyStore} of the deployed function: a DynamoDB table whose partition key is the string
 * {@code id}, one item per key with its {@code status} (IN_PROGRESS or COMPLETED), {@code leaseUntil} and
 * {@code expiresAt} (both epoch seconds; {@code expiresAt} is the table's time-to-live attribute).
 *
 * <p>A claim is one conditional PutItem: it writes the item only if no live item holds the key, so of two
 * deliveries claiming a key at once exactly one wins; the other learns from the failed condition what holds
 * the key. DynamoDB deletes expired items within days rather than at once, so the condition compares
 * {@code expiresAt} with the time itself.
 */
public class DynamoDbIdempotencyStore implements IdempotencyStore {
    /** The environment variable that names the table. */
    static final String TABLE_VARIABLE = "IDEMPOTENCY_TABLE";

    static final String ID = "id";
    static final String STATUS = "status";
    static final String LEASE_UNTIL = "leaseUntil";
    static final String EXPIRES_AT = "expiresAt";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";

    /** A key is free without an item, with an expired one, or with a claim in progress whose lease ran out. */
    private static final String FREE = "attribute_not_exists(id) OR expiresAt < :now"
            + " OR (#status = :inProgress AND leaseUntil < :now)";

    private final DynamoDbClient dynamoDb;
    private final String table;

    /**
     * Used by the handler in Lambda: the table IDEMPOTENCY_TABLE names, in the function's region, with the
     * function role's credentials. The client is built once, at initialization, so a SnapStart snapshot holds
     * it ready. It uses the JDK's HTTP client, which starts faster and weighs less than the SDK's Apache and
     * Netty clients (pom.xml leaves those out).
     */
    public DynamoDbIdempotencyStore() {
        this(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), tableFromEnvironment());
    }

    /** Used by tests: a client of their own, for instance on a local DynamoDB-compatible endpoint. */
    public DynamoDbIdempotencyStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Claim claim(String key, Instant leaseUntil, Instant expiresAt) {
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(Map.of(
                            ID, string(key),
                            STATUS, string(IN_PROGRESS),
                            LEASE_UNTIL, epochSeconds(leaseUntil),
                            EXPIRES_AT, epochSeconds(expiresAt)))
                    .conditionExpression(FREE)
                    .expressionAttributeNames(Map.of("#status", STATUS))
                    .expressionAttributeValues(Map.of(
                            ":now", epochSeconds(Instant.now()),
                            ":inProgress", string(IN_PROGRESS)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException e) {
            AttributeValue status = e.hasItem() ? e.item().get(STATUS) : null;
            return status != null && COMPLETED.equals(status.s()) ? Claim.COMPLETED : Claim.IN_PROGRESS;
        }
    }

    @Override
    public void complete(String key) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(Map.of(ID, string(key)))
                    .updateExpression("SET #status = :completed")
                    .conditionExpression("attribute_exists(id)")
                    .expressionAttributeNames(Map.of("#status", STATUS))
                    .expressionAttributeValues(Map.of(":completed", string(COMPLETED)))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // The item expired and DynamoDB deleted it: no record to keep, and none that holds the key.
        }
    }

    @Override
    public void release(String key) {
        try {
            dynamoDb.deleteItem(DeleteItemRequest.builder()
                    .tableName(table)
                    .key(Map.of(ID, string(key)))
                    .conditionExpression("#status = :inProgress")
                    .expressionAttributeNames(Map.of("#status", STATUS))
                    .expressionAttributeValues(Map.of(":inProgress", string(IN_PROGRESS)))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // Completed by a delivery that took the lapsed claim over, or gone: nothing to free.
        }
    }

    private static String tableFromEnvironment() {
        String table = System.getenv(TABLE_VARIABLE);
        if (table == null || table.isBlank()) {
            throw new IllegalStateException(TABLE_VARIABLE + " is not set: it names the idempotency table");
        }
        return table;
    }

    private static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue epochSeconds(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }
}
