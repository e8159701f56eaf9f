package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Answers;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.engine.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectModelApiTest {
    private static final RawAnswers ORDERS = RawAnswers.empty()
            .with(Question.NAME, "orders")
            .with(Question.FIELDS, List.of("orderId:uuid", "customer:object{id:string}", "amount:number", "note:string?"));

    private final Engine engine = new Engine();

    private ProjectModel.Api api(RawAnswers raw) {
        Answers answers = engine.validate(raw);
        return ProjectModels.of(answers, engine.plan(answers), "test").api();
    }

    @Test
    void oneResourcePerSegmentEachUnderTheOneBefore() {
        assertEquals(List.of(new ProjectModel.Resource("ApiOrdersResource", "orders", "")), ProjectModelApi.resources("/orders"));
        assertEquals(List.of(
                        new ProjectModel.Resource("ApiV1Resource", "v1", ""),
                        new ProjectModel.Resource("ApiV1PaymentEventsResource", "payment-events", "ApiV1Resource")),
                ProjectModelApi.resources("/v1/payment-events"));
        // A path parameter (not asked for yet) is a segment like any other.
        assertEquals(new ProjectModel.Resource("ApiOrdersOrderIdResource", "{orderId}", "ApiOrdersResource"),
                ProjectModelApi.resources("/orders/{orderId}").get(1));
        assertEquals("ApiV1PaymentEventsResource", api(ORDERS.with(Question.PATH, "/v1/payment-events")).methodResourceId());
    }

    @Test
    void keyNamesThatAreNotIdentifiersGoInBrackets() {
        assertEquals("$.customer.id", ProjectModelApi.jsonPath("customer.id"));
        assertEquals("$['order id']", ProjectModelApi.jsonPath("order id"));
        assertEquals("$.order['line-no']", ProjectModelApi.jsonPath("order.line-no"));
        assertEquals("$['o\\'brien']", ProjectModelApi.jsonPath("o'brien"));
        assertEquals("$['a b'].c", ProjectModelApi.jsonPath("a b.c"));
        assertEquals("$.customer['José']", ProjectModelApi.jsonPath("customer.José"));
        assertEquals("$.order_id", ProjectModelApi.jsonPath("order_id"));
        assertNull(ProjectModelApi.jsonPath(null));
        assertThrows(IllegalArgumentException.class, () -> ProjectModelApi.jsonPath("say \"hi\""));
    }

    @Test
    void theRequestTemplateIsOneFormLineWithTheCorrelationId() {
        String template = api(ORDERS).requestTemplate().text();
        assertEquals(String.join("\n",
                "Action=SendMessage##",
                "&MessageBody=$util.urlEncode($input.body)##",
                "&MessageAttribute.1.Name=correlationId##",
                "&MessageAttribute.1.Value.DataType=String##",
                "&MessageAttribute.1.Value.StringValue=$context.requestId##"), template);
    }

    @Test
    void eachPathParameterTravelsAsAMessageAttributeOfItsNameInPathOrder() {
        RawAnswers events = ORDERS.with(Question.PATH, "/shops/{shopId}/sales/{saleId}/events");
        String template = api(events).requestTemplate().text();
        assertEquals(String.join("\n",
                "Action=SendMessage##",
                "&MessageBody=$util.urlEncode($input.body)##",
                "&MessageAttribute.1.Name=correlationId##",
                "&MessageAttribute.1.Value.DataType=String##",
                "&MessageAttribute.1.Value.StringValue=$context.requestId##",
                "&MessageAttribute.2.Name=shopId##",
                "&MessageAttribute.2.Value.DataType=String##",
                "&MessageAttribute.2.Value.StringValue=$util.urlEncode($input.params('shopId'))##",
                "&MessageAttribute.3.Name=saleId##",
                "&MessageAttribute.3.Value.DataType=String##",
                "&MessageAttribute.3.Value.StringValue=$util.urlEncode($input.params('saleId'))##"), template);

        // On a FIFO queue the attributes come before the group and deduplication ids, which stay as they were.
        String fifo = api(events.with(Question.ORDERING, "key:customer.id")).requestTemplate().text();
        assertTrue(fifo.contains("$input.params('saleId'))##\n&MessageGroupId=$util.urlEncode(\"$messageGroupId\")##"), fifo);
        // The method's template changes with its parameters, so does the deployment.
        assertNotEquals(api(ORDERS.with(Question.PATH, "/shops/{shopId}/events")).deploymentId(),
                api(ORDERS.with(Question.PATH, "/shops/{shop}/events")).deploymentId());
    }

    @Test
    void aFifoTemplateReadsTheKeysIntoVariablesAndSendsThemAsText() {
        String byField = api(ORDERS.with(Question.ORDERING, "key:customer.id").with(Question.DUPLICATES, "dedupe:orderId"))
                .requestTemplate().text();
        assertTrue(byField.startsWith("#set($messageGroupId = $input.path(\"$.customer.id\"))##\n"
                + "#set($messageDeduplicationId = $input.path(\"$.orderId\"))##\nAction=SendMessage##"), byField);
        assertTrue(byField.endsWith("&MessageGroupId=$util.urlEncode(\"$messageGroupId\")##\n"
                + "&MessageDeduplicationId=$util.urlEncode(\"$messageDeduplicationId\")##"), byField);

        String tolerate = api(ORDERS.with(Question.ORDERING, "key:customer.id")).requestTemplate().text();
        assertTrue(tolerate.endsWith("&MessageDeduplicationId=$context.requestId##"), tolerate);

        String byBody = api(ORDERS.with(Question.ORDERING, "key:customer.id").with(Question.DUPLICATES, "dedupe:body"))
                .requestTemplate().text();
        assertTrue(!byBody.contains("MessageDeduplicationId"), byBody);
    }

    @Test
    void sqsErrorsSplitIntoDoNotRetryAndRetryLater() {
        List<ProjectModel.IntegrationResponse> responses = api(ORDERS).integrationResponses();
        assertEquals(List.of("2\\d{2}", "400", ""), responses.stream().map(ProjectModel.IntegrationResponse::selectionPattern).toList());
        assertEquals(List.of("202", "400", "500"), responses.stream().map(ProjectModel.IntegrationResponse::statusCode).toList());
        assertEquals(String.join("\n",
                "#set($code = $input.path('$.Error.Code'))##",
                "#if(\"$!code\" == \"\")#set($code = $input.path('$.ErrorResponse.Error.Code'))#end##",
                "#if($code == \"InvalidParameterValue\" || $code == \"InvalidMessageContents\")##",
                "{\"message\": \"SQS refused the request: $code; sending it again will not succeed.\", \"requestId\": \"$context.requestId\"}##",
                "#else##",
                "#set($context.responseOverride.status = 500)##",
                "{\"message\": \"The request could not be queued; retry later.\", \"requestId\": \"$context.requestId\"}##",
                "#end##"), responses.get(1).template().text());
        assertEquals("\"2\\\\d{2}\"", responses.get(0).selectionPatternLiteral());
    }

    @Test
    void everyIntegrationStatusIsAMethodResponseAndAuthAdds403() {
        for (String auth : List.of("none", "iam", "api-key")) {
            ProjectModel.Api api = api(ORDERS.with(Question.AUTH, auth));
            List<String> declared = api.methodResponses().stream().map(ProjectModel.MethodResponse::statusCode).toList();
            assertTrue(declared.containsAll(api.integrationResponses().stream().map(ProjectModel.IntegrationResponse::statusCode).toList()));
            assertEquals(!auth.equals("none"), declared.contains("403"), auth);
            assertEquals(auth.equals("iam") ? "AWS_IAM" : "NONE", api.authorizationType());
            assertEquals(auth.equals("api-key"), api.apiKeyRequired());
        }
    }

    @Test
    void theDeploymentIdChangesWithAnythingTheSnapshotHolds() {
        String base = api(ORDERS).deploymentId();
        assertTrue(base.matches("ApiDeployment[0-9a-f]{10}"), base);
        assertEquals(base, api(ORDERS).deploymentId(), "the same answers, the same id");
        // The traffic does not shape the API (the stage's throttling is not part of the snapshot).
        assertEquals(base, api(ORDERS.with(Question.PEAK_RPS, "400")).deploymentId());
        for (RawAnswers changed : List.of(
                ORDERS.with(Question.FIELDS, List.of("orderId:uuid", "customer:object{id:string}", "amount:number", "note:string")),
                ORDERS.with(Question.AUTH, "iam"),
                ORDERS.with(Question.PATH, "/v1/orders"),
                ORDERS.with(Question.ORDERING, "key:customer.id"))) {
            assertNotEquals(base, api(changed).deploymentId(), changed.toString());
        }
        // Another Sluice may write the method's fixed parts differently: its deployment is a new one.
        Answers answers = engine.validate(ORDERS);
        assertNotEquals(base, ProjectModels.of(answers, engine.plan(answers), "test-next").api().deploymentId());
    }

    @Test
    void aTemplateRendersTheSameTextInYamlJavaAndJson() {
        MappingTemplate template = new MappingTemplate("#set($a = \"x\\y\")##\n{\"b\": \"$a\"}");
        assertEquals("    #set($a = \"x\\y\")##\n    {\"b\": \"$a\"}", template.yaml(4));
        assertEquals("\"\"\"\n  #set($a = \"x\\\\y\")##\n  {\"b\": \"$a\"}\"\"\"", template.javaTextBlock(2));
        assertEquals("\"#set($a = \\\"x\\\\y\\\")##\\n{\\\"b\\\": \\\"$a\\\"}\"", template.json());
        assertThrows(IllegalArgumentException.class, () -> new MappingTemplate("a\n"));
        assertThrows(IllegalArgumentException.class, () -> new MappingTemplate("a \nb"));
    }

    /**
     * The deployment's hashed definition, built by hand, is byte for byte what Jackson wrote for the Api record (its
     * components in order, the stage and the model's JSON text swapped for the parsed models), for every endpoint of
     * every sample and answer set: so no deployment id changed when the ObjectMapper left.
     */
    @Test
    void theHashedDefinitionIsWhatJacksonWroteForEveryEndpoint() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        dev.sluice.engine.Engine engine = new dev.sluice.engine.Engine();
        List<java.nio.file.Path> sets = new java.util.ArrayList<>(dev.sluice.it.Repository.sampleAnswers());
        sets.addAll(dev.sluice.it.Repository.testAnswerSets());
        int endpoints = 0;
        for (java.nio.file.Path answers : sets) {
            dev.sluice.answers.Service service = engine.validateService(dev.sluice.it.Repository.read(answers));
            for (ProjectModel endpoint : ServiceModels.of(service, engine.plan(service), "9.9.9").endpoints()) {
                ProjectModel.Api api = endpoint.api();
                String requestModel = endpoint.payload().requestModelJson();
                com.fasterxml.jackson.databind.node.ObjectNode old = json.valueToTree(api.withDeploymentId(""));
                if (api.methodParameters().isEmpty()) {
                    old.remove("methodParameters");
                }
                old.set("requestModel", json.readTree(requestModel));
                old.set("acceptedModel", json.readTree(api.acceptedModelJson()));
                old.remove("acceptedModelJson");
                com.fasterxml.jackson.databind.node.ObjectNode fixed = old.putObject("fixed");
                fixed.put("httpMethod", "POST");
                fixed.put("integration", "AWS POST sqs:path/{account}/{queue} with the send-message role");
                fixed.put("passthroughBehavior", "NEVER");
                fixed.putArray("validator").add("body");
                fixed.put("gatewayResponse", "BAD_REQUEST_BODY 400");
                fixed.put("sluice", "9.9.9");
                old.remove("stage");
                assertEquals(json.writeValueAsString(old), ProjectModelApi.definition(api, requestModel, "9.9.9"),
                        answers.getFileName() + " " + endpoint.endpoint().path());
                endpoints++;
            }
        }
        assertTrue(endpoints > 15, endpoints + " endpoints");
    }
}
