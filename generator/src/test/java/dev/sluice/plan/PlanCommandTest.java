package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cli.CliHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code sluice plan} through {@link Main#run}, on jimfs, as in CliTest. */
class PlanCommandTest extends CliHarness {
    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(cwd.resolve("charts"));
    }

    @Test
    void jsonParsesAndHasEverySettingKeyAndWritesNothing() throws IOException {
        Set<String> before = files();
        assertEquals(0, run("plan", "--batch", "--json"), err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        List<String> keys = new ArrayList<>();
        json.get("settings").forEach(s -> keys.add(s.get("key").asText()));
        assertEquals(Planner.plan(PlanChoiceTest.answers(Map.of())).settings().stream().map(Setting::key).toList(), keys);
        assertTrue(json.get("simulation").has("worstAgeSeconds") && json.get("cost").has("monthlyTotal"));
        assertEquals(before, files());
        assertEquals("", err.toString());
    }

    @Test
    void theTableIsTheDefault() {
        assertEquals(0, run("plan", "--batch"), err.toString());
        assertEquals(PlanReport.table(Planner.plan(PlanChoiceTest.answers(Map.of()))), out.toString());
    }

    @Test
    void chartWritesOneWellFormedSvgAndNothingElse() throws Exception {
        Set<String> before = files();
        assertEquals(0, run("plan", "--batch", "--chart", "charts/capacity.svg"), err.toString());
        Set<String> after = files();
        after.removeAll(before);
        assertEquals(Set.of("charts/capacity.svg"), after);
        String svg = Files.readString(cwd.resolve("charts/capacity.svg"));
        assertEquals("svg", CapacityChartTest.parse(svg).getDocumentElement().getLocalName());
        assertEquals(CapacityChart.svg(Planner.plan(PlanChoiceTest.answers(Map.of()))), svg);
        assertTrue(out.toString().contains("Maximum concurrency"), "the table is printed too");
    }

    @Test
    void answersThatCannotBeMetExitThreeWithTheWarning() {
        assertEquals(3, run("plan", "--batch", "--downstream-limit", "2"));
        assertTrue(out.toString().contains("Warning: The delay tolerance of 5m cannot be met"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void aPeakAboveTheAccountLimitExitsThree() {
        assertEquals(3, run("plan", "--batch", "--avg-rps", "1000", "--peak-rps", "12000", "--processing-ms", "5", "--json"));
        assertTrue(out.toString().contains("10,000 requests/s"), out.toString());
    }

    @Test
    void helpNamesTheNewOptionsAndExitCodeThree() {
        assertEquals(0, run("plan", "--help"));
        String help = out.toString();
        for (String expected : List.of("--json", "--chart", "FILE.svg", "3 they cannot")) {
            assertTrue(help.contains(expected), help);
        }
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(List.of("--avg-rps", "10", "--peak-rps", "5"), "--peak-rps: '5' is below the average of 10"),
                Arguments.of(List.of("--processing-ms", "0"), "--processing-ms: '0' is out of range"),
                Arguments.of(List.of("--max-delay", "1s", "--processing-ms", "2000"),
                        "--max-delay: '1s' is shorter than one message's processing time of 2000 ms"),
                Arguments.of(List.of("--chart", "capacity.png"), "--chart: 'capacity.png' is not an .svg file"),
                Arguments.of(List.of("--chart", "missing/capacity.svg"), "--chart: 'missing/capacity.svg' is in a folder that does not exist"),
                Arguments.of(List.of("--chart", "charts/x.svg", "--peak-rps", "0"), "--peak-rps: '0' is not above 0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInput")
    void badInputIsOneLineExitTwoAndNothingWritten(List<String> args, String expected) throws IOException {
        Set<String> before = files();
        List<String> all = new ArrayList<>(List.of("plan", "--batch"));
        all.addAll(args);
        assertEquals(2, run(all.toArray(String[]::new)));
        String message = err.toString();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("sluice: ") && message.contains(expected) && message.contains("accepted: "), message);
        assertEquals(before, files());
        assertEquals("", out.toString());
    }

    private static final String SERVICE = "name: svc\nauth: api-key\nendpoints:\n"
            + "  - path: /orders\n    fields: [id:uuid]\n"
            + "  - path: /refunds\n    fields: [id:uuid]\n    avgRps: 30\n    peakRps: 60\n    downstreamLimit: 2\n";

    @Test
    void aServiceIsPlannedAnEndpointAPanelAndIsUnmetWhenAnyEndpointIs() throws Exception {
        Files.writeString(cwd.resolve("svc.yaml"), SERVICE);
        assertEquals(3, run("plan", "--answers", "svc.yaml", "--batch", "--chart", "charts/svc.svg"), err.toString());
        String table = out.toString();
        assertTrue(table.startsWith("POST /orders\n") && table.contains("\nPOST /refunds\n") && table.contains("Warning: "), table);
        assertTrue(table.contains("\nMonthly cost of the service: "), table);
        String svg = Files.readString(cwd.resolve("charts/svc.svg"));
        assertEquals(2, CapacityChartTest.parse(svg).getDocumentElement()
                .getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength());

        out.getBuffer().setLength(0);
        assertEquals(3, run("plan", "--answers", "svc.yaml", "--batch", "--json"), err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("/refunds", json.get("endpoints").get(1).get("path").asText());
        assertEquals(0, json.get("endpoints").get(0).get("warnings").size());
        assertTrue(json.get("endpoints").get(1).get("warnings").size() > 0);
        assertFalse(json.get("met").asBoolean());
    }
}
