package com.example.orders.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.AwsIntegration;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IntegrationOptions;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonSchemaVersion;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.PassthroughBehavior;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.PeriodOverride;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.QueryDefinition;
import software.amazon.awscdk.services.logs.QueryString;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * orders: POST /orders is validated by API Gateway, queued in SQS without code, and
 * processed in batches by a Java Lambda function at a capped concurrency.
 *
 * <p>The resources of Sluice's AWS SAM form, built from CDK's L2 constructs. Every derived number
 * comes from the plan Sluice made from the answers, with the plan's reason beside it; the README's
 * "Derived settings" explains each, and {@code OrdersStackTest} fails if this stack and the plan
 * drift apart. cdk-nag's AWS Solutions rules check it on every synth: each suppression below says why.
 */
public class OrdersStack extends Stack {
    /** The API's one stage: part of the URL, and the Stage dimension of the API alarms. */
    static final String STAGE = "prod";
    /** The alias the queue invokes: SnapStart restores published versions only. */
    static final String ALIAS = "live";

    /** One JSON line per request: who called, what the client got, and what SQS answered. */
    private static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"extendedRequestId\":\"$context.extendedRequestId\",\"requestTime\":\"$context.requestTime\","
            + "\"ip\":\"$context.identity.sourceIp\","
            + "\"httpMethod\":\"$context.httpMethod\",\"resourcePath\":\"$context.resourcePath\","
            + "\"status\":\"$context.status\",\"responseLength\":\"$context.responseLength\","
            + "\"responseLatency\":\"$context.responseLatency\",\"integrationStatus\":\"$context.integration.status\","
            + "\"integrationLatency\":\"$context.integration.latency\",\"error\":\"$context.error.message\","
            + "\"validationError\":\"$context.error.validationErrorString\"}";
    /**
     * The SQS query API's SendMessage as a form: the body, and the API request id as the message
     * attribute correlationId, which the consumer puts into every log line. Each line ends in ##, a
     * Velocity comment that swallows the line break: the form is one line.
     */
    private static final String SEND_MESSAGE = """
            Action=SendMessage##
            &MessageBody=$util.urlEncode($input.body)##
            &MessageAttribute.1.Name=correlationId##
            &MessageAttribute.1.Value.DataType=String##
            &MessageAttribute.1.Value.StringValue=$context.requestId##""";
    /** 400: which part of the body the request model refused. */
    private static final String INVALID_BODY = """
            {"message": "$context.error.validationErrorString", "requestId": "$context.requestId"}""";

    private final Key monitoringKey;
    private final LogGroup accessLog;
    private final LogGroup consumerLog;
    private final Queue deadLetterQueue;
    private final Queue queue;
    private final RestApi api;
    private final Function function;
    private final Topic alarmTopic;

    /**
     * @param functionJar the consumer's deployable jar, {@code function/target/function.jar}
     */
    public OrdersStack(Construct scope, String id, StackProps props, Path functionJar) {
        super(scope, id, props);
        monitoringKey = monitoringKey();
        accessLog = accessLog();
        consumerLog = consumerLog();
        deadLetterQueue = deadLetterQueue();
        queue = queue();
        api = api();
        function = consumer(functionJar);
        alarmTopic = alarmTopic();
        Dashboard dashboard = dashboard(alarms());
        queries();
        outputs(dashboard);
    }

    // ------------------------------------------------------------------ API Gateway → SQS

