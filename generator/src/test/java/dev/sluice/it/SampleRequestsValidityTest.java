package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.sluice.answers.AnswersFile;
import dev.sluice.engine.Engine;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every answer set (the samples and the test sets): the generated sample request and the local pipeline's
 * varied requests are valid by the generated request model, checked by a real draft-04 validator as API Gateway
 * would (formats not enforced), and the varied ones are distinct where the pipeline needs them distinct.
 */
class SampleRequestsValidityTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SchemaValidatorsConfig NO_FORMATS = SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();
    /** The requests checked per answer set: the first ones, and some far into a burst. */
    private static final List<Integer> NUMBERS = List.of(0, 1, 2, 3, 39, 40, 41, 999, 1000, 9_999, 12_345);

    @TestFactory
    Stream<DynamicTest> everySampleAndVariedRequestIsValidByTheModel() {
        return Stream.concat(Repository.sampleAnswers().stream(), Repository.testAnswerSets().stream())
                .map(answers -> DynamicTest.dynamicTest(Repository.answerSetName(answers), () -> check(answers)));
    }

    private static void check(Path answers) throws Exception {
        Engine engine = new Engine();
        var validated = engine.validate(AnswersFile.read(answers));
        var model = dev.sluice.render.ProjectModels.of(validated, engine.plan(validated), "test");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(model.payload().requestModelJson(), NO_FORMATS);
        ObjectNode sample = (ObjectNode) MAPPER.readTree(model.payload().sampleJson());
        assertEquals(Set.of(), schema.validate(sample), "the sample request");
        var v = model.variations();
        Set<String> bodies = new HashSet<>();
        Set<JsonNode> duplicateKeys = new HashSet<>();
        for (int n : NUMBERS) {
            ObjectNode body = sample.deepCopy();
            var sequence = v.sequence();
            if (sequence.object() != null) {
                ((ObjectNode) (sequence.object().isEmpty() ? body : body.at("/" + sequence.object().replace('.', '/')))).put("_localSequence", n);
            } else if (sequence.field() != null) {
                set(body, sequence.field(), sequence.variation().value(n));
            }
            if (v.group() != null) {
                set(body, model.consistency().groupKey(), v.group().value(n % v.groups()));
            }
            if (v.duplicate() != null) {
                JsonNode key = v.duplicate().value(n);
                set(body, model.consistency().dedupeKey(), key);
                if (n < v.duplicate().count()) {
                    assertTrue(duplicateKeys.add(key), "request " + n + " repeats the dedupe key " + key);
                }
            }
            assertEquals(Set.of(), schema.validate(body), "request " + n + ": " + body);
            if (sequence.count() > n) {
                assertTrue(bodies.add(body.toString()), "request " + n + " repeats a body");
            }
        }
    }

    private static void set(ObjectNode body, String dotPath, JsonNode value) {
        String[] names = dotPath.split("\\.");
        ObjectNode parent = body;
        for (int i = 0; i < names.length - 1; i++) {
            parent = (ObjectNode) parent.get(names[i]);
        }
        parent.set(names[names.length - 1], value);
    }
}
