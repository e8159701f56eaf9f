package dev.sluice.plan;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A service's plan: one {@link Plan} per endpoint, in the service's order, each made from that endpoint's answers
 * alone (its queue, consumer and alarms are its own), and what they add up to.
 *
 * <p>Each endpoint's plan counts the alarms on the REST API as if it were alone. A service has one API and one set of
 * those alarms ({@link Alarm#shared}), so with several endpoints each endpoint's estimate leaves them out
 * ({@link #endpointCosts}) and the service counts them once ({@link #sharedLines}). A one-endpoint service's estimate
 * is its plan's, unchanged.
 */
public record ServicePlan(List<Plan> endpoints) {
    public ServicePlan {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a service has at least one endpoint");
        }
    }

    /** Whether the service has one endpoint: its plan is the endpoint's, printed as a project's. */
    public boolean single() {
        return endpoints.size() == 1;
    }

    /** Each endpoint's monthly estimate, without what the service counts once when there are several. */
    public List<CostEstimate> endpointCosts() {
        if (single()) {
            return List.of(endpoints.get(0).cost());
        }
        return endpoints.stream()
                .map(p -> CostModel.withoutSharedAlarms(p.cost(), p.observability().billedSharedAlarmMetrics()))
                .toList();
    }

    /**
     * What the endpoints share, counted once: the alarms on the one REST API. Empty for one endpoint, whose estimate
     * already holds them.
     */
    public List<CostEstimate.Line> sharedLines() {
        if (single()) {
            return List.of();
        }
        Plan first = endpoints.get(0);
        return List.of(CostModel.sharedAlarms(first.cost(), first.observability().billedSharedAlarmMetrics()));
    }

    /**
     * Each endpoint's settings: its plan's, but with several endpoints without the alarms on the API, which are the
     * service's ({@link #sharedSettings}).
     */
    public List<List<Setting>> endpointSettings() {
        if (single()) {
            return List.of(endpoints.get(0).settings());
        }
        return endpoints.stream().map(p -> {
            Set<String> shared = p.observability().sharedAlarms().stream().map(Alarm::key).collect(Collectors.toSet());
            return p.settings().stream().filter(s -> !shared.contains(s.key())).toList();
        }).toList();
    }

    /** The settings of the alarms on the shared API, once for the service; empty for one endpoint, whose plan has them. */
    public List<Setting> sharedSettings() {
        return single() ? List.of() : sharedAlarms().stream().map(Alarm::setting).toList();
    }

    /** The alarms on the shared API, as the first endpoint's plan states them (their thresholds do not vary). */
    public List<Alarm> sharedAlarms() {
        return endpoints.get(0).observability().sharedAlarms();
    }

    public double sharedTotal() {
        return sharedLines().stream().mapToDouble(CostEstimate.Line::monthlyCost).sum();
    }

    /** The service's monthly cost at every endpoint's average traffic: the endpoints' estimates and the shared items. */
    public double monthlyTotal() {
        return endpointCosts().stream().mapToDouble(CostEstimate::monthlyTotal).sum() + sharedTotal();
    }

    public String monthlyTotalText() {
        return Formats.money(monthlyTotal());
    }

    /** Whether every endpoint's plan meets its answers. */
    public boolean met() {
        return endpoints.stream().allMatch(p -> p.warnings().isEmpty());
    }
}
