package com.example.ordersfifo.aws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4, as IAM's user guide lays it out ("Create a signed AWS API request"), for the requests
 * {@link AwsJsonClient} sends: a POST to the endpoint's root with a JSON body and no query string. Every header of the
 * request is signed, {@code host} among them.
 */
final class SigV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    /** A canonical header's value has each run of spaces in it made one. */
    private static final Pattern SPACES = Pattern.compile(" +");

    private SigV4() {}

    /**
     * Signs a request.
     *
     * @param headers     the headers to send, {@code host} among them, as they will be sent
     * @param body        the request's body
     * @param credentials whose key signs; a session token is sent and signed as {@code x-amz-security-token}
     * @param region      the region of the endpoint, for instance us-east-1
     * @param service     the service's signing name, for instance dynamodb
     * @param now         the time of signing; AWS refuses a signature more than 5 minutes off its clock
     * @return the headers given, then x-amz-content-sha256, x-amz-date, x-amz-security-token (temporary credentials)
     *         and Authorization
     */
    static Map<String, String> sign(Map<String, String> headers, byte[] body, AwsCredentials credentials, String region,
            String service, Instant now) {
        Map<String, String> signed = new LinkedHashMap<>(headers);
        String dateTime = DATE_TIME.format(now);
        String date = dateTime.substring(0, 8);
        String payloadHash = HEX.formatHex(sha256(body));
        // Signed and sent as the AWS SDK's signer does: the service checks the body against it.
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", dateTime);
        if (credentials.sessionToken() != null) {
            signed.put("x-amz-security-token", credentials.sessionToken());
        }
        Map<String, String> canonicalHeaders = new TreeMap<>();
        signed.forEach((name, value) ->
                canonicalHeaders.put(name.toLowerCase(Locale.ROOT), SPACES.matcher(value.trim()).replaceAll(" ")));
        String signedHeaders = String.join(";", canonicalHeaders.keySet());
        String canonicalRequest = String.join("\n",
                "POST",
                "/",
                "",
                canonicalHeaders.entrySet().stream()
                        .map(header -> header.getKey() + ":" + header.getValue() + "\n")
                        .collect(Collectors.joining()),
                signedHeaders,
                payloadHash);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = String.join("\n",
                ALGORITHM,
                dateTime,
                scope,
                HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = signingKey(credentials.secretAccessKey(), date, region, service);
        String signature = HEX.formatHex(hmac(key, stringToSign));
        signed.put("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return signed;
    }

    /** The key of one day, region and service, derived from the secret key: what signs the string to sign. */
    static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has HmacSHA256", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
