package dev.sluice.render;

import dev.sluice.answers.Answers;
import dev.sluice.answers.Durations;
import dev.sluice.answers.EndpointPaths;
import dev.sluice.answers.Service;
import dev.sluice.payload.JavaModel;
import dev.sluice.payload.JavaNames;
import dev.sluice.payload.JavaType;
import dev.sluice.payload.KeyBounds;
import dev.sluice.payload.RequestModel;
import dev.sluice.payload.SampleBody;
import dev.sluice.payload.SampleValues;
import dev.sluice.plan.CapacityChart;
import dev.sluice.plan.Plan;
import dev.sluice.plan.SizingRules;
import java.time.Duration;
import java.util.List;

/** Builds the {@link ProjectModel} templates read, from validated answers and their plan. */
public final class ProjectModels {
    private ProjectModels() {}

    /** {@code orders-api} → {@code OrdersApi}: project names are lower-case words joined by '-'. */
    static String pascalCase(String projectName) {
        StringBuilder out = new StringBuilder();
        for (String word : projectName.split("-")) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }

    /** A one-endpoint service's model: the endpoint's. */
    public static ProjectModel of(Answers answers, Plan plan, String sluiceVersion) {
        return of(answers, endpoint(answers, 0, true), plan, sluiceVersion);
    }

    /** The model of every endpoint of a service, in order, each with the plan made for it. */
    public static List<ProjectModel> of(Service service, List<Plan> plans, String sluiceVersion) {
        List<ProjectModel> models = new java.util.ArrayList<>();
        for (int i = 0; i < service.endpoints().size(); i++) {
            Answers answers = service.endpoints().get(i);
            models.add(of(answers, endpoint(answers, i, service.single()), plans.get(i), sluiceVersion));
        }
        return List.copyOf(models);
    }

    /** Where each endpoint's files and resources go, in order, without rendering anything. */
    public static List<ProjectModel.Endpoint> endpoints(Service service) {
        List<ProjectModel.Endpoint> endpoints = new java.util.ArrayList<>();
        for (int i = 0; i < service.endpoints().size(); i++) {
            endpoints.add(endpoint(service.endpoints().get(i), i, service.single()));
        }
        return List.copyOf(endpoints);
    }

    /** Where an endpoint's files and resources go: see {@link ProjectModel.Endpoint}. */
    static ProjectModel.Endpoint endpoint(Answers answers, int index, boolean alone) {
        String name = EndpointPaths.name(answers.path());
        String packageName = alone ? answers.packageName() : answers.packageName() + "." + EndpointPaths.packageSegment(answers.path());
        List<ProjectModel.PathParameter> parameters = EndpointPaths.parameters(answers.path()).stream()
                .map(p -> new ProjectModel.PathParameter(p, JavaNames.fieldName(p), p + "-1")).toList();
        String samplePath = answers.path();
        for (ProjectModel.PathParameter parameter : parameters) {
            samplePath = samplePath.replace("{" + parameter.name() + "}", parameter.sample());
        }
        String folder = EndpointPaths.packageSegment(answers.path());
        return new ProjectModel.Endpoint(index, answers.path(), name, alone ? "" : name, packageName, packageName.replace('.', '/'),
                alone ? "" : folder + "/", alone ? "events" : "events/" + folder, alone ? "pipeline.json" : "pipelines/" + folder + ".json",
                parameters, samplePath, alone ? "" : "-" + folder);
    }

