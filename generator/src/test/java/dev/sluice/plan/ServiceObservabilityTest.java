package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service's alarms and dashboard: the API's once, each endpoint's in a section of its own, nothing overlapping. */
class ServiceObservabilityTest {
    private static final Plan.Alarms THRESHOLDS = new Plan.Alarms(120, 3_000, 1, 2, 3, 0.05, 1500, 120_000, 120, 40,
            345_600, 2);

    private static Observability endpoint(String path, int concurrency) {
        return Observability.of(new Observability.Inputs("orders-service", Duration.ofMinutes(2), THRESHOLDS, 5, concurrency,
                42.5, 30.25, "37 messages", Duration.ofDays(4), 78, path, 90));
    }

    @Test
    void aServiceOfOneEndpointIsLaidOutAsTheEndpoint() {
        Observability alone = endpoint("/orders", 7);
        ServiceObservability service = ServiceObservability.of("orders-service", List.of("/orders"), List.of(alone));
        List<Alarm> alarms = new ArrayList<>(service.apiAlarms());
        alarms.addAll(service.sections().get(0).alarms());
        assertEquals(alone.alarms(), alarms, "every alarm, in the endpoint's order");
        List<Graph> graphs = new ArrayList<>(service.apiGraphs());
        graphs.addAll(service.sections().get(0).graphs());
        assertEquals(alone.graphs(), graphs, "every graph where the endpoint places it");
        assertEquals(alone.header(), service.header());
        assertNull(service.sections().get(0).heading(), "no heading under the header that names the endpoint");
        assertEquals(3, service.alarmsHeight());
    }

    @Test
    void theApisAlarmsAndGraphsAreTheServicesOnceAndEachEndpointHasItsOwn() {
        List<String> paths = List.of("/orders", "/orders/{orderId}/events", "/refunds");
        ServiceObservability service = ServiceObservability.of("orders-service", paths,
                List.of(endpoint(paths.get(0), 7), endpoint(paths.get(1), 4), endpoint(paths.get(2), 3)));
        assertEquals(List.of("ApiLatencyAlarm", "ApiLatencyAnomalyAlarm", "Api5xxAlarm"), service.apiAlarms().stream().map(Alarm::id).toList());
        assertEquals(3, service.apiGraphs().size(), "the API's row");
        assertEquals(3, service.sections().size());
        for (int i = 0; i < 3; i++) {
            ServiceObservability.Section section = service.sections().get(i);
            assertEquals(7, section.alarms().size(), "queue, consumer, dead letters, end to end");
            assertTrue(section.alarms().stream().noneMatch(ServiceObservability::onApi));
            assertTrue(section.heading().startsWith("### POST " + paths.get(i) + "\\n"), section.heading());
        }
        assertEquals(3 + 3 * 7, service.alarmCount());
        assertEquals(5, service.alarmsHeight(), "24 alarms: two rows more than 10 need");
    }

    @Test
    void noWidgetOverlapsAnotherAndEverySectionFollowsTheOneBefore() {
        List<String> paths = List.of("/a", "/b", "/c", "/d");
        ServiceObservability service = ServiceObservability.of("s", paths, paths.stream().map(p -> endpoint(p, 5)).toList());
        // Every widget as [top, bottom) over its columns: header, alarms, API graphs, headings, sections' graphs.
        List<int[]> boxes = new ArrayList<>();
        boxes.add(new int[] {0, ServiceObservability.HEADER_HEIGHT, 0, 24});
        boxes.add(new int[] {ServiceObservability.HEADER_HEIGHT, ServiceObservability.HEADER_HEIGHT + service.alarmsHeight(), 0, 24});
        service.apiGraphs().forEach(g -> boxes.add(new int[] {g.y(), g.y() + Graph.HEIGHT, g.x(), g.x() + g.width()}));
        int previous = -1;
        for (ServiceObservability.Section s : service.sections()) {
            assertTrue(s.headingY() > previous, "sections in the service's order");
            previous = s.headingY();
            boxes.add(new int[] {s.headingY(), s.headingY() + ServiceObservability.HEADING_HEIGHT, 0, 24});
            s.graphs().forEach(g -> boxes.add(new int[] {g.y(), g.y() + Graph.HEIGHT, g.x(), g.x() + g.width()}));
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                int[] a = boxes.get(i);
                int[] b = boxes.get(j);
                boolean overlap = a[0] < b[1] && b[0] < a[1] && a[2] < b[3] && b[2] < a[3];
                assertTrue(!overlap, "widgets " + i + " and " + j + " overlap");
            }
        }
    }

    /**
     * A form that stacks rows (the CDK's Dashboard.addWidgets: each call a row under the last, its widgets left to
     * right) places every graph where the model does: header, alarms, the API's rows, then each heading and its rows.
     */
    @Test
    void rowsStackedOneUnderTheOtherPlaceEveryGraphWhereTheModelDoes() {
        for (List<String> paths : List.of(List.of("/orders"), List.of("/a", "/b", "/c"))) {
            ServiceObservability service = ServiceObservability.of("s", paths, paths.stream().map(p -> endpoint(p, 5)).toList());
            List<String> placed = new ArrayList<>();
            List<String> stacked = new ArrayList<>();
            int y = ServiceObservability.HEADER_HEIGHT + service.alarmsHeight();
            y = stack(service.apiRows(), y, stacked);
            service.apiGraphs().forEach(g -> placed.add(g.title() + "@" + g.x() + "," + g.y()));
            for (ServiceObservability.Section section : service.sections()) {
                if (section.heading() != null) {
                    assertEquals(section.headingY(), y, "the heading where the model puts it");
                    y += ServiceObservability.HEADING_HEIGHT;
                }
                y = stack(section.rows(), y, stacked);
                section.graphs().forEach(g -> placed.add(g.title() + "@" + g.x() + "," + g.y()));
            }
            assertEquals(placed, stacked, paths.toString());
        }
    }

    /** Rows from y down, each widget right of the one before; returns the next row's top. */
    private static int stack(List<Graph.Row> rows, int y, List<String> out) {
        for (Graph.Row row : rows) {
            int x = 0;
            for (Graph g : row.graphs()) {
                out.add(g.title() + "@" + x + "," + y);
                x += g.width();
            }
            y += Graph.HEIGHT;
        }
        return y;
    }
}
