package com.example.ordersfifo.aws;

import java.util.Objects;

/**
 * AWS credentials: an access key pair and, for temporary credentials such as the function role's, a session token.
 *
 * @param accessKeyId     the access key id, named in each signature
 * @param secretAccessKey the secret key the signing key derives from
 * @param sessionToken    the session token of temporary credentials, sent with each request; null for long-term keys
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    public AwsCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
        // Never the secret, should a record end up in a log line.
        return "AwsCredentials[accessKeyId=" + accessKeyId + "]";
    }
}
