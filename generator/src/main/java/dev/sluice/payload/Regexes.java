package dev.sluice.payload;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON Schema {@code pattern} (an ECMA-262 regular expression, matched anywhere in the string unless anchored)
 * as an automaton of the strings it finds a match in, so that patterns, lengths and Sluice's own bounds can be
 * intersected and a string in all of them picked (dk.brics.automaton does the automata). The syntax read:
 * alternatives, groups ({@code (...)}, {@code (?:...)}, {@code (?<name>...)}), the quantifiers {@code * + ? {n}
 * {n,} {n,m}} (lazy or not), {@code .}, character classes with ranges and negation, the escapes {@code \d \D \w
 * \W \s \S \t \n \r \f \v \0 \xHH \\uHHHH} and escaped punctuation, and {@code ^}/{@code $} at the ends of a
 * top-level alternative. Anything else (lookaround, backreferences, word boundaries, Unicode properties)
 * throws {@link Unsupported}: the caller then falls back to the schema's own examples.
 */
final class Regexes {
    /** A pattern construct no finite automaton here stands for. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String construct) {
            super(construct);
        }
    }

    private static final char MAX = '\uffff';
    /** ECMA-262's line terminators, which {@code .} does not match. */
    private static final String LINE_TERMINATORS = "\n\r\u2028\u2029";
    private static final List<char[]> DIGIT = List.of(new char[] {'0', '9'});
    private static final List<char[]> WORD = List.of(new char[] {'0', '9'}, new char[] {'A', 'Z'}, new char[] {'_', '_'},
            new char[] {'a', 'z'});
    private static final List<char[]> SPACE = List.of(new char[] {'\t', '\r'}, new char[] {' ', ' '}, new char[] {'\u00a0', '\u00a0'},
            new char[] {'\u1680', '\u1680'}, new char[] {'\u2000', '\u200a'}, new char[] {'\u2028', '\u2029'},
            new char[] {'\u202f', '\u202f'}, new char[] {'\u205f', '\u205f'}, new char[] {'\u3000', '\u3000'},
            new char[] {'\ufeff', '\ufeff'});

    private final String pattern;
    private int pos;

    private Regexes(String pattern) {
        this.pattern = pattern;
    }

    /** The strings in which {@code pattern} finds a match. */
    static Automaton matching(String pattern) {
        Regexes parser = new Regexes(pattern);
        Automaton result = parser.alternatives(true);
        if (parser.pos < pattern.length()) {
            throw new Unsupported("an unbalanced ')'");
        }
        return result;
    }

    private Automaton alternatives(boolean top) {
        List<Automaton> branches = new ArrayList<>();
        do {
            branches.add(sequence(top));
        } while (eat('|'));
        return Automaton.union(branches);
    }

    private Automaton sequence(boolean top) {
        boolean anchoredStart = top && eat('^');
        List<Automaton> parts = new ArrayList<>();
        boolean anchoredEnd = false;
        while (pos < pattern.length() && peek() != '|' && peek() != ')') {
            if (peek() == '$') {
                pos++;
                if (top && (pos == pattern.length() || peek() == '|')) {
                    anchoredEnd = true;
                    break;
                }
                throw new Unsupported("'$' inside a pattern");
            }
            if (peek() == '^') {
                throw new Unsupported("'^' inside a pattern");
            }
            parts.add(quantified());
        }
        Automaton body = parts.isEmpty() ? BasicAutomata.makeEmptyString() : Automaton.concatenate(parts);
        if (!top) {
            return body;
        }
        List<Automaton> whole = new ArrayList<>();
        if (!anchoredStart) {
            whole.add(BasicAutomata.makeAnyString());
        }
        whole.add(body);
        if (!anchoredEnd) {
            whole.add(BasicAutomata.makeAnyString());
        }
        return Automaton.concatenate(whole);
    }

    private Automaton quantified() {
        Automaton atom = atom();
        while (pos < pattern.length()) {
            char c = peek();
            if (c == '*') {
                pos++;
                atom = atom.repeat();
            } else if (c == '+') {
                pos++;
                atom = atom.repeat(1);
            } else if (c == '?') {
                pos++;
                atom = atom.optional();
            } else if (c == '{' && braces() != null) {
                int[] range = braces();
                pos = pattern.indexOf('}', pos) + 1;
                atom = range[1] < 0 ? atom.repeat(range[0]) : atom.repeat(range[0], range[1]);
            } else {
                break;
            }
            eat('?'); // lazy or greedy, the same strings
        }
        return atom;
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} at pos as {n, m} (m -1: unbounded), or null when '{' is a literal. */
    private int[] braces() {
        int close = pattern.indexOf('}', pos);
        if (close < 0) {
            return null;
        }
        String inside = pattern.substring(pos + 1, close);
        if (!inside.matches("\\d{1,4}(,\\d{0,4})?")) {
            return null;
        }
        String[] parts = inside.split(",", -1);
        int min = Integer.parseInt(parts[0]);
        int max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : Integer.parseInt(parts[1]);
        if (max >= 0 && max < min) {
            throw new Unsupported("a quantifier {" + inside + "}");
        }
        return new int[] {min, max};
    }

