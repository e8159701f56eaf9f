package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Service;
import dev.sluice.engine.Engine;
import dev.sluice.it.Repository;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the CDK form reads of the service beside each endpoint's model: the construct's id and the stack's variable of
 * each endpoint, and which of the construct's optional parts (FIFO, idempotency, the usage plan) the service needs.
 */
class CdkServiceModelTest {
    private final Engine engine = new Engine();

    private ServiceModel model(String answersFile) {
        Service service = engine.validateService(Repository.read(Repository.root().resolve(answersFile)));
        return ServiceModels.of(service, engine.plan(service), "test");
    }

    @Test
    void aServiceOfEndpointsNamesEachConstructAfterItsEndpoint() {
        ServiceModel service = model("samples/orders-service-cdk.answers.yaml");
        List<ProjectModel.Endpoint> endpoints = service.endpoints().stream().map(ProjectModel::endpoint).toList();
        // The construct's id is the logical ids' prefix: OrdersEventsQueue…, as the SAM form's OrdersEventsQueue.
        assertEquals(List.of("Orders", "OrdersEvents", "Refunds"), endpoints.stream().map(ProjectModel.Endpoint::constructId).toList());
        assertEquals(List.of("orders", "ordersEvents", "refunds"), endpoints.stream().map(ProjectModel.Endpoint::variable).toList());
        assertTrue(service.fifo(), "/orders/{orderId}/events orders by shipment");
        assertTrue(service.idempotencyTable(), "/refunds deduplicates with a table");
        assertTrue(service.anyAuth("api-key"));
        assertTrue(service.anyAuth("iam"));
        assertFalse(service.anyAuth("none"));
    }

    @Test
    void theOnlyEndpointIsTheDefaultConstructSoItsLogicalIdsStayTheStacks() {
        ServiceModel service = model("generator/src/test/resources/answer-sets/cdk-fifo.yaml");
        ProjectModel.Endpoint only = service.endpoints().get(0).endpoint();
        // CDK leaves a construct named Default out of its children's logical ids: Queue4A7E3555 stays Queue4A7E3555.
        assertEquals("Default", only.constructId());
        assertEquals("", only.idPrefix());
        assertTrue(service.fifo());
        assertFalse(service.idempotencyTable(), "a FIFO queue deduplicates itself");
    }
}
