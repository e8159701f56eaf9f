package com.example.ordersfifo.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

class SigV4Test {
    /** The secret key of IAM's signing examples. */
    private static final String EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-03-01T12:34:56Z");
    private static final byte[] BODY = "{\"TableName\":\"orders-idempotency\",\"Key\":{\"id\":{\"S\":\"order-1\"}}}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void derivesTheSigningKeyOfIamsDocumentedExample() {
        // "Examples of how to derive a signing key for Signature Version 4", IAM user guide.
        assertEquals("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9",
                HexFormat.of().formatHex(SigV4.signingKey(EXAMPLE_SECRET, "20150830", "us-east-1", "iam")));
    }

    @Test
    void signsTemporaryCredentialsAsTheAwsSdkDoes() {
        AwsCredentials credentials = new AwsCredentials("ASIAEXAMPLE", EXAMPLE_SECRET, "session+token/=");
        URI endpoint = URI.create("https://dynamodb.eu-west-1.amazonaws.com/");

        Map<String, String> ours = SigV4.sign(headers("dynamodb.eu-west-1.amazonaws.com"), BODY, credentials,
                "eu-west-1", "dynamodb", NOW);

        SdkHttpRequest sdk = sdkSigned(endpoint, AwsSessionCredentialsIdentity.create("ASIAEXAMPLE", EXAMPLE_SECRET,
                "session+token/="), "eu-west-1");
        assertEquals(sdk.firstMatchingHeader("Authorization").orElseThrow(), ours.get("Authorization"));
        assertEquals(sdk.firstMatchingHeader("X-Amz-Date").orElseThrow(), ours.get("x-amz-date"));
        assertEquals(sdk.firstMatchingHeader("x-amz-content-sha256").orElseThrow(), ours.get("x-amz-content-sha256"));
        assertEquals("session+token/=", ours.get("x-amz-security-token"));
    }

    @Test
    void signsLongTermKeysAndAPortAsTheAwsSdkDoes() {
        AwsCredentials credentials = new AwsCredentials("AKIDEXAMPLE", EXAMPLE_SECRET, null);

        Map<String, String> ours = SigV4.sign(headers("127.0.0.1:8000"), BODY, credentials, "us-east-1", "dynamodb", NOW);

        SdkHttpRequest sdk = sdkSigned(URI.create("http://127.0.0.1:8000/"),
                AwsCredentialsIdentity.create("AKIDEXAMPLE", EXAMPLE_SECRET), "us-east-1");
        assertEquals(sdk.firstMatchingHeader("Authorization").orElseThrow(), ours.get("Authorization"));
        assertEquals(null, ours.get("x-amz-security-token"), "no session token to send");
    }

    private static Map<String, String> headers(String host) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host);
        headers.put("content-type", AwsJsonClient.CONTENT_TYPE);
        headers.put("x-amz-target", "DynamoDB_20120810.GetItem");
        return headers;
    }

    private static SdkHttpRequest sdkSigned(URI endpoint, AwsCredentialsIdentity identity, String region) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", AwsJsonClient.CONTENT_TYPE)
                .putHeader("X-Amz-Target", "DynamoDB_20120810.GetItem")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(BODY))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));
        return signed.request();
    }
}
