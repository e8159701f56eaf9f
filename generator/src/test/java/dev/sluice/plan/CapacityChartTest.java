package dev.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Question;
import java.io.StringReader;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class CapacityChartTest {

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static String texts(Document doc) {
        StringBuilder all = new StringBuilder();
        NodeList texts = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        for (int i = 0; i < texts.getLength(); i++) {
            all.append(texts.item(i).getTextContent()).append('\n');
        }
        return all.toString();
    }

    @Test
    void theDefaultChartIsWellFormedSvgWithBothSeriesTheToleranceAxesAndALegend() throws Exception {
        String svg = CapacityChart.svg(Planner.plan(PlanChoiceTest.answers(Map.of())));
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("800", root.getAttribute("width"));
        assertEquals("400", root.getAttribute("height"));
        assertEquals(2, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength(), "age and backlog");
        String texts = texts(doc);
        for (String expected : new String[] {"Oldest message age", "Backlog", "tolerance 5m", "80% target 4m", "worst 2m15s",
                "peak 249 messages", "minutes since the peak began", "oldest message age", "backlog", "peak 50 req/s", "4m", "200"}) {
            assertTrue(texts.contains(expected), "missing '" + expected + "' in\n" + texts);
        }
        assertTrue(svg.contains("stroke-dasharray=\"7 4\""), "the tolerance is dashed");
        assertTrue(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "desc").item(0).getTextContent().contains("2m15s"));
    }

    @Test
    void theSameAnswersGiveTheSameBytes() {
        String a = CapacityChart.svg(Planner.plan(PlanChoiceTest.answers(Map.of())));
        String b = CapacityChart.svg(Planner.plan(PlanChoiceTest.answers(Map.of())));
        assertEquals(a, b);
        assertTrue(a.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
        assertTrue(a.endsWith("</svg>\n"));
    }

    @Test
    void aQueueThatNeverDrainsSaysSo() throws Exception {
        Document doc = parse(CapacityChart.svg(Planner.plan(PlanChoiceTest.answers(
                Map.of(Question.AVG_RPS, "30", Question.PEAK_RPS, "60", Question.DOWNSTREAM_LIMIT, "2")))));
        assertTrue(texts(doc).contains("grows without bound"), texts(doc));
    }

    @Test
    void noBacklogIsShownAsSuchInSeconds() throws Exception {
        Document doc = parse(CapacityChart.svg(Planner.plan(PlanChoiceTest.answers(Map.of(Question.MAX_DELAY, "10s",
                Question.AVG_RPS, "2", Question.PEAK_RPS, "4", Question.PEAK_DURATION, "1m", Question.PROCESSING_MS, "20")))));
        String texts = texts(doc);
        assertTrue(texts.contains("no backlog") && texts.contains("seconds since the peak began"), texts);
    }

    @Test
    void coordinatesAreShortAndLocaleFree() {
        assertEquals("12.3", CapacityChart.f(12.34));
        assertEquals("12", CapacityChart.f(12.04));
        assertEquals("0", CapacityChart.f(-0.01));
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", CapacityChart.escape("a <b> & \"c\""));
    }

    @Test
    void aServiceChartHasAPanelAnEndpointUnderItsPostAndOneEndpointsIsItsPlans() throws Exception {
        Plan orders = Planner.plan(PlanChoiceTest.answers(Map.of()));
        Plan events = Planner.plan(PlanChoiceTest.answers(Map.of(Question.AVG_RPS, "10", Question.PEAK_RPS, "80")));
        assertEquals(CapacityChart.svg(orders), CapacityChart.svg(new ServicePlan(java.util.List.of(orders)), java.util.List.of("/orders")));

        String svg = CapacityChart.svg(new ServicePlan(java.util.List.of(orders, events)), java.util.List.of("/orders", "/orders/{id}/events"));
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        int panel = CapacityChart.HEADING + CapacityChart.HEIGHT;
        assertEquals(String.valueOf(2 * panel), root.getAttribute("height"));
        NodeList nested = root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        assertEquals(2, nested.getLength());
        for (int i = 0; i < 2; i++) {
            Element chart = (Element) nested.item(i);
            assertEquals(String.valueOf(i * panel + CapacityChart.HEADING), chart.getAttribute("y"));
            assertEquals("800", chart.getAttribute("width"));
        }
        String texts = texts(doc);
        assertTrue(texts.indexOf("POST /orders\n") < texts.indexOf("POST /orders/{id}/events"), texts);
        assertEquals(2, texts.split("Simulated queue at the planned peak", -1).length - 1, texts);
    }
}
