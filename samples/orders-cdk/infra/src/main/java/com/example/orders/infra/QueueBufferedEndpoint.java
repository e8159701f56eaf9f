package com.example.orders.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.AwsIntegration;
import software.amazon.awscdk.services.apigateway.IntegrationOptions;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.PassthroughBehavior;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * One endpoint of a queue-buffered API: {@code POST path} is validated by API Gateway and sent to an SQS queue by
 * the API itself (no code), and a Java Lambda function consumes the queue in batches at a capped concurrency;
 * what fails on every receive lands in a dead-letter queue. The endpoint watches itself: its alarms, and its section
 * of the stack's dashboard.
 *
 * <p>What every endpoint of an API shares (the REST API and its stage, the request validator, the 202 answer's
 * model, the role API Gateway sends with, the monitoring key and the alarm topic) comes in {@link Shared}; the
 * stack builds those once. The endpoint's own numbers (queue, consumer, alarm thresholds, dashboard) come in
 * {@link Props}, which the endpoint's class in this package gives with the reason for each. The construct adds what does not vary: encryption,
 * TLS only, tracing, SnapStart, partial batch failures, and the checkov and cdk-nag exceptions, each with its reason.
 *
 * <p>The role in {@link Shared#sendMessageRole()} must be allowed {@code sqs:SendMessage} on {@link #queue()}: the
 * stack grants it once for all its endpoints, so that the role keeps one policy.
 */
public class QueueBufferedEndpoint extends Construct {
    /** The alias the queue invokes: SnapStart restores published versions only. */
    public static final String ALIAS = "live";

    /** Who may call the method. */
    public enum Auth {
        /** Anyone who knows the URL, within the throttle. */
        NONE,
        /** Callers sign with SigV4 as a principal allowed execute-api:Invoke on the method. */
        IAM,
        /** Callers send a key of the API's usage plan in the x-api-key header. */
        API_KEY
    }

    /**
     * What every endpoint of the API shares.
     *
     * @param api             the REST API the method is added to (its deployment stage is the alarms' Stage)
     * @param validator       validates the body against the endpoint's request model, and its parameters
     * @param acceptedModel   the 202 answer's model
     * @param sendMessageRole the role API Gateway assumes to call SendMessage
     * @param monitoringKey   encrypts the consumer's log group
     * @param alarmTopic      where every alarm reports when it fires and when it clears
     * @param consumerCode    the consumers' deployable jar (every endpoint's handler is in it)
     * @param runtime         the consumers' Java runtime
     * @param logRetention    how long the consumer's log lines are kept
     * @param namespace       the consumers' own metrics' namespace (POWERTOOLS_METRICS_NAMESPACE)
     */
    public record Shared(RestApi api, RequestValidator validator, Model acceptedModel, IRole sendMessageRole,
                         IKey monitoringKey, ITopic alarmTopic, Code consumerCode, Runtime runtime,
                         RetentionDays logRetention, String namespace) {}

    /**
     * One endpoint.
     *
     * @param shared          what the API's endpoints share
     * @param outputPrefix    the prefix of this endpoint's stack outputs ({@code QueueUrl} → {@code OrdersQueueUrl}); ""
     *                        for an API's only endpoint
     * @param serviceSuffix   appended to the stack's name for the consumer's service name (log lines, the
     *                        EndToEndDelay metric's Service dimension) and the alarms' names; "" for the only endpoint
     * @param method          the POST method
     * @param queues          the queue and its dead-letter queue
     * @param consumer        the Lambda function and its event source
     * @param heading         the markdown over the endpoint's graphs on the dashboard; null for none
     * @param alarms          the endpoint's alarms, in the order the dashboard lists them
     * @param dashboard       the endpoint's graphs, row by row
     */
    public record Props(Shared shared, String outputPrefix, String serviceSuffix, MethodProps method, QueueProps queues,
                        ConsumerProps consumer, String heading, List<Watch> alarms, List<List<Chart>> dashboard) {
        public Props {
            alarms = List.copyOf(alarms);
            dashboard = dashboard.stream().map(List::copyOf).toList();
        }
    }

    /**
     * The POST method.
     *
     * @param path               where it is, e.g. {@code /orders/{orderId}/events}
     * @param operationName      its name in the API (SDKs and the console show it)
     * @param requiredParameters the path parameters the method requires ({@code method.request.path.orderId})
     * @param auth               who may call it
     * @param modelName          the request model's name, unique in the API
     * @param modelDescription   what the request model says of itself in the console
     * @param requestModel       the request body's JSON Schema (draft-04)
     * @param sendMessage        the mapping template that makes the request an SQS SendMessage form
     * @param requestParameters  the integration's request headers, in order
     * @param responses          the integration's responses: what SQS answered, made the client's answer
     * @param statusCodes        the method's responses; 202 carries the accepted model
     */
    public record MethodProps(String path, String operationName, List<String> requiredParameters, Auth auth,
                              String modelName, String modelDescription, JsonSchema requestModel, String sendMessage,
                              Map<String, String> requestParameters, List<IntegrationResponse> responses,
                              List<String> statusCodes) {}

    /**
     * The queue and its dead-letter queue.
     *
     * @param visibilityTimeout          how long a received message stays hidden from other consumers
     * @param retention                  how long the queue keeps a message
     * @param maxMessageBytes            the largest message (both queues)
     * @param maxReceiveCount            receives of a message before it is dead-lettered
     * @param deadLetterRetention        how long the dead-letter queue keeps a message
     */
    public record QueueProps(Duration visibilityTimeout, Duration retention, int maxMessageBytes, int maxReceiveCount,
                             Duration deadLetterRetention) {}

    /**
     * The consumer.
     *
     * @param description      what the function says of itself in the console
     * @param handler          the handler, {@code package.Class::handleRequest}
     * @param memoryMb         the function's memory
     * @param timeout          the function's timeout
     * @param batchSize        messages per invocation at most
     * @param batchingWindow   how long Lambda gathers a batch; null for none (a FIFO queue takes none)
     * @param maxConcurrency   concurrent invocations the event source makes at most
     */
    public record ConsumerProps(String description, String handler, int memoryMb, Duration timeout, int batchSize,
                                Duration batchingWindow, int maxConcurrency) {}

    /** One of this endpoint's metrics (or metric math over them), as an alarm or a graph line reads it. */
    @FunctionalInterface
    public interface MetricOf {
        IMetric of(QueueBufferedEndpoint endpoint);
    }

    /** The lines of a graph, from this endpoint's metrics. */
    @FunctionalInterface
    public interface MetricsOf {
        List<? extends IMetric> of(QueueBufferedEndpoint endpoint);
    }

    /**
     * An alarm on this endpoint's metrics, named after the stack (and the endpoint's suffix); it notifies the alarm
     * topic when it fires and when it clears.
     */
    public record Watch(String id, String name, String description, MetricOf metric, ComparisonOperator comparison,
                        Number threshold, int evaluationPeriods, int datapointsToAlarm) {}

    /** A graph on the dashboard: one-minute points, 6 high, with the plan's limits as horizontal lines. */
    public record Chart(String title, int width, MetricsOf metrics, List<HorizontalAnnotation> limits) {
        public Chart {
            limits = List.copyOf(limits);
        }
    }

    private final Props props;
    private final Queue deadLetterQueue;
    private final Queue queue;
    private final Method method;
    private final LogGroup consumerLog;
    private final Function function;
    private final List<Alarm> alarms;

    public QueueBufferedEndpoint(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        deadLetterQueue = createDeadLetterQueue();
        queue = createQueue();
        method = createMethod();
        consumerLog = createConsumerLog();
        function = createConsumer();
        alarms = props.alarms().stream().map(this::alarm).toList();
        outputs();
    }

    public Queue queue() {
        return queue;
    }

    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    public Method method() {
        return method;
    }

    public Function function() {
        return function;
    }

    /** The consumer's JSON log lines, each with the correlation id of its request. */
    public LogGroup consumerLog() {
        return consumerLog;
    }

    /** The endpoint's alarms, in the order of {@link Props#alarms()}. */
    public List<Alarm> alarms() {
        return alarms;
    }

    /**
     * The consumer's service name: the stack's, and the endpoint's suffix, so that two deployments (say staging and
     * prod, as two stacks) in one account, and two endpoints in one stack, keep their figures apart.
     */
    public String serviceName() {
        return Stack.of(this).getStackName() + props.serviceSuffix();
    }

    /**
     * One of the consumer's own metrics, e.g. EndToEndDelay (ms from the API's accept to processed):
     * POWERTOOLS_METRICS_NAMESPACE, with {@link #serviceName()} as the Service dimension.
     */
    public Metric serviceMetric(String metricName, MetricOptions options) {
        return Metric.Builder.create()
                .namespace(props.shared().namespace())
                .metricName(metricName)
                .dimensionsMap(Map.of("Service", serviceName()))
                .build()
                .with(options);
    }

    /** Adds the endpoint's section to the dashboard: its heading, if any, then its graphs, a row per call. */
    public void addTo(Dashboard dashboard) {
        if (props.heading() != null) {
            dashboard.addWidgets(TextWidget.Builder.create().markdown(props.heading()).width(24).height(2).build());
        }
        for (List<Chart> row : props.dashboard()) {
            dashboard.addWidgets(row.stream()
                    .map(chart -> graph(chart.title(), chart.width(), chart.metrics().of(this), chart.limits()))
                    .toArray(IWidget[]::new));
        }
    }

    /** A graph of one-minute points, 6 high, with the plan's limits as horizontal lines. */
    public static GraphWidget graph(String title, int width, List<? extends IMetric> metrics,
                                    List<HorizontalAnnotation> limits) {
        GraphWidget.Builder graph = GraphWidget.Builder.create()
                .title(title)
                .width(width)
                .height(6)
                .period(Duration.minutes(1))
                .left(metrics);
        if (!limits.isEmpty()) {
            graph.leftAnnotations(limits);
        }
        return graph.build();
    }

    // ------------------------------------------------------------------ API Gateway → SQS

    private Method createMethod() {
        MethodProps m = props.method();
        RestApi api = props.shared().api();
        Model requestModel = api.addModel(props.outputPrefix() + "RequestModel", ModelOptions.builder()
                .modelName(m.modelName())
                .contentType("application/json")
                .description(m.modelDescription())
                .schema(m.requestModel())
                .build());
        Map<String, Boolean> parameters = new LinkedHashMap<>();
        m.requiredParameters().forEach(parameter -> parameters.put(parameter, true));
        MethodOptions.Builder options = MethodOptions.builder()
                .operationName(m.operationName())
                .requestValidator(props.shared().validator())
                .requestModels(Map.of("application/json", requestModel))
                .methodResponses(m.statusCodes().stream().map(code -> code.equals("202")
                        ? MethodResponse.builder()
                                .statusCode(code)
                                .responseModels(Map.of("application/json", props.shared().acceptedModel()))
                                .build()
                        : MethodResponse.builder().statusCode(code).build()).toList());
        if (!parameters.isEmpty()) {
            options.requestParameters(parameters);
        }
        switch (m.auth()) {
            case IAM -> options.authorizationType(AuthorizationType.IAM);
            case API_KEY -> options.authorizationType(AuthorizationType.NONE).apiKeyRequired(true);
            case NONE -> options.authorizationType(AuthorizationType.NONE);
        }
        Method method = api.getRoot().resourceForPath(m.path()).addMethod("POST", sendToQueue(), options.build());
        switch (m.auth()) {
            case NONE -> {
                checkovSkips(method, new Skip("CKV_AWS_59", "Open by choice (--auth none): the body is validated, the"
                        + " stage throttled, and SQS is reached only through the integration role; choose --auth iam or"
                        + " api-key to restrict callers."));
                NagSuppressions.addResourceSuppressions(method, List.of(
                        suppress("AwsSolutions-APIG4", "Open by choice (--auth none); regenerate with --auth iam or"
                                + " api-key, or add an authorizer to the method, to restrict callers."),
                        suppress("AwsSolutions-COG4", "Open by choice (--auth none); no Cognito user pool is involved.")));
            }
            case IAM -> NagSuppressions.addResourceSuppressions(method, List.of(
                    suppress("AwsSolutions-COG4", "Callers are authorized by IAM (SigV4), not by a Cognito user pool.")));
            case API_KEY -> NagSuppressions.addResourceSuppressions(method, List.of(
                    suppress("AwsSolutions-APIG4", "Callers are identified by an API key of the usage plan (--auth"
                            + " api-key); regenerate with --auth iam for authorization by IAM."),
                    suppress("AwsSolutions-COG4", "Callers send an API key of the usage plan; no Cognito user pool is"
                            + " involved.")));
        }
        return method;
    }

    /**
     * The SQS integration: API Gateway calls SendMessage itself, with the shared role, and answers 202 with the
     * message id.
     */
    private AwsIntegration sendToQueue() {
        MethodProps m = props.method();
        return AwsIntegration.Builder.create()
                .service("sqs")
                // The SQS query API path: account id / queue name.
                .path(Stack.of(this).getAccount() + "/" + queue.getQueueName())
                .integrationHttpMethod("POST")
                .options(IntegrationOptions.builder()
                        .credentialsRole(props.shared().sendMessageRole())
                        // Only application/json has a request template: any other content type is refused (415).
                        .passthroughBehavior(PassthroughBehavior.NEVER)
                        // The SQS query API takes a form, and answers in JSON (success or error) when asked to.
                        .requestParameters(m.requestParameters())
                        .requestTemplates(Map.of("application/json", m.sendMessage()))
                        .integrationResponses(m.responses())
                        .build())
                .build();
    }

    // ------------------------------------------------------------------ SQS

    private Queue createDeadLetterQueue() {
        QueueProps q = props.queues();
        Queue.Builder dlq = Queue.Builder.create(this, "DeadLetterQueue")
                .retentionPeriod(q.deadLetterRetention())
                // the source queue's limit, so every message it dead-letters fits
                .maxMessageSizeBytes(q.maxMessageBytes())
                .encryption(QueueEncryption.SQS_MANAGED)
                // A queue policy that denies every action over plain HTTP.
                .enforceSsl(true);
        Queue built = dlq.build();
        checkovSkips(built, new Skip("CKV_AWS_27", "Encrypted at rest with SSE-SQS (SqsManagedSseEnabled); the check only"
                + " recognises a KMS key, which would add a KMS request per message and kms permissions for the"
                + " consumer and the redrive."));
        return built;
    }

    private Queue createQueue() {
        QueueProps q = props.queues();
        Queue.Builder builder = Queue.Builder.create(this, "Queue")
                .visibilityTimeout(q.visibilityTimeout())
                .retentionPeriod(q.retention())
                .maxMessageSizeBytes(q.maxMessageBytes())
                .encryption(QueueEncryption.SQS_MANAGED)
                // A queue policy that denies every action over plain HTTP.
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        .maxReceiveCount(q.maxReceiveCount())
                        .build());
        Queue built = builder.build();
        checkovSkips(built, new Skip("CKV_AWS_27", "Encrypted at rest with SSE-SQS (SqsManagedSseEnabled); the check"
                + " only recognises a KMS key, which would add a KMS request per message and kms permissions for the"
                + " API role and the consumer."));
        return built;
    }

    // ------------------------------------------------------------------ Lambda consumer

    private LogGroup createConsumerLog() {
        return LogGroup.Builder.create(this, "ConsumerLogGroup")
                .logGroupName("/aws/lambda/" + serviceName() + "-consumer")
                .retention(props.shared().logRetention())
                .encryptionKey(props.shared().monitoringKey())
                // As in the SAM form; a kept group would also block a new stack of the same name.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    private Function createConsumer() {
        ConsumerProps c = props.consumer();
        Role role = Role.Builder.create(this, "ConsumerRole")
                .description(roleDescription())
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        consumerLog.grantWrite(role);

        Function function = Function.Builder.create(this, "ConsumerFunction")
                .description(c.description())
                .code(props.shared().consumerCode())
                .handler(c.handler())
                .runtime(props.shared().runtime())
                // Graviton: about 20% cheaper than x86_64 for the same memory; SnapStart supports it.
                .architecture(Architecture.ARM_64)
                .memorySize(c.memoryMb())
                .timeout(c.timeout())
                .role(role)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                // Adds xray:PutTraceSegments and xray:PutTelemetryRecords to the role.
                .tracing(Tracing.ACTIVE)
                .logGroup(consumerLog)
                .build();
        // The service field of every log line and the Service dimension of the EndToEndDelay metric.
        function.addEnvironment("POWERTOOLS_SERVICE_NAME", serviceName());
        // The consumer's own metrics (EndToEndDelay), written as embedded-metric-format log lines.
        function.addEnvironment("POWERTOOLS_METRICS_NAMESPACE", props.shared().namespace());
        // The metrics library's environment, named: otherwise it probes for EC2's and ECS's metadata services too,
        // in the background on its first flush, and again after every restore from a SnapStart snapshot.
        function.addEnvironment("AWS_EMF_ENVIRONMENT", "Lambda");
        // SnapStart restores published versions only: the queue invokes the alias of the latest one.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "The queue invokes the alias " + ALIAS + ", which points at the function's current published version.");
        Alias alias = Alias.Builder.create(this, "ConsumerAlias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
        SqsEventSource.Builder source = SqsEventSource.Builder.create(queue)
                .batchSize(c.batchSize())
                .maxConcurrency(c.maxConcurrency())
                // The handler reports each failed record; the rest of the batch is deleted.
                .reportBatchItemFailures(true);
        if (c.batchingWindow() != null) {
            source.maxBatchingWindow(c.batchingWindow());
        }
        alias.addEventSource(source.build());

        checkovSkips(function,
                new Skip("CKV_AWS_115", "Concurrency is capped at the event source (ScalingConfig.MaximumConcurrency)."
                        + " Reserved concurrency would withhold account quota from other functions and, set below the"
                        + " cap, throttle batches."),
                new Skip("CKV_AWS_116", "A function DLQ catches failed asynchronous invocations only; the queue invokes"
                        + " synchronously and its RedrivePolicy moves a failing message to DeadLetterQueue."),
                new Skip("CKV_AWS_117", "The consumer calls only AWS APIs so far; put it in the downstream's VPC"
                        + " (vpc, vpcSubnets) when the team's business logic reaches one."),
                new Skip("CKV_AWS_173", "The variables are the service name and metrics namespace printed in log lines"
                        + environmentAlso() + ", nothing secret; Lambda encrypts them at rest with its AWS managed key."));
        // Function makes itself depend on its role, which the role's ARN already implies: cfn-lint's W3005.
        // The same DependsOn also names the role's policy, which nothing else orders before the function.
        cfnLintIgnores(function, "W3005");
        NagSuppressions.addResourceSuppressions(role, List.of(
                suppress("AwsSolutions-IAM5", "X-Ray accepts trace segments only on \"*\".", "Resource::*")), true);
        if (props.shared().runtime().getName().equals("java21")) {
            NagSuppressions.addResourceSuppressions(function, List.of(
                    suppress("AwsSolutions-L1", "java21 was chosen (--runtime java21), a supported LTS runtime;"
                            + " regenerate with --runtime java25 to move to the newest.")));
        }
        return function;
    }

    private String roleDescription() {
        return "Execution role of the consumer; reads this queue and writes its own log group only.";
    }

    /** What the consumer's environment holds besides its service name and metrics namespace. */
    private String environmentAlso() {
        return "";
    }

    // ------------------------------------------------------------------ Alarms and outputs

    private Alarm alarm(Watch watch) {
        Alarm alarm = Alarm.Builder.create(this, watch.id())
                .alarmName(serviceName() + "-" + watch.name())
                .alarmDescription(watch.description())
                .metric(watch.metric().of(this))
                .comparisonOperator(watch.comparison())
                .threshold(watch.threshold())
                .evaluationPeriods(watch.evaluationPeriods())
                .datapointsToAlarm(watch.datapointsToAlarm())
                // No data is no breach: a quiet endpoint is a healthy one.
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(props.shared().alarmTopic()));
        alarm.addOkAction(new SnsAction(props.shared().alarmTopic()));
        return alarm;
    }

    private void outputs() {
        output("ApiUrl", "POST requests here.", props.shared().api().urlForPath(props.method().path()));
        output("QueueUrl", null, queue.getQueueUrl());
        output("QueueArn", null, queue.getQueueArn());
        output("DeadLetterQueueUrl", null, deadLetterQueue.getQueueUrl());
        output("DeadLetterQueueArn", null, deadLetterQueue.getQueueArn());
        output("ConsumerFunctionName", null, function.getFunctionName());
    }

    /** A stack output named by the endpoint's prefix: the README's commands read them by these names. */
    private void output(String id, String description, String value) {
        CfnOutput output = CfnOutput.Builder.create(this, id).description(description).value(value).build();
        output.overrideLogicalId(props.outputPrefix() + id);
    }

    // ------------------------------------------------------------------ Checks

    static NagPackSuppression suppress(String id, String reason, String... appliesTo) {
        NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(id).reason(reason);
        if (appliesTo.length > 0) {
            suppression.appliesTo(List.of(appliesTo));
        }
        return suppression.build();
    }

    /**
     * cfn-lint checks to skip on one resource, in its Metadata where cfn-lint reads them (the call
     * says why). Like checkov's skips, metadata has no L2 form.
     */
    static void cfnLintIgnores(IConstruct construct, String... checks) {
        CfnResource resource = (CfnResource) construct.getNode().getDefaultChild();
        resource.addMetadata("cfn-lint", Map.of("config", Map.of("ignore_checks", List.of(checks))));
    }

    /** A checkov check a resource does not meet on purpose, and why. */
    record Skip(String id, String comment) {}

    /**
     * Writes checkov's skips into the resource's Metadata, where checkov reads them. CloudFormation
     * metadata has no L2 form: here and in cfnLintIgnores the construct touches the L1 resources, for
     * metadata only.
     */
    static void checkovSkips(IConstruct construct, Skip... skips) {
        CfnResource resource = (CfnResource) construct.getNode().getDefaultChild();
        resource.addMetadata("checkov", Map.of("skip", Arrays.stream(skips).map(skip -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("id", skip.id());
            entry.put("comment", skip.comment());
            return entry;
        }).toList()));
    }
}
