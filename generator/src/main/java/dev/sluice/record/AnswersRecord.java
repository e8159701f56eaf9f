package dev.sluice.record;

import dev.sluice.answers.Answers;
import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.Durations;
import dev.sluice.answers.EndpointPaths;
import dev.sluice.answers.PayloadSource;
import dev.sluice.answers.Question;
import dev.sluice.answers.Service;
import dev.sluice.render.GeneratedFile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * What a project remembers of its birth: {@code .sluice/answers.yaml}, every answer it was generated from (defaults
 * written out, so that a later Sluice with other defaults rebuilds the same project) and the Sluice version that
 * generated it; beside it, each payload document given as a file, as it was read. {@code sluice new --answers
 * .sluice/answers.yaml} generates the project again byte for byte; {@code sluice update} rebuilds from it the merge
 * base.
 */
public final class AnswersRecord {
    /** The folder of the record, at the project's root. */
    public static final String DIR = ".sluice";
    /** The answers file, relative to the project's root. */
    public static final String FILE = DIR + "/answers.yaml";

    private AnswersRecord() {}

    /** The record's files, to go beside the rest of the project. */
    public static List<GeneratedFile> files(Service service, String sluiceVersion) {
        List<GeneratedFile> files = new ArrayList<>();
        Map<String, Object> document = document(service, sluiceVersion, files);
        files.add(0, GeneratedFile.text(FILE, HEADER.formatted(sluiceVersion) + yaml(document)));
        return files;
    }

    /**
     * The same answers as one self-contained answers file for {@code sluice new --answers} (what {@code sluice serve}'s
     * page offers): each payload document written inside it, not beside it.
     */
    public static String answersFile(Service service, String sluiceVersion) {
        return ANSWERS_FILE_HEADER.formatted(sluiceVersion) + yaml(document(service, sluiceVersion, null));
    }

    /** The record's document; {@code files}: where each payload document goes as a file of its own, null: inline. */
    private static Map<String, Object> document(Service service, String sluiceVersion, List<GeneratedFile> files) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(AnswersFile.SLUICE_VERSION, sluiceVersion);
        document.put(Question.NAME.key(), service.name());
        document.put(Question.GROUP_ID.key(), service.groupId());
        document.put(Question.PACKAGE.key(), service.packageName());
        document.put(Question.VERSION.key(), service.version());
        document.put(Question.IAC.key(), service.iac().id());
        document.put(Question.RUNTIME.key(), service.runtime().id());
        document.put(Question.LOG_RETENTION_DAYS.key(), service.logRetentionDays());
        List<Map<String, Object>> endpoints = new ArrayList<>();
        for (Answers endpoint : service.endpoints()) {
            Map<String, Object> answers = new LinkedHashMap<>();
            answers.put(Question.PATH.key(), endpoint.path());
            answers.put(Question.AUTH.key(), endpoint.auth().id());
            if (endpoint.payloadSource() instanceof PayloadSource.Document given && files == null) {
                answers.put(given.form().key(), given.text());
            } else if (endpoint.payloadSource() instanceof PayloadSource.Document given) {
                String file = EndpointPaths.packageSegment(endpoint.path()) + "." + given.form().key() + ".json";
                files.add(GeneratedFile.text(DIR + "/" + file, given.text()));
                answers.put(given.form().key(), file);
            } else {
                answers.put(Question.FIELDS.key(), ((PayloadSource.Fields) endpoint.payloadSource()).specs());
            }
            answers.put(Question.MAX_PAYLOAD_KIB.key(), endpoint.maxPayloadKib());
            answers.put(Question.MAX_DELAY.key(), Durations.format(endpoint.maxDelay()));
            answers.put(Question.ORDERING.key(), endpoint.orderingKey().map(key -> "key:" + key).orElse("none"));
            if (endpoint.groups().isPresent()) {
                answers.put(Question.GROUPS.key(), endpoint.groups().getAsInt());
            }
            answers.put(Question.DUPLICATES.key(), switch (endpoint.dedupe()) {
                case NONE -> "tolerate";
                case BODY -> "dedupe:body";
                case FIELD -> "dedupe:" + endpoint.dedupeKey().orElseThrow();
            });
            answers.put(Question.AVG_RPS.key(), number(endpoint.avgRps()));
            answers.put(Question.PEAK_RPS.key(), number(endpoint.peakRps()));
            answers.put(Question.PEAK_DURATION.key(), Durations.format(endpoint.peakDuration()));
            answers.put(Question.PROCESSING_MS.key(), endpoint.processingMs());
            answers.put(Question.PROCESSING_MS_WORST.key(), endpoint.processingMsWorst());
            answers.put(Question.DOWNSTREAM_LIMIT.key(), endpoint.downstreamLimit().isPresent()
                    ? (Object) endpoint.downstreamLimit().getAsInt() : "none");
            if (endpoint.batchingWindowSeconds().isPresent()) {
                answers.put(Question.BATCHING_WINDOW.key(), endpoint.batchingWindowSeconds().getAsInt() + "s");
            }
            endpoints.add(answers);
        }
        document.put(AnswersFile.ENDPOINTS, endpoints);
        return document;
    }

    private static final String HEADER = """
            # The answers this project was generated from by Sluice %s, defaults included: `sluice update` rebuilds
            # from them what that version generated, the base of its three-way merge, and `sluice check` plans from
            # them. Change an answer with `sluice update --FLAG VALUE` (or `sluice add endpoint`), not here.
            """;

    private static final String ANSWERS_FILE_HEADER = """
            # Answers for Sluice %s, defaults included: `sluice new --answers answers.yaml` generates the project
            # they describe. A schema or an example is written in place, as JSON text; a path to a file also does.
            """;

    /**
     * The settings of every dump. A {@link Dump} itself is made for each document: its representer keeps state while
     * it works, so one shared by concurrent requests ({@code sluice serve}) mixed their documents.
     */
    private static final DumpSettings YAML_SETTINGS = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setIndicatorIndent(2)
            .setIndentWithIndicator(true)
            .setWidth(120)
            .build();

    private static String yaml(Map<String, Object> document) {
        return new Dump(YAML_SETTINGS).dumpToString(document);
    }

    /** A rate as a person writes it: {@code 5}, not {@code 5.0}; {@code 0.5}. */
    private static Number number(double value) {
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        if (exact.scale() <= 0 && exact.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) < 0) {
            return exact.intValueExact();
        }
        return value;
    }
}
