package dev.sluice.render;

import dev.sluice.answers.Answers;
import dev.sluice.payload.JavaType;
import dev.sluice.payload.SampleValues;
import dev.sluice.payload.Variation;
import dev.sluice.plan.Formats;
import dev.sluice.plan.Plan;
import java.math.BigDecimal;
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
        Consistency consistency,
        Variations variations,
        LocalTests localTests,
        String capacityChartSvg,
        String sluiceVersion) {

    /** Maven coordinates and the Java package. {@code packagePath} is the package with '/' for '.'. */
    public record Project(String name, String groupId, String packageName, String packagePath, String version,
                          String runtime, int javaRelease) {}

    /**
     * What the consistency answers make of the queue and the consumer (docs/consistency.md).
     *
     * @param fifo                       ordering per key: a FIFO queue and DLQ, grouped by {@code groupKey}
     * @param groupKey                   the ordering key as a JSON dot path ({@code customer.id}); null unless fifo
     * @param groupKeyJsonPath           the same for API Gateway's {@code $input.path} ({@code $.customer.id})
     * @param groupKeyJava               the accessor chain on the root record ({@code customer().id()})
     * @param dedupe                     {@code none}, {@code field} or {@code body}
     * @param dedupeKey                  the dedupe field's JSON dot path; null unless dedupe is field
     * @param dedupeKeyJsonPath          the same for {@code $input.path}
     * @param dedupeKeyJava              the accessor chain on the root record
     * @param contentBasedDeduplication  FIFO deduplicating by body: SQS hashes the body (5-minute window)
     * @param deduplicationIdFromField   FIFO deduplicating by field: MessageDeduplicationId is the field (5-minute window)
     * @param deduplicationIdFromRequest FIFO tolerating duplicates: MessageDeduplicationId is the API request id
     * @param highThroughput             FIFO with a peak above 300 messages/s: per-group throughput and deduplication
     * @param idempotencyTable           a standard queue deduplicating: a DynamoDB table and an idempotent consumer
     * @param idempotencyTtlSeconds      how long an idempotency record lives: the queue's retention
     * @param groupKeySample             the sample request's group key as $input.path gives it (text); null unless fifo
     * @param dedupeKeySample            the sample request's dedupe field as text; null unless dedupe is field
     */
    public record Consistency(boolean fifo, String groupKey, String groupKeyJsonPath, String groupKeyJava, String dedupe,
                              String dedupeKey, String dedupeKeyJsonPath, String dedupeKeyJava, boolean contentBasedDeduplication,
                              boolean deduplicationIdFromField, boolean deduplicationIdFromRequest, boolean highThroughput,
                              boolean idempotencyTable, long idempotencyTtlSeconds, String groupKeySample, String dedupeKeySample) {}

    /**
     * How the local pipeline's requests (SampleRequests) differ from the sample and from each other, each value
     * valid by the request model: the group key's values (null unless fifo), the dedupe field's (null unless
     * dedupe is field), and where each body's number goes ({@code sequence}); {@code groups} is how many message
     * groups the requests spread over on a FIFO queue.
     */
    public record Variations(int groups, Variation group, Variation duplicate, SampleValues.Sequence sequence) {}

    /**
     * The local pipeline's burst test (LocalPipelineIT): {@code burst} requests, the pom's {@code local.burst}
     * default, which {@code mvn verify -Dlocal.burst=N} overrides; {@code failurePercent} of processing attempts fail.
     */
    public record LocalTests(int burst, int failurePercent) {
        /** What every generated project runs unless told otherwise. */
        public static final LocalTests DEFAULT = new LocalTests(10_000, 5);

        /** The burst with its thousands separated, for prose: "10,000". */
        public String burstGrouped() {
            return Formats.grouped(burst);
        }

        /** The failure share as a Java double literal: "0.05". */
        public String failureRate() {
            return BigDecimal.valueOf(failurePercent, 2).toPlainString();
        }
    }

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
