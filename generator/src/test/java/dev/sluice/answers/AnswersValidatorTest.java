package dev.sluice.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswersValidatorTest {

    private static RawAnswers named() {
        return RawAnswers.empty().with(Question.NAME, "orders-api");
    }

    @Test
    void everyQuestionButTheNameHasADefault() {
        Answers a = AnswersValidator.validate(named());
        assertEquals("com.example", a.groupId());
        assertEquals("com.example.ordersapi", a.packageName());
        assertEquals("0.1.0-SNAPSHOT", a.version());
        assertEquals(Answers.Iac.SAM, a.iac());
        assertEquals(Answers.Runtime.JAVA21, a.runtime());
        assertEquals("/orders", a.path());
        assertEquals(Answers.Auth.NONE, a.auth());
        assertEquals(3, a.payload().fields().size());
        assertEquals(64, a.maxPayloadKib());
        assertEquals(Duration.ofMinutes(5), a.maxDelay());
        assertEquals(5.0, a.avgRps());
        assertEquals(50.0, a.peakRps());
        assertEquals(Duration.ofMinutes(15), a.peakDuration());
        assertEquals(100, a.processingMs());
        assertEquals(500, a.processingMsWorst(), "worst defaults to 5 × typical");
        assertTrue(a.downstreamLimit().isEmpty());
        assertEquals(30, a.logRetentionDays());
    }

    @Test
    void everyRetentionCloudWatchLogsAcceptsIsAccepted() {
        for (int days : LogRetention.ACCEPTED_DAYS) {
            assertEquals(days, AnswersValidator.validate(named().with(Question.LOG_RETENTION_DAYS, days)).logRetentionDays());
        }
    }

    @ParameterizedTest
    @CsvSource({"1.0.0", "2.3.1-SNAPSHOT", "1.0.0+build.7", "2026.11_rc1"})
    void aMavenVersionIsAccepted(String version) {
        assertEquals(version, AnswersValidator.validate(named().with(Question.VERSION, version)).version());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1.0 final|is not a valid version", "-1.0|is not a valid version",
            "1.0<x>|is not a valid version", "${revision}|is not a valid version"})
    void aVersionMavenOrYamlWouldMisreadIsRefused(String version, String reason) {
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class,
                () -> AnswersValidator.validate(named().with(Question.VERSION, version)));
        assertEquals("--project-version", e.question());
        assertEquals(reason, e.reason());
    }

    @Test
    void theNameIsRequired() {
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> AnswersValidator.validate(RawAnswers.empty()));
        assertEquals("NAME", e.question());
    }

    /** The help says what happens above the account's default rate: planned with a warning (PlannerTest), not refused. */
    @Test
    void aPeakAboveTheAccountLimitIsAcceptedAsItsHelpSays() {
        assertEquals(20_000.0, AnswersValidator.validate(named().with(Question.PEAK_RPS, "20000")).peakRps());
        assertTrue(Question.PEAK_RPS.accepted().contains(Limits.API_ACCOUNT_RATE_LIMIT + ", a warning"), Question.PEAK_RPS.accepted());
    }

    @Test
    void numbersFromAnAnswersFileAreAcceptedAsNumbers() {
        Answers a = AnswersValidator.validate(named().with(Question.AVG_RPS, 2.5).with(Question.PEAK_RPS, 10)
                .with(Question.DOWNSTREAM_LIMIT, 20));
        assertEquals(2.5, a.avgRps());
        assertEquals(10.0, a.peakRps());
        assertEquals(20, a.downstreamLimit().getAsInt());
        assertEquals(1e-4, AnswersValidator.validate(named().with(Question.AVG_RPS, 1e-4)).avgRps(), "YAML's 1.0E-4");
    }

    @Test
    void aPackageIsDerivedAvoidingKeywords() {
        assertEquals("com.example.intapp", AnswersValidator.validate(RawAnswers.empty().with(Question.NAME, "int")).packageName());
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "NAME|Orders|is not a valid project name",
            "NAME|../evil|is not a valid project name",
            "NAME|a/b|is not a valid project name",
            "NAME|/tmp/x|is not a valid project name",
            "NAME|a-very-long-project-name-that-goes-on-and-on|is longer than 40 characters",
            "GROUP_ID|com..example|is not a valid groupId",
            "PACKAGE|com.example.orders-api|is not a valid Java package",
            "PACKAGE|com.example.int|has the Java keyword 'int' as a part",
            "PACKAGE|../../etc|is not a valid Java package",
            "IAC|terraform|is not one of the choices",
            "RUNTIME|java17|is not one of the choices",
            "PATH|orders|is not a valid endpoint path",
            "PATH|/orders/../admin|is not a valid endpoint path",
            "AUTH|cognito|is not one of the choices",
            "MAX_PAYLOAD_KIB|2048|is out of range",
            "MAX_PAYLOAD_KIB|1024|is out of range",
            "MAX_PAYLOAD_KIB|0|is out of range",
            "MAX_DELAY|0s|is shorter than 1 second",
            "MAX_DELAY|soon|is not a duration",
            "MAX_DELAY|5d1s|is longer than 5 days: the queue keeps a message at most 10 days (twice the tolerance, so its alarms can fire), leaving a dead letter at least 4 of the dead-letter queue's 14 days",
            "AVG_RPS|-1|is not above 0",
            "AVG_RPS|0|is not above 0",
            "AVG_RPS|many|is not a number",
            "AVG_RPS|5d|is not a number",
            "AVG_RPS|5f|is not a number",
            "AVG_RPS|0x1p3|is not a number",
            "AVG_RPS|NaN|is not a number",
            "PEAK_RPS|Infinity|is not a number",
            "PEAK_RPS|1_000|is not a number",
            "PEAK_RPS|1|is below the average of 5",
            "PEAK_DURATION|0s|is shorter than 1 second",
            "PROCESSING_MS|0|is out of range",
            "PROCESSING_MS_WORST|50|is below the typical processing time of 100 ms",
            "DOWNSTREAM_LIMIT|1|is out of range",
            "ORDERING|sorted|is not an ordering",
            "ORDERING|key:customer|names no field of the payload ('customer')",
            "ORDERING|key:note|names an optional field ('note'): every request must carry it",
            "ORDERING|key:|names no field",
            "DUPLICATES|dedupe:nope|names no field of the payload ('nope')",
            "GROUPS|4|counts ordering keys, but the ordering is none",
            "BATCHING_WINDOW|6m|is longer than Lambda's 300 s",
            "BATCHING_WINDOW|soon|is not a duration",
            "LOG_RETENTION_DAYS|45|is not a retention CloudWatch Logs accepts",
            "LOG_RETENTION_DAYS|0|is not a retention CloudWatch Logs accepts",
            "LOG_RETENTION_DAYS|30d|is not a whole number of days",
            "DUPLICATES|ignore|is not a duplicates policy"})
    void badAnswersNameTheQuestionTheValueAndWhatIsAccepted(Question question, String value, String reason) {
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class,
                () -> AnswersValidator.validate(named().with(question, value)));
        assertEquals(question.flag(), e.question());
        assertEquals(reason, e.reason());
        assertTrue(e.getMessage().startsWith(question.flag() + ": '" + value + "' " + reason + "; accepted: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void theLargestBodyAndTheLongestToleranceAreAccepted() {
        Answers a = AnswersValidator.validate(named().with(Question.MAX_PAYLOAD_KIB, "1023").with(Question.MAX_DELAY, "5d"));
        assertEquals(Limits.MAX_PAYLOAD_KIB, a.maxPayloadKib());
        assertEquals(Limits.MAX_DELAY, a.maxDelay());
        assertTrue(Question.MAX_PAYLOAD_KIB.accepted().contains("to 1023 "), Question.MAX_PAYLOAD_KIB.accepted());
        assertTrue(Question.MAX_DELAY.accepted().contains("to 5d"), Question.MAX_DELAY.accepted());
    }

    @Test
    void aToleranceShorterThanOneProcessingTimeIsRefused() {
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class,
                () -> AnswersValidator.validate(named().with(Question.MAX_DELAY, "1s").with(Question.PROCESSING_MS, "2000")));
        assertEquals("--max-delay", e.question());
        assertTrue(e.reason().contains("2000 ms"), e.reason());
    }

    @Test
    void orderingAndDedupeKeysAreRequiredSingleValuesReachedThroughRequiredObjects() {
        RawAnswers nested = named().with(Question.FIELDS, List.of("customer:object{id:string,tags:list<string>,note:string?}",
                "meta:object{trace:string}?", "orderId:uuid", "status:enum(A,B)"));
        Answers ok = AnswersValidator.validate(nested.with(Question.ORDERING, "key:customer.id").with(Question.DUPLICATES, "dedupe:orderId")
                .with(Question.GROUPS, "12"));
        assertEquals(java.util.Optional.of("customer.id"), ok.orderingKey());
        assertEquals(Answers.Dedupe.FIELD, ok.dedupe());
        assertEquals(12, ok.groups().getAsInt());
        assertTrue(ok.fifo());
        assertEquals(Answers.Dedupe.BODY, AnswersValidator.validate(nested.with(Question.DUPLICATES, "dedupe:body")).dedupe());
        for (String[] bad : new String[][] {
                {"key:customer", "names an object, a list or an untyped field, not a single value"},
                {"key:customer.tags", "names an object, a list or an untyped field, not a single value"},
                {"key:customer.note", "names an optional field ('note'): every request must carry it"},
                {"key:meta.trace", "names an optional field ('meta'): every request must carry it"},
                {"key:orderId.x", "goes through 'orderId', which is not an object"}}) {
            InvalidAnswerException e = assertThrows(InvalidAnswerException.class,
                    () -> AnswersValidator.validate(nested.with(Question.ORDERING, bad[0])));
            assertEquals(bad[1], e.reason(), bad[0]);
        }
    }

    @Test
    void aFifoQueueTakesNoBatchingWindow() {
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> AnswersValidator.validate(
                named().with(Question.ORDERING, "key:id").with(Question.BATCHING_WINDOW, "0s")));
        assertEquals("--batching-window", e.question());
        assertEquals("is set, but a FIFO queue (ordering key:id) takes no batching window", e.reason());
        assertEquals(20, AnswersValidator.validate(named().with(Question.BATCHING_WINDOW, "20s")).batchingWindowSeconds().getAsInt());
    }

    @Test
    void onlyOnePayloadFormMayBeGiven() {
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, () -> AnswersValidator.validate(
                named().with(Question.FIELDS, List.of("a:int")).with(Question.EXAMPLE, "x.json")));
        assertEquals("--example", e.question());
    }

    @Test
    void laterAnswersOverrideEarlierOnesAndAPayloadFormReplacesAnother() {
        RawAnswers file = named().with(Question.FIELDS, List.of("a:int")).with(Question.AVG_RPS, 3);
        RawAnswers merged = file.overriddenBy(RawAnswers.empty().with(Question.EXAMPLE, "x.json").with(Question.AVG_RPS, "4"));
        assertTrue(merged.get(Question.FIELDS).isEmpty());
        assertEquals("x.json", merged.get(Question.EXAMPLE).orElseThrow());
        assertEquals("4", merged.get(Question.AVG_RPS).orElseThrow());
        assertEquals("orders-api", merged.get(Question.NAME).orElseThrow());
    }
}
