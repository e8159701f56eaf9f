package dev.sluice.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * One CloudWatch Logs Insights query saved with the stack, as every form renders it: the SAM template's and the
 * CDK stack's {@code QueryDefinition} and the README's list. Built only by {@link Observability#of}.
 *
 * @param id        the logical id in both forms ({@code RequestTraceQuery})
 * @param name      its name after the stack's and a slash ({@code follow-one-request})
 * @param purpose   what it shows and how to use it, a sentence for the README and the forms' comments
 * @param logGroups the log groups it reads, in order
 * @param fields    the fields it shows
 * @param filter    its one filter statement
 * @param sort      its sort statement
 * @param limit     how many lines at most; 0 for Logs Insights' default
 */
public record SavedQuery(String id, String name, String purpose, List<LogGroup> logGroups, List<String> fields, String filter,
                         String sort, int limit) {

    public SavedQuery {
        logGroups = List.copyOf(logGroups);
        fields = List.copyOf(fields);
    }

    /** The log groups a query may read. */
    public enum LogGroup {
        /** The API stage's JSON access log: one line per request, with its requestId. */
        API_ACCESS,
        /** The consumer function's JSON lines, each with the request's correlationId. */
        CONSUMER
    }

    /** The query's text, one command a line, as the CDK's QueryString writes it. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("fields " + String.join(", ", fields));
        lines.add("| filter " + filter);
        lines.add("| sort " + sort);
        if (limit > 0) {
            lines.add("| limit " + limit);
        }
        return lines;
    }

    /** The fields as Java string literals, comma-separated. */
    public String fieldsJava() {
        return String.join(", ", fields.stream().map(SavedQuery::javaLiteral).toList());
    }

    /** {@link #fieldsJava} in pieces of at most 80 characters, to join with a comma and a line break. */
    public List<String> fieldsJavaLines() {
        return Alarm.wrap(fieldsJava(), 80).stream().map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l).toList();
    }

    public String filterJava() {
        return javaLiteral(filter);
    }

    /** The purpose in lines of at most 100 characters, for comments. */
    public List<String> purposeLines() {
        return Alarm.wrap(purpose, 100);
    }

    static String javaLiteral(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
