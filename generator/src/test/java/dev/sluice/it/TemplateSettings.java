package dev.sluice.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The settings that matter, read from a CloudFormation template: the SAM form's template.yaml or
 * the CDK form's synthesized template (JSON, which is YAML too). Both read into the same keys, so
 * two forms of the same answers can be compared with one {@code assertEquals}.
 */
final class TemplateSettings {
    private TemplateSettings() {}

    static SortedMap<String, Object> read(String template) {
        // Short-form intrinsics (!Ref, !GetAtt …) only ever wrap references here, never a compared value.
        String plain = template.replaceAll("!(Ref|GetAtt|Sub|If|Equals|Not|Join|Select|Split|FindInMap|Base64|Condition|And|Or)\\b", "");
        Map<String, Object> doc = map(new Load(LoadSettings.builder().build()).loadFromString(plain));
        Map<String, Object> resources = map(doc.get("Resources"));
        SortedMap<String, Object> s = new TreeMap<>();
        List<String> alarms = new ArrayList<>();
        TreeSet<String> queries = new TreeSet<>();
        List<String> logRetention = new ArrayList<>();
        // The dashboard is named after the stack: the SAM form's ${AWS::StackName}, the CDK's stack name itself.
        String stack = resources.values().stream().map(TemplateSettings::map)
                .filter(r -> "AWS::CloudWatch::Dashboard".equals(r.get("Type")))
                .map(r -> String.valueOf(map(r.get("Properties")).get("DashboardName"))).findFirst().orElse("${AWS::StackName}");
        Map<String, String> endpointOf = endpoints(resources);
        for (Map.Entry<String, Object> entry : resources.entrySet()) {
            Map<String, Object> resource = map(entry.getValue());
            Map<String, Object> p = map(resource.getOrDefault("Properties", Map.of()));
            // A service's per-endpoint settings are keyed by their endpoint ("POST /orders "): its queues, function,
            // event source, method and table; one endpoint's are not.
            String e = endpointOf.getOrDefault(entry.getKey(), "");
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::SQS::Queue" -> {
                    String q = e + (p.containsKey("RedrivePolicy") ? "queue" : "dlq");
                    put(s, q + ".retention", p.get("MessageRetentionPeriod"));
                    put(s, q + ".maxMessageSize", p.get("MaximumMessageSize"));
                    put(s, q + ".sse", p.containsKey("KmsMasterKeyId") ? "kms" : p.get("SqsManagedSseEnabled"));
                    put(s, q + ".fifo", p.get("FifoQueue"));
                    put(s, q + ".contentBasedDeduplication", p.get("ContentBasedDeduplication"));
                    put(s, q + ".deduplicationScope", p.get("DeduplicationScope"));
                    put(s, q + ".fifoThroughputLimit", p.get("FifoThroughputLimit"));
                    if (q.endsWith("queue")) {
                        put(s, q + ".visibilityTimeout", p.get("VisibilityTimeout"));
                        put(s, q + ".maxReceiveCount", map(p.get("RedrivePolicy")).get("maxReceiveCount"));
                    }
                }
                case "AWS::Serverless::Function" -> {
                    function(s, e, p);
                    for (Object event : map(p.getOrDefault("Events", Map.of())).values()) {
                        if ("SQS".equals(map(event).get("Type"))) {
                            eventSource(s, e, map(map(event).get("Properties")));
                        }
                    }
                }
                case "AWS::Lambda::Function" -> function(s, e, p);
                case "AWS::Lambda::EventSourceMapping" -> eventSource(s, e, p);
                case "AWS::ApiGateway::Stage" -> {
                    // CDK's stage options add a setting for every method (/*/*) that only turns data tracing off, API
                    // Gateway's default: a service's SAM form, whose settings are its methods', states none.
                    List<?> settings = list(p.get("MethodSettings")).stream().filter(m -> !(map(m).keySet()
                            .equals(java.util.Set.of("ResourcePath", "HttpMethod", "DataTraceEnabled"))
                            && "/*".equals(map(m).get("ResourcePath")) && Boolean.FALSE.equals(map(m).get("DataTraceEnabled"))
                            && list(p.get("MethodSettings")).size() > 1)).toList();
                    for (Object setting : settings) {
                        // One setting for the stage's every method, or one per endpoint's method (by its escaped path).
                        String at = settings.size() > 1 ? map(setting).get("ResourcePath") + " " : "";
                        put(s, "stage." + at + "throttlingRateLimit", map(setting).get("ThrottlingRateLimit"));
                        put(s, "stage." + at + "throttlingBurstLimit", map(setting).get("ThrottlingBurstLimit"));
                        put(s, "stage." + at + "dataTrace", map(setting).get("DataTraceEnabled"));
                    }
                    put(s, "stage.name", p.get("StageName"));
                    put(s, "stage.tracing", p.get("TracingEnabled"));
                    // The SAM form folds the format over lines (a space where a line breaks): compare without blanks.
                    put(s, "stage.accessLogFormat", String.valueOf(map(p.get("AccessLogSetting")).get("Format")).replaceAll("\\s", ""));
                    put(s, "stage.cacheCluster", p.get("CacheClusterEnabled"));
                }
                case "AWS::ApiGateway::RestApi" -> {
                    put(s, "api.endpointTypes", map(p.get("EndpointConfiguration")).get("Types"));
                    put(s, "api.apiKeySource", p.get("ApiKeySourceType"));
                    put(s, "api.openApiBody", p.containsKey("Body") || p.containsKey("BodyS3Location"));
                }
                case "AWS::ApiGateway::Method" -> method(s, e, p, resources);
                case "AWS::ApiGateway::Model" -> put(s, "api.model." + p.get("Name"), canonical(p.get("Schema")) + " as " + p.get("ContentType"));
                case "AWS::ApiGateway::RequestValidator" -> put(s, "api.validator.body", p.get("ValidateRequestBody"));
                case "AWS::ApiGateway::GatewayResponse" -> put(s, "api.gatewayResponse." + p.get("ResponseType"),
                        p.get("StatusCode") + " " + map(p.get("ResponseTemplates")).get("application/json"));
                case "AWS::ApiGateway::Deployment" -> put(s, "api.deployments", String.valueOf(1 + Integer.parseInt(
                        String.valueOf(s.getOrDefault("api.deployments", "0")))));
                case "AWS::ApiGateway::UsagePlan" -> {
                    // One throttle for the key (a one-endpoint service), or one per method that takes a key (by its
                    // path and method, as the stage's settings are per method).
                    if (p.get("Throttle") != null) {
                        put(s, "usagePlan.rateLimit", map(p.get("Throttle")).get("RateLimit"));
                        put(s, "usagePlan.burstLimit", map(p.get("Throttle")).get("BurstLimit"));
                    }
                    for (Object stage : list(p.get("ApiStages"))) {
                        map(map(stage).getOrDefault("Throttle", Map.of())).forEach((method, throttle) -> {
                            put(s, "usagePlan." + method + " rateLimit", map(throttle).get("RateLimit"));
                            put(s, "usagePlan." + method + " burstLimit", map(throttle).get("BurstLimit"));
                        });
                    }
                }
                case "AWS::ApiGateway::ApiKey" -> put(s, "apiKey.enabled", p.getOrDefault("Enabled", false));
                case "AWS::CloudWatch::Alarm" -> alarms.add(alarm(p, stack));
                case "AWS::CloudWatch::Dashboard" -> put(s, "dashboard.widgets", widgetTitles(p.get("DashboardBody")));
                case "AWS::Logs::QueryDefinition" -> queries.add(afterStackName(p.get("Name"), stack) + " "
                        + String.valueOf(p.get("QueryString")).strip().replaceAll("\\s+", " "));
                case "AWS::Logs::LogGroup" -> logRetention.add(text(p.get("RetentionInDays")));
                case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable" -> {
                    put(s, e + "table.billingMode", p.get("BillingMode"));
                    put(s, e + "table.key", String.valueOf(p.get("KeySchema")));
                    put(s, e + "table.ttlAttribute", map(p.get("TimeToLiveSpecification")).get("AttributeName"));
                    put(s, e + "table.pointInTimeRecovery", map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"));
                    put(s, e + "table.sse", map(p.get("SSESpecification")).get("SSEEnabled"));
                    put(s, e + "table.sseKey", map(p.get("SSESpecification")).get("KMSMasterKeyId") == null ? "aws-managed" : "customer-managed");
                    put(s, e + "table.attributes", String.valueOf(p.get("AttributeDefinitions")));
                    put(s, e + "table.deletionPolicy", resource.get("DeletionPolicy") + "/" + resource.get("UpdateReplacePolicy"));
                }
                default -> { }
            }
        }
        put(s, "consumerRole.dynamodbActions", consumerDynamoDbActions(resources));
        put(s, "consumerRole.deadLetterQueueActions", consumerDeadLetterQueueActions(resources));
        alarms.sort(null);
        s.put("alarms", alarms);
        s.put("logs.queries", List.copyOf(queries));
        logRetention.sort(null);
        s.put("logs.retentionDays", logRetention);
        s.put("apiRole.actions", apiRoleActions(resources));
        return s;
    }

    /**
     * The POST method as API Gateway runs it: where it sits (its path, from the resources' chain), who may
     * call it, what it validates, and the SQS integration with its mapping templates, character for character.
     */
    private static void method(SortedMap<String, Object> s, String e, Map<String, Object> p, Map<String, Object> resources) {
        String path = path(p.get("ResourceId"), resources);
        put(s, e.isEmpty() ? "api.method" : "api.methods." + e.strip(), p.get("HttpMethod") + " " + path);
        method(s, e, p);
    }

    private static void method(SortedMap<String, Object> outer, String e, Map<String, Object> p) {
        SortedMap<String, Object> s = new TreeMap<>();
        put(s, "api.method.authorizationType", p.get("AuthorizationType"));
        put(s, "api.method.apiKeyRequired", p.getOrDefault("ApiKeyRequired", false));
        put(s, "api.method.requestModels", new TreeSet<>(map(p.get("RequestModels")).keySet()));
        List<String> methodResponses = new ArrayList<>();
        for (Object response : list(p.get("MethodResponses"))) {
            methodResponses.add(map(response).get("StatusCode") + " " + new TreeSet<>(map(map(response).get("ResponseModels")).keySet()));
        }
        put(s, "api.method.responses", methodResponses);
        Map<String, Object> integration = map(p.get("Integration"));
        put(s, "api.integration", integration.get("Type") + " " + integration.get("IntegrationHttpMethod") + " "
                + integration.get("PassthroughBehavior"));
        put(s, "api.integration.requestParameters", new TreeMap<>(map(integration.get("RequestParameters"))).toString());
        put(s, "api.integration.requestTemplates", new TreeSet<>(map(integration.get("RequestTemplates")).keySet()));
        put(s, "api.integration.requestTemplate", map(integration.get("RequestTemplates")).get("application/json"));
        List<String> responses = new ArrayList<>();
        for (Object response : list(integration.get("IntegrationResponses"))) {
            Map<String, Object> r = map(response);
            responses.add(r.getOrDefault("SelectionPattern", "(default)") + " -> " + r.get("StatusCode") + ": "
                    + map(r.get("ResponseTemplates")).get("application/json"));
        }
        put(s, "api.integration.responses", responses);
        s.forEach((key, value) -> outer.put(e + key, value));
    }

    /**
     * Which endpoint each per-endpoint resource serves, when the template has several POST methods: the method by its
     * path, then what its integration sends to (the queue), the queue's dead-letter queue, the function that reads it
     * (its event source), and the table that function is given; empty for one endpoint. A reference is found as the
     * logical id in the referring property, in any form (!Sub ${Id.Name}, {Ref: Id}, {Fn::GetAtt: [Id, Arn]}).
     */
    static Map<String, String> endpoints(Map<String, Object> resources) {
        Map<String, String> of = new java.util.HashMap<>();
        List<String> posts = resources.entrySet().stream().filter(r -> "AWS::ApiGateway::Method".equals(map(r.getValue()).get("Type"))
                && "POST".equals(map(map(r.getValue()).get("Properties")).get("HttpMethod"))).map(Map.Entry::getKey).toList();
        if (posts.size() < 2) {
            return of;
        }
        for (String post : posts) {
            Map<String, Object> p = map(map(resources.get(post)).get("Properties"));
            String key = "POST " + path(p.get("ResourceId"), resources) + " ";
            of.put(post, key);
            String integration = String.valueOf(map(p.get("Integration")).get("Uri"));
            referenced(resources, "AWS::SQS::Queue", integration).forEach(queue -> of.put(queue, key));
        }
        for (Map.Entry<String, Object> r : resources.entrySet()) { // each queue's dead-letter queue
            String key = of.get(r.getKey());
            if (key != null && "AWS::SQS::Queue".equals(map(r.getValue()).get("Type"))) {
                Object redrive = map(map(r.getValue()).get("Properties")).get("RedrivePolicy");
                referenced(resources, "AWS::SQS::Queue", String.valueOf(redrive)).forEach(dlq -> of.put(dlq, key));
            }
        }
        for (Map.Entry<String, Object> r : resources.entrySet()) { // the functions that read them, and their event sources
            Map<String, Object> resource = map(r.getValue());
            Map<String, Object> p = map(resource.get("Properties"));
            String reads = switch (String.valueOf(resource.get("Type"))) {
                case "AWS::Serverless::Function" -> String.valueOf(p.get("Events"));
                case "AWS::Lambda::EventSourceMapping" -> String.valueOf(p.get("EventSourceArn"));
                default -> null;
            };
            if (reads == null) {
                continue;
            }
            for (String queue : referenced(resources, "AWS::SQS::Queue", reads)) {
                if (of.containsKey(queue) && !of.get(queue).equals(of.get(r.getKey()))) {
                    of.put(r.getKey(), of.get(queue));
                    if (resource.get("Type").equals("AWS::Lambda::EventSourceMapping")) {
                        // The mapping invokes the function, or its alias (CDK's), which names the function.
                        String invoked = String.valueOf(p.get("FunctionName"));
                        for (String alias : referenced(resources, "AWS::Lambda::Alias", invoked)) {
                            invoked += " " + map(map(resources.get(alias)).get("Properties")).get("FunctionName");
                        }
                        referenced(resources, "AWS::Lambda::Function", invoked).forEach(function -> of.put(function, of.get(queue)));
                    }
                }
            }
        }
        for (Map.Entry<String, Object> r : resources.entrySet()) { // the tables the functions are given
            String type = String.valueOf(map(r.getValue()).get("Type"));
            if (of.containsKey(r.getKey()) && (type.equals("AWS::Serverless::Function") || type.equals("AWS::Lambda::Function"))) {
                String environment = String.valueOf(map(map(r.getValue()).get("Properties")).get("Environment"));
                referenced(resources, "AWS::DynamoDB::Table", environment).forEach(table -> of.put(table, of.get(r.getKey())));
            }
        }
        return of;
    }

    /** The logical ids of resources of {@code type} that {@code text} names. */
    private static List<String> referenced(Map<String, Object> resources, String type, String text) {
        return resources.entrySet().stream().filter(r -> type.equals(map(r.getValue()).get("Type")))
                .map(Map.Entry::getKey)
                .filter(id -> java.util.regex.Pattern.compile("(?<![A-Za-z0-9])" + java.util.regex.Pattern.quote(id) + "(?![A-Za-z0-9])")
                        .matcher(text).find())
                .toList();
    }

    /** The path of a resource: the path parts up the chain of ParentId references to the API's root. */
    private static String path(Object resourceId, Map<String, Object> resources) {
        StringBuilder path = new StringBuilder();
        Object current = resourceId;
        // A reference is {"Ref": id} in JSON; in YAML the short-form tags are gone and !Ref id reads as id.
        while ((current instanceof String ref ? ref : map(current).get("Ref")) instanceof String id
                && "AWS::ApiGateway::Resource".equals(map(resources.get(id)).get("Type"))) {
            Map<String, Object> p = map(map(resources.get(id)).get("Properties"));
            path.insert(0, "/" + p.get("PathPart"));
            current = p.get("ParentId");
        }
        return path.toString();
    }

    /** A JSON document with its keys sorted, so two equal documents read the same whatever their order. */
    private static String canonical(Object document) {
        try {
            return new ObjectMapper().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(sorted(document));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> m) {
            TreeMap<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(TemplateSettings::sorted).toList();
        }
        return value;
    }

    /**
     * Every DynamoDB action granted to a role Lambda assumes: inline policies (SAM) and attached
     * AWS::IAM::Policy resources (CDK's DefaultPolicy), so a grant broader than the store's four calls shows.
     */
    private static TreeSet<String> consumerDynamoDbActions(Map<String, Object> resources) {
        TreeSet<String> actions = new TreeSet<>();
        List<String> roles = new ArrayList<>();
        for (Map.Entry<String, Object> entry : resources.entrySet()) {
            Map<String, Object> resource = map(entry.getValue());
            Map<String, Object> p = map(resource.getOrDefault("Properties", Map.of()));
            if ("AWS::IAM::Role".equals(resource.get("Type")) && String.valueOf(p.get("AssumeRolePolicyDocument")).contains("lambda.amazonaws.com")) {
                roles.add(entry.getKey());
                for (Object policy : list(p.get("Policies"))) {
                    actions(actions, map(map(policy).get("PolicyDocument")));
                }
            }
        }
        for (Object value : resources.values()) {
            Map<String, Object> resource = map(value);
            Map<String, Object> p = map(resource.getOrDefault("Properties", Map.of()));
            if ("AWS::IAM::Policy".equals(resource.get("Type")) && roles.stream().anyMatch(role -> String.valueOf(p.get("Roles")).contains(role))) {
                actions(actions, map(p.get("PolicyDocument")));
            }
        }
        actions.removeIf(a -> !a.startsWith("dynamodb:"));
        return actions;
    }

    /**
     * Every action a role Lambda assumes may take on the dead-letter queue (a statement whose resource names it), in
     * inline policies (SAM) and attached AWS::IAM::Policy resources (CDK): on a FIFO queue the consumer sends dead
     * letters there itself, and may do nothing else there.
     */
    private static TreeSet<String> consumerDeadLetterQueueActions(Map<String, Object> resources) {
        List<String> roles = new ArrayList<>();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Map.Entry<String, Object> entry : resources.entrySet()) {
            Map<String, Object> resource = map(entry.getValue());
            Map<String, Object> p = map(resource.getOrDefault("Properties", Map.of()));
            if ("AWS::IAM::Role".equals(resource.get("Type")) && String.valueOf(p.get("AssumeRolePolicyDocument")).contains("lambda.amazonaws.com")) {
                roles.add(entry.getKey());
                for (Object policy : list(p.get("Policies"))) {
                    documents.add(map(map(policy).get("PolicyDocument")));
                }
            }
        }
        for (Object value : resources.values()) {
            Map<String, Object> resource = map(value);
            Map<String, Object> p = map(resource.getOrDefault("Properties", Map.of()));
            if ("AWS::IAM::Policy".equals(resource.get("Type")) && roles.stream().anyMatch(role -> String.valueOf(p.get("Roles")).contains(role))) {
                documents.add(map(p.get("PolicyDocument")));
            }
        }
        TreeSet<String> actions = new TreeSet<>();
        for (Map<String, Object> document : documents) {
            for (Object statement : list(document.get("Statement"))) {
                if (String.valueOf(map(statement).get("Resource")).contains("DeadLetterQueue")) {
                    actions(actions, Map.of("Statement", List.of(statement)));
                }
            }
        }
        return actions;
    }

    private static void function(SortedMap<String, Object> s, String e, Map<String, Object> p) {
        put(s, e + "function.memory", p.get("MemorySize"));
        put(s, e + "function.timeout", p.get("Timeout"));
        put(s, e + "function.runtime", p.get("Runtime"));
        put(s, e + "function.snapStart", map(p.getOrDefault("SnapStart", Map.of())).get("ApplyOn"));
        put(s, e + "function.environment", new TreeSet<>(map(map(p.get("Environment")).get("Variables")).keySet()));
        // On a FIFO queue: the receive on which the consumer moves a failing message itself, the redrive policy's count.
        put(s, e + "function.maxReceiveCount", map(map(p.get("Environment")).get("Variables")).get("MAX_RECEIVE_COUNT"));
    }

    private static void eventSource(SortedMap<String, Object> s, String e, Map<String, Object> p) {
        put(s, e + "eventSource.batchSize", p.get("BatchSize"));
        put(s, e + "eventSource.batchingWindow", p.getOrDefault("MaximumBatchingWindowInSeconds", 0));
        put(s, e + "eventSource.maximumConcurrency", map(p.getOrDefault("ScalingConfig", Map.of())).get("MaximumConcurrency"));
        put(s, e + "eventSource.functionResponseTypes", p.get("FunctionResponseTypes"));
    }

    /** One line per alarm: what it watches and when it fires (names and descriptions may differ). */
    private static String alarm(Map<String, Object> p, String stack) {
        return alarmData(p) + " name=" + afterStackName(p.get("AlarmName"), stack) + " description=" + p.get("AlarmDescription");
    }

    /**
     * A name after the stack's: {@code !Sub ${AWS::StackName}-NAME} in the SAM form, the CDK's stack name and
     * {@code -NAME} (or {@code /NAME}), or an {@code Fn::Join} of the two where the name is a token.
     */
    private static String afterStackName(Object name, String stack) {
        if (name instanceof Map<?, ?> join) {
            List<?> parts = list(list(join.get("Fn::Join")).get(1));
            return String.valueOf(parts.get(parts.size() - 1));
        }
        String text = String.valueOf(name);
        return text.startsWith(stack) ? text.substring(stack.length()) : text;
    }

    private static String alarmData(Map<String, Object> p) {
        if (p.containsKey("Metrics")) {
            return String.join(" ", "math[" + metricQueries(list(p.get("Metrics"))) + "]",
                    "evaluations=" + text(p.get("EvaluationPeriods")),
                    "datapoints=" + text(p.getOrDefault("DatapointsToAlarm", p.get("EvaluationPeriods"))),
                    Objects.toString(p.get("ComparisonOperator")), text(p.get("Threshold")),
                    "band=" + p.containsKey("ThresholdMetricId"),
                    "missing=" + Objects.toString(p.get("TreatMissingData")),
                    "actions=" + list(p.get("AlarmActions")).size() + "/" + list(p.get("OKActions")).size());
        }
        Object statistic = p.containsKey("ExtendedStatistic") ? p.get("ExtendedStatistic") : p.get("Statistic");
        return String.join(" ", Objects.toString(p.get("Namespace")), Objects.toString(p.get("MetricName")),
                Objects.toString(statistic), "period=" + text(p.get("Period")), "evaluations=" + text(p.get("EvaluationPeriods")),
                "datapoints=" + text(p.getOrDefault("DatapointsToAlarm", p.get("EvaluationPeriods"))),
                Objects.toString(p.get("ComparisonOperator")), text(p.get("Threshold")),
                "missing=" + Objects.toString(p.get("TreatMissingData")),
                "actions=" + list(p.get("AlarmActions")).size() + "/" + list(p.get("OKActions")).size());
    }

    /**
     * A metric-math alarm's queries, independent of the ids each form gives them: a metric as namespace,
     * name, statistic and period; an expression with every metric id replaced by that metric's name.
     */
    private static String metricQueries(List<?> queries) {
        Map<String, String> names = new TreeMap<>();
        for (Object query : queries) {
            Map<String, Object> stat = map(map(query).get("MetricStat"));
            if (!stat.isEmpty()) {
                names.put(String.valueOf(map(query).get("Id")), String.valueOf(map(stat.get("Metric")).get("MetricName")));
            }
        }
        TreeSet<String> described = new TreeSet<>();
        for (Object query : queries) {
            Map<String, Object> q = map(query);
            Map<String, Object> stat = map(q.get("MetricStat"));
            if (stat.isEmpty()) {
                String expression = String.valueOf(q.get("Expression"));
                for (Map.Entry<String, String> name : names.entrySet()) {
                    expression = expression.replaceAll("\\b" + name.getKey() + "\\b", "{" + name.getValue() + "}");
                }
                described.add("expression " + expression + " returned=" + q.getOrDefault("ReturnData", true));
            } else {
                Map<String, Object> metric = map(stat.get("Metric"));
                described.add(String.join(" ", "metric", String.valueOf(metric.get("Namespace")), String.valueOf(metric.get("MetricName")),
                        String.valueOf(stat.get("Stat")), "period=" + text(stat.get("Period")),
                        "returned=" + q.getOrDefault("ReturnData", true)));
            }
        }
        return String.join("; ", described);
    }

    /**
     * The dashboard's widget titles in order. The SAM form's body is a string with ${…} references
     * (its !Sub tag is gone), the CDK form's an Fn::Join of strings and references: either way the
     * references become placeholders and the rest is the JSON CloudWatch reads.
     */
    private static List<String> widgetTitles(Object body) {
        String json;
        if (body instanceof String text) {
            json = text.replaceAll("\\$\\{[^}]+}", "X");
        } else {
            StringBuilder joined = new StringBuilder();
            for (Object part : list(list(map(body).get("Fn::Join")).get(1))) {
                joined.append(part instanceof String text ? text : "X");
            }
            json = joined.toString();
        }
        try {
            List<String> titles = new ArrayList<>();
            new ObjectMapper().readTree(json).path("widgets").forEach(w -> titles.add(w.path("properties").path("title").asText("")));
            return titles;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the dashboard body is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Every action granted to a role API Gateway assumes, except the account's CloudWatch logging
     * role (a managed policy): that is the integration role, which may only send to the queue.
     */
    private static TreeSet<String> apiRoleActions(Map<String, Object> resources) {
        TreeSet<String> actions = new TreeSet<>();
        List<String> apiRoles = new ArrayList<>();
        for (Map.Entry<String, Object> entry : resources.entrySet()) {
            Map<String, Object> resource = map(entry.getValue());
            Map<String, Object> p = map(resource.getOrDefault("Properties", Map.of()));
            if ("AWS::IAM::Role".equals(resource.get("Type")) && String.valueOf(p.get("AssumeRolePolicyDocument")).contains("apigateway.amazonaws.com")
                    && !p.containsKey("ManagedPolicyArns")) {
                apiRoles.add(entry.getKey());
                for (Object policy : list(p.get("Policies"))) {
                    actions(actions, map(map(policy).get("PolicyDocument")));
                }
            }
        }
        for (Object value : resources.values()) {
            Map<String, Object> resource = map(value);
            Map<String, Object> p = map(resource.getOrDefault("Properties", Map.of()));
            if ("AWS::IAM::Policy".equals(resource.get("Type"))
                    && apiRoles.stream().anyMatch(role -> String.valueOf(p.get("Roles")).contains(role))) {
                actions(actions, map(p.get("PolicyDocument")));
            }
        }
        return actions;
    }

    private static void actions(TreeSet<String> into, Map<String, Object> document) {
        for (Object statement : list(document.get("Statement"))) {
            Object action = map(statement).get("Action");
            if (action instanceof Collection<?> many) {
                many.forEach(a -> into.add(String.valueOf(a)));
            } else {
                into.add(String.valueOf(action));
            }
        }
    }

    private static void put(SortedMap<String, Object> s, String key, Object value) {
        if (value != null) {
            s.put(key, value instanceof Collection<?> c ? c.stream().map(TemplateSettings::text).toList() : text(value));
        }
    }

    /** Numbers as text, so 300 from YAML and 300 from JSON compare equal whatever their Java type. */
    private static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
