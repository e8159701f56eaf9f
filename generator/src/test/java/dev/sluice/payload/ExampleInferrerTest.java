package dev.sluice.payload;

import static dev.sluice.payload.Fixtures.any;
import static dev.sluice.payload.Fixtures.integer;
import static dev.sluice.payload.Fixtures.list;
import static dev.sluice.payload.Fixtures.object;
import static dev.sluice.payload.Fixtures.optional;
import static dev.sluice.payload.Fixtures.rejects;
import static dev.sluice.payload.Fixtures.required;
import static dev.sluice.payload.Fixtures.scalar;
import static dev.sluice.payload.Fixtures.shape;
import static dev.sluice.payload.Fixtures.string;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.sluice.payload.FieldType.ScalarKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExampleInferrerTest {
    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    private Path file(String json) throws IOException {
        Path file = fs.getPath("/example.json");
        Files.writeString(file, json.replace('\'', '"'));
        return file;
    }

    private PayloadShape infer(String json) throws IOException {
        return ExampleInferrer.infer(file(json));
    }

    @Test
    void scalarsAndRecognisedStrings() throws IOException {
        PayloadShape shape = infer("""
                {
                  'id': '3f6c2a8e-5b1d-4c7e-9a2f-8d4b6e1c0a57',
                  'at': '2026-01-15T09:30:00Z',
                  'atOffset': '2026-01-15T09:30:00.123+02:00',
                  'day': '2026-01-15',
                  'name': 'Ada',
                  'count': 3,
                  'big': 3000000000,
                  'huge': 123456789012345678901234567890,
                  'price': 19.99,
                  'whole': 2.0,
                  'paid': false
                }""");
        assertEquals(shape(
                required("id", scalar(ScalarKind.UUID)),
                required("at", scalar(ScalarKind.TIMESTAMP)),
                required("atOffset", scalar(ScalarKind.TIMESTAMP)),
                required("day", scalar(ScalarKind.DATE)),
                required("name", string()),
                required("count", integer()),
                required("big", scalar(ScalarKind.LONG)),
                required("huge", scalar(ScalarKind.NUMBER)),
                required("price", scalar(ScalarKind.NUMBER)),
                required("whole", scalar(ScalarKind.NUMBER)),
                required("paid", scalar(ScalarKind.BOOLEAN))), shape);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-02-30, STRING",              // not a real date
        "2026-1-15, STRING",
        "2026-01-15T09:30:00, STRING",     // no offset: not an instant
        "2026-01-15T09:30Z, STRING",       // no seconds: not RFC 3339
        "2026-01-15T25:30:00Z, STRING",
        "2026-01-15t09:30:00z, STRING",
        "3f6c2a8e5b1d4c7e9a2f8d4b6e1c0a57, STRING",
        "3F6C2A8E-5B1D-4C7E-9A2F-8D4B6E1C0A57, UUID",
        "2026-01-15T09:30:00.123456789Z, TIMESTAMP",
        "2026-01-15T09:30:00.1234567890Z, STRING"})
    void stringRecognitionIsStrict(String text, ScalarKind kind) {
        assertEquals(kind, ExampleInferrer.stringKind(text));
    }

    @Test
    void nullAndEmptyArraysAreOptionalAnyType() throws IOException {
        PayloadShape shape = infer("{'note': null, 'tags': [], 'grid': [[]], 'n': 1}");
        assertEquals(shape(optional("note", any()), optional("tags", list(any())), optional("grid", list(list(any()))),
                required("n", integer())), shape);
    }

    @Test
    void nestedObjectsAndArrays() throws IOException {
        PayloadShape shape = infer("{'customer': {'name': 'Ada', 'address': {'city': 'X'}}, 'tags': ['a', 'b'], 'matrix': [[1, 2], [3]]}");
        assertEquals(shape(
                required("customer", object(required("name", string()), required("address", object(required("city", string()))))),
                required("tags", list(string())),
                required("matrix", list(list(integer())))), shape);
    }

    @Test
    void arrayElementsMergeTheirFields() throws IOException {
        PayloadShape shape = infer("""
                {'items': [
                  {'sku': 'a', 'qty': 1, 'note': null},
                  {'sku': 'b', 'qty': 2.5, 'gift': true, 'note': 'x'},
                  {'sku': 'c', 'qty': 3000000000}
                ]}""");
        assertEquals(shape(required("items", list(object(
                required("sku", string()),
                required("qty", scalar(ScalarKind.NUMBER)),
                optional("note", string()),
                optional("gift", scalar(ScalarKind.BOOLEAN)))))), shape);
    }

    @Test
    void arrayElementsWiden() throws IOException {
        PayloadShape shape = infer("""
                {'longs': [1, 3000000000], 'strings': ['2026-01-15', 'x'], 'mixed': [1, 'a'], 'withNull': [null, 1],
                 'objects': [{'a': 1}, 2]}""");
        assertEquals(shape(
                required("longs", list(scalar(ScalarKind.LONG))),
                required("strings", list(string())),
                required("mixed", list(any())),
                required("withNull", list(integer())),
                required("objects", list(any()))), shape);
    }

    @Test
    void emptyNestedObjectIsAnyJson() throws IOException {
        assertEquals(shape(required("meta", any()), required("a", integer())), infer("{'meta': {}, 'a': 1}"));
    }

    @Test
    void namesAreKept() throws IOException {
        assertEquals(java.util.List.of("first-name", "class", "2fa"),
                infer("{'first-name': 'a', 'class': 'b', '2fa': true}").fields().stream().map(Field::name).toList());
    }

    @Test
    void missingFile() {
        rejects(() -> ExampleInferrer.infer(fs.getPath("/missing.json")), "'/missing.json'", "does not exist");
    }

    @Test
    void notJson() {
        rejects(() -> infer("{'a': }"), "is not valid JSON");
        rejects(() -> infer("{'a': 1, 'a': 2}"), "is not valid JSON", "Duplicate field 'a'");
        rejects(() -> infer("   "), "is empty");
    }

    @Test
    void rootMustBeAnObject() {
        rejects(() -> infer("[{'a': 1}]"), "is not a JSON object", "an array");
        rejects(() -> infer("'text'"), "is not a JSON object", "a string");
        rejects(() -> infer("null"), "is not a JSON object", "null");
    }

    @Test
    void emptyObject() {
        rejects(() -> infer("{}"), "is an empty JSON object");
    }

    @Test
    void emptyFieldName() {
        rejects(() -> infer("{'a': {'': 1}}"), "empty field name in 'a'");
    }

    @Test
    void nestingIsBounded() {
        String deep = "{'a': " + "[".repeat(ExampleInferrer.MAX_DEPTH + 1) + "]".repeat(ExampleInferrer.MAX_DEPTH + 1) + "}";
        rejects(() -> infer(deep), "deeper than");
    }
}
