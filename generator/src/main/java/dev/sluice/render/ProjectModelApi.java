package dev.sluice.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.answers.Answers;
import dev.sluice.payload.JsonPrinter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The REST API both forms deploy, built once: its resources, the POST method with its SQS integration,
 * the mapping templates, the responses and the id of the deployment that snapshots them. The SAM
 * template, the CDK stack and the consumer's {@code pipeline.json} render these values; none of them
 * writes a template of its own.
 */
final class ProjectModelApi {
    /** The API's one stage: part of the URL, and the Stage dimension of the API alarms. */
    static final String STAGE = "prod";
    /** What SQS says of a request it will refuse however often it is sent (its Error.Code, HTTP 400). */
    static final List<String> CLIENT_ERROR_CODES = List.of("InvalidParameterValue", "InvalidMessageContents");
    static final String RETRY_LATER = "The request could not be queued; retry later.";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ProjectModelApi() {}

    /**
     * @param modelName the request model's name, unique in the API: the root type's for a service of one endpoint, the
     *                  endpoint's name with several (two endpoints may have root types of one name)
     */
    static ProjectModel.Api of(Answers answers, String rootType, String modelName, String requestModelJson,
            ProjectModel.Consistency consistency, String sluiceVersion) {
        String auth = answers.auth().id();
        List<ProjectModel.Resource> resources = resources(answers.path());
        MappingTemplate request = requestTemplate(consistency, dev.sluice.answers.EndpointPaths.parameters(answers.path()));
        List<ProjectModel.IntegrationResponse> integrationResponses = integrationResponses();
        List<ProjectModel.MethodResponse> methodResponses = methodResponses(auth);
        Map<String, String> requestParameters = new LinkedHashMap<>();
        // The SQS query API takes a form; SendMessage's answer, error or not, is JSON when asked for (the response
        // templates read JSON).
        requestParameters.put("integration.request.header.Content-Type", "'application/x-www-form-urlencoded'");
        requestParameters.put("integration.request.header.Accept", "'application/json'");
        MappingTemplate invalidBody = new MappingTemplate(
                "{\"message\": \"$context.error.validationErrorString\", \"requestId\": \"$context.requestId\"}");
        List<String> methodParameters = dev.sluice.answers.EndpointPaths.parameters(answers.path()).stream()
                .map(p -> "method.request.path." + p).toList();
        ProjectModel.Api api = new ProjectModel.Api(answers.path(), auth, STAGE, resources, modelName, "accept" + rootType,
                auth.equals("iam") ? "AWS_IAM" : "NONE", auth.equals("api-key"), methodParameters, requestParameters, request,
                integrationResponses, methodResponses, invalidBody, ACCEPTED_MODEL, "");
        return api.withDeploymentId("ApiDeployment" + definitionHash(api, requestModelJson, sluiceVersion));
    }

