package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.engine.Engine;
import dev.sluice.render.GeneratedProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * The SAM form of every sample and every test answer set deploys what was generated ({@link DeployableTemplates});
 * GeneratedProjectsIT proves the same of each CDK form's synthesized template. The other tests here show
 * that each check fails when its rule is broken.
 */
class DeployableTemplatesTest {
    private final Engine engine = new Engine();

    @TestFactory
    Stream<DynamicTest> everySamTemplateDeploysTheGeneratedModel() {
        List<Path> sets = new ArrayList<>(Repository.sampleAnswers());
        sets.addAll(Repository.testAnswerSets());
        return sets.stream().map(answers -> DynamicTest.dynamicTest(Repository.answerSetName(answers), () -> {
            GeneratedProject project = sam(Repository.read(answers));
            // Every endpoint's request model (a service's are under src/main/resources/ENDPOINT/).
            List<String> models = project.files().stream()
                    .filter(f -> f.path().startsWith("src/main/resources/") && f.path().endsWith("/request-model.json"))
                    .map(f -> f.text()).toList();
            DeployableTemplates.assertDeployable(text(project, "template.yaml"), models, Repository.answerSetName(answers));
        }));
    }

    @Test
    void shortFormTagsReadAsTheirLongForms() {
        Map<String, Object> template = DeployableTemplates.load("""
                Resources:
                  A:
                    Properties:
                      Id: !Ref B
                      Arn: !GetAtt B.Arn
                      Url: !Sub https://${B}
                      Maybe: !If [C, !Ref B, !Ref AWS::NoValue]
                """);
        assertEquals(Map.of("Id", Map.of("Ref", "B"), "Arn", Map.of("Fn::GetAtt", List.of("B", "Arn")),
                        "Url", Map.of("Fn::Sub", "https://${B}"),
                        "Maybe", Map.of("Fn::If", List.of("C", Map.of("Ref", "B"), Map.of("Ref", "AWS::NoValue")))),
                ((Map<?, ?>) ((Map<?, ?>) template.get("Resources")).get("A")).get("Properties"));
    }

    @Test
    void aNullAnywhereIsFound() {
        Map<String, Object> template = DeployableTemplates.load("""
                Resources:
                  Model:
                    Properties:
                      Schema: {"properties": {"phase": {"enum": ["A", null]}}}
                      Empty:
                """);
        assertEquals(List.of("$.Resources.Model.Properties.Schema.properties.phase.enum[1]", "$.Resources.Model.Properties.Empty"),
                DeployableTemplates.nulls(template, "$"));
    }

    @Test
    void anOpenApiBodyIsFound() {
        Map<String, Object> template = DeployableTemplates.load("""
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      DefinitionBody: {openapi: 3.0.1}
                  Rest:
                    Type: AWS::ApiGateway::RestApi
                    Properties:
                      Body: {openapi: 3.0.1}
                """);
        assertEquals(List.of("Api.DefinitionBody", "Rest.Body"), DeployableTemplates.openApiBodies(template));
    }

    @Test
    void theDraft04MetaschemaRefusesWhatDraft04CannotSay() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(Set.of(), DeployableTemplates.draft04Errors(json.readTree(
                "{\"type\": \"number\", \"minimum\": 0, \"exclusiveMinimum\": true}")));
        // draft-06's numeric exclusiveMinimum, a type that does not exist, an empty required list
        assertFalse(DeployableTemplates.draft04Errors(json.readTree("{\"type\": \"number\", \"exclusiveMinimum\": 0}")).isEmpty());
        assertFalse(DeployableTemplates.draft04Errors(json.readTree("{\"type\": \"text\"}")).isEmpty());
        assertFalse(DeployableTemplates.draft04Errors(json.readTree("{\"required\": []}")).isEmpty());
    }

    @Test
    void aTemplateWhoseModelIsNotTheRequestModelFails() {
        GeneratedProject project = sam(Repository.read(Repository.samples().resolve("orders.answers.yaml")));
        String template = text(project, "template.yaml");
        String model = text(project, "src/main/resources/request-model.json");
        DeployableTemplates.assertDeployable(template, model, "orders");

        // A constraint lost on the way, a null, an OpenAPI body: each is caught.
        AssertionFailedError lost = assertThrows(AssertionFailedError.class, () -> DeployableTemplates.assertDeployable(
                template, model.replaceFirst("\"type\": \"string\"", "\"type\": \"string\", \"minLength\": 1"), "orders"));
        assertTrue(lost.getMessage().contains("no POST method's model is this request-model.json"), lost.getMessage());
        assertThrows(AssertionFailedError.class, () -> DeployableTemplates.assertDeployable(
                template.replace("\"NEW\",", "\"NEW\", null,"), model, "orders"));
        assertThrows(AssertionFailedError.class, () -> DeployableTemplates.assertDeployable(
                template.replace("      EndpointConfiguration:", "      Body: {openapi: 3.0.1}\n      EndpointConfiguration:"),
                model, "orders"));
    }

    /** samples/checkout's schema writes every constraint; its template's model enforces each, in draft-04's form. */
    @Test
    void theCheckoutTemplatesModelHoldsEveryConstraintItsSchemaWrites() throws Exception {
        GeneratedProject project = sam(Repository.read(Repository.samples().resolve("checkout.answers.yaml")));
        JsonNode model = DeployableTemplates.requestModel(DeployableTemplates.load(text(project, "template.yaml")));
        assertEquals(new TreeSet<>(DeployableTemplates.CONSTRAINTS), DeployableTemplates.constraintsIn(model));

        ObjectMapper json = new ObjectMapper();
        assertEquals(Set.of(), DeployableTemplates.constraintsIn(json.readTree(
                "{\"exclusiveMinimum\": 0, \"uniqueItems\": false, \"additionalProperties\": true, \"properties\": {}}")),
                "a draft-06 exclusive bound, and keywords that allow anything, constrain nothing in draft-04");
        assertEquals(Set.of("maxLength"), DeployableTemplates.constraintsIn(json.readTree(
                "{\"properties\": {\"a\": {\"items\": {\"maxLength\": 3}}}}")), "found at any depth");
    }

    @Test
    void numbersCompareByValue() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertTrue(DeployableTemplates.sameJson(json.readTree("{\"a\": [1, 2.50]}"), json.readTree("{\"a\": [1.0, 2.5]}")));
        assertFalse(DeployableTemplates.sameJson(json.readTree("{\"a\": 1}"), json.readTree("{\"a\": 2}")));
        assertFalse(DeployableTemplates.sameJson(json.readTree("{\"a\": 1}"), json.readTree("{\"a\": \"1\"}")));
    }

    private GeneratedProject sam(RawAnswers raw) {
        return engine.generate(raw.with(Question.IAC, "sam"));
    }

    private static String text(GeneratedProject project, String path) {
        return project.file(path).orElseThrow(() -> new AssertionError("no " + path)).text();
    }
}
