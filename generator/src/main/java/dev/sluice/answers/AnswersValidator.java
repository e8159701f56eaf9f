package dev.sluice.answers;

import dev.sluice.payload.ExampleInferrer;
import dev.sluice.payload.Field;
import dev.sluice.payload.FieldType;
import dev.sluice.payload.FieldListParser;
import dev.sluice.payload.InvalidPayloadException;
import dev.sluice.payload.JavaNames;
import dev.sluice.payload.JsonSchemaReader;
import dev.sluice.payload.KeyBounds;
import dev.sluice.payload.PayloadShape;
import dev.sluice.payload.SampleBody;
import dev.sluice.payload.SampleValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Turns {@link RawAnswers} into {@link Answers}, or throws the first {@link InvalidAnswerException}.
 * Fills every unanswered question with its default; only the project name has none.
 */
public final class AnswersValidator {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final int NAME_MAX = 40;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]*");
    private static final int VERSION_MAX = 64;
    /**
     * A plain decimal number, as a person writes one (5, 0.5, 1e3 as YAML may print it); not Java's other forms, such as
     * 5d, 5f, 0x1p3, NaN or Infinity, which {@link Double#parseDouble} would take.
     */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    /** Characters a key's name cannot have: API Gateway's JSONPath quotes it as $['name']. */
    private static final Pattern UNQUOTABLE = Pattern.compile("['\"\\\\\\p{Cntrl}]");

    private AnswersValidator() {}

    /**
     * A service: the top-level answers alone (a one-endpoint service), or each of the answers' endpoints with the
     * top-level endpoint answers as its defaults. An endpoint's bad answer names the endpoint.
     */
    public static Service validateService(RawAnswers raw) {
        if (raw.endpoints().isEmpty()) {
            return Service.of(validate(raw));
        }
        if (raw.has(Question.PATH)) {
            throw new InvalidAnswerException(Question.PATH, display(raw, Question.PATH),
                    "is one endpoint's, but the service has a list of endpoints (give each endpoint its path)");
        }
        if (raw.endpoints().size() > Limits.MAX_ENDPOINTS) {
            throw new InvalidAnswerException(AnswersFile.ENDPOINTS, raw.endpoints().size() + " endpoints",
                    "are more than one stack holds (CloudFormation's " + Limits.CLOUDFORMATION_MAX_RESOURCES + " resources)",
                    "1 to " + Limits.MAX_ENDPOINTS + " endpoints; split the service");
        }
        List<Answers> endpoints = new ArrayList<>();
        for (int i = 0; i < raw.endpoints().size(); i++) {
            RawAnswers own = raw.endpoints().get(i);
            String where = AnswersFile.ENDPOINTS + "[" + (i + 1) + "]";
            if (!own.has(Question.PATH)) {
                throw new InvalidAnswerException(where + " " + Question.PATH.flag(), null,
                        "is required: every endpoint of a service has its own path", Question.PATH.accepted())
                        .at(where + " " + Question.PATH.flag(), Question.PATH, i + 1);
            }
            String label = where + " (" + own.get(Question.PATH).orElseThrow() + ")";
            try {
                endpoints.add(validate(raw.overriddenBy(own)));
            } catch (InvalidAnswerException e) {
                boolean service = e.asked().filter(q -> q.scope() == Question.Scope.SERVICE).isPresent();
                throw e.at(label + " " + e.asked().map(Question::key).orElse(e.question()), e.asked().orElse(null), service ? 0 : i + 1);
            }
        }
        checkEndpoints(endpoints);
        Answers first = endpoints.get(0);
        return new Service(first.name(), first.groupId(), first.packageName(), first.version(), first.iac(), first.runtime(),
                first.logRetentionDays(), endpoints);
    }

    /**
     * What the endpoints of one API must be to each other: distinct paths, and distinct names (their packages and
     * logical ids); API Gateway refuses two different parameters at one place in the tree ({@code /orders/{id}} and
     * {@code /orders/{orderId}/events}), and holds at most {@link Limits#API_MAX_RESOURCES} resources.
     */
    static void checkEndpoints(List<Answers> endpoints) {
        java.util.Map<String, String> shapes = new java.util.HashMap<>();
        java.util.Map<String, String> names = new java.util.HashMap<>();
        java.util.Map<String, String> parameterAt = new java.util.HashMap<>();
        java.util.Set<String> resources = new java.util.HashSet<>();
        for (int i = 0; i < endpoints.size(); i++) {
            String path = endpoints.get(i).path();
            String same = shapes.putIfAbsent(EndpointPaths.shape(path), path);
            if (same != null) {
                throw new InvalidAnswerException(Question.PATH.flag(), path, same.equals(path) ? "is the path of two endpoints"
                        : "is " + same + " with another parameter name: API Gateway takes them as one path", "a path no other endpoint has")
                        .at(Question.PATH.flag(), Question.PATH, i + 1);
            }
            String name = EndpointPaths.name(path);
            String namesake = names.putIfAbsent(name, path);
            if (namesake != null) {
                throw new InvalidAnswerException(Question.PATH.flag(), path, "is named " + name + " as " + namesake
                        + " is (its package, its resources' names): the two differ only in punctuation or parameters", "a path with other words")
                        .at(Question.PATH.flag(), Question.PATH, i + 1);
            }
            String[] segments = path.substring(1).split("/");
            StringBuilder parent = new StringBuilder();
            for (String segment : segments) {
                if (segment.startsWith("{")) {
                    String other = parameterAt.putIfAbsent(parent.toString(), segment);
                    if (other != null && !other.equals(segment)) {
                        throw new InvalidAnswerException(Question.PATH.flag(), path, "has the parameter " + segment + " under '" + parent
                                + "/', where another endpoint has " + other + ": API Gateway takes one parameter at one place",
                                "the same parameter name at the same place in every path").at(Question.PATH.flag(), Question.PATH, i + 1);
                    }
                }
                parent.append('/').append(segment);
                resources.add(parent.toString());
            }
        }
        if (resources.size() > Limits.API_MAX_RESOURCES) {
            throw new InvalidAnswerException(AnswersFile.ENDPOINTS, endpoints.size() + " endpoints", "make " + resources.size()
                    + " API resources (a path segment each), more than API Gateway's " + Limits.API_MAX_RESOURCES,
                    "paths sharing their segments, at most " + Limits.API_MAX_RESOURCES + " in all");
        }
    }

    /** An endpoint's path: its segments, and its parameters, which travel as message attributes. */
    private static void checkPath(String path) {
        if (!EndpointPaths.PATH.matcher(path).matches()) {
            throw new InvalidAnswerException(Question.PATH, path, "is not a valid endpoint path");
        }
        List<String> parameters = EndpointPaths.parameters(path);
        if (parameters.size() > Limits.MAX_PATH_PARAMETERS) {
            throw new InvalidAnswerException(Question.PATH, path, "has " + parameters.size() + " parameters, more than the "
                    + Limits.MAX_PATH_PARAMETERS + " message attributes SQS leaves beside the correlation id");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String parameter : parameters) {
            if (!seen.add(parameter)) {
                throw new InvalidAnswerException(Question.PATH, path, "has the parameter {" + parameter + "} twice");
            }
            if (parameter.equals(CORRELATION_ID)) {
                throw new InvalidAnswerException(Question.PATH, path, "has a parameter named " + CORRELATION_ID
                        + ", the message attribute that carries the request id");
            }
        }
    }

    /** The message attribute that carries the API request id to every log line; a path parameter cannot take its name. */
    public static final String CORRELATION_ID = "correlationId";

    public static Answers validate(RawAnswers raw) {
        String name = required(raw, Question.NAME);
        if (name.length() > NAME_MAX || !NAME.matcher(name).matches()) {
            throw new InvalidAnswerException(Question.NAME, name,
                    name.length() > NAME_MAX ? "is longer than " + NAME_MAX + " characters" : "is not a valid project name");
        }
        String groupId = text(raw, Question.GROUP_ID);
        checkDottedIdentifiers(Question.GROUP_ID, groupId, "is not a valid groupId");
        String packageName = raw.has(Question.PACKAGE)
                ? text(raw, Question.PACKAGE)
                : JavaNames.defaultPackage(groupId, name);
        checkDottedIdentifiers(Question.PACKAGE, packageName, "is not a valid Java package");
        String version = text(raw, Question.VERSION);
        if (version.length() > VERSION_MAX || !VERSION.matcher(version).matches()) {
            throw new InvalidAnswerException(Question.VERSION, version,
                    version.length() > VERSION_MAX ? "is longer than " + VERSION_MAX + " characters" : "is not a valid version");
        }

        Answers.Iac iac = choice(raw, Question.IAC, Answers.Iac.class);
        Answers.Runtime runtime = choice(raw, Question.RUNTIME, Answers.Runtime.class);
        String path = text(raw, Question.PATH);
        checkPath(path);
        Answers.Auth auth = auth(text(raw, Question.AUTH));

        PayloadSource payloadSource = payloadSource(raw);
        PayloadShape payload = payload(raw, payloadSource instanceof PayloadSource.Document d ? d.form() : Question.FIELDS);
        for (String parameter : EndpointPaths.parameters(path)) {
            if (payload.fields().stream().anyMatch(f -> f.name().equals(parameter))) {
                throw new InvalidAnswerException(Question.PATH, path, "has the parameter {" + parameter
                        + "}, which is also a field of the body: the consumer would get two values of one name");
            }
        }
        int maxPayloadKib = wholeNumber(raw, Question.MAX_PAYLOAD_KIB, 1, Limits.MAX_PAYLOAD_KIB);

        Duration maxDelay = duration(raw, Question.MAX_DELAY);
        if (maxDelay.compareTo(Limits.MAX_DELAY) > 0) {
            throw new InvalidAnswerException(Question.MAX_DELAY, display(raw, Question.MAX_DELAY),
                    "is longer than " + Limits.MAX_DELAY_DAYS + " days: the queue keeps a message at most "
                            + Limits.MAX_QUEUE_RETENTION_DAYS + " days (twice the tolerance, so its alarms can fire), "
                            + "leaving a dead letter at least " + (Limits.SQS_MAX_RETENTION_DAYS - Limits.MAX_QUEUE_RETENTION_DAYS)
                            + " of the dead-letter queue's " + Limits.SQS_MAX_RETENTION_DAYS + " days");
        }
        String ordering = text(raw, Question.ORDERING);
        Optional<String> orderingKey;
        if (ordering.equals("none")) {
            orderingKey = Optional.empty();
        } else if (ordering.startsWith("key:")) {
            orderingKey = Optional.of(keyPath(Question.ORDERING, ordering, ordering.substring(4), payload));
        } else {
            throw new InvalidAnswerException(Question.ORDERING, ordering, "is not an ordering");
        }
        String duplicates = text(raw, Question.DUPLICATES);
        Answers.Dedupe dedupe;
        Optional<String> dedupeKey = Optional.empty();
        if (duplicates.equals("tolerate")) {
            dedupe = Answers.Dedupe.NONE;
        } else if (duplicates.equals("dedupe:body")) {
            dedupe = Answers.Dedupe.BODY;
        } else if (duplicates.startsWith("dedupe:")) {
            dedupe = Answers.Dedupe.FIELD;
            dedupeKey = Optional.of(keyPath(Question.DUPLICATES, duplicates, duplicates.substring(7), payload));
        } else {
            throw new InvalidAnswerException(Question.DUPLICATES, duplicates, "is not a duplicates policy");
        }
        payload = boundKeys(raw, payload, orderingKey, ordering, dedupe, dedupeKey, duplicates);
        OptionalInt groups = OptionalInt.empty();
        if (raw.get(Question.GROUPS).filter(v -> !String.valueOf(v).trim().equalsIgnoreCase("none")).isPresent()) {
            if (orderingKey.isEmpty()) {
                throw new InvalidAnswerException(Question.GROUPS, display(raw, Question.GROUPS),
                        "counts ordering keys, but the ordering is none");
            }
            groups = OptionalInt.of(wholeNumber(raw, Question.GROUPS, 1, Limits.MAX_GROUPS));
        }
        OptionalInt batchingWindow = OptionalInt.empty();
        if (raw.has(Question.BATCHING_WINDOW)) {
            String value = display(raw, Question.BATCHING_WINDOW).trim();
            if (orderingKey.isPresent()) {
                throw new InvalidAnswerException(Question.BATCHING_WINDOW, value,
                        "is set, but a FIFO queue (ordering " + ordering + ") takes no batching window");
            }
            java.time.Duration window = Durations.parse(value)
                    .orElseThrow(() -> new InvalidAnswerException(Question.BATCHING_WINDOW, value, "is not a duration"));
            if (window.getSeconds() > Limits.MAX_BATCHING_WINDOW_SECONDS) {
                throw new InvalidAnswerException(Question.BATCHING_WINDOW, value,
                        "is longer than Lambda's " + Limits.MAX_BATCHING_WINDOW_SECONDS + " s");
            }
            batchingWindow = OptionalInt.of((int) window.getSeconds());
        }

        double avgRps = positiveNumber(raw, Question.AVG_RPS);
        double peakRps = positiveNumber(raw, Question.PEAK_RPS);
        if (peakRps < avgRps) {
            throw new InvalidAnswerException(Question.PEAK_RPS, display(raw, Question.PEAK_RPS),
                    "is below the average of " + display(raw, Question.AVG_RPS));
        }
        Duration peakDuration = duration(raw, Question.PEAK_DURATION);
        int processingMs = wholeNumber(raw, Question.PROCESSING_MS, 1, Limits.MAX_PROCESSING_MS);
        int processingMsWorst = raw.has(Question.PROCESSING_MS_WORST)
                ? wholeNumber(raw, Question.PROCESSING_MS_WORST, 1, Limits.MAX_PROCESSING_MS)
                : (int) Limits.defaultProcessingMsWorst(processingMs);
        if (processingMsWorst < processingMs) {
            throw new InvalidAnswerException(Question.PROCESSING_MS_WORST, display(raw, Question.PROCESSING_MS_WORST),
                    "is below the typical processing time of " + processingMs + " ms");
        }
        if (maxDelay.toMillis() < processingMs) {
            throw new InvalidAnswerException(Question.MAX_DELAY, display(raw, Question.MAX_DELAY),
                    "is shorter than one message's processing time of " + processingMs + " ms");
        }
        OptionalInt downstreamLimit = raw.get(Question.DOWNSTREAM_LIMIT)
                .filter(v -> !String.valueOf(v).trim().equalsIgnoreCase("none"))
                .map(v -> OptionalInt.of(wholeNumber(raw, Question.DOWNSTREAM_LIMIT, Limits.MIN_CONCURRENCY, Limits.MAX_CONCURRENCY)))
                .orElse(OptionalInt.empty());
        int logRetentionDays = logRetentionDays(raw);

        return new Answers(name, groupId, packageName, version, iac, runtime, path, auth, payload, maxPayloadKib, maxDelay,
                avgRps, peakRps, peakDuration, processingMs, processingMsWorst, downstreamLimit, orderingKey, dedupe, dedupeKey,
                groups, batchingWindow, logRetentionDays, payloadSource);
    }

    private static int logRetentionDays(RawAnswers raw) {
        String value = display(raw, Question.LOG_RETENTION_DAYS).trim();
        int days;
        try {
            days = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidAnswerException(Question.LOG_RETENTION_DAYS, value, "is not a whole number of days");
        }
        if (!LogRetention.accepted(days)) {
            throw new InvalidAnswerException(Question.LOG_RETENTION_DAYS, value, "is not a retention CloudWatch Logs accepts");
        }
        return days;
    }

    /**
     * A key for ordering or deduplication: a dot path through required objects to a required single
     * value (a scalar or an enum), so that every accepted request carries it and it reads as one string.
     */
    static String keyPath(Question question, String value, String path, PayloadShape payload) {
        if (path.isEmpty()) {
            throw new InvalidAnswerException(question, value, "names no field");
        }
        String[] parts = path.split("\\.", -1);
        List<Field> fields = payload.fields();
        FieldType type = null;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            Field field = fields.stream().filter(f -> f.name().equals(part)).findFirst()
                    .orElseThrow(() -> new InvalidAnswerException(question, value, "names no field of the payload ('" + part + "')"));
            if (UNQUOTABLE.matcher(part).find()) {
                throw new InvalidAnswerException(question, value, "names a field ('" + part
                        + "') with a quote, a backslash or a control character, which API Gateway's JSONPath cannot quote");
            }
            if (field.optional()) {
                throw new InvalidAnswerException(question, value, "names an optional field ('" + part + "'): every request must carry it");
            }
            type = field.type();
            if (i < parts.length - 1) {
                if (!(type instanceof FieldType.ObjectType object)) {
                    throw new InvalidAnswerException(question, value, "goes through '" + part + "', which is not an object");
                }
                fields = object.fields();
            }
        }
        if (!(type instanceof FieldType.Scalar || type instanceof FieldType.EnumType)) {
            throw new InvalidAnswerException(question, value, "names an object, a list or an untyped field, not a single value");
        }
        return path;
    }

    /**
     * Bounds the key fields in the request model so that every accepted request is one the queue (a FIFO group or
     * deduplication id: 1-128 printable ASCII characters) or the idempotency table (a key of 1 to 2048 bytes)
     * can take, and checks that a sample body exists with them (KeyBounds). A dedupe key with few values (a
     * boolean, an enum) is refused: it would drop almost every request as a duplicate.
     */
    private static PayloadShape boundKeys(RawAnswers raw, PayloadShape payload, Optional<String> orderingKey, String ordering,
                                          Answers.Dedupe dedupe, Optional<String> dedupeKey, String duplicates) {
        checkSample(raw, payload, null, null);
        PayloadShape bounded = payload;
        if (dedupeKey.isPresent()) {
            FieldType type = KeyBounds.field(payload, dedupeKey.get()).type();
            boolean bool = type instanceof FieldType.Scalar s && s.kind() == FieldType.ScalarKind.BOOLEAN;
            if (bool || type instanceof FieldType.EnumType || !type.constraints().enumValues().isEmpty()) {
                throw new InvalidAnswerException(Question.DUPLICATES, duplicates, "names " + (bool ? "a boolean" : "an enum")
                        + " field ('" + dedupeKey.get() + "'): with so few values almost every request would be dropped as a duplicate");
            }
        }
        if (orderingKey.isPresent()) {
            bounded = sqsId(bounded, orderingKey.get(), Question.ORDERING, ordering);
            if (dedupe == Answers.Dedupe.FIELD) {
                bounded = sqsId(bounded, dedupeKey.orElseThrow(), Question.DUPLICATES, duplicates);
            }
        } else if (dedupe == Answers.Dedupe.FIELD) {
            bounded = KeyBounds.idempotencyKey(bounded, dedupeKey.orElseThrow());
            checkSample(raw, bounded, Question.DUPLICATES, duplicates + " (an idempotency key: 1 to "
                    + KeyBounds.IDEMPOTENCY_KEY_MAX_LENGTH + " characters, DynamoDB's "
                    + KeyBounds.DYNAMODB_KEY_MAX_BYTES + "-byte key)");
        }
        return bounded;
    }

    /** A FIFO group or deduplication id key: an enum's values must all be ids SQS takes; text is bounded to them. */
    private static PayloadShape sqsId(PayloadShape payload, String key, Question question, String value) {
        FieldType type = KeyBounds.field(payload, key).type();
        if (type instanceof FieldType.EnumType enumType) {
            for (String member : enumType.values()) {
                if (!KeyBounds.sqsTakes(member)) {
                    throw new InvalidAnswerException(question, value, "names an enum with the value '" + member
                            + "', which SQS does not take as a message group or deduplication id (1 to 128 printable ASCII characters, no space)");
                }
            }
            return payload;
        }
        PayloadShape bounded = KeyBounds.sqsId(payload, key);
        checkSample(null, bounded, question, value);
        return bounded;
    }

    /**
     * Checks that the request model accepts some body: a field whose constraints Sluice cannot meet is a bad schema
     * (question null), or a bad key answer when only the key's bounds leave no value.
     */
    private static void checkSample(RawAnswers raw, PayloadShape payload, Question question, String value) {
        try {
            SampleBody.valid(payload);
        } catch (SampleValues.NoSample e) {
            if (question == null) {
                throw new InvalidAnswerException(Question.SCHEMA, raw.get(Question.SCHEMA).map(String::valueOf).orElse(null),
                        "has no value Sluice can make for property '" + e.path() + "': it " + e.getMessage());
            }
            throw new InvalidAnswerException(question, value, "names a field whose schema, with the bounds of a key SQS or DynamoDB "
                    + "can take, leaves no value Sluice can make (property '" + e.path() + "': it " + e.getMessage() + ")");
        }
    }

    /**
     * The payload's shape and how it was given: one of the three forms (the fields list by default); a document is
     * kept as the text read, so that the project can record it.
     */
    private static PayloadSource payloadSource(RawAnswers raw) {
        List<Question> given = RawAnswers.PAYLOAD_FORMS.stream().filter(raw::has).toList();
        if (given.size() > 1) {
            throw new InvalidAnswerException(given.get(1).flag(), display(raw, given.get(1)),
                    "conflicts with " + given.get(0).flag() + " (the payload is given one way)",
                    "one of --field, --schema, --example");
        }
        Question form = given.isEmpty() ? Question.FIELDS : given.get(0);
        try {
            if (form == Question.FIELDS) {
                return new PayloadSource.Fields(FieldListParser.specs(fields(raw)));
            }
            // Read as the shape is read below, which names what is wrong with the file first.
            payload(raw, form);
            if (raw.get(form).orElseThrow() instanceof PayloadContent content) {
                return new PayloadSource.Document(form, content.text());
            }
            return new PayloadSource.Document(form, Files.readString(path(raw, form)));
        } catch (InvalidPayloadException e) {
            throw new InvalidAnswerException(form, e);
        } catch (IOException e) {
            throw new InvalidAnswerException(form, new InvalidPayloadException(path(raw, form), "cannot be read as UTF-8 text"));
        }
    }

    private static PayloadShape payload(RawAnswers raw, Question form) {
        try {
            if (raw.get(form).orElse(null) instanceof PayloadContent content) {
                Path label = Path.of(content.label());
                return form == Question.SCHEMA ? JsonSchemaReader.parse(content.text(), label) : ExampleInferrer.parse(content.text(), label);
            }
            return switch (form) {
                case SCHEMA -> JsonSchemaReader.read(path(raw, Question.SCHEMA));
                case EXAMPLE -> ExampleInferrer.infer(path(raw, Question.EXAMPLE));
                default -> FieldListParser.parse(fields(raw));
            };
        } catch (InvalidPayloadException e) {
            throw new InvalidAnswerException(form, e);
        }
    }

    private static List<String> fields(RawAnswers raw) {
        Object value = raw.get(Question.FIELDS).orElseGet(() -> Question.FIELDS.defaultValue().orElseThrow());
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(String.valueOf(item));
            }
            return items;
        }
        return List.of(String.valueOf(value));
    }

    private static Path path(RawAnswers raw, Question question) {
        Object value = raw.get(question).orElseThrow();
        if (value instanceof Path p) {
            return p;
        }
        return Path.of(String.valueOf(value));
    }

    private static String required(RawAnswers raw, Question question) {
        Object value = raw.get(question).orElse(null);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new InvalidAnswerException(question, value == null ? null : String.valueOf(value), "is required");
        }
        return String.valueOf(value).trim();
    }

    private static String text(RawAnswers raw, Question question) {
        Object value = raw.get(question).orElseGet(() -> question.defaultValue().orElse(null));
        if (value == null || String.valueOf(value).isBlank()) {
            throw new InvalidAnswerException(question, value, "is empty");
        }
        return String.valueOf(value).trim();
    }

    private static String display(RawAnswers raw, Question question) {
        return String.valueOf(raw.get(question).orElseGet(() -> question.defaultValue().orElse("")));
    }

    private static void checkDottedIdentifiers(Question question, String value, String reason) {
        String[] parts = value.split("\\.", -1);
        for (String part : parts) {
            if (!IDENTIFIER.matcher(part).matches()) {
                throw new InvalidAnswerException(question, value, reason);
            }
            if (JavaNames.isReserved(part)) {
                throw new InvalidAnswerException(question, value, "has the Java keyword '" + part + "' as a part");
            }
        }
    }

    private static <E extends Enum<E>> E choice(RawAnswers raw, Question question, Class<E> type) {
        String value = text(raw, question);
        return Arrays.stream(type.getEnumConstants())
                .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidAnswerException(question, value, "is not one of the choices"));
    }

    private static Answers.Auth auth(String value) {
        return Arrays.stream(Answers.Auth.values())
                .filter(a -> a.id().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidAnswerException(Question.AUTH, value, "is not one of the choices"));
    }

    private static int wholeNumber(RawAnswers raw, Question question, int min, int max) {
        String value = display(raw, question).trim();
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidAnswerException(question, value, "is not a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidAnswerException(question, value, "is out of range");
        }
        return (int) parsed;
    }

    private static double positiveNumber(RawAnswers raw, Question question) {
        String value = display(raw, question).trim();
        if (!DECIMAL.matcher(value).matches()) {
            throw new InvalidAnswerException(question, value, "is not a number");
        }
        double parsed = Double.parseDouble(value);
        if (!(parsed > 0) || Double.isInfinite(parsed)) {
            throw new InvalidAnswerException(question, value, "is not above 0");
        }
        return parsed;
    }

    private static Duration duration(RawAnswers raw, Question question) {
        String value = display(raw, question).trim();
        Duration d = Durations.parse(value)
                .orElseThrow(() -> new InvalidAnswerException(question, value, "is not a duration"));
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidAnswerException(question, value, "is shorter than 1 second");
        }
        return d;
    }
}
