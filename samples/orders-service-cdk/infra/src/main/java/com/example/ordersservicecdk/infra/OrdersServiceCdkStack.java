package com.example.ordersservicecdk.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.ApiKeyOptions;
import software.amazon.awscdk.services.apigateway.ApiKeySourceType;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IApiKey;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonSchemaVersion;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodDeploymentOptions;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigateway.ThrottleSettings;
import software.amazon.awscdk.services.apigateway.ThrottlingPerMethod;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigateway.UsagePlanPerApiStage;
import software.amazon.awscdk.services.apigateway.UsagePlanProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
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
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.QueryDefinition;
import software.amazon.awscdk.services.logs.QueryString;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * orders-service-cdk: 3 endpoints on one API, each validated by API Gateway, queued in a
 * queue of its own without code, and processed in batches by a Java Lambda function at a capped concurrency:
 * POST /orders,
 * POST /orders/{orderId}/events,
 * POST /refunds.
 *
 * <p>The resources of Sluice's AWS SAM form, built from CDK's L2 constructs: what the endpoints share here, and
 * each endpoint as a {@link QueueBufferedEndpoint}, given its own numbers by its class:
 * {@link OrdersEndpoint},
 * {@link OrdersEventsEndpoint},
 * {@link RefundsEndpoint}.
 * Every derived number comes from the plan Sluice made from the answers, with the plan's reason beside it; the
 * README's "Derived settings" explains each, and {@code OrdersServiceCdkStackTest} fails if this stack and the plan drift
 * apart. cdk-nag's AWS Solutions rules check it on every synth: each suppression says why.
 */
public class OrdersServiceCdkStack extends Stack {
    /** The API's one stage: part of the URL, and the Stage dimension of the API alarms. */
    static final String STAGE = "prod";

    /** One JSON line per request: who called, what the client got, and what SQS answered. */
    private static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"extendedRequestId\":\"$context.extendedRequestId\",\"requestTime\":\"$context.requestTime\","
            + "\"ip\":\"$context.identity.sourceIp\","
            + "\"caller\":\"$context.identity.caller\",\"userArn\":\"$context.identity.userArn\","
            + "\"apiKeyId\":\"$context.identity.apiKeyId\","
            + "\"httpMethod\":\"$context.httpMethod\",\"resourcePath\":\"$context.resourcePath\","
            + "\"status\":\"$context.status\",\"responseLength\":\"$context.responseLength\","
            + "\"responseLatency\":\"$context.responseLatency\",\"integrationStatus\":\"$context.integration.status\","
            + "\"integrationLatency\":\"$context.integration.latency\",\"error\":\"$context.error.message\","
            + "\"validationError\":\"$context.error.validationErrorString\"}";
    /** 400: which part of the body the request model refused. */
    private static final String INVALID_BODY = """
            {"message": "$context.error.validationErrorString", "requestId": "$context.requestId"}""";

    private final Key monitoringKey;
    private final LogGroup accessLog;
    private final RestApi api;
    private final Topic alarmTopic;
    /** The API may send to every endpoint's queue, and nothing else: one statement, once the endpoints exist. */
    private final PolicyDocument sendToQueues = new PolicyDocument();
    private final QueueBufferedEndpoint orders;
    private final QueueBufferedEndpoint ordersEvents;
    private final QueueBufferedEndpoint refunds;

