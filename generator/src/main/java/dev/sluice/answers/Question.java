package dev.sluice.answers;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every question Sluice asks (BRIEF §3), in the order the wizard asks them. Each is also a flag of
 * {@code sluice new}/{@code sluice plan} and a key of the answers file.
 */
public enum Question {
    NAME("name", "Project name (artifactId)", "lower-case letters, digits and '-', starting with a letter, e.g. orders-api", null),
    GROUP_ID("groupId", "Maven groupId", "dot-separated Java identifiers, e.g. com.example", "com.example"),
    PACKAGE("package", "Java package", "dot-separated lower-case Java identifiers, no keywords, e.g. com.example.orders", null),
    VERSION("version", "Project version", "a Maven version: letters, digits, '.', '-', '_' and '+', starting with a letter or digit, e.g. 1.0.0-SNAPSHOT", "0.1.0-SNAPSHOT"),
    IAC("iac", "Infrastructure as code", "sam or cdk", "sam"),
    RUNTIME("runtime", "Lambda runtime", "java21 or java25", "java21"),
    PATH("path", "Endpoint path (method POST)", "a path of lower-case segments, or {parameter} segments whose values reach the consumer, e.g. /orders, /v1/orders or /orders/{orderId}/events", "/orders"),
    AUTH("auth", "API authorization", "none, iam or api-key", "none"),
    FIELDS("fields", "Payload fields", "NAME:TYPE items separated by commas (or repeated --field); types string, int, long, number, boolean, timestamp, date, uuid, enum(A,B), list<TYPE>, object{name:type,...}; a trailing ? marks a field optional", "id:uuid,amount:number,note:string?"),
    SCHEMA("schema", "Payload JSON Schema file", "a path to a JSON Schema (draft-04, -07 or 2020-12) describing an object", null),
    EXAMPLE("example", "Payload example file", "a path to an example JSON object to infer the fields from", null),
    MAX_PAYLOAD_KIB("maxPayloadKib", "Largest request body (KiB)", "a whole number from 1 to " + Limits.MAX_PAYLOAD_KIB
            + " (SQS's 1 MiB less 1 KiB for the message attributes)", "64"),
    MAX_DELAY("maxDelay", "Longest acceptable delay from accept to processed", "a duration from 1s to " + Limits.MAX_DELAY_DAYS
            + "d, e.g. 30s, 5m, 2h, 1d", "5m"),
    ORDERING("ordering", "Ordering", "none, or key:FIELD to keep the order per value of a required scalar field (a FIFO queue; a nested field as a.b)", "none"),
    DUPLICATES("duplicates", "Duplicates", "tolerate (at-least-once), dedupe:FIELD (a required scalar field identifies a request) or dedupe:body", "tolerate"),
    GROUPS("groups", "Expected number of active ordering keys", "a whole number from 1 to " + Limits.MAX_GROUPS
            + ", or none (only with key ordering)", null),
    AVG_RPS("avgRps", "Average requests per second", "a number above 0, e.g. 5 or 0.5", "5"),
    PEAK_RPS("peakRps", "Peak requests per second", "a number at least the average (above API Gateway's default account limit of "
            + Limits.API_ACCOUNT_RATE_LIMIT + ", a warning: the quota must be raised first)", "50"),
    PEAK_DURATION("peakDuration", "How long a peak lasts", "a duration of at least 1s, e.g. 15m", "15m"),
    PROCESSING_MS("processingMs", "Processing time of one message, typical (ms)", "a whole number of milliseconds from 1 to "
            + Limits.MAX_PROCESSING_MS, "100"),
    PROCESSING_MS_WORST("processingMsWorst", "Processing time of one message, worst (ms)", "a whole number of milliseconds at least the typical one, at most "
            + Limits.MAX_PROCESSING_MS, null),
    DOWNSTREAM_LIMIT("downstreamLimit", "Most concurrent consumers the downstream tolerates", "a whole number from " + Limits.MIN_CONCURRENCY
            + " to " + Limits.MAX_CONCURRENCY + ", or none", null),
    LOG_RETENTION_DAYS("logRetentionDays", "Days to keep the API and consumer logs", "one of CloudWatch Logs' retentions: "
            + String.join(", ", LogRetention.ACCEPTED_TEXT) + " days", "30"),
    BATCHING_WINDOW("batchingWindow", "Batching window override", "a duration from 0s to " + Limits.MAX_BATCHING_WINDOW_MINUTES
            + "m replacing the derived window (standard queues only)", null);

    private final String key;
    private final String prompt;
    private final String accepted;
    private final String defaultValue;

    Question(String key, String prompt, String accepted, String defaultValue) {
        this.key = key;
        this.prompt = prompt;
        this.accepted = accepted;
        this.defaultValue = defaultValue;
    }

    /** The key in an answers file (camelCase). */
    public String key() {
        return key;
    }

    /** The command-line flag, e.g. {@code --max-delay}; the project name is the positional {@code NAME}. */
    public String flag() {
        if (this == NAME) {
            return "NAME";
        }
        if (this == FIELDS) {
            return "--field";
        }
        if (this == VERSION) {
            return "--project-version"; // --version is sluice's own
        }
        return "--" + key.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    public String prompt() {
        return prompt;
    }

    /** What is accepted, in words, for help texts and error messages. */
    public String accepted() {
        return accepted;
    }

    /** The built-in default as the user would type it, if the question has a fixed one. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * The default in words, for the flags' help and the README: the fixed default, or what holds when the
     * question is not answered. The project name has none: it is required.
     */
    public String defaultInWords() {
        if (defaultValue != null) {
            return defaultValue;
        }
        return switch (this) {
            case NAME -> "required";
            case PACKAGE -> "groupId + project name without dashes";
            case PROCESSING_MS_WORST -> "5 × typical";
            case BATCHING_WINDOW -> "derived";
            default -> "none";
        };
    }

    /**
     * The help text of the question's flag (picocli reads it through the CLI's {@code QuestionHelp}): the
     * prompt, what is accepted, what a flag's reader needs beyond that, and the default.
     */
    public String help() {
        String more = switch (this) {
            case IAC -> " (AWS SAM, or AWS CDK in Java)";
            case DUPLICATES -> "; a FIFO queue deduplicates in SQS (a 5-minute window), a standard queue in an idempotent"
                    + " consumer with a DynamoDB table";
            case GROUPS -> "; the consumer's concurrency stays at most that";
            default -> "";
        };
        return prompt + ": " + accepted + more + ". " + (this == NAME ? "Required" : "Default: " + defaultInWords()) + ".";
    }

    /**
     * Whether the question is the service's (one answer for the whole project) or an endpoint's (one answer per
     * endpoint). In an answers file with {@code endpoints:}, an endpoint question answered at the top level is the
     * default of every endpoint (e.g. {@code auth}, the service's default authorization).
     */
    public enum Scope { SERVICE, ENDPOINT }

    public Scope scope() {
        return switch (this) {
            case NAME, GROUP_ID, PACKAGE, VERSION, IAC, RUNTIME, LOG_RETENTION_DAYS -> Scope.SERVICE;
            default -> Scope.ENDPOINT;
        };
    }

    public static Optional<Question> byKey(String key) {
        return Arrays.stream(values()).filter(q -> q.key.equals(key)).findFirst();
    }
}
