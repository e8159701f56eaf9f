package dev.sluice.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What a service watches, laid out once for every form: the API's alarms and graphs, which all endpoints share
 * (one REST API, one stage), and each endpoint's own (its queue, consumer and dead letters), in one dashboard: the
 * header, one alarm-status widget over every alarm, the API's row, then a row group per endpoint under a heading of
 * its own. A service of one endpoint is laid out exactly as that endpoint's {@link Observability}.
 *
 * @param header        the dashboard's text at its top
 * @param alarmsHeight  the alarm-status widget's height: 3 rows, and one more per 8 alarms beyond the first 10
 * @param apiAlarms     the alarms on the API's metrics, once
 * @param apiGraphs     the API's graphs, once, under the alarms
 * @param sections      one per endpoint, in the service's order
 * @param queries       the saved Logs Insights queries, over the API's access log and every consumer's log group
 */
public record ServiceObservability(Observability.Header header, int alarmsHeight, List<Alarm> apiAlarms, List<Graph> apiGraphs,
                                   List<Section> sections, List<SavedQuery> queries) {
    public ServiceObservability {
        apiAlarms = List.copyOf(apiAlarms);
        apiGraphs = List.copyOf(apiGraphs);
        sections = List.copyOf(sections);
        queries = List.copyOf(queries);
    }

    /**
     * One endpoint's part of the dashboard and its own alarms.
     *
     * @param heading   the markdown of the text widget over its graphs, at {@code headingY}; null for a service of one
     *                  endpoint, whose dashboard header says it all
     * @param alarms    its alarms (queue, consumer, dead letters, end to end), in the pipeline's order
     * @param graphs    its graphs, placed on the page
     */
    public record Section(String heading, int headingY, List<Alarm> alarms, List<Graph> graphs) {
        public Section {
            alarms = List.copyOf(alarms);
            graphs = List.copyOf(graphs);
        }

        /** Its graphs row by row, as a form that stacks rows (the CDK's Dashboard.addWidgets) adds them. */
        public List<Graph.Row> rows() {
            return Graph.rows(graphs);
        }
    }

    /** A heading widget's height. */
    static final int HEADING_HEIGHT = 2;
    /** The dashboard header's height. */
    static final int HEADER_HEIGHT = 2;
    static final int ALARMS_HEIGHT = 3;

    /**
     * The service's observability from its endpoints' (in order) and their paths.
     *
     * @param namespace the service's name (the consumers' metrics namespace)
     */
    public static ServiceObservability of(String namespace, List<String> paths, List<Observability> endpoints) {
        Observability first = endpoints.get(0);
        List<Alarm> apiAlarms = first.alarms().stream().filter(ServiceObservability::onApi).toList();
        List<Graph> apiGraphs = first.graphs().stream().filter(ServiceObservability::onApi).toList();
        if (endpoints.size() == 1) {
            List<Graph> own = first.graphs().stream().filter(g -> !onApi(g)).toList();
            return new ServiceObservability(first.header(), ALARMS_HEIGHT, apiAlarms, apiGraphs,
                    List.of(new Section(null, 0, first.alarms().stream().filter(a -> !onApi(a)).toList(), own)), first.queries());
        }
        int alarms = apiAlarms.size() + endpoints.stream().mapToInt(o -> (int) o.alarms().stream().filter(a -> !onApi(a)).count()).sum();
        int alarmsHeight = ALARMS_HEIGHT + Math.max(0, (alarms - 10 + 7) / 8);
        int apiTop = Observability.FIRST_GRAPH_ROW;
        int shift = HEADER_HEIGHT + alarmsHeight - apiTop;
        List<Graph> api = apiGraphs.stream().map(g -> moved(g, g.y() + shift)).toList();
        int y = api.stream().mapToInt(g -> g.y() + Graph.HEIGHT).max().orElse(HEADER_HEIGHT + alarmsHeight);
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            Observability o = endpoints.get(i);
            List<Graph> own = o.graphs().stream().filter(g -> !onApi(g)).toList();
            int top = own.stream().mapToInt(Graph::y).min().orElse(0);
            int headingY = y;
            int graphsTop = headingY + HEADING_HEIGHT;
            List<Graph> placed = own.stream().map(g -> moved(g, graphsTop + g.y() - top)).toList();
            sections.add(new Section("### POST " + paths.get(i) + "\\n" + o.header().summary(), headingY,
                    o.alarms().stream().filter(a -> !onApi(a)).toList(), placed));
            y = placed.stream().mapToInt(g -> g.y() + Graph.HEIGHT).max().orElse(graphsTop);
        }
        Observability.Header header = new Observability.Header(namespace + ": " + endpoints.size()
                + " endpoints, each POST → its queue → its consumer",
                "One API queues each endpoint's requests; each endpoint's consumers process them within its own tolerance."
                        + " The API's row first, then a row group per endpoint. Read left to right, top to bottom: where a"
                        + " graph turns, the one before it often says why.");
        return new ServiceObservability(header, alarmsHeight, apiAlarms, api, sections, first.queries());
    }

    /** The API's graphs row by row, as a form that stacks rows (the CDK's Dashboard.addWidgets) adds them. */
    public List<Graph.Row> apiRows() {
        return Graph.rows(apiGraphs);
    }

    /** Every alarm, the API's first, then each endpoint's: what the alarm-status widget lists and the cost counts. */
    public int alarmCount() {
        return apiAlarms.size() + sections.stream().mapToInt(s -> s.alarms().size()).sum();
    }

    static boolean onApi(Alarm alarm) {
        return alarm.metrics().stream().allMatch(m -> m.source() == Alarm.Source.API);
    }

    static boolean onApi(Graph graph) {
        List<Alarm.Metric> metrics = graph.expression() != null ? graph.expression().inputs()
                : graph.lines().stream().map(Graph.Line::metric).toList();
        return metrics.stream().allMatch(m -> m.source() == Alarm.Source.API);
    }

    private static Graph moved(Graph g, int y) {
        return new Graph(g.title(), g.x(), y, g.width(), g.lines(), g.expression(), g.limits());
    }
}