    /**
     * @param functionJar the consumers' deployable jar, {@code function/target/function.jar}
     */
    public OrdersServiceCdkStack(Construct scope, String id, StackProps props, Path functionJar) {
        super(scope, id, props);
        monitoringKey = monitoringKey();
        accessLog = accessLog();
        api = api();
        alarmTopic = alarmTopic();
        QueueBufferedEndpoint.Shared shared = shared(functionJar);
        orders = new QueueBufferedEndpoint(this, "Orders", OrdersEndpoint.props(shared));
        ordersEvents = new QueueBufferedEndpoint(this, "OrdersEvents", OrdersEventsEndpoint.props(shared));
        refunds = new QueueBufferedEndpoint(this, "Refunds", RefundsEndpoint.props(shared));
        sendToQueues.addStatements(PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(
                        orders.queue().getQueueArn(),
                        ordersEvents.queue().getQueueArn(),
                        refunds.queue().getQueueArn()))
                .build());
        usagePlan();
        Dashboard dashboard = dashboard(apiAlarms());
        queries();
        outputs(dashboard);
    }

    // ------------------------------------------------------------------ API Gateway

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
                .description("POST /orders, POST /orders/{orderId}/events, POST /refunds: validates each"
                        + " body and queues it for orders-service-cdk.")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .apiKeySourceType(ApiKeySourceType.HEADER)
                // API Gateway writes stage logs only once the account has a CloudWatch role (one per account
                // and region); RestApi creates and registers one, both kept when the stack is deleted because
                // every other API in the account and region depends on the setting.
                .cloudWatchRole(createAccountRole)
                .deployOptions(StageOptions.builder()
                        .stageName(STAGE)
                        .tracingEnabled(true)
                        .accessLogDestination(new LogGroupLogDestination(accessLog))
                        .accessLogFormat(AccessLogFormat.custom(ACCESS_LOG_FORMAT))
                        // Each endpoint's method is throttled as its plan says (below).
                        .methodOptions(methodThrottling())
                        .dataTraceEnabled(false)
                        .build())
                .build();
        if (createAccountRole) {
            // The stage turns on access logging, which API Gateway refuses until the account setting exists.
            api.getDeploymentStage().getNode().addDependency(api.getNode().findChild("Account"));
            NagSuppressions.addResourceSuppressions(api.getNode().findChild("CloudWatchRole"), List.of(
                    QueueBufferedEndpoint.suppress("AwsSolutions-IAM4", "API Gateway's account-wide CloudWatch role"
                            + " uses AWS's own policy for it, which AWS keeps up to date with what the service writes.",
                            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                    + "AmazonAPIGatewayPushToCloudWatchLogs")));
        }
        api.addGatewayResponse("BadRequestBody", GatewayResponseOptions.builder()
                .type(ResponseType.BAD_REQUEST_BODY)
                .statusCode("400")
                .templates(Map.of("application/json", INVALID_BODY))
                .build());
        QueueBufferedEndpoint.checkovSkips(api.getDeploymentStage(), new QueueBufferedEndpoint.Skip("CKV_AWS_120",
                "A cached POST would be answered from the cache without queueing the request; nothing here may be"
                        + " cached."));
        NagSuppressions.addResourceSuppressions(api.getDeploymentStage(), List.of(
                QueueBufferedEndpoint.suppress("AwsSolutions-APIG6", "The access log records every request with its"
                        + " status, error and integrationStatus; execution logs would add per-method lines that may"
                        + " quote bodies."),
                QueueBufferedEndpoint.suppress("AwsSolutions-APIG3", "A WAF web ACL is an account-level choice with"
                        + " costs of its own; the stage is throttled and the body validated before anything reaches"
                        + " the queue.")));
        return api;
    }

    /** Each endpoint's throttling, as a method setting of the stage (resource path / method). */
    private static Map<String, MethodDeploymentOptions> methodThrottling() {
        Map<String, MethodDeploymentOptions> methods = new LinkedHashMap<>();
        methods.put("/orders/POST", MethodDeploymentOptions.builder()
                // 20% above the stated peak, so the API sheds load the consumer was never sized for (at most
                // the account's 10,000).
                .throttlingRateLimit(60)
                // One second of traffic at the rate limit (at least 10, at most the account's 5,000).
                .throttlingBurstLimit(60)
                .build());
        methods.put("/orders/{orderId}/events/POST", MethodDeploymentOptions.builder()
                // 20% above the stated peak, so the API sheds load the consumer was never sized for (at most
                // the account's 10,000).
                .throttlingRateLimit(600)
                // One second of traffic at the rate limit (at least 10, at most the account's 5,000).
                .throttlingBurstLimit(600)
                .build());
        methods.put("/refunds/POST", MethodDeploymentOptions.builder()
                // 20% above the stated peak, so the API sheds load the consumer was never sized for (at most
                // the account's 10,000).
                .throttlingRateLimit(12)
                // One second of traffic at the rate limit (at least 10, at most the account's 5,000).
                .throttlingBurstLimit(12)
                .build());
        return methods;
    }

    /**
     * What the endpoints share on the API: the request validator, the 202 answer's model and the role API Gateway
     * sends to the queues with; and the consumers' code, runtime, log retention and metrics namespace.
     */
    private QueueBufferedEndpoint.Shared shared(Path functionJar) {
        RequestValidator validator = api.addRequestValidator("RequestValidator", RequestValidatorOptions.builder()
                .requestValidatorName("body-and-parameters")
                .validateRequestBody(true)
                // Path parameters a method declares are required (cdk-nag AwsSolutions-APIG2 asks for both).
                .validateRequestParameters(true)
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
        // Only sqs:SendMessage on the endpoints' queues: Queue.grantSendMessages would add GetQueueAttributes and
        // GetQueueUrl.
        Role role = Role.Builder.create(this, "ApiSendMessageRole")
                .description("Assumed by API Gateway to put requests on the queues; may do nothing else.")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .inlinePolicies(Map.of("send-to-queue", sendToQueues))
                .build();
        return new QueueBufferedEndpoint.Shared(api, validator, acceptedModel, role, monitoringKey, alarmTopic,
                Code.fromAsset(functionJar.toString()), Runtime.JAVA_21,
                // Asked (default 30): longer than the DLQ keeps a message (14 days), so a dead-lettered
                // request's log lines still exist.
                RetentionDays.ONE_MONTH,
                // The namespace of the consumers' own metrics (EndToEndDelay).
                "orders-service-cdk");
    }

    /** The integration's request headers, in this order (the same for every endpoint). */
    static Map<String, String> requestParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("integration.request.header.Content-Type", "'application/x-www-form-urlencoded'");
        parameters.put("integration.request.header.Accept", "'application/json'");
        return parameters;
    }

    /**
     * What SQS answered, made the client's answer (the same for every endpoint); each is selected by SQS's HTTP
     * status, the last (no pattern) is the default.
     */
    static List<IntegrationResponse> integrationResponses() {
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

    /**
     * Clients of the endpoints that take an API key send it in the x-api-key header; the usage plan throttles them as
     * the stage does.
     */
    private void usagePlan() {
        // Each method's throttling, as the stage's (above).
        List<ThrottlingPerMethod> throttles = new ArrayList<>();
        throttles.add(ThrottlingPerMethod.builder()
                .method(orders.method())
                .throttle(ThrottleSettings.builder()
                        .rateLimit(60)
                        .burstLimit(60)
                        .build())
                .build());
        throttles.add(ThrottlingPerMethod.builder()
                .method(ordersEvents.method())
                .throttle(ThrottleSettings.builder()
                        .rateLimit(600)
                        .burstLimit(600)
                        .build())
                .build());
        UsagePlan usagePlan = api.addUsagePlan("UsagePlan", UsagePlanProps.builder()
                .name(getStackName() + "-clients")
                .description("Clients of orders-service-cdk; holds the API keys allowed to call it.")
                .apiStages(List.of(UsagePlanPerApiStage.builder()
                        .api(api)
                        .stage(api.getDeploymentStage())
                        .throttle(throttles)
                        .build()))
                .build());
        IApiKey apiKey = api.addApiKey("ApiKey", ApiKeyOptions.builder()
                .apiKeyName(getStackName() + "-client")
                .description("The first client's key; read it with aws apigateway get-api-key --include-value.")
                .build());
        usagePlan.addApiKey(apiKey);
        CfnOutput.Builder.create(this, "ApiKeyId")
                .description("aws apigateway get-api-key --include-value --api-key <this id> shows the key to send"
                        + " in x-api-key.")
                .value(apiKey.getKeyId())
                .build();
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
                .description("Encrypts the orders-service-cdk log groups and alarm topic.")
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
                .displayName("orders-service-cdk alarms")
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

    /** The alarms on the API's metrics (the endpoints' own are in their constructs), in the pipeline's order. */
    private List<Alarm> apiAlarms() {
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
                        ComparisonOperator.GREATER_THAN_THRESHOLD, 0.01, 1, 1)
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

    /** An endpoint's alarm, which its construct builds on its own metrics (as the stack's, with its suffix). */
    static QueueBufferedEndpoint.Watch alarm(String id, String name, String description,
                                             QueueBufferedEndpoint.MetricOf metric, ComparisonOperator comparison,
                                             Number threshold, int evaluationPeriods, int datapointsToAlarm) {
        return new QueueBufferedEndpoint.Watch(id, name, description, metric, comparison, threshold, evaluationPeriods,
                datapointsToAlarm);
    }

    /** Metric math over its inputs, by the ids the expression names them, in this order in the alarm's queries. */
    @SafeVarargs
    static MathExpression expression(String expression, String label, int periodSeconds,
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

    static MetricOptions every(int periodSeconds, String statistic) {
        return MetricOptions.builder().statistic(statistic).period(Duration.seconds(periodSeconds)).build();
    }

    static MetricOptions every(int periodSeconds, String statistic, String label) {
        return MetricOptions.builder().statistic(statistic).period(Duration.seconds(periodSeconds)).label(label).build();
    }

    // ------------------------------------------------------------------ Dashboard and saved queries

    /**
     * One page in the pipeline's order: the API, then each endpoint's queue → consumer → dead letters, with the
     * end-to-end delay the business cares about. Each limit the plan derived is drawn as a line on its graph. The
     * widgets of one addWidgets call form a row, left to right; the rows stack, as the SAM form places them.
     */
    private Dashboard dashboard(List<Alarm> apiAlarms) {
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(getStackName())
                .start("-PT6H")
                .periodOverride(PeriodOverride.INHERIT)
                .build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("## orders-service-cdk: 3 endpoints, each POST → its queue → its consumer\n"
                        + "One API queues each endpoint's requests; each endpoint's consumers process them within"
                        + " its own tolerance. The API's row first, then a row group per endpoint. Read left to"
                        + " right, top to bottom: where a graph turns, the one before it often says why.")
                .width(24)
                .height(2)
                .build());
        List<IAlarm> alarms = new ArrayList<>(apiAlarms);
        alarms.addAll(orders.alarms());
        alarms.addAll(ordersEvents.alarms());
        alarms.addAll(refunds.alarms());
        dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                .title("Alarms")
                .alarms(alarms)
                .width(24)
                .height(5)
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
        orders.addTo(dashboard);
        ordersEvents.addTo(dashboard);
        refunds.addTo(dashboard);
        return dashboard;
    }

    /** A graph of one-minute points, 6 high, with the plan's limits as horizontal lines. */
    private static GraphWidget graph(String title, int width, List<? extends IMetric> metrics,
                                     HorizontalAnnotation... limits) {
        return QueueBufferedEndpoint.graph(title, width, metrics, List.of(limits));
    }

    /** A graph of an endpoint's metrics, which its construct draws in its section. */
    static QueueBufferedEndpoint.Chart chart(String title, int width, QueueBufferedEndpoint.MetricsOf metrics,
                                             HorizontalAnnotation... limits) {
        return new QueueBufferedEndpoint.Chart(title, width, metrics, List.of(limits));
    }

    static HorizontalAnnotation line(String label, double value) {
        return HorizontalAnnotation.builder().label(label).value(value).build();
    }

    /** Logs Insights → Queries: saved with the stack, each on the log groups it reads. */
    private void queries() {
        // Paste the requestId the client got back (or the one in an alarm's log line) in place of REQUEST_ID
        // to see the API's access-log line and every consumer line for that request, in order.
        QueryDefinition.Builder.create(this, "RequestTraceQuery")
                .queryDefinitionName(getStackName() + "/follow-one-request")
                .logGroups(List.of(accessLog, orders.consumerLog(), ordersEvents.consumerLog(), refunds.consumerLog()))
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
                .logGroups(List.of(orders.consumerLog(), ordersEvents.consumerLog(), refunds.consumerLog()))
                .queryString(QueryString.Builder.create()
                        .fields(List.of("@timestamp", "correlationId", "messageId", "endToEndDelayMs"))
                        .filterStatements(List.of("ispresent(endToEndDelayMs)"))
                        .sort("endToEndDelayMs desc")
                        .limit(50)
                        .build())
                .build();
    }

    // ------------------------------------------------------------------ Outputs, context

    private void outputs(Dashboard dashboard) {
        // Without RestApi.getUrl()'s trailing '/', as the SAM form's: an endpoint's path follows it.
        output("ApiUrl", "The stage's URL; each endpoint's path follows it.", "https://" + api.getRestApiId() + ".execute-api."
                + getRegion() + "." + getUrlSuffix() + "/" + api.getDeploymentStage().getStageName());
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
}
