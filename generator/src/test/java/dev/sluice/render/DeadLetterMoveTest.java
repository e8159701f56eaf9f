package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Answers;
import dev.sluice.engine.Engine;
import dev.sluice.it.Repository;
import dev.sluice.plan.Plan;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * On a FIFO queue the consumer moves a message that fails on its last receive to the dead-letter queue itself (issue
 * 14, point 5): the handler gets the class that sends there (through the project's own AWS client, issue 18), and the function
 * the queue's URL, maxReceiveCount and sqs:SendMessage on it. A standard queue keeps SQS's redrive policy alone, and
 * its consumer none of that.
 */
class DeadLetterMoveTest {
    private static final String DEAD_LETTER_QUEUE = "src/main/java/com/example/ordersfifo/DeadLetterQueue.java";

    private final Engine engine = new Engine();

    @Test
    void aFifoSamProjectMovesDeadLettersInTheHandler() {
        Project fifo = project(Repository.samples().resolve("orders-fifo.answers.yaml"));

        assertTrue(fifo.generated.file(DEAD_LETTER_QUEUE).isPresent(), "DeadLetterQueue.java");
        assertTrue(fifo.text("src/main/java/com/example/ordersfifo/OrderHandler.java")
                .contains("this(new OrderProcessor(), DeadLetterQueue.fromEnvironment(), maxReceiveCountFromEnvironment());"));
        assertTrue(fifo.text(DEAD_LETTER_QUEUE).contains("AwsJsonClient.inLambda(AwsJsonClient.SQS)"), "SendMessage, not the SDK");
        assertEquals("test", PomScopes.awsSdkScope(fifo.text("pom.xml"), "sqs"), "the SDK's SQS client stays out of the jar");
        String template = fifo.text("template.yaml");
        assertTrue(template.contains("""
                          DEAD_LETTER_QUEUE_URL: !Ref DeadLetterQueue
                          MAX_RECEIVE_COUNT: "%d"
                """.formatted(fifo.plan.maxReceiveCount())), template);
        assertTrue(template.contains("maxReceiveCount: " + fifo.plan.maxReceiveCount() + "\n"), "the redrive policy's count");
        assertTrue(template.contains("""
                        - PolicyName: move-dead-letters
                          PolicyDocument:
                            Version: "2012-10-17"
                            Statement:
                              - Effect: Allow
                                Action: sqs:SendMessage
                                Resource: !GetAtt DeadLetterQueue.Arn
                """), "sqs:SendMessage on the dead-letter queue only");
    }

    @Test
    void aFifoCdkProjectGivesTheConsumerTheSameFromOneCount() {
        Project fifo = project(Repository.root().resolve("generator/src/test/resources/answer-sets/cdk-fifo.yaml"));
        String settings = infra(fifo, "/EventsEndpoint.java");
        String construct = infra(fifo, "/QueueBufferedEndpoint.java");

        assertTrue(fifo.generated.files().stream().anyMatch(file -> file.path().startsWith("function/src/main/java/")
                && file.path().endsWith("/DeadLetterQueue.java")), "DeadLetterQueue.java in the function module");
        assertEquals("test", PomScopes.awsSdkScope(fifo.text("function/pom.xml"), "sqs"));
        // The endpoint's class gives the plan's count once, as its QueueProps.maxReceiveCount.
        assertTrue(settings.contains("\n                        " + fifo.plan.maxReceiveCount() + ",\n"), settings);
        // The construct gives that one count to the redrive policy and to the consumer.
        assertTrue(construct.contains(".maxReceiveCount(q.maxReceiveCount())"), "the redrive policy reads the one count");
        assertTrue(construct.contains(
                "function.addEnvironment(\"MAX_RECEIVE_COUNT\", String.valueOf(props.queues().maxReceiveCount()));"), construct);
        assertTrue(construct.contains("function.addEnvironment(\"DEAD_LETTER_QUEUE_URL\", deadLetterQueue.getQueueUrl());"));
        // SendMessage only, on the DLQ: grantSendMessages would add GetQueueAttributes and GetQueueUrl.
        assertTrue(construct.contains("deadLetterQueue.grant(role, \"sqs:SendMessage\");"), construct);
    }

    /** The CDK app's file whose path ends so. */
    private static String infra(Project project, String suffix) {
        return project.generated.files().stream()
                .filter(file -> file.path().startsWith("infra/src/main/java/") && file.path().endsWith(suffix))
                .findFirst()
                .orElseThrow()
                .text();
    }

    @Test
    void aStandardQueueLeavesDeadLettersToTheRedrivePolicy() {
        for (String sample : new String[] {"orders", "orders-cdk", "payments-idempotent"}) {
            Project standard = project(Repository.samples().resolve(sample + ".answers.yaml"));
            String consumer = standard.generated.file("template.yaml").isPresent() ? "" : "function/";

            assertTrue(standard.generated.files().stream().noneMatch(file -> file.path().endsWith("/DeadLetterQueue.java")),
                    sample);
            assertEquals("test", PomScopes.awsSdkScope(standard.text(consumer + "pom.xml"), "sqs"),
                    sample + ": SQS only in the local pipeline");
            for (var file : standard.generated.files()) {
                if (file.path().endsWith("template.yaml") || file.path().endsWith("Stack.java")
                        || file.path().endsWith("Endpoint.java")) {
                    assertFalse(file.text().contains("DEAD_LETTER_QUEUE_URL"), file.path());
                    assertFalse(file.text().contains("MAX_RECEIVE_COUNT\""), file.path());
                    assertFalse(file.text().contains("move-dead-letters"), file.path());
                    assertFalse(file.text().contains("deadLetterQueue.grant"), file.path());
                }
            }
        }
    }

    private record Project(GeneratedProject generated, Plan plan) {
        String text(String path) {
            return generated.file(path).orElseThrow(() -> new AssertionError("no " + path)).text();
        }
    }

    private Project project(Path answersFile) {
        Answers answers = engine.validate(Repository.read(answersFile));
        Plan plan = engine.plan(answers);
        return new Project(engine.render(answers, plan), plan);
    }
}
