package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.answers.Service;
import dev.sluice.engine.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceModelTest {
    private static final RawAnswers ORDERS = RawAnswers.empty()
            .with(Question.NAME, "orders")
            .with(Question.FIELDS, List.of("orderId:uuid", "note:string?"));

    private final Engine engine = new Engine();

    private ServiceModel service(RawAnswers raw) {
        Service service = engine.validateService(raw);
        return ServiceModels.of(service, engine.plan(service), "test");
    }

    private static RawAnswers endpoint(String path, Object... more) {
        RawAnswers endpoint = RawAnswers.empty().with(Question.PATH, path);
        for (int i = 0; i < more.length; i += 2) {
            endpoint = endpoint.with((Question) more[i], more[i + 1]);
        }
        return endpoint;
    }

    @Test
    void theLocalApiRoutesByPathOnlyWithSeveralEndpointsOrPathParameters() {
        assertFalse(service(ORDERS).routesByPath(), "one endpoint at a fixed path keeps its local pipeline as it was");
        assertTrue(service(ORDERS.with(Question.PATH, "/shops/{shopId}/orders")).routesByPath(), "a parameter to read");
        assertTrue(service(ORDERS.withEndpoints(List.of(endpoint("/orders"), endpoint("/refunds")))).routesByPath());
    }

    @Test
    void theServiceHoldsWhatAnyOfItsEndpointsNeeds() {
        ServiceModel plain = service(ORDERS);
        assertFalse(plain.fifo());
        assertFalse(plain.idempotencyTable());

        ServiceModel mixed = service(ORDERS.withEndpoints(List.of(
                endpoint("/orders"),
                endpoint("/events", Question.ORDERING, "key:orderId"),
                endpoint("/refunds", Question.DUPLICATES, "dedupe:orderId"))));
        assertTrue(mixed.fifo(), "the FIFO endpoint's handler sends dead letters through SQS");
        assertTrue(mixed.idempotencyTable(), "the idempotent endpoint's store is DynamoDB");
        assertFalse(mixed.endpoints().get(0).consistency().fifo());
    }

    @Test
    void anIamEndpointsInvokeArnTakesAnyValueOfEachPathParameter() {
        RawAnswers raw = ORDERS.with(Question.AUTH, "iam")
                .withEndpoints(List.of(endpoint("/orders"), endpoint("/shops/{shopId}/orders/{line}/events")));
        ServiceModel service = service(raw);
        assertEquals("/orders", service.endpoints().get(0).endpoint().invokeResourcePath());
        assertEquals("/shops/*/orders/*/events", service.endpoints().get(1).endpoint().invokeResourcePath());
        String readme = engine.generate(raw).file("README.md").orElseThrow().text();
        assertTrue(readme.contains("<api-id>/prod/POST/shops/*/orders/*/events`"), "the README's policy resource");
        assertFalse(readme.contains("POST/shops/{shopId}"), "no {parameter} in an ARN");
    }
}
