package dev.sluice.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.payload.FieldType.ScalarKind;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.State;
import dk.brics.automaton.Transition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Values that the request model accepts for a field: the sample body's (a plausible fixed value where the
 * field's constraints allow it, else one made to satisfy them), and {@link Variation}s, numbered values for the
 * local pipeline's requests. A string with patterns or lengths is made from the automaton of every pattern and
 * length together ({@link Regexes}); numbers from their bounds and {@code multipleOf}; enums from their values.
 * When nothing can be made, the schema's own {@code examples}, {@code example} or {@code default} serve if they
 * satisfy the constraints; else {@link NoSample} names the field.
 */
public final class SampleValues {
    public static final String DIGITS = "0123456789";
    public static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    public static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** How many values a varied key aims for: more than any local burst sends. */
    public static final long MANY = 1_000_000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** Shortest first, then by {@link #rank} character by character: "aa" before "a0" before "aA" before "!!". */
    private static final Comparator<String> SHORTLEX = Comparator.comparingInt(String::length).thenComparing((a, b) -> {
        for (int i = 0; i < a.length(); i++) {
            int order = Integer.compare(rank(a.charAt(i)), rank(b.charAt(i)));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    });

    /** No value satisfies a field's constraints, or none that Sluice can make; {@code path} names the field. */
    public static final class NoSample extends RuntimeException {
        private final String path;

        NoSample(String path, String reason) {
            super(reason);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    private SampleValues() {}

    // ---- The sample body's values ----

    /** The sample value of a field (path: its dot path, for messages). */
    static JsonNode sample(FieldType type, String name, String path) {
        Constraints c = type.constraints();
        if (type instanceof FieldType.Scalar scalar) {
            return switch (scalar.kind()) {
                case STRING, TIMESTAMP, DATE, UUID -> JSON.textNode(text(scalar.kind(), c, name, path));
                case BOOLEAN -> fromVariation(variation(type, name, 2, path), type, path);
                default -> number(scalar.kind(), c, path);
            };
        }
        if (type instanceof FieldType.EnumType) {
            return variation(type, name, 1, path).value(0);
        }
        if (type instanceof FieldType.ListType list) {
            return list(list, name, path);
        }
        if (type instanceof FieldType.ObjectType object) {
            return object(object.fields(), c, path);
        }
        return any(c, name, path);
    }

    /** An object with every field (optional ones too, unless maxProperties forbids), and extra ones minProperties asks for. */
    static ObjectNode object(List<Field> fields, Constraints c, String path) {
        ObjectNode object = JSON.objectNode();
        List<Field> kept = new ArrayList<>(fields);
        if (c.maxProperties() != null) {
            for (int i = kept.size() - 1; i >= 0 && kept.size() > c.maxProperties(); i--) {
                if (kept.get(i).optional()) {
                    kept.remove(i);
                }
            }
            if (kept.size() > c.maxProperties()) {
                throw new NoSample(path, "has more required properties than its maxProperties of " + c.maxProperties());
            }
        }
        for (Field field : kept) {
            object.set(field.name(), sample(field.type(), field.name(), child(path, field.name())));
        }
        long missing = c.minProperties() == null ? 0 : c.minProperties() - object.size();
        for (int n = 1; n <= missing; n++) {
            if (c.closed()) {
                throw new NoSample(path, "needs " + c.minProperties() + " properties, more than it lists, and allows no others");
            }
            String name = "extra" + n;
            object.set(name, c.additional() == null ? JSON.textNode("example-" + name)
                    : sample(c.additional().type(), name, child(path, name)));
        }
        return object;
    }

    private static JsonNode list(FieldType.ListType list, String name, String path) {
        Constraints c = list.constraints();
        long size = Math.max(1, c.minItems() == null ? 1 : c.minItems());
        if (c.maxItems() != null) {
            size = Math.min(size, c.maxItems());
        }
        ArrayNode array = JSON.arrayNode();
        String itemPath = path + "[]";
        if (size == 1) {
            array.add(sample(list.items(), name, itemPath));
            return array;
        }
        // Several items: distinct ones (which uniqueItems needs, and read better anyway).
        for (long n = 0; n < size; n++) {
            array.add(nth(list.items(), name, n, itemPath, size));
        }
        return array;
    }

    /** The {@code n}th of {@code count} distinct values of a type: an object varies its first field that has enough. */
    private static JsonNode nth(FieldType type, String name, long n, String path, long count) {
        if (type instanceof FieldType.ObjectType object) {
            ObjectNode base = object(object.fields(), object.constraints(), path);
            if (n == 0) {
                return base;
            }
            for (Field field : object.fields()) {
                if (base.has(field.name())) {
                    try {
                        Variation v = variation(field.type(), field.name(), count, child(path, field.name()));
                        if (v.count() >= count) {
                            base.set(field.name(), v.value(n));
                            return base;
                        }
                    } catch (NoSample e) {
                        // try the next field
                    }
                }
            }
            throw new NoSample(path, "needs " + count + " distinct items (uniqueItems, minItems), and no field of its items varies enough");
        }
        Variation v = variation(type, name, count, path);
        if (v.count() < count) {
            throw new NoSample(path, "needs " + count + " distinct items (uniqueItems, minItems), and its items have only " + v.count() + " values");
        }
        return v.value(n);
    }

    private static JsonNode any(Constraints c, String name, String path) {
        for (JsonNode value : c.enumValues()) {
            return value;
        }
        List<String> types = c.types().isEmpty() ? List.of("string") : c.types();
        String first = types.get(0);
        return switch (first) {
            case "integer" -> number(ScalarKind.LONG, c, path);
            case "number" -> number(ScalarKind.NUMBER, c, path);
            case "boolean" -> JSON.booleanNode(true);
            case "object" -> object(List.of(), c, path);
            case "array" -> JSON.arrayNode();
            default -> JSON.textNode(text(ScalarKind.STRING, c, name, path));
        };
    }

    private static JsonNode fromVariation(Variation v, FieldType type, String path) {
        if (v.count() == 0) {
            throw new NoSample(path, "allows no value");
        }
        return v.value(0);
    }

    // ---- Strings ----

    private static String text(ScalarKind kind, Constraints c, String name, String path) {
        String friendly = switch (kind) {
            case TIMESTAMP -> SampleBody.TIMESTAMP;
            case DATE -> SampleBody.DATE;
            case UUID -> SampleBody.UUID;
            default -> "example-" + name;
        };
        List<String> patterns = patterns(kind, c);
        if (textValid(friendly, patterns, c)) {
            return friendly;
        }
        try {
            String made = shortestFrom(List.of(strings(patterns, c).getInitialState()), true);
            if (made != null && textValid(made, patterns, c) && parses(kind, made)) {
                return made;
            }
        } catch (Regexes.Unsupported e) {
            // the schema's examples may serve
        }
        for (JsonNode example : c.examples()) {
            if (example.isTextual() && textValid(example.textValue(), patterns, c)) {
                return example.textValue();
            }
        }
        throw new NoSample(path, "has no string Sluice can make that satisfies " + describe(patterns, c)
                + "; give one in the schema's examples or default");
    }

    /** The patterns a string field must match: its format's, then the schema's. */
    static List<String> patterns(ScalarKind kind, Constraints c) {
        List<String> patterns = new ArrayList<>();
        switch (kind) {
            case TIMESTAMP -> patterns.add(RequestModel.TIMESTAMP_PATTERN);
            case DATE -> patterns.add(RequestModel.DATE_PATTERN);
            case UUID -> patterns.add(RequestModel.UUID_PATTERN);
            default -> { }
        }
        c.patterns().stream().filter(p -> !patterns.contains(p)).forEach(patterns::add);
        return patterns;
    }

    static boolean textValid(String text, List<String> patterns, Constraints c) {
        long length = text.codePointCount(0, text.length());
        if (c.minLength() != null && length < c.minLength() || c.maxLength() != null && length > c.maxLength()) {
            return false;
        }
        return patterns.stream().allMatch(p -> Pattern.compile(p).matcher(text).find());
    }

    private static String describe(List<String> patterns, Constraints c) {
        List<String> parts = new ArrayList<>();
        patterns.forEach(p -> parts.add("pattern " + p));
        if (c.minLength() != null) {
            parts.add("minLength " + c.minLength());
        }
        if (c.maxLength() != null) {
            parts.add("maxLength " + c.maxLength());
        }
        return String.join(", ", parts);
    }

    /**
     * Every string (of characters outside the surrogates) that matches the patterns and has an allowed length. A
     * maximum far above the minimum is left to the final check ({@link #textValid}): made strings are short.
     */
    private static Automaton strings(List<String> patterns, Constraints c) {
        int min = c.minLength() == null ? 0 : (int) Math.min(c.minLength(), 4096);
        Integer max = c.maxLength() == null || c.maxLength() > min + 64L ? null : c.maxLength().intValue();
        Automaton result = lengths(min, max);
        for (String pattern : patterns) {
            result = result.intersection(Regexes.matching(pattern));
        }
        result.minimize();
        return result;
    }

    /** Strings of {@code min} to {@code max} (null: any number of) characters outside the surrogates. */
    private static Automaton lengths(int min, Integer max) {
        int states = (max == null ? min : max) + 1;
        State[] chain = new State[states];
        for (int i = 0; i < states; i++) {
            chain[i] = new State();
            chain[i].setAccept(i >= min);
        }
        for (int i = 0; i < states; i++) {
            State to = i + 1 < states ? chain[i + 1] : max == null ? chain[i] : null;
            if (to != null) {
                chain[i].addTransition(new Transition('\u0000', '\ud7ff', to));
                chain[i].addTransition(new Transition('\ue000', '\uffff', to));
            }
        }
        Automaton automaton = new Automaton();
        automaton.setInitialState(chain[0]);
        automaton.setDeterministic(true);
        return automaton;
    }

    /** A character's place in a made string's preference: lower-case letters, digits, upper-case letters, "-_.", the rest. */
    private static int rank(char c) {
        int at = (LOWER + DIGITS + UPPER + "-_.").indexOf(c);
        return at >= 0 ? at : 100 + c;
    }

    /**
     * The first string ({@link #SHORTLEX}, preferring a non-empty one) accepted from every one of the states of a
     * deterministic automaton, or null. Each step takes, from each range of characters on which all the states
     * move alike, its friendliest character.
     */
    private static String shortestFrom(List<State> starts, boolean preferNonEmpty) {
        record Node(String text, List<State> states) {}
        PriorityQueue<Node> queue = new PriorityQueue<>(Comparator.comparing(Node::text, SHORTLEX));
        Set<List<State>> seen = new LinkedHashSet<>();
        queue.add(new Node("", starts));
        String empty = null;
        while (!queue.isEmpty() && seen.size() < 100_000) {
            Node node = queue.poll();
            boolean accepted = node.states().stream().allMatch(State::isAccept);
            if (accepted && (!node.text().isEmpty() || !preferNonEmpty)) {
                return node.text();
            }
            if (accepted) {
                empty = "";
            }
            if (!seen.add(node.states()) && !node.text().isEmpty()) {
                continue;
            }
            for (char[] piece : pieces(node.states())) {
                char ch = friendly(piece[0], piece[1]);
                List<State> next = new ArrayList<>();
                for (State s : node.states()) {
                    State to = s.step(ch);
                    if (to == null) {
                        next = null;
                        break;
                    }
                    if (!next.contains(to)) {
                        next.add(to);
                    }
                }
                if (next != null) {
                    next.sort(Comparator.naturalOrder());
                    if (!seen.contains(next) || next.stream().allMatch(State::isAccept)) {
                        queue.add(new Node(node.text() + ch, next));
                    }
                }
            }
        }
        return empty;
    }

    /** The ranges of characters on which each of the states moves alike (cut at every transition's edges). */
    private static List<char[]> pieces(List<State> states) {
        java.util.TreeSet<Integer> edges = new java.util.TreeSet<>();
        for (State s : states) {
            for (Transition t : s.getTransitions()) {
                edges.add((int) t.getMin());
                edges.add(t.getMax() + 1);
            }
        }
        List<char[]> pieces = new ArrayList<>();
        Integer previous = null;
        for (int edge : edges) {
            if (previous != null && states.get(0).step((char) (int) previous) != null) {
                pieces.add(new char[] {(char) (int) previous, (char) (edge - 1)});
            }
            previous = edge;
        }
        return pieces;
    }

    /**
     * Numbered strings of a string field: a prefix, a counter in one alphabet at a fixed width, and a suffix, each
     * combination accepted by the field's automaton. Looks for the most values (up to {@code wanted}), digits
     * before letters, the prefix "r-" (a request's number) before others.
     */
    private static Variation textVariation(ScalarKind kind, Constraints c, String name, long wanted, String path) {
        List<String> patterns = patterns(kind, c);
        for (Variation plain : plainVariations(kind, wanted)) {
            if (textValid(plain.value(0).textValue(), patterns, c) && textValid(plain.value(plain.count() - 1).textValue(), patterns, c)) {
                return plain;
            }
        }
        Automaton strings;
        try {
            strings = strings(patterns, c);
        } catch (Regexes.Unsupported e) {
            strings = null;
        }
        if (strings != null && !strings.isEmpty()) {
            strings.determinize();
            Map<State, String> access = accessStrings(strings.getInitialState());
            List<State> order = new ArrayList<>(access.keySet());
            State afterR = strings.getInitialState().step('r');
            afterR = afterR == null ? null : afterR.step('-');
            if (afterR != null) {
                order.remove(afterR);
                order.add(0, afterR);
                access.put(afterR, "r-");
            }
            for (long tier = wanted; tier >= 2; tier /= 10) {
                for (String alphabet : List.of(DIGITS, LOWER, UPPER)) {
                    int width = width(alphabet, tier);
                    for (State state : order) {
                        List<State> reached = reach(state, alphabet, width);
                        if (reached == null) {
                            continue;
                        }
                        String suffix = shortestFrom(reached, false);
                        if (suffix != null) {
                            Variation v = Variation.text(access.get(state), alphabet, width, suffix);
                            String first = v.value(0).textValue();
                            String last = v.value(v.count() - 1).textValue();
                            if (textValid(first, patterns, c) && textValid(last, patterns, c) && parses(kind, first) && parses(kind, last)) {
                                return v;
                            }
                        }
                    }
                }
            }
        }
        return Variation.values(List.of(JSON.textNode(text(kind, c, name, path)))); // one value only
    }

    /**
     * The numbered values a field of a kind takes when its constraints allow them: every one a valid timestamp,
     * date or UUID (a made string that only matches the pattern might be the 0th month).
     */
    private static List<Variation> plainVariations(ScalarKind kind, long wanted) {
        int digits = Math.min(width(DIGITS, wanted), 9);
        return switch (kind) {
            case TIMESTAMP -> List.of(Variation.text(SampleBody.TIMESTAMP.substring(0, 19) + ".", DIGITS, digits, "Z"));
            case DATE -> List.of(Variation.text("", DIGITS, 4, SampleBody.DATE.substring(4))); // years 0000 to 9999
            case UUID -> List.of(Variation.text(SampleBody.UUID.substring(0, 36 - Math.min(digits, 12)), DIGITS, Math.min(digits, 12), ""));
            default -> List.of(Variation.text("r-", DIGITS, width(DIGITS, wanted), ""));
        };
    }

    /** Whether a made string is what its kind promises: a timestamp, date or UUID the consumer can read. */
    private static boolean parses(ScalarKind kind, String text) {
        try {
            switch (kind) {
                case TIMESTAMP -> java.time.OffsetDateTime.parse(text);
                case DATE -> java.time.LocalDate.parse(text);
                case UUID -> java.util.UUID.fromString(text);
                default -> { }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The fewest characters of an alphabet that count {@code wanted} values. */
    private static int width(String alphabet, long wanted) {
        int width = 1;
        for (long count = alphabet.length(); count < wanted; count *= alphabet.length()) {
            width++;
        }
        return width;
    }

    /** The states that every string of {@code width} characters of the alphabet leads to from a state, or null if some string leads nowhere. */
    private static List<State> reach(State from, String alphabet, int width) {
        List<State> current = List.of(from);
        for (int i = 0; i < width; i++) {
            List<State> next = new ArrayList<>();
            for (State s : current) {
                for (char ch : alphabet.toCharArray()) {
                    State to = s.step(ch);
                    if (to == null) {
                        return null;
                    }
                    if (!next.contains(to)) {
                        next.add(to);
                    }
                }
            }
            next.sort(Comparator.naturalOrder());
            current = next;
        }
        return current;
    }

    /** Each reachable state with the first (shortest, then lowest) string that reaches it, in that order. */
    private static Map<State, String> accessStrings(State initial) {
        Map<State, String> access = new LinkedHashMap<>();
        PriorityQueue<Map.Entry<String, State>> queue = new PriorityQueue<>(Map.Entry.comparingByKey(SHORTLEX));
        queue.add(Map.entry("", initial));
        while (!queue.isEmpty()) {
            Map.Entry<String, State> entry = queue.poll();
            if (access.containsKey(entry.getValue())) {
                continue;
            }
            access.put(entry.getValue(), entry.getKey());
            for (Transition t : entry.getValue().getSortedTransitions(false)) {
                if (!access.containsKey(t.getDest())) {
                    queue.add(Map.entry(entry.getKey() + friendly(t.getMin(), t.getMax()), t.getDest()));
                }
            }
        }
        return access;
    }

    /** The character a made string takes from a range: a lower-case letter, a digit, an upper-case letter or "-_." if it has one. */
    private static char friendly(char min, char max) {
        for (char ch : (LOWER + DIGITS + UPPER + "-_.").toCharArray()) {
            if (ch >= min && ch <= max) {
                return ch;
            }
        }
        return min;
    }

    // ---- Numbers ----

    private static JsonNode number(ScalarKind kind, Constraints c, String path) {
        BigDecimal friendly = kind == ScalarKind.NUMBER ? SampleBody.NUMBER : BigDecimal.ONE;
        if (numberValid(friendly, kind, c)) {
            return RequestModel.number(friendly);
        }
        Variation v = numberVariation(kind, c, 1, path);
        for (int i = 0; i < Math.min(v.count(), 100); i++) { // the first that is a multiple in doubles too
            if (numberValid(v.value(i).decimalValue(), kind, c)) {
                return v.value(i);
            }
        }
        for (JsonNode example : c.examples()) {
            if (example.isNumber() && numberValid(example.decimalValue(), kind, c)) {
                return example;
            }
        }
        throw new NoSample(path, "allows no number");
    }

    static boolean numberValid(BigDecimal value, ScalarKind kind, Constraints c) {
        Constraints.Bound low = RequestModel.tighter(c.minimum(), kind == ScalarKind.INT ? INT_MIN : kind == ScalarKind.LONG ? LONG_MIN : null, 1);
        Constraints.Bound high = RequestModel.tighter(c.maximum(), kind == ScalarKind.INT ? INT_MAX : kind == ScalarKind.LONG ? LONG_MAX : null, -1);
        if (low != null && (value.compareTo(low.value()) < 0 || low.exclusive() && value.compareTo(low.value()) == 0)) {
            return false;
        }
        if (high != null && (value.compareTo(high.value()) > 0 || high.exclusive() && value.compareTo(high.value()) == 0)) {
            return false;
        }
        if (kind != ScalarKind.NUMBER && value.stripTrailingZeros().scale() > 0) {
            return false;
        }
        if (c.multipleOf() != null && !multipleInEveryValidator(value, c.multipleOf())) {
            return false;
        }
        return c.enumValues().isEmpty() || c.enumValues().stream().anyMatch(v -> v.isNumber() && v.decimalValue().compareTo(value) == 0);
    }

    /**
     * A multiple of {@code step} in exact decimal arithmetic and in binary floating point too: validators that divide
     * in doubles (Python's jsonschema, which LocalStack runs; Ajv) find 19.99 no multiple of 0.01 (19.99 / 0.01 is
     * 1998.9999999999998), and how API Gateway computes it is not documented. A sample value holds in both.
     */
    static boolean multipleInEveryValidator(BigDecimal value, BigDecimal step) {
        double quotient = value.doubleValue() / step.doubleValue();
        return value.remainder(step).signum() == 0 && quotient == Math.rint(quotient);
    }

    /** Numbers from the lowest allowed (or 1) upward by the step multipleOf asks for (1 for integers, finer for a narrow number range). */
    private static Variation numberVariation(ScalarKind kind, Constraints c, long wanted, String path) {
        if (!c.enumValues().isEmpty()) {
            return Variation.values(c.enumValues().stream().filter(v -> v.isNumber() && numberValid(v.decimalValue(), kind, c)).toList());
        }
        boolean integral = kind != ScalarKind.NUMBER;
        BigDecimal step = c.multipleOf() != null
                ? integral ? JsonSchemaReader.leastCommonMultiple(c.multipleOf(), BigDecimal.ONE) : c.multipleOf()
                : BigDecimal.ONE;
        Constraints.Bound low = RequestModel.tighter(c.minimum(), kind == ScalarKind.INT ? INT_MIN : kind == ScalarKind.LONG ? LONG_MIN : null, 1);
        Constraints.Bound high = RequestModel.tighter(c.maximum(), kind == ScalarKind.INT ? INT_MAX : kind == ScalarKind.LONG ? LONG_MAX : null, -1);
        if (!integral && c.multipleOf() == null && low != null && high != null) {
            // A narrow range: a step fine enough for the values wanted, down to a millionth.
            BigDecimal span = high.value().subtract(low.value());
            while (step.compareTo(new BigDecimal("0.000001")) > 0 && span.divide(step, 0, RoundingMode.FLOOR).longValue() < wanted) {
                step = step.movePointLeft(1);
            }
        }
        BigDecimal start;
        if (low != null && (low.value().compareTo(BigDecimal.ONE) >= 0 || high != null && high.value().compareTo(BigDecimal.ONE) < 0)) {
            start = low.value().divide(step, 0, RoundingMode.CEILING).multiply(step); // the lowest allowed
            if (low.exclusive() && start.compareTo(low.value()) == 0) {
                start = start.add(step);
            }
        } else if (high == null || high.value().compareTo(BigDecimal.ONE) >= 0) {
            start = BigDecimal.ONE.divide(step, 0, RoundingMode.CEILING).multiply(step); // 1, or the first multiple above it
        } else {
            start = high.value().divide(step, 0, RoundingMode.FLOOR).multiply(step); // below a maximum under 1: count down to it
            if (high.exclusive() && start.compareTo(high.value()) == 0) {
                start = start.subtract(step);
            }
            start = start.subtract(step.multiply(BigDecimal.valueOf(wanted - 1)));
        }
        long count = Long.MAX_VALUE;
        if (high != null) {
            BigDecimal span = high.value().subtract(start);
            if (span.signum() < 0) {
                count = 0;
            } else {
                BigDecimal steps = span.divide(step, 0, RoundingMode.FLOOR);
                boolean onEdge = start.add(steps.multiply(step)).compareTo(high.value()) == 0;
                count = steps.min(BigDecimal.valueOf(Long.MAX_VALUE - 1)).longValue() + (onEdge && high.exclusive() ? 0 : 1);
            }
        }
        if (count <= 0) {
            throw new NoSample(path, "allows no number (its bounds and multipleOf leave none)");
        }
        return Variation.numbers(start.stripTrailingZeros(), step.stripTrailingZeros(), count);
    }

    // ---- Variations ----

    /**
     * Numbered values of a field's type, each valid by its constraints: as many as {@code wanted} where the
     * constraints allow that many (fewer otherwise). A string or number varies; an enum, a boolean or an
     * enum of other values takes its values in turn. Lists and objects do not vary (a key is neither):
     * {@link NoSample}.
     */
    public static Variation variation(FieldType type, String name, long wanted, String path) {
        Constraints c = type.constraints();
        if (type instanceof FieldType.EnumType e) {
            List<String> patterns = patterns(ScalarKind.STRING, c);
            List<JsonNode> values = e.values().stream().filter(v -> textValid(v, patterns, c)).map(v -> (JsonNode) JSON.textNode(v)).toList();
            if (values.isEmpty()) {
                throw new NoSample(path, "has no enum value that satisfies " + describe(patterns, c));
            }
            return Variation.values(values);
        }
        if (type instanceof FieldType.Scalar scalar) {
            return switch (scalar.kind()) {
                case BOOLEAN -> {
                    List<JsonNode> values = new ArrayList<>(List.of(JSON.booleanNode(true), JSON.booleanNode(false)));
                    if (!c.enumValues().isEmpty()) {
                        values.removeIf(v -> c.enumValues().stream().noneMatch(v::equals));
                    }
                    yield Variation.values(values);
                }
                case STRING, TIMESTAMP, DATE, UUID -> textVariation(scalar.kind(), c, name, wanted, path);
                default -> numberVariation(scalar.kind(), c, wanted, path);
            };
        }
        if (type instanceof FieldType.AnyType && !c.enumValues().isEmpty()) {
            return Variation.values(c.enumValues());
        }
        throw new NoSample(path, "does not vary (a list, an object or a value of any type)");
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The sample body: every field of the shape, each with its sample value. */
    static ObjectNode body(PayloadShape shape) {
        return object(shape.fields(), shape.constraints(), "");
    }

    // ---- What makes the local pipeline's requests distinct ----

    /**
     * Where the local pipeline's requests carry their number, so that no two bodies are equal: a property of
     * their own in the first object (the root, else a required nested one) that admits one, or else the field
     * (not a key) with the most values. {@code object} and {@code field} are dot paths ("" is the root); both
     * null when the body cannot vary.
     */
    public record Sequence(String object, String field, Variation variation) {
        /** How many distinct bodies the sequence makes. */
        public long count() {
            return object != null ? Long.MAX_VALUE : variation != null ? variation.count() : 1;
        }
    }

    public static Sequence sequence(PayloadShape shape, java.util.Collection<String> keys) {
        String object = roomFor(shape.fields(), shape.constraints(), "");
        if (object != null) {
            return new Sequence(object, null, null);
        }
        String best = null;
        Variation bestVariation = null;
        for (Map.Entry<String, FieldType> field : requiredScalars(shape.fields(), "").entrySet()) {
            if (keys.contains(field.getKey())) {
                continue;
            }
            try {
                Variation v = variation(field.getValue(), field.getKey(), MANY, field.getKey());
                if (v.count() > 1 && (bestVariation == null || v.count() > bestVariation.count())) {
                    best = field.getKey();
                    bestVariation = v;
                }
            } catch (NoSample e) {
                // not this one
            }
        }
        return new Sequence(null, best, bestVariation);
    }

    /** The first object, depth first through required objects, that admits one more property. */
    private static String roomFor(List<Field> fields, Constraints c, String path) {
        boolean room = !c.closed() && c.additional() == null && (c.maxProperties() == null || fields.size() + 1 <= c.maxProperties());
        if (room) {
            return path;
        }
        for (Field field : fields) {
            if (!field.optional() && field.type() instanceof FieldType.ObjectType object) {
                String found = roomFor(object.fields(), object.constraints(), child(path, field.name()));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Map<String, FieldType> requiredScalars(List<Field> fields, String path) {
        Map<String, FieldType> found = new LinkedHashMap<>();
        for (Field field : fields) {
            if (field.optional()) {
                continue;
            }
            if (field.type() instanceof FieldType.ObjectType object) {
                found.putAll(requiredScalars(object.fields(), child(path, field.name())));
            } else if (field.type() instanceof FieldType.Scalar || field.type() instanceof FieldType.EnumType) {
                found.put(child(path, field.name()), field.type());
            }
        }
        return found;
    }
}
