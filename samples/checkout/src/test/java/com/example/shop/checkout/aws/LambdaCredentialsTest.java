package com.example.shop.checkout.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaCredentialsTest {
    private static final String TOKEN = "Bearer-like token of Lambda's";

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        private Instant now = Instant.parse("2026-03-01T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final Hands clock = new Hands();
    /** The Authorization header of each request the credentials endpoint received. */
    private final List<String> authorizations = new ArrayList<>();
    private HttpServer server;
    private String fullUri;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Lambda's endpoint answers with the role's credentials; each fetch here gets new ones, valid for 15 minutes.
        server.createContext("/2021-04-23/credentials", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization);
            int fetch = authorizations.size();
            byte[] body = ("{\"AccessKeyId\":\"ASIA" + fetch + "\",\"SecretAccessKey\":\"secret" + fetch
                    + "\",\"Token\":\"token" + fetch + "\",\"Expiration\":\"" + clock.instant().plus(Duration.ofMinutes(15))
                    + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(TOKEN.equals(authorization) ? 200 : 401, TOKEN.equals(authorization) ? body.length : -1);
            if (TOKEN.equals(authorization)) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        fullUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/2021-04-23/credentials";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void withoutSnapStartTheyAreInTheEnvironment() {
        LambdaCredentials credentials = new LambdaCredentials(Map.of("AWS_ACCESS_KEY_ID", "ASIAENV",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token"), clock);

        assertEquals(new AwsCredentials("ASIAENV", "secret", "token"), credentials.get());
        assertEquals(List.of(), authorizations, "no endpoint asked");
    }

    @Test
    void withSnapStartTheyAreFetchedWithTheTokenAndKeptUntilCloseToTheirExpiry() {
        LambdaCredentials credentials = new LambdaCredentials(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", fullUri,
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN), clock);

        assertEquals(new AwsCredentials("ASIA1", "secret1", "token1"), credentials.get());
        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertEquals("ASIA1", credentials.get().accessKeyId(), "kept: 6 minutes left");
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertEquals("ASIA2", credentials.get().accessKeyId(), "fetched again: 5 minutes left");
        assertEquals(List.of(TOKEN, TOKEN), authorizations);
    }

    @Test
    void theTokenMayBeInAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        LambdaCredentials credentials = new LambdaCredentials(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", fullUri,
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file.toString()), clock);

        assertEquals("ASIA1", credentials.get().accessKeyId());
        assertEquals(List.of(TOKEN), authorizations);
    }

    @Test
    void aRefusedFetchSaysSo() {
        LambdaCredentials credentials = new LambdaCredentials(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", fullUri,
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "not the token"), clock);

        IllegalStateException e = assertThrows(IllegalStateException.class, credentials::get);

        assertEquals("The credentials endpoint " + fullUri + " answered 401", e.getMessage());
    }

    @Test
    void noCredentialsAnywhereSaysWhereTheyWereLookedFor() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new LambdaCredentials(Map.of(), clock).get());

        assertEquals("No AWS credentials: neither AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY nor"
                + " AWS_CONTAINER_CREDENTIALS_FULL_URI is set", e.getMessage());
    }

    @Test
    void credentialsNeverShowTheirSecret() {
        assertEquals("AwsCredentials[accessKeyId=ASIA1]", new AwsCredentials("ASIA1", "secret1", "token1").toString());
        assertNull(new AwsCredentials("AKID", "secret", null).sessionToken());
    }
}
