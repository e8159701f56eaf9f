package com.example.ordersservice.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The credentials of the function's execution role, read where Lambda puts them.
 *
 * <p>Without SnapStart, Lambda sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. With SnapStart it
 * sets none of them, since a snapshot would keep them past their expiry: it serves the role's current credentials
 * from a local endpoint instead, AWS_CONTAINER_CREDENTIALS_FULL_URI, which answers a GET carrying the token in
 * AWS_CONTAINER_AUTHORIZATION_TOKEN (the AWS SDKs' container credential provider reads the same variables). Those are
 * kept until {@link #REFRESH_BEFORE_EXPIRY} before they expire, then fetched again.
 *
 * <p>Nothing is read when this is constructed: the first request after a restore reads the credentials, so none is
 * in a snapshot.
 */
public final class LambdaCredentials implements Supplier<AwsCredentials> {
    /** How long before their expiry fetched credentials are fetched again: no request is signed with dying ones. */
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    /** A local endpoint answers at once, or not at all. */
    private static final int TIMEOUT_MS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> environment;
    private final Clock clock;
    private AwsCredentials fetched;
    private Instant expiration;

    /** The credentials Lambda gives the function. */
    public LambdaCredentials() {
        this(System.getenv(), Clock.systemUTC());
    }

    /** Used by tests: another environment, another clock. */
    LambdaCredentials(Map<String, String> environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    /**
     * The credentials to sign the next request with.
     *
     * @throws IllegalStateException if the environment names no credentials, or the credentials endpoint refuses
     * @throws UncheckedIOException  if the credentials endpoint cannot be read
     */
    @Override
    public synchronized AwsCredentials get() {
        String accessKeyId = environment.get("AWS_ACCESS_KEY_ID");
        String secretAccessKey = environment.get("AWS_SECRET_ACCESS_KEY");
        if (accessKeyId != null && secretAccessKey != null) {
            return new AwsCredentials(accessKeyId, secretAccessKey, environment.get("AWS_SESSION_TOKEN"));
        }
        if (fetched == null || !clock.instant().isBefore(expiration.minus(REFRESH_BEFORE_EXPIRY))) {
            fetch(endpoint());
        }
        return fetched;
    }

    private URI endpoint() {
        String uri = environment.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (uri != null) {
            return URI.create(uri);
        }
        throw new IllegalStateException("No AWS credentials: neither AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                + " nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set");
    }

    private void fetch(URI endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MS);
            connection.setReadTimeout(TIMEOUT_MS);
            String token = authorizationToken();
            if (token != null) {
                connection.setRequestProperty("Authorization", token);
            }
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IllegalStateException("The credentials endpoint " + endpoint + " answered " + status);
            }
            JsonNode body;
            try (InputStream in = connection.getInputStream()) {
                body = JSON.readTree(in);
            }
            AwsCredentials credentials = new AwsCredentials(required(body, "AccessKeyId"),
                    required(body, "SecretAccessKey"), body.path("Token").textValue());
            expiration = Instant.parse(required(body, "Expiration"));
            fetched = credentials;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read AWS credentials from " + endpoint, e);
        }
    }

    private String authorizationToken() throws IOException {
        String token = environment.get("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        String file = environment.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        return token == null && file != null ? Files.readString(Path.of(file)).trim() : token;
    }

    private static String required(JsonNode body, String field) {
        String value = body.path(field).textValue();
        if (value == null) {
            throw new IllegalStateException("The credentials endpoint's answer has no " + field);
        }
        return value;
    }
}
