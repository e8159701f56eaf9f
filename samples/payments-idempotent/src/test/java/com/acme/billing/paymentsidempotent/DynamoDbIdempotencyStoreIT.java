package com.acme.billing.paymentsidempotent;

import static com.acme.billing.paymentsidempotent.DynamoDbIdempotencyStore.EXPIRES_AT;
import static com.acme.billing.paymentsidempotent.DynamoDbIdempotencyStore.ID;
import static com.acme.billing.paymentsidempotent.DynamoDbIdempotencyStore.IN_PROGRESS;
import static com.acme.billing.paymentsidempotent.DynamoDbIdempotencyStore.LEASE_UNTIL;
import static com.acme.billing.paymentsidempotent.DynamoDbIdempotencyStore.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.acme.billing.paymentsidempotent.aws.AwsCredentials;
import com.acme.billing.paymentsidempotent.aws.AwsJsonClient;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The {@link IdempotencyStore} contract against {@link DynamoDbIdempotencyStore} on a real DynamoDB-compatible
 * server, for instance moto's server mode on loopback:
 * {@code mvn verify -Ddynamodb.endpoint=http://127.0.0.1:5000}. It runs only when that property is given (the
 * profile dynamodb-it in pom.xml passes it on), and is skipped otherwise. It creates a table of its own, with the
 * deployed table's key and time-to-live attribute, and deletes it afterwards.
 *
 * <p>The store sends its requests through the consumer's own client ({@link AwsJsonClient}), as in Lambda; the test
 * sets the table up, and reads what the store wrote, through the AWS SDK.
 */
@EnabledIfSystemProperty(named = "dynamodb.endpoint", matches = ".+")
class DynamoDbIdempotencyStoreIT extends IdempotencyStoreContract {
    private static final URI ENDPOINT = URI.create(System.getProperty("dynamodb.endpoint", "http://127.0.0.1"));

    private static DynamoDbClient dynamoDb;
    private static String table;

    @BeforeAll
    static void createTable() {
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(ENDPOINT)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        table = "idempotency-it-" + UUID.randomUUID();
        dynamoDb.createTable(request -> request
                .tableName(table)
                .attributeDefinitions(key -> key.attributeName(ID).attributeType(ScalarAttributeType.S))
                .keySchema(key -> key.attributeName(ID).keyType(KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        dynamoDb.waiter().waitUntilTableExists(request -> request.tableName(table));
        dynamoDb.updateTimeToLive(request -> request
                .tableName(table)
                .timeToLiveSpecification(ttl -> ttl.attributeName(EXPIRES_AT).enabled(true)));
    }

    @AfterAll
    static void deleteTable() {
        if (dynamoDb != null) {
            dynamoDb.deleteTable(request -> request.tableName(table));
            dynamoDb.close();
        }
    }

    @Override
    IdempotencyStore store() {
        return new DynamoDbIdempotencyStore(new AwsJsonClient(AwsJsonClient.DYNAMODB, ENDPOINT, "us-east-1",
                () -> new AwsCredentials("test", "test", null)), table);
    }

    @Test
    void writesTheClaimWithItsExpiryInEpochSecondsForTheTimeToLive() {
        String key = UUID.randomUUID().toString();
        Instant leaseUntil = Instant.now().plusSeconds(60);
        Instant expiresAt = Instant.now().plusSeconds(3600);

        store().claim(key, leaseUntil, expiresAt);

        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request
                .tableName(table)
                .key(Map.of(ID, AttributeValue.fromS(key)))
                .consistentRead(true)).item();
        assertEquals(IN_PROGRESS, item.get(STATUS).s());
        assertEquals(Long.toString(leaseUntil.getEpochSecond()), item.get(LEASE_UNTIL).n());
        assertEquals(Long.toString(expiresAt.getEpochSecond()), item.get(EXPIRES_AT).n());
    }
}
