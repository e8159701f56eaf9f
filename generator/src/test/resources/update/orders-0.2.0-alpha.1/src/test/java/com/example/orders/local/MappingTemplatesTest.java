package com.example.orders.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mapping templates this project deploys, as pipeline.json holds them (the infrastructure tests hold it to the
 * deployed ones), run by the local API's Velocity runtime: what SQS gets for the sample request, and what the client
 * gets for each kind of answer from SQS. Then the runtime itself: {@code $input}, {@code $util} and {@code $context}
 * as AWS documents them for REST API mapping templates.
 */
class MappingTemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PipelineSettings SETTINGS = PipelineSettings.read();
    private static final ApiIntegration INTEGRATION = new ApiIntegration(SETTINGS.integration());
    private static final String REQUEST_ID = "0f6c3a4e-7d1b-4c52-9a8e-2b5d6f7a8c90";
    private static final String MESSAGE_ID = "5fea7756-0ea4-451a-a703-a558b933e274";

    private static MappingTemplate.Context context() {
        return new MappingTemplate.Context(REQUEST_ID, "POST", SETTINGS.api().path(), "127.0.0.1", "curl/8.5.0");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- this project's templates

    @Test
    void theRequestTemplateSendsTheSampleToSqsAsPlanned() throws Exception {
        String sample = SampleRequests.sample();
        JsonNode body = JSON.readTree(sample);

        String form = INTEGRATION.requestTemplate("application/json")
                .render(new MappingTemplate.Input(sample, body, Map.of()), context());

        // Every parameter of SendMessage in the query API's form, each value URL-encoded (a space is +).
        List<String> expected = new ArrayList<>(List.of(
                "Action=SendMessage",
                "MessageBody=" + encode(sample),
                "MessageAttribute.1.Name=" + ApiStandIn.CORRELATION_ID_ATTRIBUTE,
                "MessageAttribute.1.Value.DataType=String",
                "MessageAttribute.1.Value.StringValue=" + REQUEST_ID));
        assertEquals(String.join("&", expected), form);
        // SQS decodes it back to the body, byte for byte.
        assertEquals(sample, LocalSqs.parameters(form).get("MessageBody"));
    }

    @Test
    void onlyJsonHasARequestTemplate() {
        assertEquals(List.of("application/json"), List.copyOf(SETTINGS.integration().requestTemplates().keySet()));
        assertTrue(INTEGRATION.requestTemplate(null) != null, "no content type is application/json");
        assertTrue(INTEGRATION.requestTemplate("Application/JSON; charset=UTF-8") != null);
        assertNull(INTEGRATION.requestTemplate("text/plain"), "API Gateway answers 415");
    }

    @Test
    void sqsQueuingTheMessageIs202WithTheMessageAndRequestIds() throws Exception {
        ApiIntegration.Answer answer = INTEGRATION.respond(new LocalSqs.Answer(200, "{\"SendMessageResponse\": {"
                + "\"SendMessageResult\": {\"MD5OfMessageBody\": \"d41d8cd98f00b204e9800998ecf8427e\", \"MessageId\": \""
                + MESSAGE_ID + "\"}, \"ResponseMetadata\": {\"RequestId\": \"8c3e7c52-5b63-5d3a-9c1e-4a0f5b6c7d8e\"}}}"),
                context());

        assertEquals(202, answer.status(), answer::body);
        JsonNode body = JSON.readTree(answer.body());
        assertEquals(MESSAGE_ID, body.path("messageId").asText());
        assertEquals(REQUEST_ID, body.path("requestId").asText());
    }

    /** SQS refuses the message itself: the same request would be refused again, so the client must not retry. */
    @ParameterizedTest
    @ValueSource(strings = {"InvalidParameterValue", "InvalidMessageContents"})
    void aMessageSqsRefusesAsInvalidIs400NotToBeRetried(String code) throws Exception {
        ApiIntegration.Answer answer = INTEGRATION.respond(sqsError(400, code), context());

        assertEquals(400, answer.status(), answer::body);
        JsonNode body = JSON.readTree(answer.body());
        assertTrue(body.path("message").asText().contains(code), answer::body);
        assertTrue(body.path("message").asText().contains("will not succeed"), answer::body);
        assertEquals(REQUEST_ID, body.path("requestId").asText());
    }

    /** The same error still inside the XML's root element, as LocalStack answers: the same answer. */
    @Test
    void anErrorWrappedInItsXmlRootElementIsReadToo() throws Exception {
        LocalSqs.Answer wrapped = new LocalSqs.Answer(400, "{\"ErrorResponse\": {\"Error\": {\"Code\": \"InvalidMessageContents\","
                + " \"Message\": \"refused\", \"Type\": \"Sender\"}, \"RequestId\": \"8c3e7c52-5b63-5d3a-9c1e-4a0f5b6c7d8e\"}}");
        ApiIntegration.Answer answer = INTEGRATION.respond(wrapped, context());

        assertEquals(400, answer.status(), answer::body);
        assertTrue(JSON.readTree(answer.body()).path("message").asText().contains("InvalidMessageContents"), answer::body);
    }

    /** Throttling, KMS, access and SQS's own failures: not the client's fault, so 500 and retry later. */
    @ParameterizedTest
    @CsvSource({"400, KmsThrottled", "400, AWS.SimpleQueueService.NonExistentQueue", "403, AccessDenied",
            "500, InternalError", "503, ServiceUnavailable"})
    void anyOtherAnswerFromSqsIs500ToBeRetriedLater(int status, String code) throws Exception {
        ApiIntegration.Answer answer = INTEGRATION.respond(sqsError(status, code), context());

        assertEquals(500, answer.status(), answer::body);
        JsonNode body = JSON.readTree(answer.body());
        assertTrue(body.path("message").asText().contains("retry later"), answer::body);
        assertEquals(REQUEST_ID, body.path("requestId").asText());
    }

    /** SQS's JSON error, as the query API answers with Accept: application/json. */
    private static LocalSqs.Answer sqsError(int status, String code) {
        return new LocalSqs.Answer(status, "{\"Error\": {\"Code\": \"" + code + "\", \"Message\": \"refused\", \"Type\": \""
                + (status < 500 ? "Sender" : "Receiver") + "\"}, \"RequestId\": \"8c3e7c52-5b63-5d3a-9c1e-4a0f5b6c7d8e\"}");
    }

    @Test
    void aBodyTheModelRefusesGetsTheGatewayResponseWithTheErrorsAsJson() throws Exception {
        String errors = "[$.lines: is missing but it is required, $.note: does not match \"^x$\"]";
        MappingTemplate.Context context = context().error("BAD_REQUEST_BODY", "Invalid request body", errors);

        String body = ApiStandIn.gatewayResponse(SETTINGS.api().badRequestBody().template(), context);

        assertEquals(400, SETTINGS.api().badRequestBody().statusCode());
        JsonNode json = JSON.readTree(body);
        assertEquals(errors, json.path("message").asText());
        assertEquals(REQUEST_ID, json.path("requestId").asText());
    }

    // ---------------------------------------------------------------- the runtime

    private static String render(String template, String payload) {
        Map<String, Map<String, String>> params = Map.of("path", Map.of(), "querystring", Map.of("mode", "fast"),
                "header", Map.of("X-Client", "tests", "mode", "header"));
        return MappingTemplate.parse("test", template).render(new MappingTemplate.Input(payload, null, params), context());
    }

    @Test
    void inputReadsThePayloadWithJsonPath() {
        String payload = "{\"order id\": \"o 1\", \"customer\": {\"first name\": \"Zoë\", \"id\": 42}, "
                + "\"lines\": [{\"sku\": \"a\"}, {\"sku\": \"b\"}], \"price\": 9.5, \"paid\": true}";
        // path(): a string without quotes, a number or boolean as written, an object or array as JSON; bracket
        // notation for names that are not identifiers; nothing where there is no value.
        assertEquals("o 1|Zoë|42|9.5|true|2|{\"sku\":\"b\"}||", render(String.join("|",
                "$input.path(\"$['order id']\")", "$input.path(\"$.customer['first name']\")",
                "$input.path('$.customer.id')", "$input.path('$.price')", "$input.path('$.paid')",
                "$input.path('$.lines').size()", "$input.path('$.lines[1]')", "$input.path('$.missing')", "$nothing"), payload));
        // json(): JSON text, a string in quotes.
        assertEquals("\"o 1\"|[{\"sku\":\"a\"},{\"sku\":\"b\"}]|42", render(String.join("|",
                "$input.json(\"$['order id']\")", "$input.json('$.lines')", "$input.json('$.customer.id')"), payload));
        assertEquals(payload, render("$input.body", payload));
        // A payload that is not JSON: $ is its text.
        assertEquals("a=1&b=2", render("$input.path('$')", "a=1&b=2"));
    }

    @Test
    void inputParamsSearchPathThenQueryStringThenHeaders() {
        assertEquals("fast|tests||fast", render(
                "$input.params('mode')|$input.params('X-Client')|$input.params('none')|$input.params().querystring.mode", "{}"));
    }

    @Test
    void utilEncodesAsAwsDocuments() {
        assertEquals("a+b%26c%3Dd%2F%C3%A9|a b&c=d/é", render(
                "$util.urlEncode('a b&c=d/é')|$util.urlDecode('a+b%26c%3Dd%2F%C3%A9')", "{}"));
        assertEquals("Wm/Dqw==|Zoë", render("$util.base64Encode('Zoë')|$util.base64Decode('Wm/Dqw==')", "{}"));
        // JavaScript's rules: a single quote too becomes \', which JSON does not allow (AWS says so).
        assertEquals("it\\'s \\\"x\\\" \\/ \\u00E9\\n", render("$util.escapeJavaScript(\"it's \"\"x\"\" / é\n\")", "{}"));
        assertEquals("2|b", render("#set($o = $util.parseJson('{\"a\": [1, 2], \"b\": {\"c\": \"b\"}}'))$o.a[1]|$o.b.c", "{}"));
    }

    @Test
    void contextHoldsTheRequestAndTakesTheResponseOverride() {
        MappingTemplate.Context context = context();

        String output = MappingTemplate.parse("test", String.join("",
                        "$context.requestId|$context.httpMethod|$context.resourcePath|$context.identity.sourceIp|",
                        "#set($context.responseOverride.status = 418)",
                        "#set($context.responseOverride.header.Retry = '5')"))
                .render(MappingTemplate.Input.of("{}"), context);

        assertEquals(REQUEST_ID + "|POST|" + SETTINGS.api().path() + "|127.0.0.1|", output);
        assertEquals(418, context.responseOverrideStatus());
        assertEquals(Map.of("Retry", "5"), context.responseOverrideHeaders());
    }
}
