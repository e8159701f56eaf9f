package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Service;
import dev.sluice.engine.Engine;
import dev.sluice.it.Repository;
import dev.sluice.plan.Alarm;
import dev.sluice.plan.Graph;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the service-wide templates read beside the endpoints: alarms and graphs tied to their endpoint, names and paths. */
class ServiceModelPlacementTest {
    private static final Engine ENGINE = new Engine();

    private static ServiceModel model(String answers) {
        Service service = ENGINE.validateService(Repository.read(Repository.samples().resolve(answers)));
        return ServiceModels.of(service, ENGINE.plan(service), Engine.version());
    }

    /** samples/orders-service: /orders, /orders/{orderId}/events (FIFO), /refunds (idempotent, iam). */
    private static final ServiceModel SERVICE = model("orders-service.answers.yaml");
    private static final ServiceModel SINGLE = model("orders.answers.yaml");

    @Test
    void everyAlarmIsTheApisOnceThenEachEndpointsUnderItsPrefix() {
        List<ServiceModel.PlacedAlarm> alarms = SERVICE.alarms();
        assertEquals(SERVICE.observability().alarmCount(), alarms.size());
        int api = SERVICE.observability().apiAlarms().size();
        for (ServiceModel.PlacedAlarm a : alarms.subList(0, api)) {
            assertEquals(a.alarm().id(), a.id(), "the API's alarms keep their ids");
            assertEquals("", a.idPrefix());
            assertEquals("", a.serviceSuffix());
        }
        List<String> orders = alarms.stream().filter(a -> a.idPrefix().equals("OrdersEvents")).map(ServiceModel.PlacedAlarm::id).toList();
        assertEquals(SERVICE.observability().sections().get(1).alarms().stream().map(a -> "OrdersEvents" + a.id()).toList(), orders);
        ServiceModel.PlacedAlarm drain = alarms.stream().filter(a -> a.id().equals("RefundsTimeToDrainAlarm")).findFirst().orElseThrow();
        assertEquals("-refunds", drain.serviceSuffix());
        assertTrue(drain.alarm().metrics().stream().noneMatch(m -> m.source() == Alarm.Source.API));
        assertEquals(alarms.size(), alarms.stream().map(ServiceModel.PlacedAlarm::id).distinct().count(), "logical ids are unique");
    }

    @Test
    void eachSectionsFirstGraphCarriesItsHeading() {
        List<ServiceModel.PlacedGraph> graphs = SERVICE.graphs();
        assertEquals(SERVICE.observability().apiGraphs().size()
                + SERVICE.observability().sections().stream().mapToInt(s -> s.graphs().size()).sum(), graphs.size());
        List<ServiceModel.PlacedGraph> headed = graphs.stream().filter(g -> g.heading() != null).toList();
        assertEquals(List.of("Orders", "OrdersEvents", "Refunds"), headed.stream().map(ServiceModel.PlacedGraph::idPrefix).toList());
        for (int i = 0; i < headed.size(); i++) {
            var section = SERVICE.observability().sections().get(i);
            assertEquals(section.heading(), headed.get(i).heading());
            assertEquals(section.headingY(), headed.get(i).headingY());
            assertEquals(section.graphs().get(0), headed.get(i).graph());
            // The heading sits right above its section's graphs.
            assertEquals(section.headingY() + 2, section.graphs().stream().mapToInt(Graph::y).min().orElseThrow());
        }
        assertTrue(graphs.subList(0, SERVICE.observability().apiGraphs().size()).stream()
                .allMatch(g -> g.heading() == null && g.idPrefix().isEmpty()), "the API's row first, no heading");
    }

    @Test
    void aOneEndpointServiceHasNoHeadingAndNoPrefix() {
        assertTrue(SINGLE.graphs().stream().allMatch(g -> g.heading() == null && g.idPrefix().isEmpty() && g.serviceSuffix().isEmpty()));
        assertTrue(SINGLE.alarms().stream().allMatch(a -> a.id().equals(a.alarm().id()) && a.serviceSuffix().isEmpty()));
        assertEquals(SINGLE.endpoints().get(0).plan().observability().alarms().stream().map(Alarm::id).toList(),
                SINGLE.alarms().stream().map(ServiceModel.PlacedAlarm::id).toList(), "the alarms in the order a project always had");
        assertEquals("/orders", SINGLE.pathsText());
        assertEquals("", SINGLE.endpoints().get(0).endpoint().constantPrefix());
    }

    @Test
    void authsAndPathsOfTheService() {
        assertTrue(SERVICE.anyAuth("api-key"));
        assertTrue(SERVICE.anyAuth("iam"));
        assertFalse(SERVICE.anyAuth("none"));
        assertEquals("/orders, /orders/{orderId}/events and /refunds", SERVICE.pathsText());
    }

    @Test
    void anEndpointsNamesInTheStagesSettingsTheUsagePlanAndTheTests() {
        ProjectModel.Endpoint events = SERVICE.endpoints().get(1).endpoint();
        assertEquals("/~1orders~1{orderId}~1events", events.methodSettingsPath());
        assertEquals("/orders/{orderId}/events/POST", events.usagePlanMethod());
        assertEquals("ORDERS_EVENTS_", events.constantPrefix());
        assertEquals("REFUNDS_", SERVICE.endpoints().get(2).endpoint().constantPrefix());
    }

    @Test
    void aPathParameterIsQuotedForYaml() {
        assertEquals("\"{orderId}\"", new ProjectModel.Resource("ApiOrdersOrderIdResource", "{orderId}", "ApiOrdersResource").pathPartYaml());
        assertEquals("orders", new ProjectModel.Resource("ApiOrdersResource", "orders", "").pathPartYaml());
    }
}
