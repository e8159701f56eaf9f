package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sluice.answers.Answers;
import dev.sluice.answers.AnswersValidator;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.payload.JavaModel;
import dev.sluice.payload.JavaNames;
import dev.sluice.payload.JavaType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectModelsTest {

    @Test
    void theJavaAccessorOfABracketedKeyStillWorks(@TempDir Path dir) throws Exception {
        Path schema = dir.resolve("s.json");
        Files.writeString(schema, "{\"type\":\"object\",\"required\":[\"a b\"],\"properties\":{\"a b\":{\"type\":\"object\",\"required\":"
                + "[\"order-id\"],\"properties\":{\"order-id\":{\"type\":\"string\"}}}}}");
        Answers a = AnswersValidator.validate(RawAnswers.empty().with(Question.NAME, "orders-api").with(Question.SCHEMA, schema.toString())
                .with(Question.ORDERING, "key:a b.order-id"));
        List<JavaType> types = JavaModel.types(a.payload(), JavaNames.rootTypeName(a.path()));
        assertEquals("aB().orderId()", ProjectModels.javaAccessor("a b.order-id", types));
        assertEquals("$['a b']['order-id']", ProjectModelApi.jsonPath(a.orderingKey().orElseThrow()));
    }
}
