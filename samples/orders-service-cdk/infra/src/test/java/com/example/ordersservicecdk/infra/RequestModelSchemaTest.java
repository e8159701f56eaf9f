package com.example.ordersservicecdk.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.RestApi;

/**
 * RequestModelSchema carries every JSON Schema draft-04 keyword into the model CloudFormation gets,
 * unchanged: a request model edited to use any of them is enforced by API Gateway as written. A keyword
 * it cannot carry fails instead of being dropped.
 */
class RequestModelSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every draft-04 keyword but id (which CDK would write as $id), each in the forms draft-04 allows. */
    private static final String EVERY_KEYWORD = """
            {
              "$schema": "http://json-schema.org/draft-04/schema#",
              "title": "EveryKeyword",
              "description": "Each draft-04 keyword, as a request model may hold it.",
              "type": "object",
              "definitions": {
                "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}
              },
              "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[!-~]+$", "format": "hostname",
                         "default": "anonymous"},
                "phase": {"anyOf": [{"type": "string", "enum": ["draft", "final"]}, {"type": "null"}]},
                "amount": {"type": ["number", "null"], "minimum": 0, "exclusiveMinimum": true, "maximum": 1000000,
                           "exclusiveMaximum": false, "multipleOf": 0.01},
                "count": {"type": "integer", "minimum": -2147483648, "maximum": 2147483647},
                "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 10, "uniqueItems": true},
                "pair": {"type": "array", "items": [{"type": "integer"}, {"type": "boolean"}], "additionalItems": false},
                "head": {"type": "array", "items": [{"type": "integer"}], "additionalItems": {"type": "string"}},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}, "minProperties": 1,
                           "maxProperties": 5, "patternProperties": {"^x-": {"type": "string"}}},
                "either": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
                "both": {"allOf": [{"type": "string"}, {"minLength": 2}]},
                "present": {"not": {"type": "null"}},
                "currency": {"$ref": "#/definitions/currency"},
                "choice": {"enum": [1, "two", true, {"three": 3}, [4]]},
                "card": {"type": "object", "dependencies": {"number": ["expiry"], "expiry": {"required": ["number"]}}}
              },
              "required": ["name", "amount"],
              "additionalProperties": false
            }""";

    @Test
    void everyDraft04KeywordReachesTheModelUnchanged() throws Exception {
        JsonNode document = JSON.readTree(EVERY_KEYWORD);
        assertEquals(document, synthesized(document));
    }

    @Test
    void aNullFailsTheSynthRatherThanVanish() throws Exception {
        JsonNode document = JSON.readTree("""
                {"type": "object", "properties": {"phase": {"type": ["string", "null"], "enum": ["draft", null]}}}""");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RequestModelSchema.schema(document, "#"));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void aKeywordItCannotCarryFailsNamingIt() throws Exception {
        for (String keyword : new String[] {"const", "id", "$id", "examples"}) {
            JsonNode document = JSON.readTree("{\"type\": \"object\", \"" + keyword + "\": \"x\"}");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RequestModelSchema.schema(document, "#"), keyword);
            assertTrue(e.getMessage().contains("#/" + keyword), e.getMessage());
        }
    }

    /** The schema as CloudFormation gets it: the model of a one-method API, synthesized. */
    private static JsonNode synthesized(JsonNode document) {
        Stack stack = new Stack(new App(), "RequestModelSchemaTest");
        RestApi api = RestApi.Builder.create(stack, "Api").deploy(false).build();
        api.getRoot().addMethod("GET");
        api.addModel("Model", ModelOptions.builder()
                .contentType("application/json")
                .schema(RequestModelSchema.schema(document, "#"))
                .build());
        Map<String, Map<String, Object>> models = Template.fromStack(stack).findResources("AWS::ApiGateway::Model");
        assertEquals(1, models.size());
        Object properties = models.values().iterator().next().get("Properties");
        return JSON.valueToTree(((Map<?, ?>) properties).get("Schema"));
    }
}
