package dev.sluice.plan;

import java.util.List;

/**
 * A service's plan: one {@link Plan} per endpoint, in the service's order, each made from that endpoint's answers
 * alone (its queue, consumer and alarms are its own), and what they add up to.
 */
public record ServicePlan(List<Plan> endpoints) {
    public ServicePlan {
        endpoints = List.copyOf(endpoints);
    }

    /** The service's monthly cost at every endpoint's average traffic: the sum of the endpoints' estimates. */
    public double monthlyTotal() {
        return endpoints.stream().mapToDouble(p -> p.cost().monthlyTotal()).sum();
    }

    public String monthlyTotalText() {
        return Formats.money(monthlyTotal());
    }

    /** Whether every endpoint's plan meets its answers. */
    public boolean met() {
        return endpoints.stream().allMatch(p -> p.warnings().isEmpty());
    }
}
