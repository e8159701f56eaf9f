package dev.sluice.cli;

import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.Limits;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The answer flags shared by {@code sluice new} and {@code sluice plan}: one per question of
 * BRIEF §3.1, plus {@code --answers} and {@code --batch}. Values stay strings here; the engine
 * validates them so that every way in gives the same messages.
 */
final class AnswerOptions {
    @Option(names = "--group-id", paramLabel = "G", description = "Maven groupId. Default: com.example.")
    String groupId;

    @Option(names = "--package", paramLabel = "P", description = "Java package. Default: groupId + project name without dashes.")
    String packageName;

    @Option(names = "--project-version", paramLabel = "V", description = "The generated project's version. Default: 0.1.0-SNAPSHOT.")
    String version;

    @Option(names = "--iac", paramLabel = "sam|cdk", description = "Infrastructure as code: sam (AWS SAM) or cdk (AWS CDK, Java). Default: sam.")
    String iac;

    @Option(names = "--runtime", paramLabel = "java21|java25", description = "Lambda runtime. Default: java21.")
    String runtime;

    @Option(names = "--path", paramLabel = "/orders", description = "Endpoint path, method POST. Default: /orders.")
    String path;

    @Option(names = "--auth", paramLabel = "none|iam|api-key", description = "API authorization. Default: none.")
    String auth;

    @Option(names = "--field", paramLabel = "NAME:TYPE", description = {
            "A payload field; repeat it, or separate fields by commas.",
            "TYPE: string, int, long, number, boolean, timestamp, date, uuid, enum(A,B,C), list<TYPE>,",
            "object{name:type,...}; a trailing ? marks the field optional.",
            "Default: id:uuid, amount:number, note:string?"})
    List<String> fields;

    @Option(names = "--schema", paramLabel = "FILE", description = "Payload as a JSON Schema (draft-04, -07 or 2020-12) of an object.")
    String schema;

    @Option(names = "--example", paramLabel = "FILE", description = "Payload inferred from an example JSON object.")
    String example;

    @Option(names = "--max-payload-kib", paramLabel = "N", description = "Largest request body in KiB, 1 to "
            + Limits.MAX_PAYLOAD_KIB + ". Default: 64.")
    String maxPayloadKib;

    @Option(names = "--max-delay", paramLabel = "DURATION", description = "Longest acceptable delay from accept to processed, 1s to "
            + Limits.MAX_DELAY_DAYS + "d, e.g. 30s, 5m, 2h. Default: 5m.")
    String maxDelay;

    @Option(names = "--ordering", paramLabel = "none|key:FIELD", description = {
            "Ordering: none, or key:FIELD to keep the order per value of a required scalar field",
            "(a FIFO queue grouped by it; a nested field as a.b). Default: none."})
    String ordering;

    @Option(names = "--duplicates", paramLabel = "tolerate|dedupe:FIELD|dedupe:body", description = {
            "Duplicates: tolerate (at-least-once), or deduplicate by a required scalar field or by the whole body",
            "(FIFO: SQS deduplication, 5-minute window; standard queue: an idempotent consumer with a DynamoDB table).",
            "Default: tolerate."})
    String duplicates;

    @Option(names = "--groups", paramLabel = "N", description = "With key ordering: the expected number of active ordering keys; concurrency stays at most that. Default: none.")
    String groups;

    @Option(names = "--batching-window", paramLabel = "DURATION", description = "Override the derived batching window, 0s to "
            + Limits.MAX_BATCHING_WINDOW_MINUTES + "m (standard queues only).")
    String batchingWindow;

    @Option(names = "--avg-rps", paramLabel = "N", description = "Average requests per second, above 0. Default: 5.")
    String avgRps;

    @Option(names = "--peak-rps", paramLabel = "N", description = "Peak requests per second, at least the average. Default: 50.")
    String peakRps;

    @Option(names = "--peak-duration", paramLabel = "DURATION", description = "How long a peak lasts. Default: 15m.")
    String peakDuration;

    @Option(names = "--processing-ms", paramLabel = "N", description = "Typical processing time of one message, ms. Default: 100.")
    String processingMs;

    @Option(names = "--processing-ms-worst", paramLabel = "N", description = "Worst processing time of one message, ms. Default: "
            + Limits.WORST_PROCESSING_FACTOR + " × typical.")
    String processingMsWorst;

    @Option(names = "--downstream-limit", paramLabel = "N", description = "Most concurrent consumers the downstream tolerates, "
            + Limits.MIN_CONCURRENCY + " to " + Limits.MAX_CONCURRENCY + ". Default: none.")
    String downstreamLimit;

    @Option(names = "--log-retention-days", paramLabel = "DAYS", description = {
            "Days CloudWatch Logs keeps the API access log and the consumer's log: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150,",
            "180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653. Default: 30."})
    String logRetentionDays;

    @Option(names = "--answers", paramLabel = "FILE.yaml", description = "Read answers from a YAML file (keys: the flag names in camelCase); flags override it.")
    String answersFile;

    @Option(names = "--batch", description = "Never prompt: take defaults for everything not answered; a missing project name is an error.")
    boolean batch;

    /** The answers given up front, completed by the wizard on a terminal unless {@code --batch}. */
    RawAnswers gather(String name, Terminal terminal) {
        RawAnswers given = collect(name, terminal.cwd());
        return terminal.interactive() && !batch ? new Wizard(terminal).ask(given) : given;
    }

    /**
     * The answers from the file (if any) overridden by the flags. Paths stay strings until here so
     * that {@code cwd} (of any file system, jimfs in tests) resolves them.
     */
    RawAnswers collect(String name, Path cwd) {
        RawAnswers fromFile = answersFile == null ? RawAnswers.empty() : AnswersFile.read(cwd.resolve(answersFile));
        RawAnswers flags = RawAnswers.empty()
                .with(Question.NAME, name)
                .with(Question.GROUP_ID, groupId)
                .with(Question.PACKAGE, packageName)
                .with(Question.VERSION, version)
                .with(Question.IAC, iac)
                .with(Question.RUNTIME, runtime)
                .with(Question.PATH, path)
                .with(Question.AUTH, auth)
                .with(Question.FIELDS, fields)
                .with(Question.SCHEMA, schema == null ? null : cwd.resolve(schema).normalize())
                .with(Question.EXAMPLE, example == null ? null : cwd.resolve(example).normalize())
                .with(Question.MAX_PAYLOAD_KIB, maxPayloadKib)
                .with(Question.MAX_DELAY, maxDelay)
                .with(Question.ORDERING, ordering)
                .with(Question.DUPLICATES, duplicates)
                .with(Question.GROUPS, groups)
                .with(Question.BATCHING_WINDOW, batchingWindow)
                .with(Question.AVG_RPS, avgRps)
                .with(Question.PEAK_RPS, peakRps)
                .with(Question.PEAK_DURATION, peakDuration)
                .with(Question.PROCESSING_MS, processingMs)
                .with(Question.PROCESSING_MS_WORST, processingMsWorst)
                .with(Question.DOWNSTREAM_LIMIT, downstreamLimit)
                .with(Question.LOG_RETENTION_DAYS, logRetentionDays);
        return fromFile.overriddenBy(flags);
    }
}
