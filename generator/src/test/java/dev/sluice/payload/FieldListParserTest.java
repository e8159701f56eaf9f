package dev.sluice.payload;

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

import dev.sluice.payload.FieldType.ScalarKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldListParserTest {

    private static PayloadShape parse(String... items) {
        return FieldListParser.parse(Arrays.asList(items));
    }

    @ParameterizedTest
    @CsvSource({
        "string, STRING", "int, INT", "long, LONG", "number, NUMBER", "boolean, BOOLEAN",
        "timestamp, TIMESTAMP", "date, DATE", "uuid, UUID", "UUID, UUID", "Timestamp, TIMESTAMP"})
    void everyScalarType(String spelling, ScalarKind kind) {
        assertEquals(shape(required("f", scalar(kind))), parse("f:" + spelling));
    }

    @Test
    void theDefaultAnswerSplitsOnCommasAndMarksOptionalFields() {
        assertEquals(shape(
                        required("id", scalar(ScalarKind.UUID)),
                        required("amount", scalar(ScalarKind.NUMBER)),
                        optional("note", string())),
                parse("id:uuid,amount:number,note:string?"));
    }

    @Test
    void itemsAreJoinedInOrderAndWhitespaceIsIgnored() {
        assertEquals(shape(required("a", integer()), optional("b", string()), required("c", integer())),
                parse(" a : int ", "b:string ?, c:int"));
    }

    @Test
    void enumListAndObjectKeepTheirInnerCommas() {
        PayloadShape parsed = parse("status:enum(NEW, PAID,in-progress),tags:list<string>,"
                + "address:object{street:string,zip:string?}?");
        assertEquals(shape(
                required("status", enumOf("NEW", "PAID", "in-progress")),
                required("tags", list(string())),
                optional("address", object(required("street", string()), optional("zip", string())))), parsed);
    }

    @Test
    void typesNest() {
        PayloadShape parsed = parse("items:list<object{sku:string,qty:int,dims:list<list<number>>,"
                + "meta:object{kind:enum(a,b)?,at:timestamp}}>");
        FieldType item = object(
                required("sku", string()),
                required("qty", integer()),
                required("dims", list(list(scalar(ScalarKind.NUMBER)))),
                required("meta", object(optional("kind", enumOf("a", "b")), required("at", scalar(ScalarKind.TIMESTAMP)))));
        assertEquals(shape(required("items", list(item))), parsed);
    }

    @Test
    void jsonNamesThatAreNotJavaIdentifiersAreKept() {
        assertEquals(List.of("first-name", "_x", "class", "A1"),
                parse("first-name:string,_x:int,class:string,A1:int").fields().stream().map(Field::name).toList());
    }

    @Test
    void emptyListIsRejected() {
        rejects(() -> FieldListParser.parse(List.of()), "is empty");
        rejects(() -> FieldListParser.parse(List.of(" ", "")), "is empty");
        rejects(() -> FieldListParser.parse(null), "is empty");
    }

    @Test
    void specWithoutColon() {
        InvalidPayloadException e = rejects(() -> parse("id:uuid,amount"), "'amount'", "no ':'");
        assertEquals("amount", e.value());
    }

    @Test
    void strayComma() {
        rejects(() -> parse("id:uuid,,amount:int"), "empty field spec");
        rejects(() -> parse("x:object{a:int,}"), "empty field spec in field 'x'");
    }

    @Test
    void emptyNameOrType() {
        rejects(() -> parse(":int"), "no name");
        rejects(() -> parse("note:"), "no type for field 'note'");
        rejects(() -> parse("note:?"), "no type for field 'note'");
        rejects(() -> parse("x:list<>"), "no item type in field 'x'");
        rejects(() -> parse("x:object{}"), "no fields in field 'x'");
    }

    @Test
    void unbalancedBrackets() {
        rejects(() -> parse("tags:list<string"), "unbalanced", "'<' is not closed");
        rejects(() -> parse("tags:list<string>>"), "unbalanced", "'>'");
        rejects(() -> parse("a:object{b:list<int}>"), "unbalanced", "'}'");
        rejects(() -> parse("s:enum(A,B"), "unbalanced", "'(' is not closed");
    }

    @Test
    void unknownTypeNamesTheTypeAndTheField() {
        InvalidPayloadException e = rejects(() -> parse("id:uuid,note:strng?"),
                "unknown type 'strng' in field 'note'");
        assertEquals("note:strng?", e.value());
        rejects(() -> parse("o:object{inner:list<integer>}"), "unknown type 'integer' in field 'o.inner'");
        rejects(() -> parse("x:enumeration"), "unknown type 'enumeration'");
        rejects(() -> parse("x:list<int>x"), "malformed type 'list<int>x'");
        rejects(() -> parse("x:enum"), "malformed type 'enum' in field 'x'");
    }

    @Test
    void optionalListItemsAreRefused() {
        rejects(() -> parse("x:list<int?>"), "optional list item type 'int?'");
    }

    @Test
    void duplicateNamesAtEveryLevel() {
        rejects(() -> parse("id:uuid", "id:string"), "repeats the field name 'id'");
        rejects(() -> parse("id:uuid,id:uuid?"), "repeats the field name 'id'");
        rejects(() -> parse("o:object{a:int,b:object{c:int,c:string}}"),
                "repeats the field name 'c' in field 'o.b'");
        // the same name in different objects is fine
        assertEquals(2, parse("a:object{id:int},b:object{id:int}").fields().size());
    }

    @Test
    void emptyAndDuplicateEnums() {
        rejects(() -> parse("s:enum()"), "empty enum in field 's'");
        rejects(() -> parse("s:enum( )"), "empty enum in field 's'");
        rejects(() -> parse("s:enum(A,,B)"), "empty enum value in field 's'");
        rejects(() -> parse("s:enum(A,B,A)"), "repeats the enum value 'A' in field 's'");
        rejects(() -> parse("s:enum(A,\"B\")"), "invalid enum value '\"B\"'");
    }

    @Test
    void pathTricksInNames() {
        rejects(() -> parse("../etc:string"), "path-like field name '../etc'");
        rejects(() -> parse("a/b:string"), "path-like field name 'a/b'");
        rejects(() -> parse("a\\b:string"), "path-like field name 'a\\b'");
        rejects(() -> parse("o:object{..:int}"), "path-like field name '..'");
    }

    @Test
    void namesThatAreNotJsonFieldNames() {
        rejects(() -> parse("1st:int"), "invalid field name '1st'");
        rejects(() -> parse("-x:int"), "invalid field name '-x'");
        rejects(() -> parse("a b:int"), "invalid field name 'a b'");
        rejects(() -> parse("note?:string"), "invalid field name 'note?'", "after the type");
    }

    @Test
    void nestingIsBounded() {
        String deep = "x:" + "list<".repeat(FieldListParser.MAX_DEPTH) + "int" + ">".repeat(FieldListParser.MAX_DEPTH);
        rejects(() -> parse(deep), "deeper than");
        String ok = "x:" + "list<".repeat(FieldListParser.MAX_DEPTH - 1) + "int" + ">".repeat(FieldListParser.MAX_DEPTH - 1);
        assertEquals(1, parse(ok).fields().size());
    }

    @Test
    void nullItemIsTreatedAsEmpty() {
        List<String> items = new ArrayList<>();
        items.add("a:int");
        items.add(null);
        rejects(() -> FieldListParser.parse(items), "empty field spec");
    }
}
