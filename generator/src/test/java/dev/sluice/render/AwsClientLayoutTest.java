package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.Engine;
import dev.sluice.it.Repository;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The idempotency store calls DynamoDB, and a FIFO handler SQS, through the project's own AWS client ({@code aws/},
 * issue 18's lean jar): a project with such an endpoint has the client once, whichever of its endpoints that is, and
 * the AWS SDK only in test scope; a project with neither has no client.
 */
class AwsClientLayoutTest {
    private static final List<String> CLIENT = List.of("AwsJsonApi", "AwsJsonClient", "AwsServiceException", "SigV4", "AwsCredentials",
            "LambdaCredentials");
    private static final List<String> CLIENT_TESTS = List.of("AwsJsonClientTest", "SigV4Test", "LambdaCredentialsTest");

    private final Engine engine = new Engine();

    @Test
    void anIdempotentProjectHasTheClientAndNoSdkInItsJar() {
        GeneratedProject project = render("payments-idempotent");

        assertClient(project, "com/acme/billing/paymentsidempotent");
        String pom = project.file("pom.xml").orElseThrow().text();
        assertEquals("test", PomScopes.awsSdkScope(pom, "dynamodb"),
                "the SDK's DynamoDB client only sets the integration test's table up");
        assertFalse(pom.contains("<artifact>software.amazon.awssdk:*</artifact>"), "no SDK to keep whole in the jar");
    }

    @Test
    void aFifoProjectHasTheClientAndNoSdkInItsJar() {
        GeneratedProject project = render("orders-fifo");

        assertClient(project, "com/example/ordersfifo");
        String pom = project.file("pom.xml").orElseThrow().text();
        assertEquals("test", PomScopes.awsSdkScope(pom, "sqs"), "the SDK's SQS client only serves the local pipeline");
        assertFalse(pom.contains("<artifactId>dynamodb</artifactId>"));
        assertFalse(pom.contains("<artifact>software.amazon.awssdk:*</artifact>"), "no SDK to keep whole in the jar");
    }

    @Test
    void aServiceHasTheClientOnceThoughItsIdempotentEndpointIsNotItsFirst() {
        GeneratedProject project = render("orders-service");

        assertClient(project, "com/example/ordersservice");
        assertEquals(1, project.files().stream().filter(f -> f.path().endsWith("/AwsJsonClient.java")).count());
        assertTrue(project.file("src/main/java/com/example/ordersservice/refunds/DynamoDbIdempotencyStore.java").isPresent());
        assertEquals("test", PomScopes.awsSdkScope(project.file("pom.xml").orElseThrow().text(), "dynamodb"));
    }

    @Test
    void aProjectWithoutAnIdempotentEndpointHasNoClient() {
        GeneratedProject project = render("orders");

        assertTrue(project.files().stream().noneMatch(f -> f.path().contains("/aws/")), "no aws/ package");
        assertEquals("test", PomScopes.awsSdkScope(project.file("pom.xml").orElseThrow().text(), "sqs"));
        assertFalse(project.file("pom.xml").orElseThrow().text().contains("<artifactId>dynamodb</artifactId>"));
    }

    private static void assertClient(GeneratedProject project, String packagePath) {
        for (String name : CLIENT) {
            assertTrue(project.file("src/main/java/" + packagePath + "/aws/" + name + ".java").isPresent(), name);
        }
        for (String name : CLIENT_TESTS) {
            assertTrue(project.file("src/test/java/" + packagePath + "/aws/" + name + ".java").isPresent(), name);
        }
    }

    private GeneratedProject render(String sample) {
        return engine.generate(Repository.read(Repository.samples().resolve(sample + ".answers.yaml")));
    }
}
