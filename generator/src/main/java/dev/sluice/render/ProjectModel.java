package dev.sluice.render;

import dev.sluice.answers.Answers;
import dev.sluice.payload.JavaType;
import dev.sluice.plan.Plan;
import java.util.List;

/**
 * Everything a template may read. Pebble runs with strict variables, so a template that names
 * anything not here fails to render. Records are read through their accessors
 * ({@code project.packageName}, {@code plan.batchSize}, {@code plan.retention.seconds}).
 */
public record ProjectModel(
        Project project,
        Answers answers,
        Api api,
        Payload payload,
        Names names,
        Plan plan,
        String capacityChartSvg,
        String sluiceVersion) {

    /** Maven coordinates and the Java package. {@code packagePath} is the package with '/' for '.'. */
    public record Project(String name, String groupId, String packageName, String packagePath, String version,
                          String runtime, int javaRelease) {}

    /** {@code auth} is {@code none}, {@code iam} or {@code api-key}. */
    public record Api(String path, String auth) {}

    /**
     * The payload as the project uses it: the Java types (root first), the API Gateway request model
     * (JSON Schema draft-04, pretty-printed) and a valid sample body (pretty-printed JSON).
     */
    public record Payload(String rootType, List<JavaType> types, String requestModelJson, String sampleJson) {
        public Payload {
            types = List.copyOf(types);
        }
    }

    /**
     * Class names: {@code handler} (e.g. OrderHandler), {@code processor} (OrderProcessor, the team's
     * business logic) in {@code project.packageName}; payload types in {@code modelPackage}; the CDK
     * form's {@code app} and {@code stack} (OrdersApiApp, OrdersApiStack) in {@code infraPackage}.
     * {@code consumerDir} is where the consumer module sits: "" (SAM) or "function/" (CDK).
     */
    public record Names(String handler, String processor, String modelPackage, String app, String stack,
                        String infraPackage, String consumerDir) {}
}