    private Automaton atom() {
        char c = pattern.charAt(pos++);
        switch (c) {
            case '(' -> {
                if (eat('?')) {
                    if (eat(':')) {
                        // a non-capturing group
                    } else if (peek() == '<' && pos + 1 < pattern.length() && Character.isLetter(pattern.charAt(pos + 1))) {
                        pos = pattern.indexOf('>', pos) + 1;
                        if (pos == 0) {
                            throw new Unsupported("an unclosed group name");
                        }
                    } else {
                        throw new Unsupported("a lookaround '(?" + peek() + "'");
                    }
                }
                Automaton inner = alternatives(false);
                if (!eat(')')) {
                    throw new Unsupported("an unclosed group");
                }
                return inner;
            }
            case '.' -> {
                return ranges(complement(charsOf(LINE_TERMINATORS)));
            }
            case '[' -> {
                return charClass();
            }
            case '\\' -> {
                List<char[]> set = escape(false);
                return ranges(set);
            }
            case '*', '+', '?' -> throw new Unsupported("a quantifier with nothing to repeat");
            default -> {
                return BasicAutomata.makeChar(c);
            }
        }
    }

    private Automaton charClass() {
        boolean negated = eat('^');
        List<char[]> set = new ArrayList<>();
        while (pos < pattern.length() && peek() != ']') {
            List<char[]> from;
            if (peek() == '\\') {
                pos++;
                from = escape(true);
            } else {
                char c = pattern.charAt(pos++);
                from = List.of(new char[] {c, c});
            }
            boolean single = from.size() == 1 && from.get(0)[0] == from.get(0)[1];
            if (single && pos + 1 < pattern.length() && peek() == '-' && pattern.charAt(pos + 1) != ']') {
                pos++;
                List<char[]> to;
                if (peek() == '\\') {
                    pos++;
                    to = escape(true);
                } else {
                    char d = pattern.charAt(pos++);
                    to = List.of(new char[] {d, d});
                }
                if (to.size() != 1 || to.get(0)[0] != to.get(0)[1] || to.get(0)[0] < from.get(0)[0]) {
                    throw new Unsupported("a character range");
                }
                set.add(new char[] {from.get(0)[0], to.get(0)[0]});
            } else {
                set.addAll(from);
            }
        }
        if (!eat(']')) {
            throw new Unsupported("an unclosed character class");
        }
        return ranges(negated ? complement(set) : set);
    }

    /** The characters an escape stands for (pos is after the backslash). In a class, {@code \b} is a backspace. */
    private List<char[]> escape(boolean inClass) {
        if (pos >= pattern.length()) {
            throw new Unsupported("a trailing backslash");
        }
        char c = pattern.charAt(pos++);
        return switch (c) {
            case 'd' -> DIGIT;
            case 'D' -> complement(DIGIT);
            case 'w' -> WORD;
            case 'W' -> complement(WORD);
            case 's' -> SPACE;
            case 'S' -> complement(SPACE);
            case 't' -> one('\t');
            case 'n' -> one('\n');
            case 'r' -> one('\r');
            case 'f' -> one('\f');
            case 'v' -> one('\u000b');
            case '0' -> one('\0');
            case 'b' -> {
                if (inClass) {
                    yield one('\b');
                }
                throw new Unsupported("a word boundary \\b");
            }
            case 'x' -> one(hex(2));
            case 'u' -> {
                if (peek() == '{') {
                    throw new Unsupported("a \\u{...} escape");
                }
                yield one(hex(4));
            }
            default -> {
                if (Character.isLetterOrDigit(c)) {
                    throw new Unsupported("the escape \\" + c);
                }
                yield one(c);
            }
        };
    }

    private char hex(int digits) {
        if (pos + digits > pattern.length() || !pattern.substring(pos, pos + digits).matches("[0-9a-fA-F]+")) {
            throw new Unsupported("a hexadecimal escape");
        }
        char c = (char) Integer.parseInt(pattern.substring(pos, pos + digits), 16);
        pos += digits;
        return c;
    }

    private static List<char[]> one(char c) {
        return List.of(new char[] {c, c});
    }

    private static List<char[]> charsOf(String chars) {
        List<char[]> set = new ArrayList<>();
        chars.chars().forEach(c -> set.add(new char[] {(char) c, (char) c}));
        return set;
    }

    /** Every character not in the set. */
    private static List<char[]> complement(List<char[]> set) {
        boolean[] in = new boolean[MAX + 1];
        for (char[] range : set) {
            for (int c = range[0]; c <= range[1]; c++) {
                in[c] = true;
            }
        }
        List<char[]> out = new ArrayList<>();
        int start = -1;
        for (int c = 0; c <= MAX + 1; c++) {
            boolean member = c <= MAX && !in[c];
            if (member && start < 0) {
                start = c;
            } else if (!member && start >= 0) {
                out.add(new char[] {(char) start, (char) (c - 1)});
                start = -1;
            }
        }
        return out;
    }

    private static Automaton ranges(List<char[]> set) {
        List<Automaton> each = new ArrayList<>();
        for (char[] range : set) {
            each.add(BasicAutomata.makeCharRange(range[0], range[1]));
        }
        return each.isEmpty() ? BasicAutomata.makeEmpty() : Automaton.union(each);
    }

    private char peek() {
        return pos < pattern.length() ? pattern.charAt(pos) : '\0';
    }

    private boolean eat(char c) {
        if (pos < pattern.length() && pattern.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }
}
