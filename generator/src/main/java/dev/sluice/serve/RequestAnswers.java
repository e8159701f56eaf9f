package dev.sluice.serve;

import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The answers a request gives: parameters named as the answers file's keys ({@code name}, {@code peakRps},
 * {@code fields} repeated or comma-separated), in the query or a form body, as start.spring.io takes them; or an
 * answers document (JSON or YAML, {@code endpoints:} for a service) as the body. A schema or an example is always the
 * document itself, never a path.
 */
final class RequestAnswers {
    private RequestAnswers() {}

    /** Answers from {@code key=value&...} (a query string or a form body). */
    static RawAnswers fromParameters(String encoded) {
        Map<String, List<String>> parameters = parameters(encoded);
        RawAnswers answers = RawAnswers.empty();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String key = parameter.getKey();
            Question question = Question.byKey(key).orElseThrow(() -> new InvalidAnswerException(key, String.join(",", parameter.getValue()),
                    "is not a known parameter", Arrays.stream(Question.values()).map(Question::key).collect(Collectors.joining(", "))
                            + "; a service of several endpoints as an answers document (JSON or YAML) in the body"));
            List<String> values = parameter.getValue();
            if (question == Question.FIELDS) {
                answers = answers.with(question, values);
            } else if (values.size() > 1) {
                throw new InvalidAnswerException(key, String.join(",", values), "is given " + values.size() + " times", question.accepted());
            } else if (question == Question.SCHEMA || question == Question.EXAMPLE) {
                answers = answers.with(question, AnswersFile.content(key, question, values.get(0)));
            } else {
                answers = answers.with(question, values.get(0));
            }
        }
        return answers;
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
