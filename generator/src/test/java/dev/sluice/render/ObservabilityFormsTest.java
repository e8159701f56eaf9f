package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Answers;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.engine.Engine;
import dev.sluice.it.Repository;
import dev.sluice.plan.Alarm;
import dev.sluice.plan.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The SAM template and the CDK stack render the same alarms from the one list (issue 15, point 3): read back from
 * what each form's source says, every alarm's id, name and description, in the list's order, and the README's table
 * and the SAM dashboard's alarm widget name every one. GeneratedProjectsIT compares the rest of each alarm (metric,
 * statistic, period, evaluation, threshold) on the CDK form's synthesized template.
 */
class ObservabilityFormsTest {
    private static final Pattern CDK_ALARM = Pattern.compile(
            "alarm\\(\"(\\w+)\", \"([a-z0-9-]+)\",\\s*((?:\\+?\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*)+),");
    private static final Pattern JAVA_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

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
        String stack = cdkProject.files().stream().filter(f -> f.path().endsWith("Stack.java")).findFirst().orElseThrow().text();
        assertEquals(expected, cdkAlarms(stack), "CDK");

        for (Alarm alarm : plan.observability().alarms()) {
            assertTrue(template.contains("\"${" + alarm.id() + ".Arn}\""), alarm.id() + " on the SAM dashboard");
            for (GeneratedProject project : List.of(samProject, cdkProject)) {
                assertTrue(project.file("README.md").orElseThrow().text().contains(
                        "| `<stack>-" + alarm.name() + "` | " + alarm.firesWhen() + " | " + alarm.description() + " |"),
                        alarm.id() + " in the README's table");
            }
        }
    }

    /** Each AWS::CloudWatch::Alarm in the template's order: logical id, AlarmName, AlarmDescription. */
    @SuppressWarnings("unchecked")
    private static List<String> samAlarms(String template) {
        String plain = template.replaceAll("!(Ref|GetAtt|Sub|If|Equals|Not|Join|Select|Split|FindInMap|Base64|Condition|And|Or)\\b", "");
        Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(plain)).get("Resources");
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

    /** Each call of the stack's alarm helper in the source's order: id, the name after the stack's, the description. */
    private static List<String> cdkAlarms(String stack) {
        List<String> alarms = new ArrayList<>();
        Matcher call = CDK_ALARM.matcher(stack);
        while (call.find()) {
            StringBuilder description = new StringBuilder();
            Matcher literal = JAVA_LITERAL.matcher(call.group(3));
            while (literal.find()) {
                description.append(literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
            alarms.add(call.group(1) + " ${AWS::StackName}-" + call.group(2) + " " + description);
        }
        return alarms;
    }
}
