package dev.sluice.render;

import dev.sluice.plan.ServiceObservability;
import java.util.List;

/**
 * Everything a service-wide template reads (the pom, the SAM template, the CDK stack, the README, the local
 * pipeline): the project, one {@link ProjectModel} per endpoint, and what the endpoints share. Per-endpoint templates
 * (the handler, its tests, its payload types) read one endpoint's model.
 *
 * @param single    whether the service has one endpoint (everything as a one-endpoint project has it)
 * @param endpoints the endpoints, in the answers' order
 * @param api       the one REST API: its stage, the resources of every path, the deployment of all methods
 * @param observability the alarms, dashboard and saved queries: the API's once, each endpoint's in its section
 */
public record ServiceModel(ProjectModel.Project project, boolean single, List<ProjectModel> endpoints, ServiceApi api,
                           ServiceObservability observability, ProjectModel.LocalTests localTests, String sluiceVersion) {
    public ServiceModel {
        endpoints = List.copyOf(endpoints);
    }

    /** Whether any endpoint orders by key (a FIFO queue): the CDK construct then carries FIFO's settings. */
    public boolean anyFifo() {
        return endpoints.stream().anyMatch(e -> e.consistency().fifo());
    }

    /** Whether any endpoint deduplicates with an idempotency table: the CDK construct then builds one when asked. */
    public boolean anyIdempotencyTable() {
        return endpoints.stream().anyMatch(e -> e.consistency().idempotencyTable());
    }

    /**
     * Whether any endpoint's callers are authorized so: {@code api-key} (the stack then has a usage plan and a key),
     * {@code iam} or {@code none}; the access log records what identifies them.
     */
    public boolean usesAuth(String auth) {
        return endpoints.stream().anyMatch(e -> e.api().auth().equals(auth));
    }

    /**
     * The REST API the endpoints share: one stage, the resources of all their paths (a segment two paths share is one
     * resource, under the first's id), and one deployment, whose logical id changes whenever any endpoint's method does.
     */
    public record ServiceApi(String stage, List<ProjectModel.Resource> resources, String deploymentId) {
        public ServiceApi {
            resources = List.copyOf(resources);
        }
    }
}
