package dev.sluice.render;

import dev.sluice.answers.Answers;
import dev.sluice.payload.JavaType;
import dev.sluice.payload.SampleValues;
import dev.sluice.payload.Variation;
import dev.sluice.plan.Formats;
import dev.sluice.plan.Plan;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything a template may read. Pebble runs with strict variables, so a template that names
 * anything not here fails to render. Records are read through their accessors
 * ({@code project.packageName}, {@code plan.batchSize}, {@code plan.retention.seconds}).
 */
public record ProjectModel(
        Project project,
        Endpoint endpoint,
        Answers answers,
        Api api,
        Payload payload,
        Names names,
        Plan plan,
        Consistency consistency,
        Variations variations,
        LocalTests localTests,
        DurationTexts durations,
        Redrive redrive,
        String capacityChartSvg,
        String sluiceVersion) {

    /**
     * Which endpoint of the service this is, and where its files go. A service of one endpoint keeps everything as a
     * one-endpoint project always had it: its classes in the service's package, its resources' logical ids unprefixed,
     * its resource files at their plain paths. With several, each endpoint has its own package
     * ({@code service.package.name}), logical-id prefix ({@code Orders}) and resource folder ({@code orders/}).
     *
     * @param index        the endpoint's place in the service, from 0
     * @param name         the endpoint's name, PascalCase ({@code OrdersEvents}): its dashboard rows, metrics' dimension
     * @param idPrefix     what its logical ids start with: "" alone, else {@code name}
     * @param packageName  its handler's, processor's and store's package; its payload types' is {@code names.modelPackage}
     * @param packagePath  the package with '/' for '.'
     * @param resourceDir  its request model's folder under src/main/resources/: "" alone, else {@code orders/}
     * @param eventsDir    its sample events' folder: {@code events} alone, else {@code events/orders}
     * @param pipelineFile what its pipeline does, for the local pipeline and the tests: {@code pipeline.json} alone, else
     *                     {@code pipelines/orders.json}
     * @param parameters   its path's parameters, which the consumer gets as message attributes
     * @param samplePath   the path with a sample value for each parameter ({@code /orders/orderId-1/events})
     * @param serviceSuffix what its consumer's POWERTOOLS_SERVICE_NAME adds to the stack's name: "" alone, else
     *                     {@code -orders}; the EndToEndDelay metric's Service dimension and the logs' service field
     */
    public record Endpoint(int index, String path, String name, String idPrefix, String packageName, String packagePath,
                           String resourceDir, String eventsDir, String pipelineFile, List<PathParameter> parameters,
                           String samplePath, String serviceSuffix) {
        public Endpoint {
            parameters = List.copyOf(parameters);
        }

        /**
         * The endpoint's capacity chart in docs/: {@code capacity.svg} when the service has one endpoint, else
         * {@code capacity-} and the endpoint's folder ({@code capacity-ordersevents.svg}).
         */
        public String capacityChart() {
            return resourceDir.isEmpty() ? "capacity.svg" : "capacity-" + resourceDir.substring(0, resourceDir.length() - 1) + ".svg";
        }

        /**
         * The method's resource as a stage's MethodSettings names it: a '/', then the path with each '/' escaped as
         * {@code ~1} ({@code /~1orders~1{orderId}~1events}).
         */
        public String methodSettingsPath() {
            return "/" + path.replace("/", "~1");
        }

        /**
         * What the names of its constants in a service-wide test start with: "" alone, else the name in upper snake
         * case and an underscore ({@code ORDERS_EVENTS_}).
         */
        public String constantPrefix() {
            return idPrefix.isEmpty() ? "" : idPrefix.replaceAll("(?<=[a-z0-9])(?=[A-Z])", "_").toUpperCase(java.util.Locale.ROOT) + "_";
        }

        /** The method as a usage plan's per-method throttle names it: {@code /orders/POST}. */
        public String usagePlanMethod() {
            return path + "/POST";
        }

        /**
         * The path as an {@code execute-api:Invoke} resource ARN ends: each {parameter} a {@code *}, since the ARN names
         * the request's own path ({@code /orders/{orderId}/events} → {@code /orders/*}{@code /events}).
         */
        public String invokeResourcePath() {
            return path.replaceAll("\\{[^}/]+}", "*");
        }

        /**
         * The id of the endpoint's CDK construct: its name, or {@code Default} for a service's only endpoint, which CDK
         * leaves out of its children's logical ids, so they stay what they were before endpoints were constructs.
         */
        public String constructId() {
            return idPrefix.isEmpty() ? "Default" : idPrefix;
        }

        /** The name as a Java variable: {@code OrdersEvents} → {@code ordersEvents}. */
        public String variable() {
            return Character.toLowerCase(name.charAt(0)) + name.substring(1);
        }
    }

    /** A path parameter: its name in the path and as a message attribute, as a Java identifier, and a sample value. */
    public record PathParameter(String name, String javaName, String sample) {}

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
                              boolean idempotencyTable, long idempotencyTtlSeconds, String groupKeySample, String dedupeKeySample) {

        /** The queue as a service's overview names it: {@code standard}, or FIFO and what orders it. */
        public String queueKind() {
            return fifo ? "FIFO, in order per `" + groupKey + "`" : "standard";
        }

        /** What happens to a duplicate, as the answers table says it. */
        public String duplicatesText() {
            return switch (dedupe) {
                case "field" -> "removed by `" + dedupeKey + "`";
                case "body" -> "removed by body";
                default -> "tolerated";
            };
        }
    }

    /**
     * The spans the README and the templates' comments name, as a reader writes them ({@code 4d}, {@code 1h30m},
     * {@link dev.sluice.answers.Durations#format}): the delay tolerance, a peak's length, the queue's and the
     * DLQ's retention, and how long an idempotency record lives.
     */
    public record DurationTexts(String maxDelay, String peakDuration, String retention, String dlqRetention,
                                String idempotencyTtl) {}

    /**
     * Moving dead letters back (the README's {@code aws sqs start-message-move-task}): at half what the consumers
     * process, so the redrive does not become a backlog of its own, within the 1 to {@link #MAX_MESSAGES_PER_SECOND}
     * messages per second SQS takes.
     */
    public record Redrive(long messagesPerSecond) {
        /** StartMessageMoveTask's largest MaxNumberOfMessagesPerSecond. */
        public static final int MAX_MESSAGES_PER_SECOND = 500;

        static Redrive of(double consumerRatePerSecond) {
            double half = consumerRatePerSecond / 2;
            return new Redrive(half > MAX_MESSAGES_PER_SECOND ? MAX_MESSAGES_PER_SECOND : half < 1 ? 1 : (long) Math.rint(half));
        }
    }

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

    /**
     * The REST API (built by {@link ProjectModelApi}): {@code POST path}, its resources, method, SQS integration,
     * mapping templates and responses, as both forms deploy it and the local pipeline runs it.
     *
     * @param auth                 {@code none}, {@code iam} or {@code api-key}
     * @param stage                the API's one stage: part of the URL, the Stage dimension of the API alarms
     * @param resources            one per path segment, root first
     * @param modelName            the request model's name (the root payload type)
     * @param authorizationType    the method's: {@code NONE} or {@code AWS_IAM}
     * @param methodParameters     the method's required request parameters: one {@code method.request.path.NAME} per path parameter
     * @param requestParameters    the integration's request header mappings, in order
     * @param integrationResponses SQS's answer made the client's, by SQS's HTTP status; the default (empty pattern) last
     * @param methodResponses      every status the method answers with
     * @param invalidBodyTemplate  the BAD_REQUEST_BODY gateway response's template (the model refused the body)
     * @param acceptedModelJson    the 202 answer's model (JSON Schema draft-04)
     * @param deploymentId         the deployment's logical id, with a hash of all the above and the request model
     */
    public record Api(String path, String auth, String stage, List<Resource> resources, String modelName,
                      String operationName, String authorizationType, boolean apiKeyRequired, List<String> methodParameters,
                      Map<String, String> requestParameters, MappingTemplate requestTemplate,
                      List<IntegrationResponse> integrationResponses, List<MethodResponse> methodResponses,
                      MappingTemplate invalidBodyTemplate, String acceptedModelJson, String deploymentId) {
        public Api {
            resources = List.copyOf(resources);
            methodParameters = List.copyOf(methodParameters);
            requestParameters = Collections.unmodifiableMap(new LinkedHashMap<>(requestParameters));
            integrationResponses = List.copyOf(integrationResponses);
            methodResponses = List.copyOf(methodResponses);
        }

        Api withDeploymentId(String id) {
            return new Api(path, auth, stage, resources, modelName, operationName, authorizationType, apiKeyRequired,
                    methodParameters, requestParameters, requestTemplate, integrationResponses, methodResponses, invalidBodyTemplate,
                    acceptedModelJson, id);
        }

        /** The logical id of the resource the method is on: the path's last segment. */
        public String methodResourceId() {
            return resources.get(resources.size() - 1).id();
        }
    }

    /**
     * An API Gateway resource: {@code pathPart} under {@code parentId}, or under the API's root resource when
     * {@code parentId} is empty.
     */
    public record Resource(String id, String pathPart, String parentId) {
        /** The path part as a YAML value: a parameter ({@code {orderId}}) in quotes, or YAML would read a mapping. */
        public String pathPartYaml() {
            return pathPart.startsWith("{") ? "\"" + pathPart + "\"" : pathPart;
        }
    }

    /**
     * How API Gateway answers for one kind of SQS answer: {@code selectionPattern} is matched against SQS's
     * HTTP status (empty: the default, when nothing else matches); {@code why} says what it means.
     */
    public record IntegrationResponse(String selectionPattern, String statusCode, MappingTemplate template, String why) {
        /** The selection pattern as a JSON string, quotes included; it is a Java string literal too. */
        public String selectionPatternLiteral() {
            return new MappingTemplate.Json().quote(selectionPattern);
        }
    }

    /** A status the method answers with, and what it means to the client. */
    public record MethodResponse(String statusCode, String description) {}

    /**
     * The payload as the project uses it: the Java types (root first), the API Gateway request model
     * (JSON Schema draft-04, pretty-printed) and a valid sample body (pretty-printed JSON).
     */
    public record Payload(String rootType, List<JavaType> types, String requestModelJson, String sampleJson) {
        public Payload {
            types = List.copyOf(types);
        }

        /**
         * The sample body as the lines of a Java text block, each indented by {@code indent} spaces: backslashes and
         * any triple quote escaped, so that the block's value is the sample's text.
         */
        public String sampleTextBlock(long indent) {
            String margin = " ".repeat((int) indent);
            return sampleJson.strip().lines()
                    .map(line -> margin + line.replace("\\", "\\\\").replace("\"\"\"", "\\\"\"\""))
                    .collect(Collectors.joining("\n"));
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
