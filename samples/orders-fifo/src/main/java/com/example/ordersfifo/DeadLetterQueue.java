package com.example.ordersfifo;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.example.ordersfifo.aws.AwsJsonApi;
import com.example.ordersfifo.aws.AwsJsonClient;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;

/**
 * The queue's dead-letter queue, for the messages {@link OrderHandler} moves there itself: one that fails on
 * its last receive goes here at once, so that the later messages of its group need not fail with it.
 *
 * <p>The copy keeps what the message carried: its body, its message attributes (the {@code correlationId} among
 * them) and its message group. Its deduplication id is the message's id, as when SQS's redrive policy moves a FIFO
 * message, so a send retried after a lost answer does not queue it twice, and the dead letter names the message the
 * consumer's log lines show as {@code messageId}. It is one SendMessage, sent by {@link AwsJsonClient}.
 */
public class DeadLetterQueue {
    /** The environment variable holding the dead-letter queue's URL. */
    static final String URL_VARIABLE = "DEAD_LETTER_QUEUE_URL";
    /** The attribute SQS sets on every message of a FIFO queue: its message group. */
    private static final String MESSAGE_GROUP_ID_ATTRIBUTE = "MessageGroupId";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AwsJsonApi sqs;
    private final String url;

    /** Used by tests and the local pipeline: SQS of their own, for instance ElasticMQ or a recording stand-in. */
    public DeadLetterQueue(AwsJsonApi sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    /**
     * Used by the handler in Lambda: the queue DEAD_LETTER_QUEUE_URL names, in the function's region, with the
     * function role's credentials. Built at initialization, so a SnapStart snapshot holds it ready; it reads the
     * credentials on its first move.
     */
    public static DeadLetterQueue fromEnvironment() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(URL_VARIABLE + " is not set: it names the dead-letter queue");
        }
        return new DeadLetterQueue(AwsJsonClient.inLambda(AwsJsonClient.SQS), url);
    }

    /**
     * Sends a copy of the message to the dead-letter queue and returns once SQS has taken it.
     *
     * @throws RuntimeException if SQS did not take it
     */
    public void send(SQSMessage message) {
        sqs.call("SendMessage", request(message));
    }

    /** Marshals and signs a sample move and reads a canned error, sending nothing: see {@link AwsJsonApi#prime}. */
    public void prime() {
        SQSMessage sample = new SQSMessage();
        sample.setMessageId("priming");
        sample.setBody("{}");
        sample.setAttributes(Map.of(MESSAGE_GROUP_ID_ATTRIBUTE, "priming"));
        MessageAttribute correlationId = new MessageAttribute();
        correlationId.setDataType("String");
        correlationId.setStringValue("priming");
        sample.setMessageAttributes(Map.of("correlationId", correlationId));
        sqs.prime("SendMessage", request(sample));
    }

    /** SendMessage's request for a copy of {@code message}. */
    private ObjectNode request(SQSMessage message) {
        ObjectNode request = NODES.objectNode()
                .put("QueueUrl", url)
                .put("MessageBody", message.getBody())
                .put("MessageDeduplicationId", message.getMessageId());
        String group = message.getAttributes() == null ? null : message.getAttributes().get(MESSAGE_GROUP_ID_ATTRIBUTE);
        if (group != null) {
            request.put("MessageGroupId", group);
        }
        if (message.getMessageAttributes() != null && !message.getMessageAttributes().isEmpty()) {
            ObjectNode attributes = request.putObject("MessageAttributes");
            message.getMessageAttributes().forEach((name, attribute) -> attributes.set(name, attribute(attribute)));
        }
        return request;
    }

    /** A message attribute as SQS takes it: a String or Number value as text, a Binary one in base64. */
    private static ObjectNode attribute(MessageAttribute attribute) {
        ObjectNode value = NODES.objectNode().put("DataType", attribute.getDataType());
        ByteBuffer binary = attribute.getBinaryValue();
        if (binary != null) {
            byte[] bytes = new byte[binary.remaining()];
            binary.duplicate().get(bytes);
            value.put("BinaryValue", Base64.getEncoder().encodeToString(bytes));
        } else {
            value.put("StringValue", attribute.getStringValue());
        }
        return value;
    }
}