    /** One JSON line per request (ACCESS_LOG_FORMAT). */
    private LogGroup accessLog() {
        return LogGroup.Builder.create(this, "ApiAccessLogGroup")
                // Asked (default 30): longer than the DLQ keeps a message (14 days), so a dead-lettered
                // request's log lines still exist.
                .retention(RetentionDays.ONE_MONTH)
                .encryptionKey(monitoringKey)
                // Deleted with the stack, as in the SAM form.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    private RestApi api() {
        boolean createAccountRole = createApiGatewayAccountRole();
        RestApi api = RestApi.Builder.create(this, "Api")
                // The API Gateway alarms find the API by this name.
                .restApiName(getStackName() + "-api")
                .description("POST /orders: validates the body and queues it for orders.")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                // API Gateway writes stage logs only once the account has a CloudWatch role (one per account
                // and region); RestApi creates and registers one, both kept when the stack is deleted because
                // every other API in the account and region depends on the setting.
                .cloudWatchRole(createAccountRole)
                .deployOptions(StageOptions.builder()
                        .stageName(STAGE)
                        .tracingEnabled(true)
                        .accessLogDestination(new LogGroupLogDestination(accessLog))
                        .accessLogFormat(AccessLogFormat.custom(ACCESS_LOG_FORMAT))
                        // 20% above the stated peak, so the API sheds load the consumer was never sized for (at most
                        // the account's 10,000).
                        .throttlingRateLimit(60)
                        // One second of traffic at the rate limit (at least 10, at most the account's 5,000).
                        .throttlingBurstLimit(60)
                        .dataTraceEnabled(false)
                        .build())
                .build();
        if (createAccountRole) {
            // The stage turns on access logging, which API Gateway refuses until the account setting exists.
            api.getDeploymentStage().getNode().addDependency(api.getNode().findChild("Account"));
            NagSuppressions.addResourceSuppressions(api.getNode().findChild("CloudWatchRole"), List.of(
                    suppress("AwsSolutions-IAM4", "API Gateway's account-wide CloudWatch role uses AWS's own policy for"
                            + " it, which AWS keeps up to date with what the service writes.",
                            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                    + "AmazonAPIGatewayPushToCloudWatchLogs")));
        }

        Model requestModel = api.addModel("RequestModel", ModelOptions.builder()
                .modelName("Order")
                .contentType("application/json")
                .description("The request body; the same document as function/src/main/resources/request-model.json.")
                .schema(RequestModelSchema.read())
                .build());
        Map<String, JsonSchema> accepted = new TreeMap<>();
        accepted.put("messageId", JsonSchema.builder().type(JsonSchemaType.STRING).build());
        accepted.put("requestId", JsonSchema.builder().type(JsonSchemaType.STRING).build());
        Model acceptedModel = api.addModel("AcceptedModel", ModelOptions.builder()
                .modelName("Accepted")
                .contentType("application/json")
                .schema(JsonSchema.builder()
                        .schema(JsonSchemaVersion.DRAFT4)
                        .title("Accepted")
                        .type(JsonSchemaType.OBJECT)
                        .properties(accepted)
                        .build())
                .build());

        MethodOptions post = MethodOptions.builder()
                .operationName("acceptOrder")
                .requestValidator(api.addRequestValidator("RequestValidator", RequestValidatorOptions.builder()
                        .requestValidatorName("body-and-parameters")
                        .validateRequestBody(true)
                        // The method declares no parameters, so only the body is checked today; parameters the
                        // team declares later are enforced too (cdk-nag AwsSolutions-APIG2 asks for both).
                        .validateRequestParameters(true)
                        .build()))
                .requestModels(Map.of("application/json", requestModel))
                // Open, as chosen (--auth none): anyone who knows the URL may call it, within the throttle.
                .authorizationType(AuthorizationType.NONE)
                .methodResponses(List.of(
                        // Accepted and queued; processed asynchronously.
                        MethodResponse.builder()
                                .statusCode("202")
                                .responseModels(Map.of("application/json", acceptedModel))
                                .build(),
                        // The body does not match the request model, or SQS refused it as invalid; sending it again
                        // will not succeed.
                        MethodResponse.builder().statusCode("400").build(),
                        // The body is not application/json.
                        MethodResponse.builder().statusCode("415").build(),
                        // Throttled; retry with backoff.
                        MethodResponse.builder().statusCode("429").build(),
                        // The request could not be queued; retry later.
                        MethodResponse.builder().statusCode("500").build()))
                .build();
        Method method = api.getRoot().resourceForPath("/orders").addMethod("POST", sendToQueue(), post);

        api.addGatewayResponse("BadRequestBody", GatewayResponseOptions.builder()
                .type(ResponseType.BAD_REQUEST_BODY)
                .statusCode("400")
                .templates(Map.of("application/json", INVALID_BODY))
                .build());

        checkovSkips(api.getDeploymentStage(), new Skip("CKV_AWS_120", "A cached POST would be answered from the cache"
                + " without queueing the request; nothing here may be cached."));
        NagSuppressions.addResourceSuppressions(api.getDeploymentStage(), List.of(
                suppress("AwsSolutions-APIG6", "The access log records every request with its status, error and"
                        + " integrationStatus; execution logs would add per-method lines that may quote bodies."),
                suppress("AwsSolutions-APIG3", "A WAF web ACL is an account-level choice with costs of its own; the"
                        + " stage is throttled and the body validated before anything reaches the queue.")));
        checkovSkips(method, new Skip("CKV_AWS_59", "Open by choice (--auth none): the body is validated, the stage"
                + " throttled, and SQS is reached only through the integration role; choose --auth iam or api-key to"
                + " restrict callers."));
        NagSuppressions.addResourceSuppressions(method, List.of(
                suppress("AwsSolutions-APIG4", "Open by choice (--auth none); regenerate with --auth iam or api-key, or"
                        + " add an authorizer to the method, to restrict callers."),
                suppress("AwsSolutions-COG4", "Open by choice (--auth none); no Cognito user pool is involved.")));
        return api;
    }

