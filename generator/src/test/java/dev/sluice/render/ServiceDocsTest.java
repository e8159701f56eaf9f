package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Service;
import dev.sluice.engine.Engine;
import dev.sluice.it.Repository;
import dev.sluice.plan.Alarm;
import dev.sluice.plan.CapacityChart;
import dev.sluice.plan.ServicePlan;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README and docs/CAPACITY.md of a service of several endpoints, in both forms: every endpoint named with its
 * outputs, its request, its runbook and its capacity; what the endpoints share (the API's alarms, the outputs ApiUrl,
 * AlarmTopicArn, DashboardUrl) once.
 */
class ServiceDocsTest {
    private static final Engine ENGINE = new Engine();

    static Stream<Arguments> services() {
        return Stream.of(Arguments.of(Repository.samples().resolve("orders-service.answers.yaml"), ""),
                Arguments.of(Repository.root().resolve("samples/orders-service-cdk.answers.yaml"), "function/"));
    }

    private record Rendered(Service service, ServicePlan plan, GeneratedProject project) {
        String text(String path) {
            return project.file(path).orElseThrow(() -> new AssertionError("no " + path)).text();
        }
    }

    private static Rendered render(Path answers) {
        Service service = ENGINE.validateService(Repository.read(answers));
        ServicePlan plan = ENGINE.plan(service);
        return new Rendered(service, plan, ENGINE.render(service, plan));
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @ParameterizedTest
    @MethodSource("services")
    void theReadmeNamesEveryEndpointWithItsOutputsAndTheSharedOnesOnce(Path answers, String consumerDir) {
        Rendered r = render(answers);
        assertTrue(r.service().endpoints().size() > 1);
        ServiceModel model = ServiceModels.of(r.service(), r.plan(), "test");
        String readme = r.text("README.md");
        for (ProjectModel e : model.endpoints()) {
            String prefix = e.endpoint().idPrefix();
            assertFalse(prefix.isEmpty(), e.endpoint().path());
            for (String output : List.of(prefix + "DeadLetterQueueUrl", prefix + "DeadLetterQueueArn", prefix + "QueueUrl",
                    prefix + "QueueArn", prefix + "ConsumerFunctionName")) {
                assertTrue(readme.contains("`" + output + "`") || readme.contains("$(out " + output + ")"), output);
            }
            assertTrue(readme.contains("| `POST " + e.endpoint().path() + "` | `" + e.api().auth() + "` |"), "overview row " + e.endpoint().path());
            assertTrue(readme.contains("\"$(out ApiUrl)" + e.endpoint().samplePath() + "\""), "calling " + e.endpoint().samplePath());
            assertTrue(readme.contains(consumerDir + e.endpoint().eventsDir() + "/request.json"), e.endpoint().eventsDir());
            assertTrue(readme.contains("src/main/java/" + e.endpoint().packagePath() + "/" + e.names().processor() + ".java"),
                    e.names().processor());
            // Each endpoint's own alarms, named with its suffix; none of the API's.
            for (Alarm alarm : e.plan().observability().ownAlarms()) {
                assertEquals(1, count(readme, "`<stack>" + e.endpoint().serviceSuffix() + "-" + alarm.name() + "`"), alarm.name());
            }
            assertEquals(1, count(readme, "### POST " + e.endpoint().path() + "\n\n| Setting |"), "settings of " + e.endpoint().path());
            assertEquals(e.consistency().idempotencyTable(), readme.contains("`" + prefix + "IdempotencyTableName`"), prefix);
        }
        // The API's alarms once, for the service; the shared outputs by their own names.
        for (Alarm alarm : r.plan().sharedAlarms()) {
            assertEquals(1, count(readme, "`<stack>-" + alarm.name() + "`"), alarm.name());
            assertEquals(1, count(readme, "| " + alarm.setting().label() + " |"), alarm.setting().label());
        }
        for (String shared : List.of("`AlarmTopicArn`", "`DashboardUrl`", "`ApiUrl`")) {
            assertTrue(readme.contains(shared), shared);
        }
        assertFalse(readme.contains("$(out DeadLetterQueueUrl)"), "no output without its endpoint's prefix");
        assertFalse(readme.contains("\n\n\n"), "no double blank line");
    }

    @ParameterizedTest
    @MethodSource("services")
    void capacityCoversEveryEndpointWithItsChartAndTheServicesTotal(Path answers, String consumerDir) {
        Rendered r = render(answers);
        ServiceModel model = ServiceModels.of(r.service(), r.plan(), "test");
        String capacity = r.text("docs/CAPACITY.md");
        for (int i = 0; i < model.endpoints().size(); i++) {
            ProjectModel e = model.endpoints().get(i);
            String chart = e.endpoint().capacityChart();
            assertTrue(chart.matches("capacity-[a-z0-9]+\\.svg"), chart);
            assertTrue(capacity.contains("\n## POST " + e.endpoint().path() + "\n"), e.endpoint().path());
            assertTrue(capacity.contains("](" + chart + ")"), chart);
            assertEquals(CapacityChart.svg(e.plan()), r.text("docs/" + chart), chart);
            String own = r.plan().endpointCosts().get(i).monthlyTotalText();
            assertTrue(capacity.contains("| POST " + e.endpoint().path() + " | | | " + own + " | its estimate above |"), own);
        }
        assertFalse(r.project().file("docs/capacity.svg").isPresent(), "a chart an endpoint, none for the service alone");
        assertTrue(capacity.contains("| **Total** | | | **" + r.plan().monthlyTotalText() + "** | |"), r.plan().monthlyTotalText());
        assertEquals(1, count(capacity, "| CloudWatch alarms on the API | 5 alarm metrics |"), capacity);
        for (Alarm alarm : r.plan().sharedAlarms()) {
            assertEquals(1, count(capacity, "| " + alarm.setting().label() + " |"), alarm.setting().label());
        }
        assertFalse(capacity.contains("\n\n\n"), "no double blank line");
    }

    @ParameterizedTest
    @MethodSource("services")
    void oneEndpointKeepsItsOneChart(Path answers, String consumerDir) {
        Service service = ENGINE.validateService(Repository.read(answers));
        Service one = Service.of(service.endpoints().get(0));
        GeneratedProject project = ENGINE.render(one, ENGINE.plan(one));
        assertTrue(project.file("docs/capacity.svg").isPresent());
        assertTrue(project.files().stream().noneMatch(f -> f.path().startsWith("docs/capacity-")));
    }
}
