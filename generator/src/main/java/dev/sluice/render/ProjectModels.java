package dev.sluice.render;

import dev.sluice.answers.Answers;
import dev.sluice.payload.JavaModel;
import dev.sluice.payload.JavaNames;
import dev.sluice.payload.JavaType;
import dev.sluice.payload.RequestModel;
import dev.sluice.payload.SampleBody;
import dev.sluice.plan.CapacityChart;
import dev.sluice.plan.Plan;
import java.util.List;

/** Builds the {@link ProjectModel} templates read, from validated answers and their plan. */
public final class ProjectModels {
    /** The version every generated project starts at. */
    public static final String PROJECT_VERSION = "0.1.0-SNAPSHOT";

    private ProjectModels() {}

    /** {@code orders-api} → {@code OrdersApi}: project names are lower-case words joined by '-'. */
    static String pascalCase(String projectName) {
        StringBuilder out = new StringBuilder();
        for (String word : projectName.split("-")) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }

    public static ProjectModel of(Answers answers, Plan plan, String sluiceVersion) {
        String root = JavaNames.rootTypeName(answers.path());
        List<JavaType> types = JavaModel.types(answers.payload(), root);
        ProjectModel.Project project = new ProjectModel.Project(answers.name(), answers.groupId(), answers.packageName(),
                answers.packageName().replace('.', '/'), PROJECT_VERSION, answers.runtime().id(), answers.runtime().release());
        ProjectModel.Payload payload = new ProjectModel.Payload(root, types,
                RequestModel.draft04(answers.payload(), root), SampleBody.valid(answers.payload()));
        String infra = pascalCase(answers.name());
        ProjectModel.Names names = new ProjectModel.Names(root + "Handler", root + "Processor", answers.packageName() + ".model",
                infra + "App", infra + "Stack", answers.packageName() + ".infra", Layout.consumerDir(answers.iac()));
        return new ProjectModel(project, answers, new ProjectModel.Api(answers.path(), answers.auth().id()), payload, names,
                plan, CapacityChart.svg(plan), sluiceVersion);
    }
}
