package com.example.ordersservicecdk.ordersevents;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The queue's dead-letter queue, for the messages {@link EventHandler} moves there itself: one that fails on
 * its last receive goes here at once, so that the later messages of its group need not fail with it.
 *
 * <p>The copy keeps what the message carried: its body, its message attributes (the {@code correlationId} among
 * them) and its message group. Its deduplication id is the message's id, as when SQS's redrive policy moves a FIFO
 * message, so a send the SDK retries after a lost answer does not queue it twice, and the dead letter names the
 * message the consumer's log lines show as {@code messageId}.
 */
public class DeadLetterQueue {
    /** The environment variable holding the dead-letter queue's URL. */
    static final String URL_VARIABLE = "DEAD_LETTER_QUEUE_URL";
    /** The attribute SQS sets on every message of a FIFO queue: its message group. */
    private static final String MESSAGE_GROUP_ID_ATTRIBUTE = "MessageGroupId";

    private final SqsClient sqs;
    private final String url;

    /** Used by tests and the local pipeline: a client of their own, for instance on ElasticMQ. */
    public DeadLetterQueue(SqsClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    /**
     * Used by the handler in Lambda: the queue DEAD_LETTER_QUEUE_URL names, in the function's region, with the
     * function role's credentials. The client uses the JDK's HTTP client, which starts faster and weighs less than
     * the SDK's Apache and Netty clients (pom.xml leaves those out).
     */
    public static DeadLetterQueue fromEnvironment() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(URL_VARIABLE + " is not set: it names the dead-letter queue");
        }
        return new DeadLetterQueue(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), url);
    }

    /**
     * Sends a copy of the message to the dead-letter queue and returns once SQS has taken it.
     *
     * @throws RuntimeException if SQS did not take it (an {@code SdkException} from the client)
     */
    public void send(SQSMessage message) {
        sqs.sendMessage(request -> request
                .queueUrl(url)
                .messageBody(message.getBody())
                .messageAttributes(attributes(message))
                .messageGroupId(message.getAttributes() == null ? null
                        : message.getAttributes().get(MESSAGE_GROUP_ID_ATTRIBUTE))
                .messageDeduplicationId(message.getMessageId()));
    }

    /** The message attributes as SQS takes them: a String or Number value as text, a Binary one as bytes. */
    private static Map<String, MessageAttributeValue> attributes(SQSMessage message) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        if (message.getMessageAttributes() == null) {
            return attributes;
        }
        for (Map.Entry<String, MessageAttribute> entry : message.getMessageAttributes().entrySet()) {
            MessageAttribute attribute = entry.getValue();
            MessageAttributeValue.Builder value = MessageAttributeValue.builder().dataType(attribute.getDataType());
            if (attribute.getBinaryValue() != null) {
                value.binaryValue(SdkBytes.fromByteBuffer(attribute.getBinaryValue()));
            } else {
                value.stringValue(attribute.getStringValue());
            }
            attributes.put(entry.getKey(), value.build());
        }
        return attributes;
    }
}
