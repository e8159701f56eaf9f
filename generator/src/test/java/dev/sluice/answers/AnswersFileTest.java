package dev.sluice.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnswersFileTest {
    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    private Path write(String name, String text) throws IOException {
        Path p = fs.getPath("/work/answers/" + name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void readsEveryKeyWithItsType() throws IOException {
        Path file = write("orders.yaml", """
                name: orders-api
                groupId: com.acme
                fields:
                  - id:uuid
                  - total:number
                maxDelay: 2m
                avgRps: 2.5
                peakRps: 20
                downstreamLimit: none
                """);
        RawAnswers raw = AnswersFile.read(file);
        assertEquals("orders-api", raw.get(Question.NAME).orElseThrow());
        assertEquals(List.of("id:uuid", "total:number"), raw.get(Question.FIELDS).orElseThrow());
        assertEquals(2.5, raw.get(Question.AVG_RPS).orElseThrow());
        Answers a = AnswersValidator.validate(raw);
        assertEquals("com.acme", a.groupId());
        assertTrue(a.downstreamLimit().isEmpty());
    }

    @Test
    void logRetentionDaysIsANumberOfDays() throws IOException {
        Path file = write("logs.yaml", "name: x\nlogRetentionDays: 90\n");
        assertEquals(90, AnswersValidator.validate(AnswersFile.read(file)).logRetentionDays());
        InvalidAnswerException text = assertThrows(InvalidAnswerException.class,
                () -> AnswersFile.read(write("text.yaml", "name: x\nlogRetentionDays: a month\n")));
        assertEquals("/work/answers/text.yaml: logRetentionDays: 'a month' is not a number; accepted: "
                + Question.LOG_RETENTION_DAYS.accepted(), text.getMessage());
    }

    @Test
    void schemaAndExamplePathsAreRelativeToTheFile() throws IOException {
        Path file = write("a.yaml", "name: x\nschema: ../schemas/order.json\n");
        assertEquals(fs.getPath("/work/schemas/order.json"), AnswersFile.read(file).get(Question.SCHEMA).orElseThrow());
    }

    @Test
    void aSchemaOrExampleMayBeWrittenInPlaceAsJsonTextOrAMapping() throws IOException {
        String schema = "{\n  \"type\": \"object\",\n  \"properties\": {\"sku\": {\"type\": \"string\"}}\n}\n";
        Path text = write("text.yaml", "name: x\nschema: |\n" + schema.indent(2));
        assertEquals(new PayloadContent("schema", schema), AnswersFile.read(text).get(Question.SCHEMA).orElseThrow());
        Path mapping = write("mapping.yaml", "name: x\nexample: {sku: A-1, count: 2}\n");
        assertEquals(new PayloadContent("example", "{\"sku\":\"A-1\",\"count\":2}"), AnswersFile.read(mapping).get(Question.EXAMPLE).orElseThrow());
    }

    @Test
    void aBadValueNamesItsQuestionAndEndpointBesideTheLine() throws IOException {
        InvalidAnswerException top = assertThrows(InvalidAnswerException.class, () -> AnswersFile.read(write("t.yaml", "peakRps: fast\n")));
        assertEquals(Question.PEAK_RPS, top.asked().orElseThrow());
        assertTrue(top.endpoint().isEmpty());
        InvalidAnswerException second = assertThrows(InvalidAnswerException.class,
                () -> AnswersFile.read(write("e.yaml", "endpoints:\n  - path: /a\n  - path: /b\n    avgRps: [1]\n")));
        assertEquals("/work/answers/e.yaml: endpoints[2].avgRps: '[1]' is not a number; accepted: " + Question.AVG_RPS.accepted(), second.getMessage());
        assertEquals(Question.AVG_RPS, second.asked().orElseThrow());
        assertEquals(2, second.endpoint().getAsInt());
        InvalidAnswerException validated = assertThrows(InvalidAnswerException.class, () -> AnswersValidator.validateService(
                AnswersFile.read(write("v.yaml", "name: x\nendpoints:\n  - path: /a\n  - path: /b\n    maxDelay: 9d\n"))));
        assertTrue(validated.getMessage().startsWith("endpoints[2] (/b) maxDelay: '9d'"), validated.getMessage());
        assertEquals(Question.MAX_DELAY, validated.asked().orElseThrow());
        assertEquals(2, validated.endpoint().getAsInt());
        InvalidAnswerException service = assertThrows(InvalidAnswerException.class, () -> AnswersValidator.validateService(
                AnswersFile.read(write("s.yaml", "endpoints:\n  - path: /a\n"))));
        assertEquals(Question.NAME, service.asked().orElseThrow());
        assertTrue(service.endpoint().isEmpty(), "a service's question is no endpoint's");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheKnownOnes() throws IOException {
        Path file = write("a.yaml", "name: x\nmaxdelay: 5m\n");
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> AnswersFile.read(file));
        assertTrue(e.getMessage().startsWith("/work/answers/a.yaml: maxdelay: 'maxdelay' is not a known key; accepted: name, groupId"),
                e.getMessage());
    }

    @Test
    void aWrongTypeIsRefused() throws IOException {
        InvalidAnswerException number = assertThrows(InvalidAnswerException.class,
                () -> AnswersFile.read(write("a.yaml", "name: x\navgRps: lots\n")));
        assertEquals("/work/answers/a.yaml: avgRps: 'lots' is not a number; accepted: " + Question.AVG_RPS.accepted(), number.getMessage());
        InvalidAnswerException text = assertThrows(InvalidAnswerException.class,
                () -> AnswersFile.read(write("b.yaml", "name: 42\n")));
        assertTrue(text.getMessage().contains("name: '42' is not a string"), text.getMessage());
        InvalidAnswerException list = assertThrows(InvalidAnswerException.class,
                () -> AnswersFile.read(write("c.yaml", "name: x\nfields: id:uuid\n")));
        assertTrue(list.getMessage().contains("is not a list of strings"), list.getMessage());
    }

    @Test
    void notYamlOrNotAMappingIsRefused() throws IOException {
        assertTrue(assertThrows(InvalidAnswerException.class, () -> AnswersFile.read(write("a.yaml", "name: [x\n")))
                .reason().startsWith("is not valid YAML"));
        assertEquals("is not a YAML mapping",
                assertThrows(InvalidAnswerException.class, () -> AnswersFile.read(write("b.yaml", "- a\n- b\n"))).reason());
        assertEquals("does not exist",
                assertThrows(InvalidAnswerException.class, () -> AnswersFile.read(fs.getPath("/nope.yaml"))).reason());
    }
}
