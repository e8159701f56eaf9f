package dev.sluice.serve;

import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Limits;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The answers a request gives: parameters named as the answers file's keys ({@code name}, {@code peakRps},
 * {@code fields} repeated or comma-separated), in the query or a form body, as start.spring.io takes them; or an
 * answers document (JSON or YAML, {@code endpoints:} for a service) as the body. A schema or an example is always the
 * document itself, never a path. An empty parameter is no answer: the default stands.
 */
final class RequestAnswers {
    private RequestAnswers() {}

    /** A parameter of a service's endpoint: {@code endpoints[2].peakRps}, endpoints counted from 1 as errors name them. */
    private static final Pattern ENDPOINT_PARAMETER = Pattern.compile(AnswersFile.ENDPOINTS + "\\[([0-9]{1,3})]\\.(.+)");

    /**
     * Answers from {@code key=value&...} (a query string or a form body); a service's endpoints as
     * {@code endpoints[1].path=/orders&endpoints[1].peakRps=200&endpoints[2].path=/refunds}, numbered from 1 without gaps.
     */
    static RawAnswers fromParameters(String encoded) {
        RawAnswers answers = RawAnswers.empty();
        SortedMap<Integer, RawAnswers> endpoints = new TreeMap<>();
        for (Map.Entry<String, List<String>> parameter : parameters(encoded).entrySet()) {
            String name = parameter.getKey();
            List<String> values = parameter.getValue();
            Matcher endpoint = ENDPOINT_PARAMETER.matcher(name);
            if (endpoint.matches()) {
                int index = Integer.parseInt(endpoint.group(1));
                String key = endpoint.group(2);
                Question question = Question.byKey(key).filter(q -> q.scope() == Question.Scope.ENDPOINT)
                        .orElseThrow(() -> new InvalidAnswerException(name, String.join(",", values), Question.byKey(key).isPresent()
                                ? "is the service's answer, not an endpoint's (give it without endpoints[N].)" : "is not a known parameter",
                                keys(Question.Scope.ENDPOINT)));
                if (index < 1 || index > Limits.MAX_ENDPOINTS) {
                    throw new InvalidAnswerException(name, String.join(",", values), "numbers an endpoint outside 1 to " + Limits.MAX_ENDPOINTS,
                            "endpoints[1] to endpoints[" + Limits.MAX_ENDPOINTS + "]");
                }
                RawAnswers own = endpoints.getOrDefault(index, RawAnswers.empty());
                endpoints.put(index, given(values) ? own.with(question, value(name, question, values, index)) : own);
                continue;
            }
            Question question = Question.byKey(name).orElseThrow(() -> new InvalidAnswerException(name, String.join(",", values),
                    "is not a known parameter", keys(null) + ", or endpoints[N].KEY for a service's endpoints"));
            if (given(values)) {
                answers = answers.with(question, value(name, question, values, 0));
            }
        }
        if (!endpoints.isEmpty()) {
            if (endpoints.lastKey() != endpoints.size()) {
                int missing = IntStream.rangeClosed(1, endpoints.lastKey()).filter(i -> !endpoints.containsKey(i)).findFirst().orElseThrow();
                throw new InvalidAnswerException(AnswersFile.ENDPOINTS + "[" + endpoints.lastKey() + "]", "endpoints[" + missing + "] missing",
                        "leaves a gap", "endpoints numbered from 1 without gaps");
            }
            answers = answers.withEndpoints(List.copyOf(endpoints.values()));
        }
        return answers;
    }

    /**
     * Whether a parameter gives an answer: an empty one ({@code peakRps=}, a form's blank field) leaves the default, as
     * a question left blank does in the wizard. An endpoint's empty parameter still makes the endpoint one of the list.
     */
    private static boolean given(List<String> values) {
        return values.stream().anyMatch(value -> !value.isBlank());
    }

    /** The answer one parameter gives (its values, repeated or one); {@code endpoint}: whose, from 1, 0 the top level's. */
    private static Object value(String name, Question question, List<String> values, int endpoint) {
        try {
            if (question == Question.FIELDS) {
                return values;
            }
            if (values.size() > 1) {
                throw new InvalidAnswerException(name, String.join(",", values), "is given " + values.size() + " times", question.accepted());
            }
            if (question == Question.SCHEMA || question == Question.EXAMPLE) {
                return AnswersFile.content(name, question, values.get(0));
            }
            return values.get(0);
        } catch (InvalidAnswerException e) {
            throw e.at(e.question(), question, endpoint);
        }
    }

    private static String keys(Question.Scope scope) {
        return Arrays.stream(Question.values()).filter(q -> scope == null || q.scope() == scope).map(Question::key)
                .collect(Collectors.joining(", "));
    }

    /** Answers from a JSON or YAML answers document. */
    static RawAnswers fromDocument(String body) {
        return AnswersFile.parseContent(body, "the request's answers");
    }

    static Map<String, List<String>> parameters(String encoded) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidAnswerException("request", text, "is not URL-encoded", "key=value pairs, URL-encoded");
        }
    }
}
