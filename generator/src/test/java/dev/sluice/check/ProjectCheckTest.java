package dev.sluice.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.sluice.answers.AnswersFile;
import dev.sluice.answers.AnswersValidator;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Service;
import dev.sluice.engine.Engine;
import dev.sluice.plan.ServicePlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules on the committed samples, copied to an in-memory file system: an untouched sample keeps them all, and a
 * hand edit of one number breaks exactly one. The expected numbers are read off the sample files (and the CDK
 * samples' synthesized templates in src/test/resources/check, see its README).
 */
class ProjectCheckTest {
    private static final Path SAMPLES = Path.of("../samples");
    private static final String UPDATE = "change the answers and run `sluice update` instead of editing it by hand";

    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    /** How many samples a test copied, each into a folder of its own. */
    private int copies;

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    /** A sample's files on the in-memory file system, with its answers' service and plan. */
    private record Project(Path root, Service service, ServicePlan plan) {
        List<String> check() {
            return ProjectCheck.check(root, service, plan).stream().map(Finding::line).toList();
        }

        /** Replaces the first {@code from} after the one {@code after} in the file; both must be there. */
        void edit(String file, String after, String from, String to) throws IOException {
            Path path = root.resolve(file);
            String text = Files.readString(path);
            int start = text.indexOf(after);
            assertTrue(start >= 0 && text.indexOf(after, start + 1) < 0, "one '" + after + "' in " + file);
            int at = text.indexOf(from, start);
            assertTrue(at >= 0, "'" + from + "' after '" + after + "' in " + file);
            Files.writeString(path, text.substring(0, at) + to + text.substring(at + from.length()));
        }
    }

    /** The sample's folder copied in (its CDK template from the test resources, as `cdk synth` writes it). */
    private Project sample(String name) throws IOException {
        Path from = SAMPLES.resolve(name);
        Path root = fs.getPath("/work", name + "-" + ++copies);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path to = root.resolve(from.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
        Service service = AnswersValidator.validateService(AnswersFile.read(SAMPLES.resolve(name + ".answers.yaml")));
        String synthesized = "check/" + service.name() + ".template.json";
        if (Files.exists(root.resolve("cdk.json"))) {
            try (InputStream in = ProjectCheckTest.class.getClassLoader().getResourceAsStream(synthesized)) {
                Files.createDirectories(root.resolve("cdk.out"));
                Files.copy(in, root.resolve("cdk.out/" + service.name() + ".template.json"));
            }
        }
        return new Project(root, service, new Engine().plan(service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "orders-fifo", "orders-service", "checkout", "payments", "payments-idempotent",
            "shipments", "orders-cdk", "orders-service-cdk"})
    void anUntouchedSampleKeepsEveryRule(String name) throws IOException {
        assertEquals(List.of(), sample(name).check());
    }

    // ---------------------------------------------------------------- 1. visibility timeout

    @Test
    void aVisibilityTimeoutBelowSixFunctionTimeoutsAndTheWindowIsAFinding() throws IOException {
        Project orders = sample("orders");
        orders.edit("template.yaml", "\n  Queue:\n", "VisibilityTimeout: 558", "VisibilityTimeout: 100");
        assertEquals(List.of("template.yaml: Queue: VisibilityTimeout 100 s is below 6 × the function timeout (78 s)"
                + " + the batching window (90 s) = 558 s"), orders.check());
    }

    @Test
    void aLongerFunctionTimeoutOrWindowIsMeasuredAgainstTheQueue() throws IOException {
        Project timeout = sample("orders");
        timeout.edit("template.yaml", "\n  ConsumerFunction:\n", "Timeout: 78", "Timeout: 79");
        assertEquals(List.of("template.yaml: Queue: VisibilityTimeout 558 s is below 6 × the function timeout (79 s)"
                + " + the batching window (90 s) = 564 s"), timeout.check());
        Project window = sample("orders");
        window.edit("template.yaml", "\n  ConsumerFunction:\n", "MaximumBatchingWindowInSeconds: 90",
                "MaximumBatchingWindowInSeconds: 91");
        assertEquals(List.of("template.yaml: Queue: VisibilityTimeout 558 s is below 6 × the function timeout (78 s)"
                + " + the batching window (91 s) = 559 s"), window.check());
    }

    @Test
    void aFunctionTimeoutFromGlobalsCounts() throws IOException {
        Project orders = sample("orders");
        orders.edit("template.yaml", "\n  ConsumerFunction:\n", "      Timeout: 78\n", "");
        orders.edit("template.yaml", "Transform:", "\n", "\nGlobals:\n  Function:\n    Timeout: 100\n");
        assertEquals(List.of("template.yaml: Queue: VisibilityTimeout 558 s is below 6 × the function timeout (100 s)"
                + " + the batching window (90 s) = 690 s"), orders.check());
    }

    @Test
    void aFifoQueueHasNoWindowToAdd() throws IOException {
        Project fifo = sample("orders-fifo");
        fifo.edit("template.yaml", "\n  Queue:\n", "VisibilityTimeout: 78", "VisibilityTimeout: 77");
        assertEquals(List.of("template.yaml: Queue: VisibilityTimeout 77 s is below 6 × the function timeout (13 s)"
                + " + the batching window (0 s) = 78 s"), fifo.check());
    }

    @Test
    void eachEndpointOfAServiceIsCheckedAgainstItsOwnConsumer() throws IOException {
        Project service = sample("orders-service");
        service.edit("template.yaml", "\n  RefundsQueue:\n", "VisibilityTimeout: 1170", "VisibilityTimeout: 1169");
        assertEquals(List.of("template.yaml: RefundsQueue: VisibilityTimeout 1169 s is below 6 × the function timeout"
                + " (145 s) + the batching window (300 s) = 1170 s"), service.check());
    }

    @Test
    void theCdkFormsSynthesizedTemplateIsChecked() throws IOException {
        Project orders = sample("orders-cdk");
        orders.edit("cdk.out/orders.template.json", "\"Queue4A7E3555\": {", "\"VisibilityTimeout\": 558",
                "\"VisibilityTimeout\": 100");
        assertEquals(List.of("cdk.out/orders.template.json: Queue4A7E3555: VisibilityTimeout 100 s is below 6 × the"
                + " function timeout (78 s) + the batching window (90 s) = 558 s"), orders.check());
    }

    // ---------------------------------------------------------------- 2. FIFO batch size

    @Test
    void aFifoBatchAboveTenIsAFinding() throws IOException {
        Project fifo = sample("orders-fifo");
        fifo.edit("template.yaml", "\n  ConsumerFunction:\n", "BatchSize: 5", "BatchSize: 11");
        assertEquals(List.of("template.yaml: ConsumerFunction.Events.Queue: BatchSize 11 is above 10, the most a FIFO"
                + " queue's event source takes (Queue is FIFO)"), fifo.check());
    }

    @Test
    void aStandardQueueTakesBatchesAboveTen() throws IOException {
        Project orders = sample("orders");
        orders.edit("template.yaml", "\n  ConsumerFunction:\n", "BatchSize: 90", "BatchSize: 91");
        assertEquals(List.of(), orders.check());
    }

    @Test
    void aFifoBatchAboveTenIsAFindingInTheCdkForm() throws IOException {
        Project service = sample("orders-service-cdk");
        String mapping = "OrdersEventsConsumerAliasSqsEventSourceordersservicecdkOrdersEventsQueue7DFD1C74A5DC8F58";
        service.edit("cdk.out/orders-service-cdk.template.json", "\"" + mapping + "\": {", "\"BatchSize\": 10",
                "\"BatchSize\": 11");
        assertEquals(List.of("cdk.out/orders-service-cdk.template.json: " + mapping + ": BatchSize 11 is above 10, the"
                + " most a FIFO queue's event source takes (OrdersEventsQueue9BB427D5 is FIFO)"), service.check());
    }

    // ---------------------------------------------------------------- 3. dead-letter retention

    @Test
    void aDeadLetterQueueKeepingMessagesNoLongerThanItsSourceIsAFinding() throws IOException {
        String rule = ": a dead-lettered message keeps its first enqueue time, so the dead-letter queue must keep it"
                + " longer or it expires on arrival";
        Project shorter = sample("orders");
        shorter.edit("template.yaml", "\n  DeadLetterQueue:\n", "MessageRetentionPeriod: 1209600", "MessageRetentionPeriod: 345600");
        assertEquals(List.of("template.yaml: DeadLetterQueue: MessageRetentionPeriod 345600 s is not above its source"
                + " queue's (Queue, 345600 s)" + rule), shorter.check());
        Project longer = sample("orders");
        longer.edit("template.yaml", "\n  Queue:\n", "MessageRetentionPeriod: 345600", "MessageRetentionPeriod: 1209600");
        assertEquals(List.of("template.yaml: DeadLetterQueue: MessageRetentionPeriod 1209600 s is not above its source"
                + " queue's (Queue, 1209600 s)" + rule), longer.check());
    }

    @Test
    void theDeadLetterQueueIsTheOneTheRedrivePolicyNames() throws IOException {
        Project service = sample("orders-service-cdk");
        service.edit("cdk.out/orders-service-cdk.template.json", "\"RefundsDeadLetterQueue69494219\": {",
                "\"MessageRetentionPeriod\": 1209600", "\"MessageRetentionPeriod\": 300000");
        assertEquals(List.of("cdk.out/orders-service-cdk.template.json: RefundsDeadLetterQueue69494219:"
                + " MessageRetentionPeriod 300000 s is not above its source queue's (RefundsQueue3F3921CA, 345600 s): a"
                + " dead-lettered message keeps its first enqueue time, so the dead-letter queue must keep it longer or it"
                + " expires on arrival"), service.check());
    }

    // ---------------------------------------------------------------- 4. maximum concurrency

    @Test
    void aMaximumConcurrencyEditedAwayFromThePlanIsAFinding() throws IOException {
        Project orders = sample("orders");
        orders.edit("template.yaml", "\n  ConsumerFunction:\n", "MaximumConcurrency: 5", "MaximumConcurrency: 10");
        assertEquals(List.of("template.yaml: ConsumerFunction.Events.Queue: ScalingConfig.MaximumConcurrency 10 differs"
                + " from the plan's 5 for POST /orders: " + UPDATE), orders.check());
    }

    @Test
    void aServiceEndpointsConcurrencyIsItsOwnPlans() throws IOException {
        Project service = sample("orders-service");
        service.edit("template.yaml", "\n  OrdersEventsConsumerFunction:\n", "MaximumConcurrency: 4", "MaximumConcurrency: 5");
        assertEquals(List.of("template.yaml: OrdersEventsConsumerFunction.Events.Queue: ScalingConfig.MaximumConcurrency 5"
                + " differs from the plan's 4 for POST /orders/{orderId}/events: " + UPDATE), service.check());
    }

    @Test
    void aMaximumConcurrencyRemovedIsAFinding() throws IOException {
        Project service = sample("orders-service-cdk");
        service.edit("cdk.out/orders-service-cdk.template.json", "\"RefundsConsumerAliasSqsEventSource",
                "\"ScalingConfig\": {\n     \"MaximumConcurrency\": 2\n    }", "\"ScalingConfig\": {}");
        assertEquals(List.of("cdk.out/orders-service-cdk.template.json:"
                + " RefundsConsumerAliasSqsEventSourceordersservicecdkRefundsQueueC5590AB6173BBD13:"
                + " ScalingConfig.MaximumConcurrency is absent, not the plan's 2 for POST /refunds: " + UPDATE), service.check());
    }

    // ---------------------------------------------------------------- 5. alarm thresholds

    @Test
    void anAlarmThresholdEditedAwayFromThePlanIsAFinding() throws IOException {
        Project orders = sample("orders");
        orders.edit("template.yaml", "\n  BacklogAlarm:\n", "Threshold: 12679", "Threshold: 20000");
        assertEquals(List.of("template.yaml: BacklogAlarm: Threshold 20000 differs from the plan's 12679 for this alarm"
                + " (backlog): " + UPDATE), orders.check());
    }

    @Test
    void aFractionalThresholdIsComparedAsANumber() throws IOException {
        Project same = sample("orders");
        same.edit("template.yaml", "\n  Api5xxAlarm:\n", "Threshold: 0.01", "Threshold: 0.010");
        assertEquals(List.of(), same.check());
        Project other = sample("orders");
        other.edit("template.yaml", "\n  Api5xxAlarm:\n", "Threshold: 0.01", "Threshold: 0.02");
        assertEquals(List.of("template.yaml: Api5xxAlarm: Threshold 0.02 differs from the plan's 0.01 for this alarm"
                + " (API 5XX): " + UPDATE), other.check());
    }

    @Test
    void anAlarmThresholdRemovedIsAFinding() throws IOException {
        Project orders = sample("orders");
        orders.edit("template.yaml", "\n  ConsumerErrorsAlarm:\n", "      Threshold: 1\n", "");
        assertEquals(List.of("template.yaml: ConsumerErrorsAlarm: Threshold is absent, not the plan's 1 for this alarm"
                + " (consumer errors): " + UPDATE), orders.check());
    }

    @Test
    void aServicesAlarmsAreFoundByTheirEndpointsPrefix() throws IOException {
        Project service = sample("orders-service");
        service.edit("template.yaml", "\n  OrdersEventsBacklogAlarm:\n", "Threshold: 8428", "Threshold: 8000");
        service.edit("template.yaml", "\n  ApiLatencyAlarm:\n", "Threshold: 1000", "Threshold: 2000");
        assertEquals(List.of(
                "template.yaml: ApiLatencyAlarm: Threshold 2000 differs from the plan's 1000 for this alarm (API latency p99): "
                        + UPDATE,
                "template.yaml: OrdersEventsBacklogAlarm: Threshold 8000 differs from the plan's 8428 for this alarm (backlog): "
                        + UPDATE), service.check());
    }

    @Test
    void aCdkAlarmIsFoundByItsConstructPath() throws IOException {
        Project service = sample("orders-service-cdk");
        service.edit("cdk.out/orders-service-cdk.template.json", "\"RefundsEndToEndDelayAlarmF4A075F7\": {",
                "\"Threshold\": 1800000", "\"Threshold\": 1800001");
        assertEquals(List.of("cdk.out/orders-service-cdk.template.json: RefundsEndToEndDelayAlarmF4A075F7: Threshold 1800001"
                + " differs from the plan's 1800000 for this alarm (end-to-end delay): " + UPDATE), service.check());
    }

    // ---------------------------------------------------------------- what is not a number, or not there

    @Test
    void anEditedCommentChangesNothing() throws IOException {
        Project orders = sample("orders");
        orders.edit("template.yaml", "\n  Queue:\n", "# 6 × function timeout (78 s) + batching window (90 s), AWS's rule for a"
                + " Lambda consumer", "# VisibilityTimeout: 100");
        orders.edit("template.yaml", "\n  ConsumerFunction:\n", "# Lambda's 5 pollers", "# MaximumConcurrency: 10. Lambda's 5 pollers");
        assertEquals(List.of(), orders.check());
    }

    @Test
    void aNumberGivenAsTextIsReadAsTheNumber() throws IOException {
        Project orders = sample("orders");
        orders.edit("template.yaml", "\n  Queue:\n", "VisibilityTimeout: 558", "VisibilityTimeout: \"557\"");
        assertEquals(List.of("template.yaml: Queue: VisibilityTimeout 557 s is below 6 × the function timeout (78 s)"
                + " + the batching window (90 s) = 558 s"), orders.check());
    }

    @Test
    void aValueTheCheckCannotReadIsLeftAlone() throws IOException {
        Project orders = sample("orders");
        orders.edit("template.yaml", "\n  ConsumerFunction:\n", "MaximumConcurrency: 5", "MaximumConcurrency: !Ref Concurrency");
        orders.edit("template.yaml", "\n  Queue:\n", "VisibilityTimeout: 558", "VisibilityTimeout: !FindInMap [Timeouts, Queue, Visibility]");
        assertEquals(List.of(), orders.check());
    }

    @Test
    void aResourceTheRulesNeedAndCannotFindIsAFinding() throws IOException {
        Project orders = sample("orders");
        orders.edit("template.yaml", "\n  Queue:\n", "\n  Queue:\n", "\n  OrdersQueue:\n");
        assertEquals(List.of("template.yaml: Queue: not found (the queue of POST /orders); sluice check finds resources by"
                + " the names Sluice generated"), orders.check());
    }

    @Test
    void aCdkAlarmMovedOutOfItsConstructIsAFinding() throws IOException {
        Project orders = sample("orders-cdk");
        orders.edit("cdk.out/orders.template.json", "\"BacklogAlarm1E83516A\": {", "orders/Default/BacklogAlarm/Resource",
                "orders/BacklogAlarm/Resource");
        assertEquals(List.of("cdk.out/orders.template.json: orders/Default/BacklogAlarm/Resource: not found (the plan's"
                + " backlog alarm); sluice check finds resources by the names Sluice generated"), orders.check());
    }

    @Test
    void aCdkProjectNotSynthesizedCannotBeChecked() throws IOException {
        Project orders = sample("orders-cdk");
        Files.delete(orders.root().resolve("cdk.out/orders.template.json"));
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, orders::check);
        assertEquals("check: 'cdk.out/orders.template.json' is missing: synthesize it first (mvn package, then npx cdk synth);"
                + " accepted: a CDK project with its synthesized template", e.getMessage());
    }

    @Test
    void aSamProjectWithoutItsTemplateCannotBeChecked() throws IOException {
        Project orders = sample("orders");
        Files.delete(orders.root().resolve("template.yaml"));
        InvalidAnswerException e = assertThrows(InvalidAnswerException.class, orders::check);
        assertTrue(e.getMessage().startsWith("check: 'template.yaml' is missing"), e.getMessage());
    }
}
