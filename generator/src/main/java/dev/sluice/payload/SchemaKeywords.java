package dev.sluice.payload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every keyword of JSON Schema draft-04, draft-06, draft-07, 2019-09 and 2020-12 (and OpenAPI's {@code nullable}
 * and {@code example}), and what a {@code --schema} gets for it: carried into the request model (draft-04, what
 * API Gateway validates with), read as an annotation that validates nothing, or refused with exit 2 because the
 * request model or the payload records cannot hold it. A keyword not listed here is not JSON Schema's and is
 * ignored, as validators ignore unknown keywords. docs/payload.md holds the same table; a test compares them.
 */
public final class SchemaKeywords {

    public enum Handling { CARRIED, ANNOTATION, REFUSED }

    /** One keyword: how it is handled, and in words, what becomes of it. */
    public record Keyword(String name, Handling handling, String what) {}

    private static final Map<String, Keyword> KEYWORDS = new LinkedHashMap<>();

    static {
        // The shape.
        carried("type", "the field's type; a list with \"null\" makes the field optional; several other types give a JSON value field that admits them");
        carried("properties", "the object's fields (nested objects are records of their own)");
        carried("required", "which fields every request carries");
        carried("items", "the list's item type (one schema; a list of item schemas is refused)");
        carried("enum", "a string enum becomes a Java enum; other values are kept as an enum of the model; a null member makes the field optional");
        carried("const", "an enum of one value");
        carried("nullable", "OpenAPI's flag: the field may be null, so it is optional");
        carried("format", "date-time, date and uuid give Instant, LocalDate and UUID with a pattern (API Gateway enforces no format); int64 gives long; any other is an annotation");
        carried("$ref", "followed and inlined when local to the file (a JSON pointer such as #/definitions/X or #/$defs/X)");
        carried("definitions", "where local $refs point (draft-04 to -07)");
        carried("$defs", "where local $refs point (2019-09, 2020-12)");
        carried("allOf", "merged: fields united, bounds tightened, patterns and enums all applied");
        carried("anyOf", "a null branch makes the field optional; one other branch is the field's type; several branches that only name a type admit those types; anything else is refused");
        carried("oneOf", "as anyOf");
        // Validation keywords draft-04 has.
        carried("minLength", "kept");
        carried("maxLength", "kept");
        carried("pattern", "kept; several (from allOf, or Sluice's own) all apply");
        carried("minimum", "kept; an int field's is at least the int range's");
        carried("maximum", "kept; an int field's is at most the int range's");
        carried("exclusiveMinimum", "kept: draft-04's boolean form as it is, the numeric form of draft-06 and later as minimum with exclusiveMinimum: true");
        carried("exclusiveMaximum", "kept, as exclusiveMinimum");
        carried("multipleOf", "kept (two in an allOf: their least common multiple)");
        carried("minItems", "kept");
        carried("maxItems", "kept");
        carried("uniqueItems", "kept");
        carried("minProperties", "kept");
        carried("maxProperties", "kept");
        carried("additionalProperties", "false or a schema is kept (it must then name every field merged into the object, as it does in JSON Schema); true is the default");
        // Annotations: no validation to carry.
        annotation("$schema", "read: a draft before draft-04 is refused; the model states draft-04");
        annotation("id", "draft-04's identifier: ignored at the root; below it, refused (see $id)");
        annotation("$id", "ignored at the root; below it, refused: an embedded resource changes what a $ref means");
        annotation("$anchor", "ignored; a $ref to a plain-name anchor does not resolve");
        annotation("$comment", "ignored");
        annotation("$vocabulary", "ignored (for meta-schemas)");
        annotation("title", "ignored");
        annotation("description", "ignored");
        annotation("default", "not carried; a sample value when Sluice cannot make one");
        annotation("examples", "not carried; sample values when Sluice cannot make one");
        annotation("example", "OpenAPI's: not carried; a sample value when Sluice cannot make one");
        annotation("readOnly", "ignored");
        annotation("writeOnly", "ignored");
        annotation("deprecated", "ignored");
        annotation("contentEncoding", "ignored (an annotation since 2019-09; API Gateway does not decode)");
        annotation("contentMediaType", "ignored (as contentEncoding)");
        annotation("contentSchema", "ignored (as contentEncoding)");
        annotation("additionalItems", "ignored: it applies only beside a list of item schemas, which is refused");
        // Refused: the request model or the payload records cannot hold them.
        refused("not", "a negated schema: Sluice cannot make a sample for it nor a type of it");
        refused("patternProperties", "properties by name pattern: the payload records have no place for them");
        refused("dependencies", "conditional requirements: not carried by Sluice");
        refused("dependentRequired", "conditional requirements: not carried by Sluice");
        refused("dependentSchemas", "conditional schemas: draft-04 has only the older dependencies, not carried by Sluice");
        refused("if", "conditional schemas (draft-07): draft-04 has no if/then/else");
        refused("then", "as if");
        refused("else", "as if");
        refused("contains", "draft-06: draft-04 cannot say that some item matches");
        refused("minContains", "2019-09: as contains");
        refused("maxContains", "2019-09: as contains");
        refused("propertyNames", "draft-06: draft-04 cannot constrain property names");
        refused("unevaluatedProperties", "2019-09: draft-04 has no unevaluated keywords");
        refused("unevaluatedItems", "2019-09: as unevaluatedProperties");
        refused("prefixItems", "2020-12 tuples: the payload records hold lists of one item type");
        refused("$recursiveRef", "2019-09: a recursive payload has no finite record type");
        refused("$recursiveAnchor", "2019-09: as $recursiveRef");
        refused("$dynamicRef", "2020-12: as $recursiveRef");
        refused("$dynamicAnchor", "2020-12: as $recursiveRef");
    }

    private SchemaKeywords() {}

    private static void carried(String name, String what) {
        KEYWORDS.put(name, new Keyword(name, Handling.CARRIED, what));
    }

    private static void annotation(String name, String what) {
        KEYWORDS.put(name, new Keyword(name, Handling.ANNOTATION, what));
    }

    private static void refused(String name, String what) {
        KEYWORDS.put(name, new Keyword(name, Handling.REFUSED, what));
    }

    /** Every keyword, in the order of docs/payload.md's table. */
    public static Map<String, Keyword> all() {
        return java.util.Collections.unmodifiableMap(KEYWORDS);
    }

    public static Optional<Keyword> of(String name) {
        return Optional.ofNullable(KEYWORDS.get(name));
    }
}
