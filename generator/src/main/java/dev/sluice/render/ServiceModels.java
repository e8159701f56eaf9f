package dev.sluice.render;

import dev.sluice.answers.Service;
import dev.sluice.plan.ServiceObservability;
import dev.sluice.plan.ServicePlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link ServiceModel} from a validated service and its plan. */
public final class ServiceModels {
    private ServiceModels() {}

    public static ServiceModel of(Service service, ServicePlan plan, String sluiceVersion) {
        List<ProjectModel> endpoints = ProjectModels.of(service, plan.endpoints(), sluiceVersion);
        return new ServiceModel(endpoints.get(0).project(), service.single(), endpoints, api(endpoints),
                observability(service.name(), endpoints), ProjectModel.LocalTests.DEFAULT, sluiceVersion);
    }

    /**
     * The shared API. A one-endpoint service's is its endpoint's. With several, the deployment's id hashes every
     * endpoint's, each of which hashes its method, integration, templates and models.
     */
    static ServiceModel.ServiceApi api(List<ProjectModel> endpoints) {
        ProjectModel.Api first = endpoints.get(0).api();
        if (endpoints.size() == 1) {
            return new ServiceModel.ServiceApi(first.stage(), first.resources(), first.deploymentId());
        }
        Map<String, ProjectModel.Resource> resources = new LinkedHashMap<>();
        StringBuilder ids = new StringBuilder();
        for (ProjectModel endpoint : endpoints) {
            for (ProjectModel.Resource resource : endpoint.api().resources()) {
                ProjectModel.Resource known = resources.putIfAbsent(resource.id(), resource);
                if (known != null && !known.equals(resource)) {
                    throw new IllegalStateException("two API resources named " + resource.id() + ": " + known + ", " + resource);
                }
            }
            ids.append(endpoint.api().deploymentId()).append('\n');
        }
        return new ServiceModel.ServiceApi(first.stage(), new ArrayList<>(resources.values()),
                "ApiDeployment" + ProjectModelApi.shortHash(ids.toString()));
    }

    static ServiceObservability observability(String name, List<ProjectModel> endpoints) {
        return ServiceObservability.of(name, endpoints.stream().map(e -> e.endpoint().path()).toList(),
                endpoints.stream().map(e -> e.plan().observability()).toList());
    }
}
