package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * What a CloudFormation template must be for CloudFormation and API Gateway to deploy what was
 * generated, checked on the template's text: the SAM form's template.yaml as written, or the CDK
 * form's synthesized template. Validators (cfn-lint, sam validate, cdk-nag) do not check these:
 *
 * <ul>
 *   <li>No JSON null anywhere: CloudFormation refuses a template that holds one ("'null' values are not
 *       allowed in templates"), Json-typed properties such as a model's Schema included.</li>
 *   <li>No OpenAPI document (a RestApi's Body or a SAM Api's DefinitionBody): API Gateway's OpenAPI import
 *       drops or rewrites parts of a JSON Schema model (type lists, anyOf, additionalProperties, exclusiveMinimum,
 *       minItems/maxItems, ...), so the model it enforces would not be the one generated. Sluice builds the API
 *       from plain resources; one coming back fails here, with this reason.</li>
 *   <li>Every AWS::ApiGateway::Model's schema is valid JSON Schema draft-04, the only draft API Gateway
 *       validates with, by draft-04's metaschema.</li>
 *   <li>The model is the contract: the model the POST method validates with is, keyword for keyword, the
 *       project's request-model.json, which the consumer and the local pipeline read.</li>
 * </ul>
 */
final class DeployableTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.networknt.schema.JsonSchema DRAFT_04 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
            .getSchema(SchemaLocation.of(SchemaId.V4));
    /** CloudFormation's short-form functions; a template in YAML may use any of them. */
    private static final List<String> FUNCTIONS = List.of("Ref", "Condition", "GetAtt", "Sub", "If", "Equals", "Not", "And",
            "Or", "Join", "Select", "Split", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Transform", "ToJsonString",
            "Length");

    private DeployableTemplates() {}

    /** Asserts every property above of {@code template}, whose POST method's model must be {@code requestModelJson}. */
    static void assertDeployable(String template, String requestModelJson, String name) {
        assertDeployable(template, List.of(requestModelJson), name);
    }

    /**
     * Asserts every property above of {@code template}, a service's: its POST methods' models must be the endpoints'
     * {@code requestModelJsons}, one each.
     */
    static void assertDeployable(String template, List<String> requestModelJsons, String name) {
        Map<String, Object> document = load(template);
        assertEquals(List.of(), nulls(document, "$"), name + ": CloudFormation refuses a template with a null");
        assertEquals(List.of(), openApiBodies(document), name + ": an OpenAPI body is back; API Gateway's import rewrites"
                + " the JSON Schema model (type lists, anyOf, additionalProperties, ...), so build the API from"
                + " AWS::ApiGateway::* resources and put the schema into an AWS::ApiGateway::Model");
        Map<String, JsonNode> models = models(document);
        assertTrue(!models.isEmpty(), name + ": no AWS::ApiGateway::Model");
        models.forEach((id, schema) -> assertEquals(Set.of(), draft04Errors(schema),
                name + ": the schema of " + id + " is not valid draft-04"));
        List<JsonNode> enforced = new ArrayList<>(requestModels(document));
        assertEquals(requestModelJsons.size(), enforced.size(), name + ": one POST method with a JSON request model per endpoint");
        for (String json : requestModelJsons) {
            JsonNode contract = parse(json);
            boolean found = enforced.removeIf(model -> sameJson(contract, model));
            assertTrue(found, name + ": no POST method's model is this request-model.json\n  enforced: " + requestModels(document)
                    + "\n  request-model.json: " + contract);
        }
    }

    /** A template, YAML or JSON, with CloudFormation's short-form tags read as their long forms ({@code !Ref x} as {@code {Ref: x}}). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String template) {
        LoadSettings settings = LoadSettings.builder().setLabel("template").build();
        return (Map<String, Object>) new Load(settings, new CloudFormationConstructor(settings)).loadFromString(template);
    }

    /** Where a document holds a null: JSONPath-like locations, empty when there is none. */
    static List<String> nulls(Object node, String at) {
        List<String> found = new ArrayList<>();
        if (node == null) {
            found.add(at);
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> found.addAll(nulls(value, at + "." + key)));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                found.addAll(nulls(list.get(i), at + "[" + i + "]"));
            }
        }
        return found;
    }

    /** Every resource property that holds an OpenAPI document (inline or in S3), as {@code Resource.Property}. */
    static List<String> openApiBodies(Map<String, Object> template) {
        List<String> found = new ArrayList<>();
        resources(template).forEach((id, resource) -> {
            for (String property : List.of("Body", "BodyS3Location", "DefinitionBody", "DefinitionUri")) {
                if (properties(resource).containsKey(property)) {
                    found.add(id + "." + property);
                }
            }
        });
        return found;
    }

    /** The schema of every AWS::ApiGateway::Model, by logical id. */
    static Map<String, JsonNode> models(Map<String, Object> template) {
        Map<String, JsonNode> models = new LinkedHashMap<>();
        resources(template).forEach((id, resource) -> {
            if ("AWS::ApiGateway::Model".equals(map(resource).get("Type"))) {
                models.put(id, JSON.valueToTree(properties(resource).get("Schema")));
            }
        });
        return models;
    }

    /** What draft-04's metaschema finds wrong with a schema: empty when it is a valid draft-04 schema. */
    static Set<String> draft04Errors(JsonNode schema) {
        Set<String> errors = new TreeSet<>();
        for (ValidationMessage message : DRAFT_04.validate(schema)) {
            errors.add(message.getMessage());
        }
        return errors;
    }

    /** The schema of the model the one POST method validates JSON bodies with. */
    static JsonNode requestModel(Map<String, Object> template) {
        List<JsonNode> found = requestModels(template);
        assertEquals(1, found.size(), "one POST method with a JSON request model");
        return found.get(0);
    }

    /** The schemas of the models the POST methods validate JSON bodies with, in the template's order. */
    static List<JsonNode> requestModels(Map<String, Object> template) {
        List<JsonNode> found = new ArrayList<>();
        Map<String, Object> resources = resources(template);
        resources.forEach((id, resource) -> {
            if ("AWS::ApiGateway::Method".equals(map(resource).get("Type")) && "POST".equals(properties(resource).get("HttpMethod"))) {
                Object model = map(properties(resource).get("RequestModels")).get("application/json");
                found.add(JSON.valueToTree(properties(resources.get(String.valueOf(map(model).get("Ref")))).get("Schema")));
            }
        });
        return found;
    }

    /**
     * The constraints a schema's author writes, as draft-04 says them (issue 14, defect 3): a {@code const} arrives as a
     * one-value {@code enum}, an exclusive bound as draft-04's boolean beside its bound.
     */
    static final Set<String> CONSTRAINTS = Set.of("minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "minItems", "maxItems", "uniqueItems", "additionalProperties", "minProperties", "maxProperties",
            "multipleOf", "enum");

    /**
     * Which of {@link #CONSTRAINTS} a schema holds at any depth, each only in a form that constrains in draft-04: an
     * exclusive bound or {@code uniqueItems} as {@code true}, {@code additionalProperties} as {@code false} or a schema.
     */
    static Set<String> constraintsIn(JsonNode schema) {
        Set<String> found = new TreeSet<>();
        if (schema.isObject()) {
            schema.properties().forEach(entry -> {
                String keyword = entry.getKey();
                JsonNode value = entry.getValue();
                boolean constrains = switch (keyword) {
                    case "exclusiveMinimum", "exclusiveMaximum", "uniqueItems" -> value.isBoolean() && value.booleanValue();
                    case "additionalProperties" -> value.isObject() || value.isBoolean() && !value.booleanValue();
                    default -> CONSTRAINTS.contains(keyword);
                };
                if (constrains) {
                    found.add(keyword);
                }
            });
        }
        schema.forEach(child -> found.addAll(constraintsIn(child)));
        return found;
    }

    /** Equal JSON, numbers compared by value (1 and 1.0, an int and a long, are the same number). */
    static boolean sameJson(JsonNode a, JsonNode b) {
        Comparator<JsonNode> numbersByValue = (x, y) -> x.isNumber() && y.isNumber()
                ? new BigDecimal(x.asText()).compareTo(new BigDecimal(y.asText())) : x.equals(y) ? 0 : 1;
        return a.equals(numbersByValue, b);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> resources(Map<String, Object> template) {
        return map(template.get("Resources"));
    }

    private static Map<String, Object> properties(Object resource) {
        return map(map(resource).get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** YAML's standard types, and each short-form function as a one-key map of its long form. */
    private static final class CloudFormationConstructor extends StandardConstructor {
        CloudFormationConstructor(LoadSettings settings) {
            super(settings);
            for (String function : FUNCTIONS) {
                String name = function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function;
                tagConstructors.put(new Tag("!" + function), new Function(name));
            }
        }

        private final class Function implements ConstructNode {
            private final String name;

            Function(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    // !GetAtt Resource.Attribute is the long form's [Resource, Attribute].
                    value = name.equals("Fn::GetAtt") ? List.of(scalar.getValue().split("\\.", 2)) : scalar.getValue();
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> function = new LinkedHashMap<>();
                function.put(name, value);
                return function;
            }
        }
    }
}
