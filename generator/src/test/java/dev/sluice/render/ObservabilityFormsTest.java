package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.answers.Answers;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.answers.Service;
import dev.sluice.engine.Engine;
import dev.sluice.it.Repository;
import dev.sluice.plan.Alarm;
import dev.sluice.plan.Graph;
import dev.sluice.plan.Plan;
import dev.sluice.plan.ServiceObservability;
import dev.sluice.plan.ServicePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The SAM template and the CDK stack render the same alarms and saved queries from the one list (issue 15, point 3):
 * read back from what each form's source says, every alarm's id, name and description and every query's id, name,
 * log groups and text, the dashboard's header and every graph's title, width and limit lines, in the list's order; the README's
 * table and the SAM dashboard's alarm widget name every alarm. GeneratedProjectsIT compares the rest of each alarm (metric,
 * statistic, period, evaluation, threshold) on the CDK form's synthesized template.
 */
class ObservabilityFormsTest {
    private static final Pattern CDK_ALARM = Pattern.compile(
            "alarm\\(\"(\\w+)\", \"([a-z0-9-]+)\",\\s*((?:\\+?\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*)+),");
    private static final Pattern JAVA_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Pattern CDK_QUERY = Pattern.compile(
            "QueryDefinition\\.Builder\\.create\\(this, \"(\\w+)\"\\)\\s*\\.queryDefinitionName\\(getStackName\\(\\) \\+ \"/([a-z-]+)\"\\)"
                    + "\\s*\\.logGroups\\(List\\.of\\(((?:\\w+(?:\\.consumerLog\\(\\))?(?:, )?)+)\\)\\)\\s*\\.queryString\\(QueryString\\.Builder\\.create\\(\\)"
                    + "\\s*\\.fields\\(List\\.of\\((.*?)\\)\\)\\s*\\.filterStatements\\(List\\.of\\((.*?)\\)\\)\\s*\\.sort\\((.*?)\\)"
                    + "\\s*(?:\\.limit\\((\\d+)\\))?\\s*\\.build\\(\\)\\)", Pattern.DOTALL);

    /** A graph of the API's (graph) or of an endpoint's, which its construct draws (chart, its metrics through e). */
    private static final Pattern CDK_GRAPH = Pattern.compile("(?:graph|chart)\\(\"([^\"]+)\", (\\d+), (?:e -> )?List\\.of\\(");
    private static final Pattern CDK_HEADER = Pattern.compile(
            "\\.markdown\\(\"## ([^\"]*)\\\\n\"((?:\\s*\\+\\s*\"(?:[^\"\\\\]|\\\\.)*\")+)\\)");
    private static final Pattern CDK_LIMIT = Pattern.compile("line\\(\"([^\"]+)\", ([\\d.]+)\\)");

    private final Engine engine = new Engine();