    /**
     * The SQS integration: API Gateway calls SendMessage itself, with a role that may do nothing
     * else, and answers 202 with the message id.
     */
    private AwsIntegration sendToQueue() {
        // Only sqs:SendMessage on this queue: Queue.grantSendMessages would add GetQueueAttributes and GetQueueUrl.
        Role role = Role.Builder.create(this, "ApiSendMessageRole")
                .description("Assumed by API Gateway to put requests on the queue; may do nothing else.")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .inlinePolicies(Map.of("send-to-queue", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .actions(List.of("sqs:SendMessage"))
                                .resources(List.of(queue.getQueueArn()))
                                .build()))
                        .build()))
                .build();
        return AwsIntegration.Builder.create()
                .service("sqs")
                // The SQS query API path: account id / queue name.
                .path(getAccount() + "/" + queue.getQueueName())
                .integrationHttpMethod("POST")
                .options(IntegrationOptions.builder()
                        .credentialsRole(role)
                        // Only application/json has a request template: any other content type is refused (415).
                        .passthroughBehavior(PassthroughBehavior.NEVER)
                        // The SQS query API takes a form, and answers in JSON (success or error) when asked to.
                        .requestParameters(requestParameters())
                        .requestTemplates(Map.of("application/json", SEND_MESSAGE))
                        .integrationResponses(integrationResponses())
                        .build())
                .build();
    }

    /** The integration's request headers, in this order. */
    private static Map<String, String> requestParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("integration.request.header.Content-Type", "'application/x-www-form-urlencoded'");
        parameters.put("integration.request.header.Accept", "'application/json'");
        return parameters;
    }

    /**
     * What SQS answered, made the client's answer; each is selected by SQS's HTTP status, the last (no
     * pattern) is the default.
     */
    private static List<IntegrationResponse> integrationResponses() {
        return List.of(
                // SQS queued the message: 202 with its id, and the request id the logs carry.
                IntegrationResponse.builder()
                        .selectionPattern("2\\d{2}")
                        .statusCode("202")
                        .responseTemplates(Map.of("application/json", """
                                {"messageId": "$input.path('$.SendMessageResponse.SendMessageResult.MessageId')", "requestId": "$context.requestId"}"""))
                        .build(),
                // SQS refused it: 400 (do not send it again) if the message is invalid, else 500 (retry
                // later).
                IntegrationResponse.builder()
                        .selectionPattern("400")
                        .statusCode("400")
                        .responseTemplates(Map.of("application/json", """
                                #set($code = $input.path('$.Error.Code'))##
                                #if("$!code" == "")#set($code = $input.path('$.ErrorResponse.Error.Code'))#end##
                                #if($code == "InvalidParameterValue" || $code == "InvalidMessageContents")##
                                {"message": "SQS refused the request: $code; sending it again will not succeed.", "requestId": "$context.requestId"}##
                                #else##
                                #set($context.responseOverride.status = 500)##
                                {"message": "The request could not be queued; retry later.", "requestId": "$context.requestId"}##
                                #end##"""))
                        .build(),
                // Any other answer from SQS: 500 (retry later); what it said shows in the access log.
                IntegrationResponse.builder()
                        .statusCode("500")
                        .responseTemplates(Map.of("application/json", """
                                {"message": "The request could not be queued; retry later.", "requestId": "$context.requestId"}"""))
                        .build());
    }

    // ------------------------------------------------------------------ SQS

    /** Receives of a message before SQS moves it to the dead-letter queue: the queue's redrive policy. */
    private static final int MAX_RECEIVE_COUNT = 5;

    private Queue deadLetterQueue() {
        Queue dlq = Queue.Builder.create(this, "DeadLetterQueue")
                // 14d. The maximum: a dead-lettered message keeps its original enqueue time, so the DLQ must
                // keep it longer than the queue.
                .retentionPeriod(Duration.seconds(1209600))
                // the source queue's limit, so every message it dead-letters fits
                .maxMessageSizeBytes(66560)
                .encryption(QueueEncryption.SQS_MANAGED)
                // A queue policy that denies every action over plain HTTP.
                .enforceSsl(true)
                .build();
        checkovSkips(dlq, new Skip("CKV_AWS_27", "Encrypted at rest with SSE-SQS (SqsManagedSseEnabled); the check only"
                + " recognises a KMS key, which would add a KMS request per message and kms permissions for the"
                + " consumer and the redrive."));
        return dlq;
    }

    private Queue queue() {
        Queue queue = Queue.Builder.create(this, "Queue")
                // 6 × function timeout (78 s) + batching window (90 s), AWS's rule for a Lambda consumer
                .visibilityTimeout(Duration.seconds(558))
                // 4d. The SQS default of 4 days unless twice the tolerance or three times the simulated worst
                // age (2m15s) needs longer; at most 10 days, so that a dead letter still has at least 4 of the
                // DLQ's 14 days.
                .retentionPeriod(Duration.seconds(345600))
                // The largest body (64 KiB) plus 1 KiB for message attributes, within SQS's 1 MiB.
                .maxMessageSizeBytes(66560)
                .encryption(QueueEncryption.SQS_MANAGED)
                // A queue policy that denies every action over plain HTTP.
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        // AWS advises at least 5 so that throttled or interrupted batches do not dead-letter healthy
                        // messages.
                        .maxReceiveCount(MAX_RECEIVE_COUNT)
                        .build())
                .build();
        checkovSkips(queue, new Skip("CKV_AWS_27", "Encrypted at rest with SSE-SQS (SqsManagedSseEnabled); the check"
                + " only recognises a KMS key, which would add a KMS request per message and kms permissions for the"
                + " API role and the consumer."));
        return queue;
    }

    // ------------------------------------------------------------------ Lambda consumer

    /** The consumer's JSON log lines, each with the correlation id of its request. */
    private LogGroup consumerLog() {
        return LogGroup.Builder.create(this, "ConsumerLogGroup")
                .logGroupName("/aws/lambda/" + getStackName() + "-consumer")
                // Asked (default 30): longer than the DLQ keeps a message (14 days), so a dead-lettered
                // request's log lines still exist.
                .retention(RetentionDays.ONE_MONTH)
                .encryptionKey(monitoringKey)
                // As in the SAM form; a kept group would also block a new stack of the same name.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    private Function consumer(Path functionJar) {
        Role role = Role.Builder.create(this, "ConsumerRole")
                .description("Execution role of the consumer; reads this queue and writes its own log group only.")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        consumerLog.grantWrite(role);

        Function function = Function.Builder.create(this, "ConsumerFunction")
                .description("Processes orders requests from the queue in batches, reporting partial"
                        + " failures.")
                .code(Code.fromAsset(functionJar.toString()))
                .handler("com.example.orders.OrderHandler::handleRequest")
                .runtime(Runtime.JAVA_21)
                // Graviton: about 20% cheaper than x86_64 for the same memory; SnapStart supports it.
                .architecture(Architecture.ARM_64)
                // Lambda gives CPU in proportion to memory; 1024 MB keeps the JVM's JIT and JSON parsing
                // quick.
                .memorySize(1024)
                // 1.5 × a full batch at the worst processing time (500 ms), plus 10 s for start-up.
                .timeout(Duration.seconds(78))
                .role(role)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                // Adds xray:PutTraceSegments and xray:PutTelemetryRecords to the role.
                .tracing(Tracing.ACTIVE)
                .logGroup(consumerLog)
                .build();
        // The service field of every log line and the Service dimension of the EndToEndDelay metric: the stack,
        // so that two deployments (say staging and prod, as two stacks) in one account keep their figures apart.
        function.addEnvironment("POWERTOOLS_SERVICE_NAME", getStackName());
        // The consumer's own metrics (EndToEndDelay), written as embedded-metric-format log lines.
        function.addEnvironment("POWERTOOLS_METRICS_NAMESPACE", "orders");
        // SnapStart restores published versions only: the queue invokes the alias of the latest one.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "The queue invokes the alias " + ALIAS + ", which points at the function's current published version.");
        Alias alias = Alias.Builder.create(this, "ConsumerAlias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
        alias.addEventSource(SqsEventSource.Builder.create(queue)
                // The cheapest size (fewest invocations and SQS requests a month) that keeps the worst age
                // within the tolerance; at 5 requests/s a batch holds about 90. At most 93: the 6 MB invoke
                // payload at 64 KiB a message.
                .batchSize(90)
                // Lambda's 5 pollers share the traffic: at 5 requests/s each gathers about 90 of 90 messages
                // in 90 s. A message that finds no backlog is done within 2m15s (its window and a full batch
                // at the worst time).
                .maxBatchingWindow(Duration.seconds(90))
                // The smallest cap whose simulated worst message age over the 15m peak of 50 requests/s stays
                // within 80% of the tolerance (4m): 2m15s; 4 would reach 4m37s.
                .maxConcurrency(5)
                // The handler reports each failed record; the rest of the batch is deleted.
                .reportBatchItemFailures(true)
                .build());

        checkovSkips(function,
                new Skip("CKV_AWS_115", "Concurrency is capped at the event source (ScalingConfig.MaximumConcurrency)."
                        + " Reserved concurrency would withhold account quota from other functions and, set below the"
                        + " cap, throttle batches."),
                new Skip("CKV_AWS_116", "A function DLQ catches failed asynchronous invocations only; the queue invokes"
                        + " synchronously and its RedrivePolicy moves a failing message to DeadLetterQueue."),
                new Skip("CKV_AWS_117", "The consumer calls only AWS APIs so far; put it in the downstream's VPC"
                        + " (vpc, vpcSubnets) when the team's business logic reaches one."),
                new Skip("CKV_AWS_173", "The variables are the service name and metrics namespace printed in log lines"
                        + ", nothing secret; Lambda encrypts them at rest"
                        + " with its AWS managed key."));
        // Function makes itself depend on its role, which the role's ARN already implies: cfn-lint's W3005.
        // The same DependsOn also names the role's policy, which nothing else orders before the function.
        cfnLintIgnores(function, "W3005");
        NagSuppressions.addResourceSuppressions(role, List.of(
                suppress("AwsSolutions-IAM5", "X-Ray accepts trace segments only on \"*\".", "Resource::*")), true);
        NagSuppressions.addResourceSuppressions(function, List.of(
                suppress("AwsSolutions-L1", "java21 was chosen (--runtime java21), a supported LTS runtime; regenerate"
                        + " with --runtime java25 to move to the newest.")));
        return function;
    }

    // ------------------------------------------------------------------ Alarms

    /**
     * One customer managed key for what the stack records about itself: the AWS managed SNS key would
     * not let CloudWatch publish alarms, and log lines may quote payloads.
     */
    private Key monitoringKey() {
        String anyLogGroup = formatArn(ArnComponents.builder()
                .service("logs")
                .resource("log-group")
                .resourceName("*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
        Key key = Key.Builder.create(this, "MonitoringKey")
                .description("Encrypts the orders log groups and alarm topic.")
                .enableKeyRotation(true)
                // As in the SAM form: deleted with the stack (after KMS's waiting period), like the log groups.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchPublishesAlarms")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchLogsEncryptsLogGroups")
                .principals(List.of(new ServicePrincipal("logs." + getRegion() + ".amazonaws.com")))
                .actions(List.of(
                        "kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"))
                .resources(List.of("*"))
                // Only for this account's log groups in this region.
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", anyLogGroup)))
                .build());
        return key;
    }

    private Topic alarmTopic() {
        Topic topic = Topic.Builder.create(this, "AlarmTopic")
                .displayName("orders alarms")
                .masterKey(monitoringKey)
                // A topic policy that refuses publishing over plain HTTP; CloudWatch publishes over TLS.
                .enforceSsl(true)
                .build();
        String email = alarmEmail();
        if (!email.isEmpty()) {
            topic.addSubscription(new EmailSubscription(email));
        }
        return topic;
    }

    /**
     * The alarms of the plan's list (Observability), in the pipeline's order: API, queue, consumer, dead letters,
     * end to end; the dashboard lists them in this order.
     */
    private List<Alarm> alarms() {
        return List.of(
                // SendMessage answers in tens of milliseconds; a slow p99 means SQS or the integration is
                // struggling.
                alarm("ApiLatencyAlarm", "api-latency-p99",
                        "Over 5 minutes the slowest 1% of requests took longer than 1000 ms; SendMessage answers"
                                + " in tens of milliseconds. First compare the access log's integrationLatency with"
                                + " responseLatency, then check the AWS Health Dashboard for SQS.",
                        api.getDeploymentStage().metric("Latency", every(300, "p99")),
                        ComparisonOperator.GREATER_THAN_THRESHOLD, 1000, 1, 1),
                // CloudWatch learns the API's usual latency by hour and weekday; a drift well under the fixed
                // p99 limit is an early sign of trouble in SQS or the integration.
                alarm("ApiLatencyAnomalyAlarm", "api-latency-anomaly",
                        "For 3 of 5 minutes the API's average latency was above the band CloudWatch expects for"
                                + " this hour and weekday: an early sign, well before the p99 limit, that SQS or the"
                                + " integration slows down. First compare the access log's integrationLatency with"
                                + " responseLatency; the band needs about two weeks of traffic to settle.",
                        expression("ANOMALY_DETECTION_BAND(latency, 2)", "Expected latency", 60,
                                Map.entry("latency", api.getDeploymentStage().metric("Latency", every(60, "Average")))),
                        ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD, Alarm.ANOMALY_DETECTION_NO_THRESHOLD, 5, 3),
                // A 5XX means SQS refused a message the client was told nothing about.
                alarm("Api5xxAlarm", "api-5xx",
                        "Over 5 minutes more than 1% of requests failed with a 5XX: SQS refused messages and"
                                + " clients were told to retry. First check the access log's integrationStatus and error"
                                + " fields, then the queue and the role ApiSendMessageRole.",
                        api.getDeploymentStage().metric("5XXError", every(300, "Average")),
                        ComparisonOperator.GREATER_THAN_THRESHOLD, 0.01, 1, 1),
                // Visible messages ÷ (deleted − sent per second): when the newest message would wait longer
                // than the tolerance, this fires while the oldest is still on time. Up to 249 visible messages
                // (what the planned peak leaves, or one batch) it reads 0; a queue that does not shrink reads
                // the retention (4d).
                alarm("TimeToDrainAlarm", "time-to-drain",
                        "At the current incoming and processing rates the queue takes longer than the 5m"
                                + " tolerance to drain: the newest requests will be late although the oldest may still be on"
                                + " time. First compare NumberOfMessagesSent with the planned peak (50 requests/s), then the"
                                + " consumer's Errors, Throttles and Duration.",
                        expression("IF(visible <= 249, 0, IF(deleted - sent > 0, visible / ((deleted - sent) / PERIOD(deleted)), 345600))", "Time to drain (s)", 60,
                                Map.entry("visible", queue.metric("ApproximateNumberOfMessagesVisible", every(60, "Average"))),
                                Map.entry("sent", queue.metric("NumberOfMessagesSent", every(60, "Sum"))),
                                Map.entry("deleted", queue.metric("NumberOfMessagesDeleted", every(60, "Sum")))),
                        ComparisonOperator.GREATER_THAN_THRESHOLD, 300, 3, 2),
                // The delay tolerance itself: a message older than this is already late.
                alarm("OldestMessageAgeAlarm", "oldest-message-age",
                        "The oldest queued request has waited longer than the delay tolerance (300 s): requests"
                                + " are processed late. First check the consumer's Errors and Throttles alarms, then whether"
                                + " the incoming rate outruns MaximumConcurrency (5).",
                        queue.metric("ApproximateAgeOfOldestMessage", every(60, "Maximum")),
                        ComparisonOperator.GREATER_THAN_THRESHOLD, 300, 1, 1),
                // What the capped consumers (about 49.7 messages/s) clear within the tolerance after a full
                // batch at the worst time; the planned peak leaves at most 249 messages.
                alarm("BacklogAlarm", "backlog",
                        "For 3 minutes more requests were queued than the capped consumers clear within the delay"
                                + " tolerance: the newest will be late. First check whether traffic exceeds the planned"
                                + " peak, then whether the downstream slows the consumer (its Duration and Errors).",
                        queue.metric("ApproximateNumberOfMessagesVisible", every(60, "Maximum")),
                        ComparisonOperator.GREATER_THAN_THRESHOLD, 12679, 3, 3),
                // The handler reports bad records itself, so a function error is a crash or a timeout.
                alarm("ConsumerErrorsAlarm", "consumer-errors",
                        "The consumer failed a whole invocation (crash, timeout or out of memory) and the batch"
                                + " went back to the queue; bad records are reported one by one and do not count here. First"
                                + " read the function's log group for the exception or \"Task timed out\".",
                        function.metric("Errors", every(300, "Sum")),
                        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, 1, 1),
                // The event source caps concurrency, so a throttle means the account's Lambda concurrency ran
                // out.
                alarm("ConsumerThrottlesAlarm", "consumer-throttles",
                        "The consumer was throttled although the event source caps its concurrency: the account's"
                                + " Lambda concurrency ran out. First check ConcurrentExecutions across the account's"
                                + " functions against the quota.",
                        function.metric("Throttles", every(300, "Sum")),
                        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, 1, 1),
                // Every dead-lettered message is a request that was accepted and not processed.
                alarm("DeadLetterQueueAlarm", "dead-letters",
                        "Messages are in the dead-letter queue: accepted requests failed 5 receives and were not"
                                + " processed. First find the consumer's log lines with their correlationId, fix the cause,"
                                + " then move them back (aws sqs start-message-move-task; the README's dead-letter queue"
                                + " section).",
                        deadLetterQueue.metric("ApproximateNumberOfMessagesVisible", every(60, "Maximum")),
                        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, 1, 1),
                // The consumer records accept-to-processed time per message (EndToEndDelay, from SQS's
                // SentTimestamp); above the tolerance a request was processed late, the number the business
                // cares about.
                alarm("EndToEndDelayAlarm", "end-to-end-delay",
                        "A request was processed more than 5m after the API accepted it (the consumer's"
                                + " EndToEndDelay metric): the delay tolerance was missed for real requests. First check the"
                                + " time-to-drain and oldest-message-age alarms (a backlog), then the consumer's Duration (a"
                                + " slow downstream).",
                        serviceMetric("EndToEndDelay", every(60, "Maximum")),
                        ComparisonOperator.GREATER_THAN_THRESHOLD, 300000, 1, 1)
        );
    }

    /**
     * An alarm named after the stack that notifies the topic when it fires and when it clears; no data is no
     * breach: a quiet endpoint is a healthy one.
     */
    private Alarm alarm(String id, String name, String description, IMetric metric, ComparisonOperator comparison,
                        Number threshold, int evaluationPeriods, int datapointsToAlarm) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmName(getStackName() + "-" + name)
                .alarmDescription(description)
                .metric(metric)
                .comparisonOperator(comparison)
                .threshold(threshold)
                .evaluationPeriods(evaluationPeriods)
                .datapointsToAlarm(datapointsToAlarm)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(alarmTopic));
        alarm.addOkAction(new SnsAction(alarmTopic));
        return alarm;
    }

    /** Metric math over its inputs, by the ids the expression names them, in this order in the alarm's queries. */
    @SafeVarargs
    private static MathExpression expression(String expression, String label, int periodSeconds,
                                             Map.Entry<String, IMetric>... inputs) {
        Map<String, IMetric> byId = new LinkedHashMap<>();
        for (Map.Entry<String, IMetric> input : inputs) {
            byId.put(input.getKey(), input.getValue());
        }
        return MathExpression.Builder.create()
                .expression(expression)
                .usingMetrics(byId)
                .label(label)
                .period(Duration.seconds(periodSeconds))
                .build();
    }

    private static MetricOptions every(int periodSeconds, String statistic) {
        return MetricOptions.builder().statistic(statistic).period(Duration.seconds(periodSeconds)).build();
    }

    private static MetricOptions every(int periodSeconds, String statistic, String label) {
        return MetricOptions.builder().statistic(statistic).period(Duration.seconds(periodSeconds)).label(label).build();
    }

    /**
     * One of the consumer's own metrics, e.g. EndToEndDelay (ms from the API's accept to processed):
     * POWERTOOLS_METRICS_NAMESPACE, with this stack as the Service dimension, as POWERTOOLS_SERVICE_NAME.
     */
    private Metric serviceMetric(String metricName, MetricOptions options) {
        return Metric.Builder.create()
                .namespace("orders")
                .metricName(metricName)
                .dimensionsMap(Map.of("Service", getStackName()))
                .build()
                .with(options);
    }

    // ------------------------------------------------------------------ Dashboard and saved queries

    /**
     * One page in the pipeline's order: API → queue → consumer → dead letters, with the end-to-end delay
     * the business cares about. Each limit the plan derived is drawn as a line on its graph. The widgets
     * of one addWidgets call form a row, left to right; the rows stack, as the SAM form places them.
     */
    private Dashboard dashboard(List<Alarm> alarms) {
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(getStackName())
                .start("-PT6H")
                .periodOverride(PeriodOverride.INHERIT)
                .build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("## orders: POST /orders → queue → consumer\n"
                        + "Requests the API accepts are queued and processed within the 5m tolerance by at most 5"
                        + " concurrent batches of up to 90. Read left to right, top to bottom: where a graph turns,"
                        + " the one before it often says why.")
                .width(24)
                .height(2)
                .build());
        dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                .title("Alarms")
                .alarms(alarms)
                .width(24)
                .height(3)
                .build());
        dashboard.addWidgets(
                graph("API: requests", 8, List.of(
                        api.getDeploymentStage().metric("Count", every(60, "Sum", "Requests")))),
                graph("API: 4XX and 5XX", 8, List.of(
                        api.getDeploymentStage().metric("4XXError", every(60, "Sum", "4XX (refused: body, auth, throttle)")),
                        api.getDeploymentStage().metric("5XXError", every(60, "Sum", "5XX (not queued)")))),
                graph("API: latency", 8, List.of(
                        api.getDeploymentStage().metric("Latency", every(60, "p50", "p50")),
                        api.getDeploymentStage().metric("Latency", every(60, "p99", "p99"))),
                        line("p99 alarm", 1000)));
        dashboard.addWidgets(
                graph("Queue: sent, visible, in flight", 8, List.of(
                        queue.metric("NumberOfMessagesSent", every(60, "Sum", "Sent")),
                        queue.metric("ApproximateNumberOfMessagesVisible", every(60, "Maximum", "Visible")),
                        queue.metric("ApproximateNumberOfMessagesNotVisible", every(60, "Maximum", "In flight")))),
                graph("Queue: oldest message age (s)", 8, List.of(
                        queue.metric("ApproximateAgeOfOldestMessage", every(60, "Maximum", "Oldest message"))),
                        line("Tolerance", 300)),
                graph("Queue: time to drain (s)", 8, List.of(
                        expression("IF(visible <= 249, 0, IF(deleted - sent > 0, visible / ((deleted - sent) / PERIOD(deleted)), 345600))", "Time to drain", 60,
                                Map.entry("visible", queue.metric("ApproximateNumberOfMessagesVisible", every(60, "Average"))),
                                Map.entry("sent", queue.metric("NumberOfMessagesSent", every(60, "Sum"))),
                                Map.entry("deleted", queue.metric("NumberOfMessagesDeleted", every(60, "Sum"))))),
                        line("Tolerance", 300)));
        dashboard.addWidgets(
                graph("Consumer: invocations, errors, throttles", 8, List.of(
                        function.metric("Invocations", every(60, "Sum", "Invocations (batches)")),
                        function.metric("Errors", every(60, "Sum", "Errors")),
                        function.metric("Throttles", every(60, "Sum", "Throttles")))),
                graph("Consumer: duration p99 (ms)", 8, List.of(
                        function.metric("Duration", every(60, "p99", "Duration p99"))),
                        line("Timeout", 78000)),
                graph("Consumer: concurrent executions", 8, List.of(
                        function.metric("ConcurrentExecutions", every(60, "Maximum", "Concurrent executions"))),
                        line("Maximum concurrency", 5)));
        dashboard.addWidgets(
                graph("DLQ: messages", 6, List.of(
                        deadLetterQueue.metric("ApproximateNumberOfMessagesVisible", every(60, "Maximum", "Dead letters")))),
                graph("DLQ: oldest message age (s)", 6, List.of(
                        deadLetterQueue.metric("ApproximateAgeOfOldestMessage", every(60, "Maximum", "Oldest dead letter")))),
                graph("End-to-end delay, accept to processed (ms)", 12, List.of(
                        serviceMetric("EndToEndDelay", every(60, "p50", "p50")),
                        serviceMetric("EndToEndDelay", every(60, "p99", "p99")),
                        serviceMetric("EndToEndDelay", every(60, "Maximum", "Maximum"))),
                        line("Tolerance", 300000)));
        return dashboard;
    }

    /** A graph of one-minute points, 6 high, with the plan's limits as horizontal lines. */
    private static GraphWidget graph(String title, int width, List<? extends IMetric> metrics,
                                     HorizontalAnnotation... limits) {
        GraphWidget.Builder graph = GraphWidget.Builder.create()
                .title(title)
                .width(width)
                .height(6)
                .period(Duration.minutes(1))
                .left(metrics);
        if (limits.length > 0) {
            graph.leftAnnotations(List.of(limits));
        }
        return graph.build();
    }

    private static HorizontalAnnotation line(String label, double value) {
        return HorizontalAnnotation.builder().label(label).value(value).build();
    }

    /** Logs Insights → Queries: saved with the stack, each on the log groups it reads. */
    private void queries() {
        // Paste the requestId the client got back (or the one in an alarm's log line) in place of REQUEST_ID
        // to see the API's access-log line and every consumer line for that request, in order.
        QueryDefinition.Builder.create(this, "RequestTraceQuery")
                .queryDefinitionName(getStackName() + "/follow-one-request")
                .logGroups(List.of(accessLog, consumerLog))
                .queryString(QueryString.Builder.create()
                        .fields(List.of("@timestamp", "@log", "status", "integrationStatus", "level", "message",
                                "messageId", "endToEndDelayMs", "error"))
                        .filterStatements(List.of("requestId = \"REQUEST_ID\" or correlationId = \"REQUEST_ID\""))
                        .sort("@timestamp asc")
                        .build())
                .build();
        // The 50 slowest deliveries, with their correlation and message ids: one consumer line per processed
        // message carries its end-to-end delay.
        QueryDefinition.Builder.create(this, "SlowestDeliveriesQuery")
                .queryDefinitionName(getStackName() + "/slowest-deliveries")
                .logGroups(List.of(consumerLog))
                .queryString(QueryString.Builder.create()
                        .fields(List.of("@timestamp", "correlationId", "messageId", "endToEndDelayMs"))
                        .filterStatements(List.of("ispresent(endToEndDelayMs)"))
                        .sort("endToEndDelayMs desc")
                        .limit(50)
                        .build())
                .build();
    }

    // ------------------------------------------------------------------ Outputs, context, checks

    private void outputs(Dashboard dashboard) {
        output("ApiUrl", "POST requests here.", api.urlForPath("/orders"));
        output("QueueUrl", null, queue.getQueueUrl());
        output("QueueArn", null, queue.getQueueArn());
        output("DeadLetterQueueUrl", null, deadLetterQueue.getQueueUrl());
        output("DeadLetterQueueArn", null, deadLetterQueue.getQueueArn());
        output("ConsumerFunctionName", null, function.getFunctionName());
        output("AlarmTopicArn", null, alarmTopic.getTopicArn());
        output("DashboardUrl", "The pipeline on one page.", "https://" + getRegion() + ".console." + getUrlSuffix()
                + "/cloudwatch/home?region=" + getRegion() + "#dashboards/dashboard/" + dashboard.getDashboardName());
    }

    private void output(String id, String description, String value) {
        CfnOutput.Builder.create(this, id).description(description).value(value).build();
    }

    /**
     * Context {@code alarmEmail} (cdk.json, or {@code -c alarmEmail=...}): the address subscribed to
     * the alarm topic, or empty to subscribe later (e.g. a chat integration).
     */
    private String alarmEmail() {
        Object value = getNode().tryGetContext("alarmEmail");
        String email = value == null ? "" : value.toString().strip();
        if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("context alarmEmail is not an e-mail address: " + email);
        }
        return email;
    }

    /**
     * Context {@code createApiGatewayAccountRole} (default true): whether this stack creates and
     * registers API Gateway's account-wide CloudWatch role. Set it to false when the account already has
     * one ({@code aws apigateway get-account} shows cloudwatchRoleArn).
     */
    private boolean createApiGatewayAccountRole() {
        Object value = getNode().tryGetContext("createApiGatewayAccountRole");
        String text = value == null ? "true" : value.toString();
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("context createApiGatewayAccountRole must be true or false: " + text);
        }
        return Boolean.parseBoolean(text);
    }

    private static NagPackSuppression suppress(String id, String reason, String... appliesTo) {
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
    private static void cfnLintIgnores(IConstruct construct, String... checks) {
        CfnResource resource = (CfnResource) construct.getNode().getDefaultChild();
        resource.addMetadata("cfn-lint", Map.of("config", Map.of("ignore_checks", List.of(checks))));
    }

    /** A checkov check this stack does not meet on purpose, and why. */
    private record Skip(String id, String comment) {}

    /**
     * Writes checkov's skips into the resource's Metadata, where checkov reads them. CloudFormation
     * metadata has no L2 form: here and in cfnLintIgnores the stack touches the L1 resources, for
     * metadata only.
     */
    private static void checkovSkips(IConstruct construct, Skip... skips) {
        CfnResource resource = (CfnResource) construct.getNode().getDefaultChild();
        resource.addMetadata("checkov", Map.of("skip", Arrays.stream(skips).map(skip -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("id", skip.id());
            entry.put("comment", skip.comment());
            return entry;
        }).toList()));
    }
}