    private static ProjectModel of(Answers answers, ProjectModel.Endpoint endpoint, Plan plan, String sluiceVersion) {
        String root = JavaNames.rootTypeName(answers.path());
        List<JavaType> types = JavaModel.types(answers.payload(), root);
        ProjectModel.Project project = new ProjectModel.Project(answers.name(), answers.groupId(), answers.packageName(),
                answers.packageName().replace('.', '/'), answers.version(), answers.runtime().id(), answers.runtime().release());
        ProjectModel.Payload payload = new ProjectModel.Payload(root, types,
                RequestModel.draft04(answers.payload(), root), SampleBody.valid(answers.payload()));
        String infra = pascalCase(answers.name());
        ProjectModel.Names names = new ProjectModel.Names(root + "Handler", root + "Processor", endpoint.packageName() + ".model",
                infra + "App", infra + "Stack", answers.packageName() + ".infra", Layout.consumerDir(answers.iac()));
        ProjectModel.Consistency consistency = consistency(answers, plan, types);
        ProjectModel.Api api = ProjectModelApi.of(answers, root, endpoint.idPrefix().isEmpty() ? root : endpoint.name(),
                payload.requestModelJson(), consistency, sluiceVersion);
        return new ProjectModel(project, endpoint, answers, api, payload, names, plan, consistency, variations(answers),
                ProjectModel.LocalTests.DEFAULT, durations(answers, plan, consistency),
                ProjectModel.Redrive.of(plan.consumerRatePerSecond()), CapacityChart.svg(plan), sluiceVersion);
    }

    static ProjectModel.DurationTexts durations(Answers a, Plan plan, ProjectModel.Consistency consistency) {
        return new ProjectModel.DurationTexts(Durations.format(a.maxDelay()), Durations.format(a.peakDuration()),
                Durations.format(plan.retention()), Durations.format(plan.dlqRetention()),
                Durations.format(Duration.ofSeconds(consistency.idempotencyTtlSeconds())));
    }

    static ProjectModel.Consistency consistency(Answers a, Plan plan, List<JavaType> types) {
        String group = a.orderingKey().orElse(null);
        String dedupeKey = a.dedupeKey().orElse(null);
        boolean fifo = a.fifo();
        return new ProjectModel.Consistency(fifo, group, ProjectModelApi.jsonPath(group), javaAccessor(group, types), a.dedupe().id(), dedupeKey,
                ProjectModelApi.jsonPath(dedupeKey), javaAccessor(dedupeKey, types),
                fifo && a.dedupe() == Answers.Dedupe.BODY, fifo && a.dedupe() == Answers.Dedupe.FIELD,
                fifo && a.dedupe() == Answers.Dedupe.NONE,
                fifo && a.peakRps() > SizingRules.FIFO_THROUGHPUT_PER_ACTION,
                a.idempotencyTable(), plan.retention().getSeconds(),
                group == null ? null : SampleBody.text(a.payload(), group), dedupeKey == null ? null : SampleBody.text(a.payload(), dedupeKey));
    }

    /** How the local pipeline varies the sample: the keys' values and each request's number (SampleValues). */
    static ProjectModel.Variations variations(Answers a) {
        String group = a.orderingKey().orElse(null);
        String dedupeKey = a.dedupeKey().orElse(null);
        List<String> keys = new java.util.ArrayList<>();
        a.orderingKey().ifPresent(keys::add);
        a.dedupeKey().ifPresent(keys::add);
        return new ProjectModel.Variations(GROUPS,
                group == null ? null : SampleValues.variation(KeyBounds.field(a.payload(), group).type(), leaf(group), GROUPS, group),
                dedupeKey == null ? null
                        : SampleValues.variation(KeyBounds.field(a.payload(), dedupeKey).type(), leaf(dedupeKey), SampleValues.MANY, dedupeKey),
                SampleValues.sequence(a.payload(), keys));
    }

    /** How many message groups the local pipeline's requests spread over. */
    static final int GROUPS = 40;

    private static String leaf(String dotPath) {
        return dotPath.substring(dotPath.lastIndexOf('.') + 1);
    }

    /** {@code customer.id} → {@code customer().id()}, through the records' Java names for those JSON names. */
    static String javaAccessor(String dotPath, List<JavaType> types) {
        if (dotPath == null) {
            return null;
        }
        JavaType type = types.get(0);
        StringBuilder chain = new StringBuilder();
        for (String part : dotPath.split("\\.")) {
            JavaType current = type;
            JavaType.Component component = current.components().stream().filter(c -> c.jsonName().equals(part)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no component " + part + " in " + current.name()));
            chain.append(chain.length() == 0 ? "" : ".").append(component.javaName()).append("()");
            type = types.stream().filter(t -> t.name().equals(component.javaType())).findFirst().orElse(null);
        }
        return chain.toString();
    }
}
