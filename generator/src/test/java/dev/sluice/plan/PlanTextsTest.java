package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.answers.Answers;
import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.AnswersValidator;
import dev.sluice.answers.Question;
import dev.sluice.answers.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every text the plan says, byte for byte, for answers that take each branch of the explanations and warnings
 * (the samples take only some): {@code sluice plan}'s table and JSON, held in {@code src/test/resources/plan-texts/}.
 * A changed text is a change of the product: on a difference the test writes what it got to
 * {@code target/plan-texts/NAME.txt}; copy it over the held file when the change is intended.
 */
class PlanTextsTest {
    private static final Path HELD = Path.of("src/test/resources/plan-texts");
    private static final Path GOT = Path.of("target/plan-texts");
    private static final Path SAMPLES = Path.of("../samples");

    static Stream<Arguments> answerSets() {
        Map<String, Map<Question, String>> sets = new LinkedHashMap<>();
        sets.put("defaults", Map.of());
        sets.put("minimum", Map.of(Question.MAX_DELAY, "10s", Question.AVG_RPS, "2", Question.PEAK_RPS, "4",
                Question.PEAK_DURATION, "1m", Question.PROCESSING_MS, "20"));
        sets.put("fixed-window-idempotent", Map.of(Question.BATCHING_WINDOW, "0s", Question.DUPLICATES, "dedupe:id",
                Question.AVG_RPS, "40", Question.PEAK_RPS, "120"));
        sets.put("fifo-high-throughput", Map.of(Question.ORDERING, "key:id", Question.GROUPS, "50", Question.AVG_RPS, "100",
                Question.PEAK_RPS, "400", Question.PROCESSING_MS, "20", Question.DOWNSTREAM_LIMIT, "200"));
        sets.put("fifo-groups-unmet", Map.of(Question.ORDERING, "key:id", Question.GROUPS, "2", Question.AVG_RPS, "5",
                Question.PEAK_RPS, "100", Question.MAX_DELAY, "1m"));
        sets.put("downstream-unmet", Map.of(Question.MAX_DELAY, "1h", Question.AVG_RPS, "1", Question.PEAK_RPS, "30",
                Question.PEAK_DURATION, "30m", Question.PROCESSING_MS, "250", Question.DOWNSTREAM_LIMIT, "2",
                Question.MAX_PAYLOAD_KIB, "256"));
        sets.put("never-drains", Map.of(Question.AVG_RPS, "30", Question.PEAK_RPS, "60", Question.DOWNSTREAM_LIMIT, "2"));
        sets.put("lambda-maximum", Map.of(Question.AVG_RPS, "100", Question.PEAK_RPS, "5000", Question.PEAK_DURATION, "1h",
                Question.PROCESSING_MS, "2000", Question.MAX_DELAY, "5m"));
        sets.put("worst-over-budget", Map.of(Question.MAX_DELAY, "2s", Question.PROCESSING_MS, "500",
                Question.PROCESSING_MS_WORST, "1800", Question.AVG_RPS, "1", Question.PEAK_RPS, "2"));
        sets.put("over-account-limit-short-logs", Map.of(Question.AVG_RPS, "2000", Question.PEAK_RPS, "20000",
                Question.PEAK_DURATION, "5m", Question.PROCESSING_MS, "10", Question.MAX_PAYLOAD_KIB, "4",
                Question.LOG_RETENTION_DAYS, "7"));
        return sets.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answerSets")
    void thePlanSaysWhatItSaid(String name, Map<Question, String> given) throws IOException {
        Plan plan = Planner.plan(PlanChoiceTest.answers(given));
        assertHeld(name, PlanReport.table(plan) + "\n" + PlanReport.json(plan) + "\n");
    }

    /** Services of several endpoints: each endpoint's texts under its POST, then the service's; the JSON nested. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"orders-service"})
    void theServicePlanSaysWhatItSaid(String sample) throws IOException {
        Service service = AnswersValidator.validateService(AnswersFile.read(SAMPLES.resolve(sample + ".answers.yaml")));
        ServicePlan plan = new ServicePlan(service.endpoints().stream().map(Planner::plan).toList());
        List<String> paths = service.endpoints().stream().map(Answers::path).toList();
        assertHeld("service-" + sample, PlanReport.table(plan, paths) + "\n" + PlanReport.json(plan, paths) + "\n");
    }

    private static void assertHeld(String name, String got) throws IOException {
        Path held = HELD.resolve(name + ".txt");
        String expected = Files.exists(held) ? Files.readString(held, StandardCharsets.UTF_8) : "";
        if (!got.equals(expected)) {
            Files.createDirectories(GOT);
            Files.writeString(GOT.resolve(name + ".txt"), got, StandardCharsets.UTF_8);
        }
        assertEquals(expected, got, "the plan's texts for " + name + " (got: " + GOT.resolve(name + ".txt") + ")");
    }
}
