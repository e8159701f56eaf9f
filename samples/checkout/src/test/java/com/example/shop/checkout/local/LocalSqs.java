package com.example.shop.checkout.local;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * ElasticMQ, an SQS-compatible server, embedded on loopback, and an SQS client for it. ElasticMQ honours
 * visibility timeouts, redrive policies and FIFO queues; it ignores a queue's MaximumMessageSize, which
 * {@link #send} enforces as SQS does, and its MessageRetentionPeriod.
 */
public final class LocalSqs implements AutoCloseable {
    /** The region in queue ARNs and SQS events. */
    public static final String REGION = "local";

    private final SQSRestServer server;
    private final SqsClient client;

    private LocalSqs(SQSRestServer server, int port) {
        this.server = server;
        this.client = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.of(REGION))
                // ElasticMQ checks no signature: unsigned requests save the client the signing work.
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Starts ElasticMQ on 127.0.0.1, on a port the system picks. */
    public static LocalSqs start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion(REGION)
                .start();
        return new LocalSqs(server, server.waitUntilStarted().localAddress().getPort());
    }

    public SqsClient client() {
        return client;
    }

    /** A queue: its URL for the API calls, its ARN for SQS events, and the largest message it takes. */
    public record Queue(String url, String arn, int maxMessageBytes) {}

    /** Creates a queue with the given attributes; {@code maxMessageBytes} is its MaximumMessageSize. */
    public Queue createQueue(String name, int maxMessageBytes, Map<QueueAttributeName, String> attributes) {
        String url = client.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
        String arn = client.getQueueAttributes(
                        request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        return new Queue(url, arn, maxMessageBytes);
    }

    /**
     * Sends a message to the queue and returns its message id. Refuses, as SQS does, a message larger than the
     * queue's MaximumMessageSize, counting the body and every message attribute's name, type and value.
     *
     * @throws SqsException if the queue refuses the message
     */
    public String send(Queue queue, SendMessageRequest.Builder message) {
        SendMessageRequest request = message.queueUrl(queue.url()).build();
        long size = bytes(request.messageBody());
        for (Map.Entry<String, MessageAttributeValue> attribute : request.messageAttributes().entrySet()) {
            MessageAttributeValue value = attribute.getValue();
            size += bytes(attribute.getKey()) + bytes(value.dataType()) + bytes(value.stringValue());
        }
        if (size > queue.maxMessageBytes()) {
            String reason = "One or more parameters are invalid. Reason: Message must be shorter than "
                    + queue.maxMessageBytes() + " bytes.";
            throw SqsException.builder()
                    .statusCode(400)
                    .message(reason)
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("InvalidParameterValue")
                            .errorMessage(reason)
                            .build())
                    .build();
        }
        return client.sendMessage(request).messageId();
    }

    /** How many messages the queue holds: visible, in flight (received, not deleted) and delayed. */
    public int messagesIn(Queue queue) {
        List<QueueAttributeName> counts = List.of(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(
                request -> request.queueUrl(queue.url()).attributeNames(counts)).attributes();
        return counts.stream().mapToInt(name -> Integer.parseInt(attributes.get(name))).sum();
    }

    private static long bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
