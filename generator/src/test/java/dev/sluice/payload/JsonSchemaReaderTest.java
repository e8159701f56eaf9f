package dev.sluice.payload;

import static dev.sluice.payload.Fixtures.any;
import static dev.sluice.payload.Fixtures.enumOf;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSchemaReaderTest {
    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    private Path file(String json) throws IOException {
        Path file = fs.getPath("/work/schema.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json.replace('\'', '"'));
        return file;
    }

    private PayloadShape read(String json) throws IOException {
        return JsonSchemaReader.read(file(json));
    }

    /** The shape alone, constraints left out: the older tests' view. */
    private PayloadShape readBare(String json) throws IOException {
        return Fixtures.bare(read(json));
    }

    @Test
    void draft04WithDefinitions() throws IOException {
        PayloadShape shape = readBare("""
                {
                  '$schema': 'http://json-schema.org/draft-04/schema#',
                  'type': 'object',
                  'properties': {
                    'id': {'type': 'string', 'format': 'uuid'},
                    'count': {'type': 'integer', 'minimum': 0, 'exclusiveMinimum': true},
                    'shipping': {'$ref': '#/definitions/address'},
                    'billing': {'$ref': '#/definitions/address'}
                  },
                  'required': ['id', 'shipping'],
                  'definitions': {
                    'address': {'type': 'object', 'properties': {'city': {'type': 'string'}}, 'required': ['city']}
                  }
                }""");
        FieldType address = object(required("city", string()));
        assertEquals(shape(required("id", scalar(ScalarKind.UUID)), optional("count", integer()),
                required("shipping", address), optional("billing", address)), shape);
    }

    @Test
    void draft07WithNullableTypesAndFormats() throws IOException {
        PayloadShape shape = readBare("""
                {
                  '$schema': 'http://json-schema.org/draft-07/schema#',
                  'type': 'object',
                  'required': ['at', 'day', 'note', 'big', 'flag', 'price'],
                  'properties': {
                    'at': {'type': 'string', 'format': 'date-time'},
                    'day': {'type': 'string', 'format': 'date'},
                    'note': {'type': ['string', 'null']},
                    'big': {'type': 'integer', 'format': 'int64'},
                    'huge': {'type': 'integer', 'maximum': 10000000000},
                    'small': {'type': 'integer', 'maximum': 2147483647},
                    'flag': {'type': 'boolean'},
                    'price': {'type': 'number'},
                    'either': {'type': ['integer', 'number']},
                    'email': {'type': 'string', 'format': 'email'}
                  }
                }""");
        assertEquals(shape(
                required("at", scalar(ScalarKind.TIMESTAMP)),
                required("day", scalar(ScalarKind.DATE)),
                optional("note", string()),
                required("big", scalar(ScalarKind.LONG)),
                optional("huge", scalar(ScalarKind.LONG)),
                optional("small", integer()),
                required("flag", scalar(ScalarKind.BOOLEAN)),
                required("price", scalar(ScalarKind.NUMBER)),
                optional("either", scalar(ScalarKind.NUMBER)),
                optional("email", string())), shape);
    }

    @Test
    void draft2020WithDefsEnumsArraysAndNestedObjects() throws IOException {
        PayloadShape shape = readBare("""
                {
                  '$schema': 'https://json-schema.org/draft/2020-12/schema',
                  '$ref': '#/$defs/Order',
                  '$defs': {
                    'Order': {
                      'type': 'object',
                      'properties': {
                        'status': {'$ref': '#/$defs/Status'},
                        'items': {'type': 'array', 'items': {'$ref': '#/$defs/Item'}},
                        'tags': {'type': 'array', 'items': {'type': 'string'}},
                        'anything': {'type': 'array'},
                        'meta': {'type': 'object', 'additionalProperties': {'type': 'string'}},
                        'v': {'const': 'v1'}
                      },
                      'required': ['status', 'items', 'tags', 'anything', 'meta', 'v']
                    },
                    'Status': {'type': 'string', 'enum': ['NEW', 'PAID', 'NEW']},
                    'Item': {
                      'type': 'object',
                      'properties': {'sku': {'type': 'string'}, 'qty': {'type': 'integer'}},
                      'required': ['sku']
                    }
                  }
                }""");
        assertEquals(shape(
                required("status", enumOf("NEW", "PAID")),
                required("items", list(object(required("sku", string()), optional("qty", integer())))),
                required("tags", list(string())),
                required("anything", list(any())),
                required("meta", any()),
                required("v", enumOf("v1"))), shape);
    }

    @Test
    void refsResolveRecursivelyAndThroughEscapedPointers() throws IOException {
        PayloadShape shape = read("""
                {
                  'type': 'object',
                  'properties': {'a': {'$ref': '#/definitions/A'}, 'b': {'$ref': '#/definitions/with~1slash%20and%20space'}},
                  'definitions': {
                    'A': {'$ref': '#/definitions/B'},
                    'B': {'type': 'object', 'properties': {'c': {'$ref': '#/definitions/C'}}},
                    'C': {'type': 'integer'},
                    'with/slash and space': {'type': 'boolean'}
                  }
                }""");
        assertEquals(shape(optional("a", object(optional("c", integer()))), optional("b", scalar(ScalarKind.BOOLEAN))), shape);
    }

    @Test
    void allOfMergesPropertiesAndRequired() throws IOException {
        PayloadShape shape = read("""
                {
                  'allOf': [
                    {'$ref': '#/definitions/Base'},
                    {'type': 'object', 'properties': {'extra': {'type': 'string'}}, 'required': ['extra']}
                  ],
                  'definitions': {'Base': {'type': 'object', 'properties': {'id': {'type': 'integer'}}, 'required': ['id']}}
                }""");
        assertEquals(shape(required("id", integer()), required("extra", string())), shape);
    }

    @Test
    void unionsAndUntypedProperties() throws IOException {
        PayloadShape shape = readBare("""
                {
                  'type': 'object',
                  'required': ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
                  'properties': {
                    'a': {'oneOf': [{'type': 'string'}, {'type': 'null'}]},
                    'b': {'anyOf': [{'type': 'string'}, {'type': 'integer'}]},
                    'c': {'description': 'anything at all'},
                    'd': true,
                    'e': {'type': ['string', 'integer']},
                    'f': {'enum': ['x', null]},
                    'g': {'enum': [1, 2, 3]},
                    'h': {'type': 'string', 'nullable': true}
                  }
                }""");
        assertEquals(shape(
                optional("a", string()),
                required("b", any()),
                required("c", any()),
                required("d", any()),
                required("e", any()),
                optional("f", enumOf("x")),
                required("g", integer()),
                optional("h", string())), shape);
    }

    @Test
    void propertyNamesAreKeptAsTheyAre() throws IOException {
        PayloadShape shape = read("{'type': 'object', 'properties': {'first name': {'type': 'string'}, 'class': {'type': 'string'}, '../x': {'type': 'string'}}}");
        assertEquals(java.util.List.of("first name", "class", "../x"), shape.fields().stream().map(Field::name).toList());
    }

    @Test
    void readsFromTheDefaultFileSystemToo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\"}},\"required\":[\"x\"]}");
        assertEquals(shape(required("x", integer())), JsonSchemaReader.read(file));
    }

    @Test
    void missingFile() {
        rejects(() -> JsonSchemaReader.read(fs.getPath("/nope.json")), "'/nope.json'", "does not exist");
    }

    @Test
    void directoryIsNotAFile() throws IOException {
        Files.createDirectories(fs.getPath("/dir"));
        rejects(() -> JsonSchemaReader.read(fs.getPath("/dir")), "is a directory");
    }

    @Test
    void notJson() throws IOException {
        Path file = fs.getPath("/bad.json");
        Files.write(file, "{\"type\": \"object\",\n \"properties\": }".getBytes(StandardCharsets.UTF_8));
        rejects(() -> JsonSchemaReader.read(file), "'/bad.json'", "is not valid JSON", "line 2");
        Files.writeString(file, "");
        rejects(() -> JsonSchemaReader.read(file), "is empty");
        Files.writeString(file, "{} {}");
        rejects(() -> JsonSchemaReader.read(file), "is not valid JSON");
    }

    @Test
    void notAnObjectSchema() {
        rejects(() -> read("[1, 2]"), "is not a JSON Schema object", "an array");
        rejects(() -> read("{'type': 'array', 'items': {'type': 'string'}}"), "does not describe an object", "array");
        rejects(() -> read("{'type': 'object'}"), "with properties");
        rejects(() -> read("{'type': 'object', 'properties': {}}"), "with properties");
        rejects(() -> read("{'$schema': 'http://json-schema.org/draft-03/schema#', 'type': 'object', "
                + "'properties': {'a': {'type': 'string', 'required': true}}}"), "before draft-04");
    }

    @Test
    void refThatDoesNotResolve() {
        rejects(() -> read("{'type': 'object', 'properties': {'customer': {'$ref': '#/definitions/Customer'}}}"),
                "$ref '#/definitions/Customer' that does not resolve", "property 'customer'");
        rejects(() -> read("{'type': 'object', 'properties': {'c': {'$ref': '#anchor'}}}"), "'#anchor' that does not resolve");
    }

    @Test
    void refThatIsNotLocal() {
        rejects(() -> read("{'type': 'object', 'properties': {'c': {'$ref': 'common.json#/definitions/C'}}}"),
                "$ref 'common.json#/definitions/C' that is not local", "property 'c'");
        rejects(() -> read("{'type': 'object', 'properties': {'c': {'$ref': 'https://example.com/s.json'}}}"),
                "not local");
    }

    @Test
    void refCyclesAreErrors() {
        rejects(() -> read("""
                {'type': 'object', 'properties': {'root': {'$ref': '#/definitions/Node'}},
                 'definitions': {'Node': {'type': 'object', 'properties': {'children': {'type': 'array', 'items': {'$ref': '#/definitions/Node'}}}}}}"""),
                "cyclic $ref '#/definitions/Node'", "property 'root.children[]'");
        rejects(() -> read("""
                {'type': 'object', 'properties': {'a': {'$ref': '#/definitions/A'}},
                 'definitions': {'A': {'$ref': '#/definitions/B'}, 'B': {'$ref': '#/definitions/A'}}}"""), "cyclic $ref");
        rejects(() -> read("{'type': 'object', 'properties': {'self': {'$ref': '#'}}}"), "cyclic $ref '#'");
    }

    @Test
    void sameRefInSiblingsIsNoCycle() throws IOException {
        PayloadShape shape = read("""
                {'type': 'object', 'properties': {'a': {'$ref': '#/definitions/X'}, 'b': {'type': 'array', 'items': {'$ref': '#/definitions/X'}}},
                 'definitions': {'X': {'type': 'object', 'properties': {'y': {'$ref': '#/definitions/Y'}}}, 'Y': {'type': 'string'}}}""");
        assertEquals(2, shape.fields().size());
    }

    /** An object that is allOf a definition and has a property of that definition reuses it; nothing recurs. */
    @Test
    void aDefinitionInAnAllOfAndInAPropertyIsNoCycle() throws IOException {
        PayloadShape shape = read("""
                {'type': 'object', 'required': ['fee'], 'allOf': [{'$ref': '#/definitions/money'}],
                 'properties': {'fee': {'$ref': '#/definitions/money'},
                                'lines': {'type': 'array', 'items': {'allOf': [{'$ref': '#/definitions/money'}],
                                          'properties': {'tax': {'$ref': '#/definitions/money'}}}}},
                 'definitions': {'money': {'type': 'object', 'required': ['amount'], 'properties': {'amount': {'type': 'number'}}}}}""");
        assertEquals(List.of("amount", "fee", "lines"), shape.fields().stream().map(Field::name).sorted().toList());
    }

    @Test
    void unsupportedPropertiesAreNamed() {
        rejects(() -> read("{'type': 'object', 'properties': {'pair': {'type': 'array', 'items': [{'type': 'string'}, {'type': 'integer'}]}}}"),
                "tuple items", "property 'pair'");
        rejects(() -> read("{'type': 'object', 'properties': {'pair': {'type': 'array', 'prefixItems': [{'type': 'string'}]}}}"),
                "uses 'prefixItems'", "property 'pair'");
        rejects(() -> read("{'type': 'object', 'properties': {'o': {'type': 'object', 'properties': {'n': {'type': 'strng'}}}}}"),
                "unknown type 'strng'", "property 'o.n'");
        rejects(() -> read("{'type': 'object', 'properties': {'never': false}}"), "property 'never'");
        rejects(() -> read("{'type': 'object', 'properties': {'x': 'string'}}"), "property 'x'");
        rejects(() -> read("{'type': 'object', 'properties': {'': {'type': 'string'}}}"), "empty name");
        rejects(() -> read("{'type': 'object', 'properties': {'s': {'enum': ['', 'a']}}}"), "empty enum value", "property 's'");
    }
}
