package com.example.orders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ, an SQS-compatible server, embedded on loopback, and an SQS client for it. ElasticMQ honours
 * visibility timeouts, redrive policies and FIFO queues; it ignores a queue's MaximumMessageSize, which
 * {@link #sendMessage} enforces as SQS does, and its MessageRetentionPeriod.
 */
public final class LocalSqs implements AutoCloseable {
    /** The region in queue ARNs and SQS events. */
    public static final String REGION = "local";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XMLInputFactory XML = xmlInputFactory();

    private final SQSRestServer server;
    private final SqsClient client;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LocalSqs(SQSRestServer server, int port) {
        this.server = server;
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        this.client = SqsClient.builder()
                .endpointOverride(endpoint)
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
     * SQS's answer to a request of its query API: the HTTP status and the body as JSON, the form SQS answers in when
     * asked for {@code Accept: application/json}. A success is {@code {"SendMessageResponse": {"SendMessageResult":
     * {...}, "ResponseMetadata": {...}}}}, an error {@code {"Error": {"Code": ..., "Message": ..., "Type": ...},
     * "RequestId": ...}}.
     */
    public record Answer(int status, String json) {}

    /**
     * Posts a query API request (a form: {@code Action=SendMessage&MessageBody=...}) to the queue's URL, as API
     * Gateway's SQS integration does, and returns SQS's answer.
     * <ul>
     *   <li>A message larger than the queue's MaximumMessageSize, counting the body and every message attribute's
     *       name, type and value, is refused as SQS refuses it (400 InvalidParameterValue); ElasticMQ would take it.
     *   </li>
     *   <li>ElasticMQ answers the query API in XML only (it refuses {@code Accept: application/json}), so the answer
     *       is turned into SQS's JSON: the same elements as keys, an empty one as null, an error's {@code Type}
     *       SQS's Sender or Receiver.</li>
     *   <li>Where ElasticMQ's error code differs from SQS's for the same refusal, the answer carries SQS's: a body
     *       with characters SQS does not allow is InvalidMessageContents (ElasticMQ: InvalidAttributeValue).</li>
     * </ul>
     */
    public Answer sendMessage(Queue queue, String form) {
        Map<String, String> parameters = parameters(form);
        if (messageBytes(parameters) > queue.maxMessageBytes()) {
            return error(400, "InvalidParameterValue", "One or more parameters are invalid. Reason: Message must be shorter"
                    + " than " + queue.maxMessageBytes() + " bytes.");
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(queue.url()))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("ElasticMQ did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ElasticMQ", e);
        }
        return answer(response.statusCode(), response.body());
    }

    /** The form's parameters, decoded as SQS decodes them (application/x-www-form-urlencoded, UTF-8). */
    static Map<String, String> parameters(String form) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** The message's size as SQS counts it against MaximumMessageSize: the body and each attribute's name, type and value. */
    private static long messageBytes(Map<String, String> parameters) {
        long size = bytes(parameters.get("MessageBody"));
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (!name.startsWith("MessageAttribute.")) {
                continue;
            }
            if (name.endsWith(".Name") || name.endsWith(".Value.DataType") || name.endsWith(".Value.StringValue")) {
                size += bytes(parameter.getValue());
            } else if (name.endsWith(".Value.BinaryValue")) {
                size += Base64.getDecoder().decode(parameter.getValue()).length;
            }
        }
        return size;
    }

    private static Answer error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("Error");
        error.put("Code", code);
        error.put("Message", message);
        error.put("Type", status < 500 ? "Sender" : "Receiver");
        body.put("RequestId", UUID.randomUUID().toString());
        return new Answer(status, body.toString());
    }

    /** ElasticMQ's XML answer as SQS's JSON one. */
    private static Answer answer(int status, String xml) {
        ObjectNode root = JSON.createObjectNode();
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new StringReader(xml));
            try {
                reader.nextTag();
                root.set(reader.getLocalName(), element(reader));
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException("ElasticMQ answered " + status + " with what is not XML: " + xml, e);
        }
        if (!root.has("ErrorResponse")) {
            return new Answer(status, root.toString());
        }
        // SQS's JSON error is the ErrorResponse element's content.
        ObjectNode body = (ObjectNode) root.get("ErrorResponse");
        ObjectNode error = (ObjectNode) body.get("Error");
        error.put("Type", status < 500 ? "Sender" : "Receiver");
        if (error.path("Code").asText().equals("InvalidAttributeValue")
                && error.path("Message").asText().equals("InvalidMessageContents")) {
            error.put("Code", "InvalidMessageContents");
            error.put("Message", "Invalid characters found in the message body; SQS allows #x9 | #xA | #xD | #x20 to"
                    + " #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.");
        }
        return new Answer(status, body.toString());
    }

    /** The element the reader is on, to its end: its text if it has no child elements (null if empty), else an object. */
    private static JsonNode element(XMLStreamReader reader) throws XMLStreamException {
        ObjectNode children = null;
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (children == null) {
                    children = JSON.createObjectNode();
                }
                String name = reader.getLocalName();
                JsonNode child = element(reader);
                JsonNode earlier = children.get(name);
                if (earlier == null) {
                    children.set(name, child);
                } else if (earlier instanceof ArrayNode list) {
                    list.add(child);
                } else {
                    children.set(name, JsonNodeFactory.instance.arrayNode().add(earlier).add(child));
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (children != null) {
                    return children;
                }
                return text.isEmpty() ? NullNode.getInstance() : TextNode.valueOf(text.toString());
            }
        }
    }

    private static XMLInputFactory xmlInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
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
        http.close();
        client.close();
        server.stopAndWait();
    }
}
