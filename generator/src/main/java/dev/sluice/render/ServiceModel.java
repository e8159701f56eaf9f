package dev.sluice.render;

import dev.sluice.plan.Alarm;
import dev.sluice.plan.Graph;
import dev.sluice.plan.ServiceObservability;
import dev.sluice.plan.ServicePlan;
import java.util.ArrayList;
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

    /** Whether any endpoint is called with this auth ({@code none}, {@code iam}, {@code api-key}). */
    public boolean anyAuth(String auth) {
        return auths().contains(auth);
    }

    /** The endpoints' paths for a sentence: {@code /orders}, {@code /orders and /refunds}, {@code /a, /b and /c}. */
    public String pathsText() {
        List<String> paths = endpoints.stream().map(e -> e.endpoint().path()).toList();
        if (paths.size() == 1) {
            return paths.get(0);
        }
        return String.join(", ", paths.subList(0, paths.size() - 1)) + " and " + paths.get(paths.size() - 1);
    }

    /**
     * Every alarm of the service, as the forms declare them and the alarm-status widget lists them: the API's, then
     * each endpoint's, with the logical id and the resources (that endpoint's) its metrics are dimensioned by.
     */
    public List<PlacedAlarm> alarms() {
        List<PlacedAlarm> alarms = new ArrayList<>();
        for (Alarm alarm : observability.apiAlarms()) {
            alarms.add(new PlacedAlarm(alarm.id(), alarm, "", ""));
        }
        for (int i = 0; i < endpoints.size(); i++) {
            ProjectModel.Endpoint e = endpoints.get(i).endpoint();
            for (Alarm alarm : observability.sections().get(i).alarms()) {
                alarms.add(new PlacedAlarm(e.idPrefix() + alarm.id(), alarm, e.idPrefix(), e.serviceSuffix()));
            }
        }
        return alarms;
    }

    /**
     * The dashboard's graphs in order: the API's, then each endpoint's section. The first graph of a section that has a
     * heading carries it, so that a form draws the heading's text widget just before it.
     */
    public List<PlacedGraph> graphs() {
        List<PlacedGraph> graphs = new ArrayList<>();
        for (Graph graph : observability.apiGraphs()) {
            graphs.add(new PlacedGraph(null, 0, graph, "", ""));
        }
        for (int i = 0; i < endpoints.size(); i++) {
            ProjectModel.Endpoint e = endpoints.get(i).endpoint();
            ServiceObservability.Section section = observability.sections().get(i);
            String heading = section.heading();
            for (Graph graph : section.graphs()) {
                graphs.add(new PlacedGraph(heading, section.headingY(), graph, e.idPrefix(), e.serviceSuffix()));
                heading = null;
            }
        }
        return graphs;
    }

    /**
     * An alarm of the service.
     *
     * @param id            its logical id: the endpoint's prefix and the alarm's own id
     * @param idPrefix      the prefix of the logical ids of the queue, dead-letter queue and function it watches
     * @param serviceSuffix what the endpoint adds to the stack's name: in the alarm's name and the Service dimension
     */
    public record PlacedAlarm(String id, Alarm alarm, String idPrefix, String serviceSuffix) {}

    /**
     * A graph of the dashboard.
     *
     * @param heading       the markdown of the section heading drawn at {@code headingY} before this graph, or null
     * @param idPrefix      the prefix of the logical ids of the resources its metrics read
     * @param serviceSuffix what the endpoint adds to the stack's name in the Service dimension
     */
    public record PlacedGraph(String heading, int headingY, Graph graph, String idPrefix, String serviceSuffix) {}

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
