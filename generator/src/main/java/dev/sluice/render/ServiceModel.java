package dev.sluice.render;

import dev.sluice.plan.ServiceObservability;
import dev.sluice.plan.ServicePlan;
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

    /** Whether any endpoint is FIFO: its handler sends dead letters through the SQS client, which the jar then holds. */
    public boolean fifo() {
        return endpoints.stream().anyMatch(e -> e.consistency().fifo());
    }

    /** Whether any endpoint's consumer is idempotent: the jar holds the DynamoDB client of its store. */
    public boolean idempotencyTable() {
        return endpoints.stream().anyMatch(e -> e.consistency().idempotencyTable());
    }

    /**
     * Whether the local API routes requests by path: several endpoints, or a path with parameters, whose values it
     * reads from the path. One endpoint at a fixed path keeps the local pipeline of one endpoint as it always was.
     */
    public boolean routesByPath() {
        return !single || !endpoints.get(0).endpoint().parameters().isEmpty();
    }

    /** The endpoints' authorizations ({@code none}, {@code iam}, {@code api-key}), each once, in the endpoints' order. */
    public List<String> auths() {
        return endpoints.stream().map(e -> e.api().auth()).distinct().toList();
    }

    /** The service's plan: its endpoints', with what they share (the API's alarms) counted once in its cost. */
    public ServicePlan plan() {
        return new ServicePlan(endpoints.stream().map(ProjectModel::plan).toList());
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
