package dev.sluice.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.it.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SchemaKeywordsTest {
    /** The keywords of each draft's core, applicator, validation, meta-data, format and content vocabularies (and draft-04's). */
    private static final List<String> DRAFT_04 = List.of("$schema", "id", "$ref", "definitions", "title", "description", "default",
            "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
            "additionalItems", "items", "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required",
            "additionalProperties", "properties", "patternProperties", "dependencies", "enum", "type", "allOf", "anyOf", "oneOf",
            "not", "format");
    private static final List<String> DRAFT_06 = List.of("$id", "const", "contains", "propertyNames", "examples");
    private static final List<String> DRAFT_07 = List.of("$comment", "if", "then", "else", "readOnly", "writeOnly", "contentMediaType",
            "contentEncoding");
    private static final List<String> DRAFT_2019_09 = List.of("$anchor", "$recursiveRef", "$recursiveAnchor", "$vocabulary", "$defs",
            "dependentRequired", "dependentSchemas", "unevaluatedItems", "unevaluatedProperties", "maxContains", "minContains",
            "deprecated", "contentSchema");
    private static final List<String> DRAFT_2020_12 = List.of("prefixItems", "$dynamicRef", "$dynamicAnchor");

    @Test
    void everyKeywordOfEveryDraftHasAHandling() {
        Set<String> missing = new TreeSet<>();
        for (List<String> draft : List.of(DRAFT_04, DRAFT_06, DRAFT_07, DRAFT_2019_09, DRAFT_2020_12)) {
            draft.stream().filter(k -> SchemaKeywords.of(k).isEmpty()).forEach(missing::add);
        }
        assertEquals(Set.of(), missing);
    }

    @Test
    void theDocListsEveryKeywordWithItsHandling() throws IOException {
        String doc = Files.readString(Repository.root().resolve("docs/payload.md"));
        List<String> wrong = new ArrayList<>();
        for (SchemaKeywords.Keyword k : SchemaKeywords.all().values()) {
            String handling = switch (k.handling()) {
                case CARRIED -> "carried";
                case ANNOTATION -> "annotation";
                case REFUSED -> "refused (exit 2)";
            };
            String row = "| `" + k.name() + "` | " + handling + " | " + k.what() + " |";
            if (!doc.contains(row)) {
                wrong.add(row);
            }
        }
        assertEquals(List.of(), wrong, "docs/payload.md's table differs from SchemaKeywords");
        assertTrue(doc.contains("no JSON null"));
    }
}
