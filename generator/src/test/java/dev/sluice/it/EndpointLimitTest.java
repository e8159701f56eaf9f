package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.Limits;
import dev.sluice.engine.Engine;
import dev.sluice.render.GeneratedProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The largest service the validator accepts ({@link Limits#MAX_ENDPOINTS} endpoints) still deploys as one stack: its
 * SAM template holds at most {@link Limits#CLOUDFORMATION_MAX_RESOURCES} resources once SAM has expanded it, and its
 * dashboard stays within CloudWatch's quotas. cfn-lint and sam validate check neither.
 *
 * <p>Each endpoint is the largest an endpoint gets: an idempotency table (a standard queue, duplicates deduplicated),
 * an API key, and a path of three segments of its own, one a parameter ({@code /area3/{itemId}/events}). A path deeper
 * than that adds a resource per segment: the validator holds all paths' segments to {@link Limits#API_MAX_RESOURCES}, not
 * to this count, which is why {@code resourcesAfterSamExpansion} is asserted with the margin it has.
 */
class EndpointLimitTest {
    /** CloudWatch: widgets per dashboard. */
    static final int DASHBOARD_MAX_WIDGETS = 500;
    /** CloudWatch: metrics per dashboard, across all widgets (each widget takes at most 500). */
    static final int DASHBOARD_MAX_METRICS = 2500;
    /** CloudWatch: alarms one alarm-status widget shows. */
    static final int ALARM_WIDGET_MAX_ALARMS = 100;
    /** CloudFormation: outputs per template. */
    static final int CLOUDFORMATION_MAX_OUTPUTS = 200;
    /** CloudFormation: a template's size when it is read from S3 (samconfig.toml's resolve_s3), bytes. */
    static final int CLOUDFORMATION_MAX_TEMPLATE_BYTES = 1_000_000;

    private static String text;
    private static Map<String, Object> template;

    @BeforeAll
    static void render(@TempDir Path dir) throws IOException {
        Path answers = dir.resolve("largest.answers.yaml");
        Files.writeString(answers, answers(Limits.MAX_ENDPOINTS), StandardCharsets.UTF_8);
        GeneratedProject project = new Engine().generate(AnswersFile.read(answers));
        text = project.file("template.yaml").orElseThrow().text();
        template = DeployableTemplates.load(text);
    }

    /** A service of {@code n} endpoints, each as large as an endpoint gets (see the class comment). */
    static String answers(int n) {
        StringBuilder yaml = new StringBuilder("""
                name: largest-service
                groupId: com.example
                iac: sam
                runtime: java21
                auth: api-key
                endpoints:
                """);
        for (int i = 1; i <= n; i++) {
            yaml.append("  - path: /area").append(i).append("/{itemId}/events\n")
                    .append("    fields: [refId:uuid, amount:number]\n")
                    .append("    duplicates: dedupe:refId\n")
                    .append("    maxDelay: 5m\n    avgRps: 5\n    peakRps: 50\n    peakDuration: 15m\n    processingMs: 100\n");
        }
        return yaml.toString();
    }

    @Test
    void theLargestServiceFitsOneStackAfterSamExpandsIt() {
        Map<String, Integer> byType = resourcesAfterSamExpansion(map(template.get("Resources")));
        int total = byType.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println(Limits.MAX_ENDPOINTS + " endpoints: " + total + " resources after SAM's expansion " + byType);
        assertEquals(Limits.MAX_ENDPOINTS, byType.get("AWS::SQS::Queue") / 2, "a queue and a dead-letter queue each");
        assertTrue(total <= Limits.CLOUDFORMATION_MAX_RESOURCES, total + " resources in one stack");
        int outputs = map(template.get("Outputs")).size();
        assertTrue(outputs <= CLOUDFORMATION_MAX_OUTPUTS, outputs + " outputs");
        assertTrue(text.length() < CLOUDFORMATION_MAX_TEMPLATE_BYTES, text.length() + " bytes of template");
    }

    @Test
    void theLargestServicesDashboardIsWithinCloudWatchsQuotas() throws IOException {
        Map<String, Object> dashboard = map(map(map(template.get("Resources")).get("Dashboard")).get("Properties"));
        String body = String.valueOf(map(dashboard.get("DashboardBody")).get("Fn::Sub")).replaceAll("\\$\\{[^}]+}", "X");
        JsonNode widgets = new ObjectMapper().readTree(body).path("widgets");
        int metrics = 0;
        int alarms = 0;
        for (JsonNode widget : widgets) {
            metrics += widget.path("properties").path("metrics").size();
            alarms += widget.path("properties").path("alarms").size();
        }
        long alarmResources = map(template.get("Resources")).values().stream()
                .filter(r -> "AWS::CloudWatch::Alarm".equals(map(r).get("Type"))).count();
        System.out.println(Limits.MAX_ENDPOINTS + " endpoints: " + widgets.size() + " widgets, " + metrics + " metrics, "
                + alarms + " alarms on the dashboard, body " + body.length() + " characters");
        assertEquals(alarmResources, alarms, "the alarm-status widget lists every alarm");
        assertTrue(alarms <= ALARM_WIDGET_MAX_ALARMS, alarms + " alarms in one alarm-status widget");
        assertTrue(widgets.size() <= DASHBOARD_MAX_WIDGETS, widgets.size() + " widgets");
        assertTrue(metrics <= DASHBOARD_MAX_METRICS, metrics + " metrics");
    }

    /** More endpoints than {@link Limits#MAX_ENDPOINTS} are refused before anything is rendered. */
    @Test
    void oneEndpointMoreIsRefused(@TempDir Path dir) throws IOException {
        Path answers = dir.resolve("too-large.answers.yaml");
        Files.writeString(answers, answers(Limits.MAX_ENDPOINTS + 1), StandardCharsets.UTF_8);
        Exception refused = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> new Engine().generate(AnswersFile.read(answers)));
        assertTrue(refused.getMessage().contains(String.valueOf(Limits.MAX_ENDPOINTS)), refused.getMessage());
    }

    /**
     * The resources CloudFormation creates, by type, once the SAM transform has run: an AWS::Serverless::Function is
     * the function, a version and an alias (AutoPublishAlias), an event source mapping per SQS event, and a role when
     * it names none. A resource under a condition is counted as if the condition held (the worst case).
     */
    static Map<String, Integer> resourcesAfterSamExpansion(Map<String, Object> resources) {
        Map<String, Integer> byType = new TreeMap<>();
        for (Object r : resources.values()) {
            Map<String, Object> resource = map(r);
            String type = String.valueOf(resource.get("Type"));
            if (!type.startsWith("AWS::Serverless::")) {
                byType.merge(type, 1, Integer::sum);
                continue;
            }
            assertEquals("AWS::Serverless::Function", type, "a SAM type this count does not know how to expand");
            Map<String, Object> properties = map(resource.get("Properties"));
            byType.merge("AWS::Lambda::Function", 1, Integer::sum);
            if (properties.containsKey("AutoPublishAlias")) {
                byType.merge("AWS::Lambda::Version", 1, Integer::sum);
                byType.merge("AWS::Lambda::Alias", 1, Integer::sum);
            }
            if (!properties.containsKey("Role")) {
                byType.merge("AWS::IAM::Role", 1, Integer::sum);
            }
            Object events = properties.get("Events");
            if (events != null) {
                for (Object event : map(events).values()) {
                    assertEquals("SQS", map(event).get("Type"), "an event type this count does not know how to expand");
                    byType.merge("AWS::Lambda::EventSourceMapping", 1, Integer::sum);
                }
            }
        }
        return byType;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertTrue(value instanceof Map, "not a map: " + value);
        return (Map<String, Object>) value;
    }

    @Test
    void theExpansionCountsWhatSamAdds() {
        Map<String, Object> resources = Map.of(
                "F", Map.of("Type", "AWS::Serverless::Function", "Properties", Map.of("AutoPublishAlias", "live",
                        "Role", "r", "Events", Map.of("Queue", Map.of("Type", "SQS")))),
                "G", Map.of("Type", "AWS::Serverless::Function", "Properties", Map.of()),
                "Q", Map.of("Type", "AWS::SQS::Queue"));
        assertEquals(Map.of("AWS::Lambda::Function", 2, "AWS::Lambda::Version", 1, "AWS::Lambda::Alias", 1,
                "AWS::Lambda::EventSourceMapping", 1, "AWS::IAM::Role", 1, "AWS::SQS::Queue", 1),
                resourcesAfterSamExpansion(resources));
    }
}
