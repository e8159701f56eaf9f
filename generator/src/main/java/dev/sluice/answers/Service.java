package dev.sluice.answers;

import java.util.List;

/**
 * Validated answers for a whole project: the service's own (its Maven coordinates, Java package, infrastructure form,
 * runtime and log retention) and its endpoints, in the order given. Each endpoint's {@link Answers} carries the
 * service's answers too, so that one endpoint can be planned and rendered on its own.
 */
public record Service(String name, String groupId, String packageName, String version, Answers.Iac iac,
                      Answers.Runtime runtime, int logRetentionDays, List<Answers> endpoints) {
    public Service {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a service has at least one endpoint");
        }
    }

    /** A service of one endpoint: the endpoint's answers are the service's. */
    public static Service of(Answers endpoint) {
        return new Service(endpoint.name(), endpoint.groupId(), endpoint.packageName(), endpoint.version(), endpoint.iac(),
                endpoint.runtime(), endpoint.logRetentionDays(), List.of(endpoint));
    }

    /** Whether the service has one endpoint: its files sit in the service's package, its resources unprefixed. */
    public boolean single() {
        return endpoints.size() == 1;
    }
}
