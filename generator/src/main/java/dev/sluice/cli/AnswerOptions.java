package dev.sluice.cli;

import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.Question;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.RawAnswers;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The answer flags shared by {@code sluice new} and {@code sluice plan}: one per question of
 * BRIEF §3.1, plus {@code --answers} and {@code --batch}. Values stay strings here; the engine
 * validates them so that every way in gives the same messages. A question's help text is its
 * {@link Question#help()}, which {@link QuestionHelp} hands to picocli.
 */
final class AnswerOptions {
    @Option(names = "--group-id", paramLabel = "G")
    String groupId;

    @Option(names = "--package", paramLabel = "P")
    String packageName;

    @Option(names = "--project-version", paramLabel = "V")
    String version;

    @Option(names = "--iac", paramLabel = "sam|cdk")
    String iac;

    @Option(names = "--runtime", paramLabel = "java21|java25")
    String runtime;

    @Option(names = "--path", paramLabel = "/orders")
    String path;

    @Option(names = "--auth", paramLabel = "none|iam|api-key")
    String auth;

    @Option(names = "--field", paramLabel = "NAME:TYPE")
    List<String> fields;

    @Option(names = "--schema", paramLabel = "FILE")
    String schema;

    @Option(names = "--example", paramLabel = "FILE")
    String example;

    @Option(names = "--max-payload-kib", paramLabel = "N")
    String maxPayloadKib;

    @Option(names = "--max-delay", paramLabel = "DURATION")
    String maxDelay;

    @Option(names = "--ordering", paramLabel = "none|key:FIELD")
    String ordering;

    @Option(names = "--duplicates", paramLabel = "tolerate|dedupe:FIELD|dedupe:body")
    String duplicates;

    @Option(names = "--groups", paramLabel = "N")
    String groups;

    @Option(names = "--batching-window", paramLabel = "DURATION")
    String batchingWindow;

    @Option(names = "--avg-rps", paramLabel = "N")
    String avgRps;

    @Option(names = "--peak-rps", paramLabel = "N")
    String peakRps;

    @Option(names = "--peak-duration", paramLabel = "DURATION")
    String peakDuration;

    @Option(names = "--processing-ms", paramLabel = "N")
    String processingMs;

    @Option(names = "--processing-ms-worst", paramLabel = "N")
    String processingMsWorst;

    @Option(names = "--downstream-limit", paramLabel = "N")
    String downstreamLimit;

    @Option(names = "--log-retention-days", paramLabel = "DAYS")
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

    /** Whether the wizard asks what is left open: on a terminal, unless --batch. */
    boolean interactive(Terminal terminal) {
        return terminal.interactive() && !batch;
    }

    /**
     * The answers the flags give, to change a project's recorded ones ({@code update}, {@code add endpoint},
     * {@code diff}): an answers file is refused there, the project's own being {@code .sluice/answers.yaml}.
     */
    RawAnswers changes(Path cwd) {
        if (answersFile != null) {
            throw new InvalidAnswerException("--answers", answersFile, "is not taken here: the project's answers are its .sluice/answers.yaml",
                    "answers as flags, e.g. --peak-rps 800");
        }
        return collect(null, cwd);
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
        return fromFile.overriddenByGiven(flags, answersFile);
    }
}
