package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Question;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's cost: the endpoints' estimates, with what they share (the alarms on the one REST API) counted once. */
class ServicePlanTest {
    private final Plan orders = Planner.plan(PlanChoiceTest.answers(Map.of()));
    private final Plan events = Planner.plan(PlanChoiceTest.answers(Map.of(Question.ORDERING, "key:id", Question.GROUPS, "20",
            Question.AVG_RPS, "10", Question.PEAK_RPS, "80")));
    private final Plan refunds = Planner.plan(PlanChoiceTest.answers(Map.of(Question.DUPLICATES, "dedupe:id", Question.AVG_RPS, "1",
            Question.PEAK_RPS, "10")));

    private static double alarmMetrics(CostEstimate cost) {
        return cost.lines().stream().filter(l -> l.key().equals("alarms")).findFirst().orElseThrow().quantity();
    }

    @Test
    void theApiAlarmsAreTheSharedOnesAndBillFiveMetrics() {
        // p99 latency (1), the anomaly band (its metric and the band's two bounds: 3), 5XX (1).
        assertEquals(List.of("ApiLatencyAlarm", "ApiLatencyAnomalyAlarm", "Api5xxAlarm"),
                orders.observability().sharedAlarms().stream().map(Alarm::id).toList());
        assertEquals(5, orders.observability().billedSharedAlarmMetrics());
        assertEquals(14, orders.observability().billedAlarmMetrics());
    }

    @Test
    void oneEndpointIsItsPlanUnchanged() {
        ServicePlan service = new ServicePlan(List.of(orders));
        assertSame(orders.cost(), service.endpointCosts().get(0));
        assertEquals(List.of(), service.sharedLines());
        assertEquals(orders.cost().monthlyTotal(), service.monthlyTotal(), 1e-9);
    }

    @Test
    void severalEndpointsCountTheApiAlarmsOnce() {
        ServicePlan service = new ServicePlan(List.of(orders, events, refunds));
        List<CostEstimate> costs = service.endpointCosts();
        for (int i = 0; i < 3; i++) {
            CostEstimate alone = service.endpoints().get(i).cost();
            CostEstimate within = costs.get(i);
            assertEquals(14, alarmMetrics(alone));
            assertEquals(9, alarmMetrics(within));
            // Only the alarms line differs: 5 metrics at $0.10.
            assertEquals(alone.monthlyTotal() - 0.50, within.monthlyTotal(), 1e-9);
            assertEquals(alone.lines().size(), within.lines().size());
        }
        CostEstimate.Line shared = service.sharedLines().get(0);
        assertEquals("apiAlarms", shared.key());
        assertEquals(5, shared.quantity());
        assertEquals(0.50, shared.monthlyCost(), 1e-9);
        double alone = orders.cost().monthlyTotal() + events.cost().monthlyTotal() + refunds.cost().monthlyTotal();
        // Three endpoints planned alone would bill the API's 5 metrics three times: the service bills them once.
        assertEquals(alone - 2 * 0.50, service.monthlyTotal(), 1e-9);
        assertEquals(Formats.money(service.monthlyTotal()), service.monthlyTotalText());
    }

    @Test
    void theServiceIsMetOnlyWhenEveryEndpointIs() {
        Plan unmet = Planner.plan(PlanChoiceTest.answers(Map.of(Question.AVG_RPS, "30", Question.PEAK_RPS, "60",
                Question.DOWNSTREAM_LIMIT, "2")));
        assertFalse(unmet.warnings().isEmpty());
        assertTrue(new ServicePlan(List.of(orders, events)).met());
        assertFalse(new ServicePlan(List.of(orders, unmet)).met());
    }
}
