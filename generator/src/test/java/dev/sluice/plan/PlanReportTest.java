package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
