package dev.sluice.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Question;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The archetype's properties are the CLI's questions, with the CLI's defaults. */
class DescriptorTest {
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
    private static final Map<String, String> PATTERNS = new LinkedHashMap<>();

    @BeforeAll
    static void readDescriptor() throws Exception {
        try (InputStream in = DescriptorTest.class.getResourceAsStream("/META-INF/maven/archetype-metadata.xml")) {
            NodeList properties = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                    .getElementsByTagName("requiredProperty");
            for (int i = 0; i < properties.getLength(); i++) {
                Element property = (Element) properties.item(i);
                NodeList value = property.getElementsByTagName("defaultValue");
                DEFAULTS.put(property.getAttribute("key"), value.getLength() == 0 ? null : value.item(0).getTextContent());
                NodeList pattern = property.getElementsByTagName("validationRegex");
                if (pattern.getLength() > 0) {
                    PATTERNS.put(property.getAttribute("key"), pattern.item(0).getTextContent());
                }
            }
        }
    }

    @Test
    void everyQuestionIsAPropertyUnderItsAnswersFileKey() {
        Set<String> expected = new TreeSet<>();
        for (Question question : Question.values()) {
            if (question != Question.NAME) { // the name is Maven's artifactId, which the plugin always asks for
                expected.add(question.key());
            }
        }
        expected.add("answers"); // an answers file, as sluice new --answers
        assertEquals(expected, new TreeSet<>(DEFAULTS.keySet()));
        assertEquals("none", DEFAULTS.get("answers"));
    }

    @Test
    void eachDefaultIsTheClis() {
        for (Question question : Question.values()) {
            if (question == Question.NAME || question == Question.PACKAGE) {
                continue;
            }
            String declared = DEFAULTS.get(question.key());
            String expected = question.defaultValue().orElseGet(() -> switch (question) {
                case SCHEMA, EXAMPLE, GROUPS, DOWNSTREAM_LIMIT -> "none";
                case PROCESSING_MS_WORST, BATCHING_WINDOW -> "auto";
                default -> throw new AssertionError(question + " has no CLI default and no word for 'not given'");
            });
            assertEquals(expected, declared, question.key());
        }
    }

    /**
     * A property the plugin checks when interactive takes exactly the words the question accepts: its pattern's
     * alternatives are the choices Question's accepted text names ("none, iam or api-key").
     */
    @Test
    void eachPatternAcceptsTheQuestionsChoices() {
        assertEquals(Set.of("iac", "runtime", "auth"), PATTERNS.keySet());
        PATTERNS.forEach((key, pattern) -> {
            Question question = Question.byKey(key).orElseThrow();
            assertTrue(pattern.startsWith("^(") && pattern.endsWith(")$"), pattern);
            Set<String> alternatives = Set.of(pattern.substring(2, pattern.length() - 2).split("\\|"));
            Set<String> named = Set.of(question.accepted().split(", | or "));
            assertEquals(named, alternatives, key);
        });
    }

    /** docs/archetype.md's table of properties states the descriptor's defaults, for every property. */
    @Test
    void theDocsTableStatesEachDefault() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "archetype.md"));
        int start = docs.indexOf("| property | default | note |");
        Map<String, String> stated = new LinkedHashMap<>();
        for (String row : docs.substring(start, docs.indexOf("\n\n", start)).lines().skip(2).toList()) {
            String[] cells = row.split(" \\| ");
            List<String> keys = codes(cells[0]);
            List<String> defaults = codes(cells[1]);
            for (int i = 0; i < keys.size(); i++) {
                stated.put(keys.get(i), defaults.isEmpty() ? null : defaults.get(defaults.size() == 1 ? 0 : i));
            }
        }
        stated.remove("artifactId"); // Maven's own, asked
        stated.remove("package");    // a Velocity expression, in words: thePackageDefaultIsGroupIdAndNameWithoutDashes
        Map<String, String> declared = new LinkedHashMap<>(DEFAULTS);
        declared.remove("package");
        assertEquals(new TreeMap<>(declared), new TreeMap<>(stated));
    }

    /** The `code` spans of a Markdown table cell, in order. */
    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher m = Pattern.compile("`([^`]*)`").matcher(cell);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    /** What Velocity can derive; ArchetypeEntryPoint leaves a package of exactly this form to the engine's rule. */
    @Test
    void thePackageDefaultIsGroupIdAndNameWithoutDashes() {
        assertEquals("${groupId.toLowerCase()}.${artifactId.replace(\"-\", \"\")}", DEFAULTS.get("package"));
    }
}
