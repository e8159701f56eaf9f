package dev.sluice.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Java naming: keywords, identifiers made from JSON names, type names made from field names. */
public final class JavaNames {
    /** Keywords, contextual keywords that cannot name a type or variable, and the literals. */
    private static final Set<String> RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "_", "var", "yield", "record", "sealed", "permits",
            "non-sealed");

    /**
     * Simple names a generated payload type must not take: they would shadow {@code java.lang}
     * (implicitly imported) or a type the payload files import.
     */
    private static final Set<String> TAKEN_TYPE_NAMES = Set.of(
            // java.lang
            "Appendable", "AutoCloseable", "Boolean", "Byte", "Character", "CharSequence", "Class", "ClassLoader",
            "Cloneable", "Comparable", "Deprecated", "Double", "Enum", "Error", "Exception", "Float",
            "FunctionalInterface", "Integer", "Iterable", "Long", "Math", "Module", "Number", "Object", "Override",
            "Package", "Process", "Readable", "Record", "Runnable", "Runtime", "RuntimeException", "SafeVarargs",
            "Short", "StrictMath", "String", "StringBuffer", "StringBuilder", "SuppressWarnings", "System", "Thread",
            "ThreadLocal", "Throwable", "Void",
            // what payload files import, and what the consumer around them commonly imports
            "BigDecimal", "Instant", "LocalDate", "UUID", "List", "Map", "Set", "Optional", "Objects",
            "JsonNode", "JsonProperty", "ObjectMapper", "Context", "SQSEvent", "SQSBatchResponse",
            // what the generated handler, processor and tests import (templates/consumer, templates/sam)
            "ArrayList", "Comparator", "Configuration", "DeserializationFeature", "Files", "IOException",
            "JavaTimeModule", "JsonInclude", "JsonMapper", "JsonMappingException", "JsonProcessingException",
            "LogManager", "Logger", "LoggerContext", "LoggerFactory", "MDC", "MapperFeature", "MessageAttribute",
            "MethodSource", "ObjectNode", "ParameterizedTest", "Path", "PayloadParsingTest", "PowertoolsLogging",
            "RecordingProcessor", "RequestHandler", "SQSMessage", "SerializationFeature", "StringWriter", "Test",
            "UncheckedIOException", "WriterAppender", "Yaml", "TemplateTest");

    /** Methods of {@code java.lang.Object} (and {@code Record}) a record component must not shadow. */
    private static final Set<String> OBJECT_METHODS = Set.of(
            "clone", "equals", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

    /** Plurals that do not end in a plain {@code s}. */
    private static final Map<String, String> IRREGULAR_PLURALS = Map.ofEntries(
            Map.entry("people", "person"), Map.entry("children", "child"), Map.entry("men", "man"),
            Map.entry("women", "woman"), Map.entry("mice", "mouse"), Map.entry("feet", "foot"),
            Map.entry("teeth", "tooth"), Map.entry("geese", "goose"), Map.entry("indices", "index"),
            Map.entry("matrices", "matrix"), Map.entry("vertices", "vertex"), Map.entry("criteria", "criterion"),
            Map.entry("movies", "movie"), Map.entry("cookies", "cookie"), Map.entry("calories", "calorie"),
            Map.entry("zombies", "zombie"), Map.entry("selfies", "selfie"), Map.entry("pies", "pie"),
            Map.entry("ties", "tie"), Map.entry("lies", "lie"));

    /** Words ending in {@code s} that are already singular (or the same in both numbers). */
    private static final Set<String> UNCHANGED = Set.of(
            "news", "series", "species", "sms", "gps", "dns", "aws", "ios", "kudos", "analytics", "metrics",
            "canvas", "alias", "atlas", "bias", "plus", "bonus", "status", "campus", "virus", "census", "corpus",
            "gas", "yes", "lens", "chaos", "thermos", "always", "perhaps", "whereas");

    /** Word boundaries inside a run of letters and digits: {@code firstName}, {@code HTTPServer}. */
    private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[\\p{Ll}\\p{N}])(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern PLAIN_CAMEL = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern VERSION = Pattern.compile("v\\d+", Pattern.CASE_INSENSITIVE);

    /** The name of the root payload type when the path offers none. */
    public static final String FALLBACK_ROOT = "Message";

    private JavaNames() {}

    public static boolean isReserved(String word) {
        return RESERVED.contains(word);
    }

    /** The package for a project that names none: {@code com.example} + {@code orders-api} → {@code com.example.ordersapi}. */
    public static String defaultPackage(String groupId, String projectName) {
        String last = projectName.replace("-", "").toLowerCase(Locale.ROOT);
        if (last.isEmpty() || !Character.isJavaIdentifierStart(last.charAt(0))) {
            last = "app" + last;
        }
        if (isReserved(last)) {
            last = last + "app";
        }
        return groupId.toLowerCase(Locale.ROOT) + "." + last;
    }

    /**
     * Whether a simple type name would shadow a {@code java.lang} type or a type the payload
     * files import ({@code String}, {@code Record}, {@code List}, {@code Instant}, ...).
     */
    public static boolean isTakenTypeName(String simpleName) {
        return TAKEN_TYPE_NAMES.contains(simpleName);
    }

    /**
     * The root payload type for an endpoint path: PascalCase singular of the last path segment
     * ({@code /orders} → {@code Order}, {@code /v1/order-items} → {@code OrderItem}). Path
     * parameters ({@code {id}}), all-digit segments and version segments ({@code v2}) are passed
     * over for the segment before them; a name that would shadow a {@code java.lang} or imported type
     * gets a {@code Message} suffix ({@code /records} → {@code RecordMessage}); no usable segment
     * gives {@code Message}.
     */
    public static String rootTypeName(String apiPath) {
        String[] segments = apiPath == null ? new String[0] : apiPath.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String segment = segments[i].trim();
            if (segment.isEmpty() || segment.startsWith("{") || segment.chars().allMatch(Character::isDigit)
                    || VERSION.matcher(segment).matches()) {
                continue;
            }
            List<String> words = words(segment);
            if (words.isEmpty()) {
                continue;
            }
            String name = pascal(singularLast(words));
            if (!Character.isJavaIdentifierStart(name.charAt(0))) {
                return FALLBACK_ROOT + name;
            }
            if (isTakenTypeName(name) || isReserved(name)) {
                return name + FALLBACK_ROOT;
            }
            return name;
        }
        return FALLBACK_ROOT;
    }

    /**
     * A camelCase Java identifier for a JSON name. A name that already is plain camelCase
     * ({@code [a-z][A-Za-z0-9]*}) and not reserved is kept as it is; otherwise words are split on
     * anything but letters and digits and on case changes ({@code first-name}, {@code FIRST_NAME},
     * {@code FirstName} → {@code firstName}). A leading digit gets a {@code field} prefix
     * ({@code 2fa} → {@code field2fa}); keywords and {@code Object} method names get a {@code Value}
     * suffix ({@code class} → {@code classValue}, {@code hashCode} → {@code hashCodeValue}); a name
     * with no letters or digits becomes {@code field}.
     */
    public static String fieldName(String jsonName) {
        String name;
        if (jsonName != null && PLAIN_CAMEL.matcher(jsonName).matches()) {
            name = jsonName;
        } else {
            List<String> words = words(jsonName);
            if (words.isEmpty()) {
                return "field";
            }
            StringBuilder camel = new StringBuilder(lowerFirstWord(words.get(0)));
            for (int i = 1; i < words.size(); i++) {
                camel.append(capitalize(words.get(i)));
            }
            name = camel.toString();
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            name = "field" + name;
        }
        if (isReserved(name) || OBJECT_METHODS.contains(name)) {
            name = name + "Value";
        }
        return name;
    }

    /**
     * A PascalCase singular type name for a JSON name ({@code shippingAddress} →
     * {@code ShippingAddress}, {@code items} → {@code Item}, {@code order_lines} → {@code OrderLine}).
     * A leading digit gets a {@code Type} prefix; a name with no letters or digits becomes
     * {@code Value}. Does not check {@link #isTakenTypeName}: {@link JavaModel} resolves clashes.
     */
    public static String typeName(String jsonName) {
        List<String> words = words(jsonName);
        if (words.isEmpty()) {
            return "Value";
        }
        String name = pascal(singularLast(words));
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            name = "Type" + name;
        }
        return name;
    }

    /**
     * An UPPER_SNAKE enum constant for a JSON value ({@code in-progress}, {@code inProgress},
     * {@code In Progress} → {@code IN_PROGRESS}); a leading digit gets a {@code V} prefix
     * ({@code 1st} → {@code V1ST}); a value with no letters or digits becomes {@code VALUE}.
     */
    public static String constantName(String value) {
        List<String> words = words(value);
        if (words.isEmpty()) {
            return "VALUE";
        }
        String name = String.join("_", words).toUpperCase(Locale.ROOT);
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            name = "V" + name;
        }
        return name;
    }

    /** The words of a name: split on anything but letters and digits, and on case changes. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        for (String chunk : NOT_WORD.split(text)) {
            for (String word : CAMEL_BOUNDARY.split(chunk)) {
                StringBuilder kept = new StringBuilder();
                word.codePoints().filter(Character::isJavaIdentifierPart).forEach(kept::appendCodePoint);
                if (!kept.isEmpty()) {
                    words.add(kept.toString());
                }
            }
        }
        return words;
    }

    private static List<String> singularLast(List<String> words) {
        List<String> result = new ArrayList<>(words);
        String last = result.get(result.size() - 1);
        result.set(result.size() - 1, singular(last));
        return result;
    }

    /** English singular of one word, keeping its case style ({@code Items} → {@code Item}). */
    static String singular(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        boolean upper = word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT));
        String singular = singularLower(lower);
        if (singular.equals(lower)) {
            return word;
        }
        if (upper) {
            return singular.toUpperCase(Locale.ROOT);
        }
        // keep the original spelling of the kept prefix, e.g. "Categories" → "Category"
        int common = 0;
        while (common < singular.length() && common < lower.length() && singular.charAt(common) == lower.charAt(common)) {
            common++;
        }
        return word.substring(0, common) + singular.substring(common);
    }

    private static String singularLower(String w) {
        if (IRREGULAR_PLURALS.containsKey(w)) {
            return IRREGULAR_PLURALS.get(w);
        }
        if (w.length() <= 2 || UNCHANGED.contains(w) || !w.endsWith("s")
                || w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) {
            return w;
        }
        if (w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("uses") && w.length() > 4 && "aeiou".indexOf(w.charAt(w.length() - 5)) < 0) {
            return w.substring(0, w.length() - 2); // statuses → status, bonuses → bonus (but houses → house)
        }
        return w.substring(0, w.length() - 1);
    }

    private static String pascal(List<String> words) {
        StringBuilder name = new StringBuilder();
        for (String word : words) {
            name.append(capitalize(word));
        }
        return name.toString();
    }

    /** {@code NAME} → {@code Name}, {@code name} → {@code Name}, {@code iPhone} → {@code IPhone}. */
    private static String capitalize(String word) {
        String w = isAllUpper(word) ? word.toLowerCase(Locale.ROOT) : word;
        int first = w.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first)).append(w.substring(Character.charCount(first))).toString();
    }

    private static String lowerFirstWord(String word) {
        if (isAllUpper(word)) {
            return word.toLowerCase(Locale.ROOT);
        }
        int first = word.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toLowerCase(first)).append(word.substring(Character.charCount(first))).toString();
    }

    private static boolean isAllUpper(String word) {
        return word.length() > 1 && word.chars().anyMatch(Character::isLetter)
                && word.chars().noneMatch(Character::isLowerCase);
    }

    /**
     * A Java string literal holding {@code text}: quotes and backslashes escaped, control characters as octal
     * escapes (never a backslash-u escape, which javac would read before the literal).
     */
    public static String stringLiteral(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\%03o", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