    /**
     * One resource per path segment, each under the one before ({@code /v1/payments}: {@code v1}, then
     * {@code payments} under it). A logical id names the whole path to its segment, so no two collide.
     */
    static List<ProjectModel.Resource> resources(String path) {
        List<ProjectModel.Resource> resources = new ArrayList<>();
        StringBuilder id = new StringBuilder("Api");
        String parent = "";
        for (String segment : path.substring(1).split("/")) {
            for (String word : segment.split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
            String resourceId = id + "Resource";
            if (resources.stream().anyMatch(r -> r.id().equals(resourceId))) {
                throw new IllegalStateException("two resources of " + path + " would be " + resourceId);
            }
            resources.add(new ProjectModel.Resource(resourceId, segment, parent));
            parent = resourceId;
        }
        return List.copyOf(resources);
    }

    /**
     * SendMessage as the SQS query API's form: the body, and the API request id as the message attribute
     * correlationId, which the consumer puts into every log line. On a FIFO queue also the message group
     * and, unless the queue deduplicates by content, the deduplication id. A key is read into a variable
     * first and written in quotes: a number or a boolean becomes text before urlEncode, which takes a string only.
     * Each path parameter travels as a message attribute of its name (2, 3, … in the path's order), its value from
     * {@code $input.params}, so the consumer gets what the body does not hold; a path without parameters adds none.
     *
     * @param parameters the path's parameters, in order
     */
    static MappingTemplate requestTemplate(ProjectModel.Consistency consistency, List<String> parameters) {
        List<String> lines = new ArrayList<>();
        if (consistency.fifo()) {
            lines.add("#set($messageGroupId = $input.path(\"" + consistency.groupKeyJsonPath() + "\"))##");
            if (consistency.deduplicationIdFromField()) {
                lines.add("#set($messageDeduplicationId = $input.path(\"" + consistency.dedupeKeyJsonPath() + "\"))##");
            }
        }
        lines.add("Action=SendMessage##");
        lines.add("&MessageBody=$util.urlEncode($input.body)##");
        lines.add("&MessageAttribute.1.Name=correlationId##");
        lines.add("&MessageAttribute.1.Value.DataType=String##");
        lines.add("&MessageAttribute.1.Value.StringValue=$context.requestId##");
        for (int i = 0; i < parameters.size(); i++) {
            String attribute = "&MessageAttribute." + (i + 2);
            lines.add(attribute + ".Name=" + parameters.get(i) + "##");
            lines.add(attribute + ".Value.DataType=String##");
            lines.add(attribute + ".Value.StringValue=$util.urlEncode($input.params('" + parameters.get(i) + "'))##");
        }
        if (consistency.fifo()) {
            lines.add("&MessageGroupId=$util.urlEncode(\"$messageGroupId\")##");
            if (consistency.deduplicationIdFromField()) {
                lines.add("&MessageDeduplicationId=$util.urlEncode(\"$messageDeduplicationId\")##");
            } else if (consistency.deduplicationIdFromRequest()) {
                lines.add("&MessageDeduplicationId=$context.requestId##");
            }
        }
        return new MappingTemplate(String.join("\n", lines));
    }

    /**
     * What SQS answered, made the client's answer. Selected by SQS's HTTP status: 2xx is 202 with the
     * message id; 400 is the client's fault only for the codes in {@link #CLIENT_ERROR_CODES} (the same
     * request would be refused again), while SQS also answers 400 for throttling, KMS and access errors, which
     * the template turns into a 500; anything else is a 500. A 500 tells the client to retry later.
     */
    static List<ProjectModel.IntegrationResponse> integrationResponses() {
        String requestId = "\"requestId\": \"$context.requestId\"}";
        MappingTemplate accepted = new MappingTemplate("{\"messageId\": \"$input.path('$.SendMessageResponse.SendMessageResult.MessageId')\", "
                + requestId);
        String condition = String.join(" || ", CLIENT_ERROR_CODES.stream().map(code -> "$code == \"" + code + "\"").toList());
        MappingTemplate refused = new MappingTemplate(String.join("\n",
                // The error as JSON: {"Error": {"Code": ...}} as seen from API Gateway, or still inside the XML's
                // root element, {"ErrorResponse": {"Error": ...}}, as LocalStack answers; AWS documents only the XML.
                "#set($code = $input.path('$.Error.Code'))##",
                "#if(\"$!code\" == \"\")#set($code = $input.path('$.ErrorResponse.Error.Code'))#end##",
                "#if(" + condition + ")##",
                "{\"message\": \"SQS refused the request: $code; sending it again will not succeed.\", " + requestId + "##",
                "#else##",
                "#set($context.responseOverride.status = 500)##",
                "{\"message\": \"" + RETRY_LATER + "\", " + requestId + "##",
                "#end##"));
        MappingTemplate notQueued = new MappingTemplate("{\"message\": \"" + RETRY_LATER + "\", " + requestId);
        return List.of(
                new ProjectModel.IntegrationResponse("2\\d{2}", "202", accepted,
                        "SQS queued the message: 202 with its id, and the request id the logs carry."),
                new ProjectModel.IntegrationResponse("400", "400", refused,
                        "SQS refused it: 400 (do not send it again) if the message is invalid, else 500 (retry later)."),
                new ProjectModel.IntegrationResponse("", "500", notQueued,
                        "Any other answer from SQS: 500 (retry later); what it said shows in the access log."));
    }

    static List<ProjectModel.MethodResponse> methodResponses(String auth) {
        List<ProjectModel.MethodResponse> responses = new ArrayList<>();
        responses.add(new ProjectModel.MethodResponse("202", "Accepted and queued; processed asynchronously."));
        responses.add(new ProjectModel.MethodResponse("400",
                "The body does not match the request model, or SQS refused it as invalid; sending it again will not succeed."));
        if (auth.equals("iam")) {
            responses.add(new ProjectModel.MethodResponse("403",
                    "The request is not signed (SigV4) by a principal allowed execute-api:Invoke."));
        } else if (auth.equals("api-key")) {
            responses.add(new ProjectModel.MethodResponse("403", "The x-api-key header is missing or not a key of the usage plan."));
        }
        responses.add(new ProjectModel.MethodResponse("415", "The body is not application/json."));
        responses.add(new ProjectModel.MethodResponse("429", "Throttled; retry with backoff."));
        responses.add(new ProjectModel.MethodResponse("500", "The request could not be queued; retry later."));
        return List.copyOf(responses);
    }

    /** The 202 answer's body, as a draft-04 model. */
    static final String ACCEPTED_MODEL = String.join("\n",
            "{",
            "  \"$schema\": \"http://json-schema.org/draft-04/schema#\",",
            "  \"title\": \"Accepted\",",
            "  \"type\": \"object\",",
            "  \"properties\": {",
            "    \"messageId\": {",
            "      \"type\": \"string\"",
            "    },",
            "    \"requestId\": {",
            "      \"type\": \"string\"",
            "    }",
            "  }",
            "}");

    /**
     * API Gateway serves a snapshot of the API (a deployment), taken when the deployment is created:
     * CloudFormation makes a new one only under a new logical id. The id therefore carries a hash of
     * everything the snapshot holds (resources, method, integration and its templates, responses, models,
     * validator, gateway response), as CDK's RestApi does: any change to the API deploys it. The Sluice version
     * stands for the template's fixed text, which a new version may change without the model changing.
     */
    static String definitionHash(ProjectModel.Api api, String requestModelJson, String sluiceVersion) {
        return shortHash(definition(api, requestModelJson, sluiceVersion));
    }

    /** The first 5 bytes of the text's SHA-256, in hex: what a deployment's logical id ends with. */
    static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the deployment's id hashes, as one line of JSON: the API's parts (its stage aside, which the deployment
     * does not hold), the request and 202 models, and the SAM template's fixed parts of the method. Built by hand, in
     * the order Jackson once wrote the {@link ProjectModel.Api} record in (ProjectModelApiTest holds the two equal), so
     * every deployment id stays what it was, without starting an ObjectMapper on the way.
     */
    static String definition(ProjectModel.Api api, String requestModelJson, String sluiceVersion) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode definition = f.objectNode();
        definition.put("path", api.path());
        definition.put("auth", api.auth());
        ArrayNode resources = definition.putArray("resources");
        for (ProjectModel.Resource r : api.resources()) {
            resources.addObject().put("id", r.id()).put("pathPart", r.pathPart()).put("parentId", r.parentId());
        }
        definition.put("modelName", api.modelName());
        definition.put("operationName", api.operationName());
        definition.put("authorizationType", api.authorizationType());
        definition.put("apiKeyRequired", api.apiKeyRequired());
        if (!api.methodParameters().isEmpty()) { // a path without parameters hashes as before they were known
            ArrayNode parameters = definition.putArray("methodParameters");
            api.methodParameters().forEach(parameters::add);
        }
        ObjectNode requestParameters = definition.putObject("requestParameters");
        api.requestParameters().forEach(requestParameters::put);
        definition.putObject("requestTemplate").put("text", api.requestTemplate().text());
        ArrayNode integrationResponses = definition.putArray("integrationResponses");
        for (ProjectModel.IntegrationResponse r : api.integrationResponses()) {
            ObjectNode response = integrationResponses.addObject().put("selectionPattern", r.selectionPattern())
                    .put("statusCode", r.statusCode());
            response.putObject("template").put("text", r.template().text());
            response.put("why", r.why());
        }
        ArrayNode methodResponses = definition.putArray("methodResponses");
        for (ProjectModel.MethodResponse r : api.methodResponses()) {
            methodResponses.addObject().put("statusCode", r.statusCode()).put("description", r.description());
        }
        definition.putObject("invalidBodyTemplate").put("text", api.invalidBodyTemplate().text());
        definition.put("deploymentId", "");
        definition.set("requestModel", JsonPrinter.parse(requestModelJson));
        definition.set("acceptedModel", JsonPrinter.parse(api.acceptedModelJson()));
        // The SAM template's fixed parts of the method: if they change, so does the snapshot.
        ObjectNode fixed = definition.putObject("fixed");
        fixed.put("httpMethod", "POST");
        fixed.put("integration", "AWS POST sqs:path/{account}/{queue} with the send-message role");
        fixed.put("passthroughBehavior", "NEVER");
        ArrayNode validator = fixed.putArray("validator");
        validator.add("body");
        fixed.put("gatewayResponse", "BAD_REQUEST_BODY 400");
        fixed.put("sluice", sluiceVersion);
        return JsonPrinter.compact(definition);
    }

    /**
     * A dot path of the body ({@code customer.id}) as API Gateway's JSONPath: {@code $.customer.id}, a name that
     * is not a plain identifier in brackets ({@code $['order id']}). It goes into a double-quoted Velocity
     * string, which cannot hold a double quote.
     */
    static String jsonPath(String dotPath) {
        if (dotPath == null) {
            return null;
        }
        StringBuilder path = new StringBuilder("$");
        for (String name : dotPath.split("\\.")) {
            if (IDENTIFIER.matcher(name).matches()) {
                path.append('.').append(name);
            } else if (name.contains("\"")) {
                throw new IllegalArgumentException("a key name with a double quote cannot be read by API Gateway's mapping"
                        + " template: " + name);
            } else {
                path.append("['").append(name.replace("\\", "\\\\").replace("'", "\\'")).append("']");
            }
        }
        return path.toString();
    }
}
