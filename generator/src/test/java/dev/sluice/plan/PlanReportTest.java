package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.answers.Question;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanReportTest {
    private final Plan plan = Planner.plan(PlanChoiceTest.answers(Map.of()));

    @Test
    void theTableHasEverySettingTheSimulationTheCostAndTheSources() {
        String table = PlanReport.table(plan);
        for (Setting s : plan.settings()) {
            assertTrue(table.contains(s.label()) && table.contains(s.value()) && table.contains(s.why()), s.key());
        }
        assertTrue(table.lines().anyMatch(l -> l.matches("Worst message age +2m15s +within the 80% target \\(4m\\) of the 5m tolerance")),
                table);
        assertTrue(table.lines().anyMatch(l -> l.matches("Maximum concurrency +5 \\(tolerance\\) +.*4 would reach 4m37s")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("Total +\\$86\\.49")), table);
        for (String expected : List.of("Peak backlog", "249 messages", "Time to drain", "Outlives retention", "Monthly cost: $86.49",
                "us-east-1", "2026-11-27", "API Gateway REST requests", "$45.99", "SQS SendMessage", "Lambda duration (arm64, 1024 MB)",
                "https://aws.amazon.com/sqs/pricing/", "free tier")) {
            assertTrue(table.contains(expected), "missing '" + expected + "' in\n" + table);
        }
        assertTrue(table.endsWith("\n") && !table.contains("Warning"), table);
        table.lines().forEach(line -> assertEquals(line.stripTrailing(), line));
    }

    @Test
    void theJsonCarriesTheSameContentInAFixedOrder() throws Exception {
        JsonNode json = new ObjectMapper().readTree(PlanReport.json(plan));
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("settings", "simulation", "cost", "warnings"), fields);
        assertEquals(plan.settings().size(), json.get("settings").size());
        for (int i = 0; i < plan.settings().size(); i++) {
            Setting s = plan.settings().get(i);
            JsonNode n = json.get("settings").get(i);
            assertEquals(s.key(), n.get("key").asText());
            assertEquals(s.value(), n.get("value").asText());
            assertEquals(s.why(), n.get("why").asText());
        }
        JsonNode sim = json.get("simulation");
        assertEquals(135.0, sim.get("worstAgeSeconds").asDouble());
        assertEquals(6.0, sim.get("drainSeconds").asDouble());
        assertEquals(5, sim.get("concurrency").get("chosen").asInt());
        assertEquals("tolerance", sim.get("concurrency").get("bound").asText());
        assertEquals("typical", sim.get("processingMs").get("consumerRateUses").asText());
        assertEquals(5, sim.get("summary").size());
        JsonNode cost = json.get("cost");
        assertEquals(86.49, cost.get("monthlyTotal").asDouble());
        assertEquals("us-east-1", cost.get("region").asText());
        assertEquals(7, cost.get("lines").size());
        assertEquals(0, json.get("warnings").size());
        assertEquals(PlanReport.json(plan), PlanReport.json(Planner.plan(PlanChoiceTest.answers(Map.of()))), "stable");
    }

    @Test
    void unboundedNumbersAreNullAndWarningsAreListed() throws Exception {
        Plan unmet = Planner.plan(PlanChoiceTest.answers(Map.of(Question.AVG_RPS, "30", Question.PEAK_RPS, "60",
                Question.DOWNSTREAM_LIMIT, "2")));
        JsonNode json = new ObjectMapper().readTree(PlanReport.json(unmet));
        assertTrue(json.get("simulation").get("worstAgeSeconds").isNull());
        assertTrue(json.get("simulation").get("drainSeconds").isNull());
        assertTrue(json.get("simulation").get("outlivesRetention").asBoolean());
        assertEquals(unmet.warnings().get(0), json.get("warnings").get(0).asText());
        assertTrue(PlanReport.table(unmet).contains("Warning: " + unmet.warnings().get(0)));
    }

    private final Plan events = Planner.plan(PlanChoiceTest.answers(Map.of(Question.ORDERING, "key:id", Question.GROUPS, "20",
            Question.AVG_RPS, "10", Question.PEAK_RPS, "80")));
    private final List<String> paths = List.of("/orders", "/orders/{orderId}/events");

    @Test
    void aOneEndpointServiceIsPrintedAsItsPlan() {
        ServicePlan one = new ServicePlan(List.of(plan));
        assertEquals(PlanReport.table(plan), PlanReport.table(one, List.of("/orders")));
        assertEquals(PlanReport.json(plan), PlanReport.json(one, List.of("/orders")));
    }

    @Test
    void aServiceTableHasEachEndpointUnderItsPostThenTheApiAlarmsOnceAndTheTotal() {
        ServicePlan service = new ServicePlan(List.of(plan, events));
        String table = PlanReport.table(service, paths);
        List<String> lines = table.lines().toList();
        int orders = lines.indexOf("POST /orders");
        int orderEvents = lines.indexOf("POST /orders/{orderId}/events");
        int shared = lines.indexOf("Service: 2 endpoints behind one REST API");
        assertTrue(orders == 0 && orders < orderEvents && orderEvents < shared, table);
        assertEquals("=".repeat("POST /orders/{orderId}/events".length()), lines.get(orderEvents + 1));
        for (String apiAlarm : List.of("Alarm: API latency p99", "Alarm: API latency anomaly", "Alarm: API 5XX")) {
            assertEquals(1, lines.stream().filter(l -> l.startsWith(apiAlarm + " ")).count(), apiAlarm);
            assertTrue(lines.stream().skip(shared).anyMatch(l -> l.startsWith(apiAlarm + " ")), apiAlarm);
        }
        assertEquals(2, lines.stream().filter(l -> l.startsWith("Alarm: backlog ")).count(), "an endpoint's own alarms, each");
        assertEquals(2, lines.stream().filter(l -> l.matches("CloudWatch alarms +9 alarm metrics .*")).count(), table);
        assertTrue(lines.stream().anyMatch(l -> l.matches("CloudWatch alarms on the API +5 alarm metrics .* \\$0\\.50 .*")), table);
        assertTrue(lines.stream().anyMatch(l -> l.matches("Total +\\" + service.monthlyTotalText())), table);
        assertTrue(lines.contains("Monthly cost of the service: " + service.monthlyTotalText()
                + " at each endpoint's average rate (us-east-1, USD list prices of 2026-11-27, free tier ignored)"), table);
        table.lines().forEach(line -> assertEquals(line.stripTrailing(), line));
    }

    @Test
    void aServiceJsonNestsTheEndpointsUnderTheirPathsWithTheSharedItemsOnce() throws Exception {
        ServicePlan service = new ServicePlan(List.of(plan, events));
        JsonNode json = new ObjectMapper().readTree(PlanReport.json(service, paths));
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("endpoints", "shared", "monthlyTotal", "met"), fields);
        assertEquals(2, json.get("endpoints").size());
        for (int i = 0; i < 2; i++) {
            JsonNode endpoint = json.get("endpoints").get(i);
            List<String> own = new ArrayList<>();
            endpoint.fieldNames().forEachRemaining(own::add);
            assertEquals(List.of("path", "settings", "simulation", "cost", "warnings"), own);
            assertEquals(paths.get(i), endpoint.get("path").asText());
            endpoint.get("settings").forEach(s -> assertFalse(s.get("key").asText().startsWith("alarmApi"), s.toString()));
            assertEquals(service.endpointCosts().get(i).monthlyTotal(), endpoint.get("cost").get("monthlyTotal").asDouble(), 0.005);
        }
        List<String> sharedKeys = new ArrayList<>();
        json.get("shared").get("settings").forEach(s -> sharedKeys.add(s.get("key").asText()));
        assertEquals(List.of("alarmApiLatency", "alarmApiLatencyAnomaly", "alarmApi5xx"), sharedKeys);
        assertEquals(0.5, json.get("shared").get("monthlyTotal").asDouble());
        assertEquals("apiAlarms", json.get("shared").get("lines").get(0).get("key").asText());
        assertEquals(Math.round(service.monthlyTotal() * 100) / 100.0, json.get("monthlyTotal").asDouble());
        assertTrue(json.get("met").asBoolean());
    }
}
