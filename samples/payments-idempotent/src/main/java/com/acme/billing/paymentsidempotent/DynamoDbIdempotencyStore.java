package com.acme.billing.paymentsidempotent;

import com.acme.billing.paymentsidempotent.aws.AwsJsonApi;
import com.acme.billing.paymentsidempotent.aws.AwsJsonClient;
import com.acme.billing.paymentsidempotent.aws.AwsServiceException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The {@link IdempotencyStore} of the deployed function: a DynamoDB table whose partition key is the string
 * {@code id}, one item per key with its {@code status} (IN_PROGRESS or COMPLETED), {@code leaseUntil} and
 * {@code expiresAt} (both epoch seconds; {@code expiresAt} is the table's time-to-live attribute).
 *
 * <p>A claim is one conditional PutItem: it writes the item only if no live item holds the key, so of two
 * deliveries claiming a key at once exactly one wins; the other learns from the failed condition what holds
 * the key. DynamoDB deletes expired items within days rather than at once, so the condition compares
 * {@code expiresAt} with the time itself.
 *
 * <p>The requests are DynamoDB's API documents (PutItem, UpdateItem, DeleteItem), sent by {@link AwsJsonClient}.
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
    /** The error of a write whose condition did not hold. */
    private static final String CONDITION_FAILED = "ConditionalCheckFailedException";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AwsJsonApi dynamoDb;
    private final String table;

    /**
     * Used by the handler in Lambda: the table IDEMPOTENCY_TABLE names, in the function's region, with the
     * function role's credentials. Built at initialization, so a SnapStart snapshot holds it ready; it reads the
     * credentials on its first call.
     */
    public DynamoDbIdempotencyStore() {
        this(AwsJsonClient.inLambda(AwsJsonClient.DYNAMODB), tableFromEnvironment());
    }

    /** Used by tests: a client of their own, for instance on a local DynamoDB-compatible endpoint. */
    public DynamoDbIdempotencyStore(AwsJsonApi dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Claim claim(String key, Instant leaseUntil, Instant expiresAt) {
        try {
            dynamoDb.call("PutItem", claimRequest(key, leaseUntil, expiresAt, Instant.now()));
            return Claim.CLAIMED;
        } catch (AwsServiceException e) {
            if (!CONDITION_FAILED.equals(e.errorCode())) {
                throw e;
            }
            // ReturnValuesOnConditionCheckFailure: ALL_OLD puts the item that holds the key in the error.
            JsonNode status = e.body().path("Item").path(STATUS).path("S");
            return COMPLETED.equals(status.textValue()) ? Claim.COMPLETED : Claim.IN_PROGRESS;
        }
    }

    @Override
    public void complete(String key) {
        ObjectNode request = keyed(key)
                .put("UpdateExpression", "SET #status = :completed")
                .put("ConditionExpression", "attribute_exists(id)");
        request.putObject("ExpressionAttributeNames").put("#status", STATUS);
        request.putObject("ExpressionAttributeValues").set(":completed", string(COMPLETED));
        // A failed condition: the item expired and DynamoDB deleted it, no record to keep and none that holds the key.
        callUnlessConditionFails("UpdateItem", request);
    }

    @Override
    public void release(String key) {
        ObjectNode request = keyed(key).put("ConditionExpression", "#status = :inProgress");
        request.putObject("ExpressionAttributeNames").put("#status", STATUS);
        request.putObject("ExpressionAttributeValues").set(":inProgress", string(IN_PROGRESS));
        // A failed condition: completed by a delivery that took the lapsed claim over, or gone: nothing to free.
        callUnlessConditionFails("DeleteItem", request);
    }

    /** Marshals and signs a sample claim and reads a canned error, sending nothing: see {@link AwsJsonApi#prime}. */
    @Override
    public void prime() {
        Instant now = Instant.now();
        dynamoDb.prime("PutItem", claimRequest("priming", now, now, now));
    }

    private ObjectNode claimRequest(String key, Instant leaseUntil, Instant expiresAt, Instant now) {
        ObjectNode request = NODES.objectNode().put("TableName", table);
        ObjectNode item = request.putObject("Item");
        item.set(ID, string(key));
        item.set(STATUS, string(IN_PROGRESS));
        item.set(LEASE_UNTIL, epochSeconds(leaseUntil));
        item.set(EXPIRES_AT, epochSeconds(expiresAt));
        request.put("ConditionExpression", FREE);
        request.putObject("ExpressionAttributeNames").put("#status", STATUS);
        ObjectNode values = request.putObject("ExpressionAttributeValues");
        values.set(":now", epochSeconds(now));
        values.set(":inProgress", string(IN_PROGRESS));
        request.put("ReturnValuesOnConditionCheckFailure", "ALL_OLD");
        return request;
    }

    /** A request on the item of {@code key}. */
    private ObjectNode keyed(String key) {
        ObjectNode request = NODES.objectNode().put("TableName", table);
        request.putObject("Key").set(ID, string(key));
        return request;
    }

    private void callUnlessConditionFails(String operation, ObjectNode request) {
        try {
            dynamoDb.call(operation, request);
        } catch (AwsServiceException e) {
            if (!CONDITION_FAILED.equals(e.errorCode())) {
                throw e;
            }
        }
    }

    private static String tableFromEnvironment() {
        String table = System.getenv(TABLE_VARIABLE);
        if (table == null || table.isBlank()) {
            throw new IllegalStateException(TABLE_VARIABLE + " is not set: it names the idempotency table");
        }
        return table;
    }

    /** A string attribute value: {"S": value}. */
    private static ObjectNode string(String value) {
        return NODES.objectNode().put("S", value);
    }

    /** A number attribute value, as DynamoDB takes numbers: a string. */
    private static ObjectNode epochSeconds(Instant instant) {
        return NODES.objectNode().put("N", Long.toString(instant.getEpochSecond()));
    }
}