    static Stream<Path> answers() {
        return Stream.of("orders", "orders-fifo", "payments-idempotent").map(n -> Repository.samples().resolve(n + ".answers.yaml"));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void bothFormsDeclareTheListsAlarmsWithTheirNamesAndDescriptions(Path answersFile) {
        RawAnswers raw = Repository.read(answersFile);
        Answers sam = engine.validate(raw.with(Question.IAC, "sam"));
        Answers cdk = engine.validate(raw.with(Question.IAC, "cdk"));
        Plan plan = engine.plan(sam);
        assertEquals(plan.observability(), engine.plan(cdk).observability(), "the form does not change the list");
        List<String> expected = plan.observability().alarms().stream()
                .map(a -> a.id() + " ${AWS::StackName}-" + a.name() + " " + a.description()).toList();

        GeneratedProject samProject = engine.render(sam, plan);
        String template = samProject.file("template.yaml").orElseThrow().text();
        assertEquals(expected, samAlarms(template), "SAM");
        GeneratedProject cdkProject = engine.render(cdk, plan);
        // The stack's own (the API's), then the endpoint's, which its class gives its construct.
        String stack = cdkProject.files().stream().filter(f -> f.path().endsWith("Stack.java")).findFirst().orElseThrow().text()
                + cdkProject.files().stream().filter(f -> f.path().endsWith("Endpoint.java") && !f.path().endsWith("/QueueBufferedEndpoint.java"))
                        .findFirst().orElseThrow().text();
        assertEquals(expected, cdkAlarms(stack), "CDK");

        List<String> queries = plan.observability().queries().stream().map(q -> q.id() + " ${AWS::StackName}/" + q.name() + " "
                + q.logGroups() + "\n" + String.join("\n", q.lines())).toList();
        assertEquals(queries, samQueries(template), "SAM");
        assertEquals(queries, cdkQueries(stack), "CDK");

        String header = "## " + plan.observability().header().title() + "\n" + plan.observability().header().summary();
        assertEquals(header, samHeader(template), "SAM");
        Matcher cdkHeader = CDK_HEADER.matcher(stack);
        assertTrue(cdkHeader.find(), "the stack's dashboard header");
        assertEquals(header, "## " + cdkHeader.group(1) + "\n" + String.join("", literals(cdkHeader.group(2))), "CDK");
        List<String> graphs = plan.observability().graphs().stream().map(g -> g.title() + " width=" + g.width() + " limits="
                + g.limits().stream().map(l -> l.label() + "=" + l.valueText()).toList()).toList();
        assertEquals(graphs, samGraphs(template), "SAM");
        assertEquals(graphs, cdkGraphs(stack), "CDK");

        for (Alarm alarm : plan.observability().alarms()) {
            assertTrue(template.contains("\"${" + alarm.id() + ".Arn}\""), alarm.id() + " on the SAM dashboard");
            for (GeneratedProject project : List.of(samProject, cdkProject)) {
                assertTrue(project.file("README.md").orElseThrow().text().contains(
                        "| `<stack>-" + alarm.name() + "` | " + alarm.firesWhen() + " | " + alarm.description() + " |"),
                        alarm.id() + " in the README's table");
            }
        }
    }

    /**
     * The CDK form of a service of several endpoints: the stack declares the API's alarms and graphs once, and each
     * endpoint's class its own section's, in the service's order; its construct names them after the stack and the
     * endpoint (GeneratedProjectsIT compares the synthesized names with the SAM form's).
     */
    @Test
    void theCdkFormOfAServiceDeclaresTheApisOnceAndEachEndpointsInItsClass() {
        Service service = engine.validateService(Repository.read(Repository.root().resolve(
                "samples/orders-service-cdk.answers.yaml")));
        ServicePlan plan = engine.plan(service);
        ServiceModel model = ServiceModels.of(service, plan, "test");
        ServiceObservability observability = model.observability();
        GeneratedProject project = engine.render(service, plan);
        String stack = project.files().stream().filter(f -> f.path().endsWith("Stack.java")).findFirst().orElseThrow().text();
        assertEquals(alarms(observability.apiAlarms()), cdkAlarms(stack), "the API's alarms, once, in the stack");
        assertEquals(graphs(observability.apiGraphs()), cdkGraphs(stack), "the API's graphs, once, in the stack");
        for (int i = 0; i < model.endpoints().size(); i++) {
            ProjectModel.Endpoint endpoint = model.endpoints().get(i).endpoint();
            ServiceObservability.Section section = observability.sections().get(i);
            String settings = project.files().stream()
                    .filter(f -> f.path().endsWith("/" + endpoint.name() + "Endpoint.java")).findFirst().orElseThrow().text();
            assertEquals(alarms(section.alarms()), cdkAlarms(settings), endpoint.path());
            assertEquals(graphs(section.graphs()), cdkGraphs(settings), endpoint.path());
            assertTrue(settings.contains("\"" + section.heading() + "\""), endpoint.path() + ": its heading");
        }
        List<String> queries = observability.queries().stream().map(q -> q.id() + " ${AWS::StackName}/" + q.name() + " "
                + q.logGroups() + "\n" + String.join("\n", q.lines())).toList();
        assertEquals(queries, cdkQueries(stack), "the queries, over the access log and every consumer's log");
    }

    private static List<String> alarms(List<Alarm> alarms) {
        return alarms.stream().map(a -> a.id() + " ${AWS::StackName}-" + a.name() + " " + a.description()).toList();
    }

    private static List<String> graphs(List<Graph> graphs) {
        return graphs.stream().map(g -> g.title() + " width=" + g.width() + " limits="
                + g.limits().stream().map(l -> l.label() + "=" + l.valueText()).toList()).toList();
    }

    /** The template's resources, in its order; short-form intrinsics read as the values they wrap. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(String template) {
        String plain = template.replaceAll("!(Ref|GetAtt|Sub|If|Equals|Not|Join|Select|Split|FindInMap|Base64|Condition|And|Or)\\b", "");
        return (Map<String, Object>) ((Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(plain))
                .get("Resources");
    }

    /** Each AWS::CloudWatch::Alarm in the template's order: logical id, AlarmName, AlarmDescription. */
    @SuppressWarnings("unchecked")
    private static List<String> samAlarms(String template) {
        Map<String, Object> resources = resources(template);
        List<String> alarms = new ArrayList<>();
        resources.forEach((id, r) -> {
            Map<String, Object> resource = (Map<String, Object>) r;
            if ("AWS::CloudWatch::Alarm".equals(resource.get("Type"))) {
                Map<String, Object> p = (Map<String, Object>) resource.get("Properties");
                alarms.add(id + " " + p.get("AlarmName") + " " + p.get("AlarmDescription"));
            }
        });
        return alarms;
    }

    /** The markdown of the dashboard's text widget. */
    private static String samHeader(String template) {
        try {
            for (JsonNode widget : new ObjectMapper().readTree(dashboardBody(template)).path("widgets")) {
                if (widget.path("type").asText().equals("text")) {
                    return widget.path("properties").path("markdown").asText();
                }
            }
        } catch (JsonProcessingException e) {
            throw new AssertionError("the dashboard's body is JSON: " + e.getMessage());
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static String dashboardBody(String template) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) resources(template).get("Dashboard")).get("Properties"))
                .get("DashboardBody");
    }

    /** The dashboard's metric widgets in order: title, width and the limit lines (label=value). */
    private static List<String> samGraphs(String template) {
        String body = dashboardBody(template);
        List<String> graphs = new ArrayList<>();
        try {
            for (JsonNode widget : new ObjectMapper().readTree(body).path("widgets")) {
                if (widget.path("type").asText().equals("metric")) {
                    List<String> limits = new ArrayList<>();
                    widget.path("properties").path("annotations").path("horizontal")
                            .forEach(l -> limits.add(l.path("label").asText() + "=" + l.path("value").asText()));
                    graphs.add(widget.path("properties").path("title").asText() + " width=" + widget.path("width").asInt()
                            + " limits=" + limits);
                }
            }
        } catch (JsonProcessingException e) {
            throw new AssertionError("the dashboard's body is JSON: " + e.getMessage());
        }
        return graphs;
    }

    /**
     * Each graph the stack's dashboard shows, in order: the API's graph(...) calls, then each endpoint's chart(...)
     * specs, which its construct draws in its section: title, width and its line(...) limits.
     */
    private static List<String> cdkGraphs(String stack) {
        List<String> graphs = new ArrayList<>();
        Matcher graph = CDK_GRAPH.matcher(stack);
        List<Integer> starts = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        while (graph.find()) {
            starts.add(graph.start());
            heads.add(graph.group(1) + " width=" + graph.group(2));
        }
        // The last graph is the last endpoint's last chart: nothing after it draws a line(...).
        for (int i = 0; i < starts.size(); i++) {
            String chunk = stack.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : stack.length());
            List<String> limits = new ArrayList<>();
            Matcher limit = CDK_LIMIT.matcher(chunk);
            while (limit.find()) {
                limits.add(limit.group(1) + "=" + limit.group(2));
            }
            graphs.add(heads.get(i) + " limits=" + limits);
        }
        return graphs;
    }

    /** Each AWS::Logs::QueryDefinition: logical id, Name, the log groups it reads, and its text. */
    @SuppressWarnings("unchecked")
    private static List<String> samQueries(String template) {
        Map<String, Object> resources = resources(template);
        Map<String, String> groups = Map.of("ApiAccessLogGroup", "API_ACCESS", "ConsumerLogGroup", "CONSUMER");
        List<String> queries = new ArrayList<>();
        resources.forEach((id, r) -> {
            Map<String, Object> resource = (Map<String, Object>) r;
            if ("AWS::Logs::QueryDefinition".equals(resource.get("Type"))) {
                Map<String, Object> p = (Map<String, Object>) resource.get("Properties");
                queries.add(id + " " + p.get("Name") + " " + ((List<String>) p.get("LogGroupNames")).stream().map(groups::get).toList()
                        + "\n" + ((String) p.get("QueryString")).strip());
            }
        });
        return queries;
    }

    /**
     * Each QueryDefinition the stack builds: id, name, log groups, and its text as the CDK's QueryString writes
     * it (a command a line: fields joined by ", ", then filter, sort and limit).
     */
    private static List<String> cdkQueries(String stack) {
        // The access log, and each endpoint's consumer log (endpoint.consumerLog()): the plan's CONSUMER.
        Function<String, String> groups = g -> g.equals("accessLog") ? "API_ACCESS"
                : g.endsWith(".consumerLog()") ? "CONSUMER" : g;
        List<String> queries = new ArrayList<>();
        Matcher q = CDK_QUERY.matcher(stack);
        while (q.find()) {
            List<String> lines = new ArrayList<>();
            lines.add("fields " + String.join(", ", literals(q.group(4))));
            lines.add("| filter " + String.join("", literals(q.group(5))));
            lines.add("| sort " + String.join("", literals(q.group(6))));
            if (q.group(7) != null) {
                lines.add("| limit " + q.group(7));
            }
            queries.add(q.group(1) + " ${AWS::StackName}/" + q.group(2) + " "
                    + Stream.of(q.group(3).split(",\\s*")).map(groups).distinct().toList() + "\n" + String.join("\n", lines));
        }
        return queries;
    }

    /** The Java string literals in source, unescaped. */
    private static List<String> literals(String source) {
        List<String> out = new ArrayList<>();
        Matcher literal = JAVA_LITERAL.matcher(source);
        while (literal.find()) {
            out.add(literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return out;
    }

    /**
     * Each call of the stack's alarm helpers in the source's order (the API's, then each endpoint's, which its construct
     * builds): id, the name after the stack's, the description.
     */
    private static List<String> cdkAlarms(String stack) {
        List<String> alarms = new ArrayList<>();
        Matcher call = CDK_ALARM.matcher(stack);
        while (call.find()) {
            alarms.add(call.group(1) + " ${AWS::StackName}-" + call.group(2) + " " + String.join("", literals(call.group(3))));
        }
        return alarms;
    }
}
