package dev.sluice.render;

import dev.sluice.answers.Answers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which template renders to which file, per infrastructure form. Output paths are Pebble
 * templates themselves, rendered with the same {@link ProjectModel}; a per-type entry renders once
 * per payload type with {@code type} bound to it.
 */
public final class Layout {
    private Layout() {}

    /**
     * One template and where it goes. {@code perType}: once per payload type, filtered by kind;
     * {@code when}: whether the project has this file at all (e.g. only idempotent consumers have a store).
     */
    public record Entry(String template, String output, PerType perType, boolean executable, Predicate<ProjectModel> when,
                        Scope scope) {
        static Entry of(String template, String output) {
            return new Entry(template, output, PerType.NONE, false, model -> true, Scope.SERVICE);
        }

        /** A file of the service that it has only when one of its endpoints, at least, is one {@code when} accepts. */
        static Entry of(String template, String output, Predicate<ProjectModel> when) {
            return new Entry(template, output, PerType.NONE, false, when, Scope.SERVICE);
        }

        /** A file every endpoint has its own of, rendered with that endpoint's model. */
        static Entry endpoint(String template, String output) {
            return new Entry(template, output, PerType.NONE, false, model -> true, Scope.ENDPOINT);
        }

        /** An endpoint's file that only endpoints {@code when} accepts have. */
        static Entry endpoint(String template, String output, Predicate<ProjectModel> when) {
            return new Entry(template, output, PerType.NONE, false, when, Scope.ENDPOINT);
        }

        Entry(String template, String output, PerType perType, boolean executable) {
            this(template, output, perType, executable, model -> true, Scope.ENDPOINT);
        }

        Entry at(String dir) {
            return new Entry(template, dir + output, perType, executable, when, scope);
        }
    }

    /**
     * A file of the service (rendered once, reading every endpoint), or of an endpoint (rendered once per endpoint,
     * with its model; the path names the endpoint's package or folder so that each has its own).
     */
    public enum Scope { SERVICE, ENDPOINT }

    /** The consumer claims each message's key in a DynamoDB table: a standard queue that deduplicates. */
    private static final Predicate<ProjectModel> IDEMPOTENT = model -> model.consistency().idempotencyTable();
    /** The consumer moves a message that fails on its last receive to the dead-letter queue itself: a FIFO queue. */
    private static final Predicate<ProjectModel> FIFO = model -> model.consistency().fifo();
    /** The consumer calls an AWS service: DynamoDB (an idempotency store), or SQS (dead-letter moves). */
    private static final Predicate<ProjectModel> CALLS_AWS = IDEMPOTENT.or(FIFO);

    public enum PerType { NONE, RECORDS, ENUMS }

    private static final String AWS_MAIN = "src/main/java/{{ project.packagePath }}/aws/";
    private static final String AWS_TEST = "src/test/java/{{ project.packagePath }}/aws/";
    private static final String MAIN = "src/main/java/{{ endpoint.packagePath }}/";
    private static final String TEST = "src/test/java/{{ endpoint.packagePath }}/";
    /**
     * The local pipeline: API stand-in, embedded ElasticMQ, event source mapping pollers (test scope), for every
     * endpoint; an endpoint's own tests, samples and benchmark there are named after it ({@code OrdersLocalPipelineIT}).
     */
    private static final String LOCAL = "src/test/java/{{ project.packagePath }}/local/";
    private static final String RESOURCES = "src/main/resources/{{ endpoint.resourceDir }}";
    private static final String EVENTS = "{{ endpoint.eventsDir }}/";

    /**
     * Where the consumer sits: the project root in the SAM form ({@code CodeUri: .}), the
     * {@code function/} module in the CDK form, beside the {@code infra/} CDK app.
     */
    public static String consumerDir(Answers.Iac iac) {
        return iac == Answers.Iac.CDK ? "function/" : "";
    }

    public static List<Entry> entries(Answers.Iac iac) {
        List<Entry> entries = new ArrayList<>();
        String dir = consumerDir(iac);
        for (Entry e : consumer()) {
            entries.add(e.at(dir));
        }
        entries.addAll(iac == Answers.Iac.SAM ? sam() : cdk());
        entries.addAll(common());
        return entries;
    }

    /** The Java consumer, the same in every form. */
    static List<Entry> consumer() {
        return List.of(
                Entry.of("consumer/gitignore.peb", ".gitignore"),
                Entry.of("consumer/pom.xml.peb", "pom.xml"),
                Entry.endpoint("consumer/Handler.java.peb", MAIN + "{{ names.handler }}.java"),
                Entry.endpoint("consumer/Processor.java.peb", MAIN + "{{ names.processor }}.java"),
                Entry.endpoint("consumer/DeadLetterQueue.java.peb", MAIN + "DeadLetterQueue.java", FIFO),
                new Entry("consumer/Record.java.peb", MAIN + "model/{{ type.name }}.java", PerType.RECORDS, false),
                new Entry("consumer/Enum.java.peb", MAIN + "model/{{ type.name }}.java", PerType.ENUMS, false),
                Entry.of("consumer/JsonLogging.java.peb", "src/main/java/{{ project.packagePath }}/logging/JsonLogging.java"),
                Entry.of("consumer/logback-configurator.peb",
                        "src/main/resources/META-INF/services/ch.qos.logback.classic.spi.Configurator"),
                Entry.endpoint("consumer/HandlerTest.java.peb", TEST + "{{ names.handler }}Test.java"),
                Entry.of("consumer/JsonLoggingTest.java.peb",
                        "src/test/java/{{ project.packagePath }}/logging/JsonLoggingTest.java"),
                Entry.endpoint("consumer/PayloadParsingTest.java.peb", TEST + "model/PayloadParsingTest.java"),
                Entry.endpoint("consumer/request.json.peb", EVENTS + "request.json"),
                Entry.endpoint("consumer/sqs-event.json.peb", EVENTS + "sqs-event.json"),
                Entry.endpoint("consumer/sqs-event-poison.json.peb", EVENTS + "sqs-event-poison.json"),
                Entry.endpoint("consumer/request-model.json.peb", RESOURCES + "request-model.json"),
                Entry.endpoint("consumer/pipeline.json.peb", "{{ endpoint.pipelineFile }}"),
                Entry.endpoint("consumer/IdempotencyStore.java.peb", MAIN + "IdempotencyStore.java", IDEMPOTENT),
                Entry.endpoint("consumer/DynamoDbIdempotencyStore.java.peb", MAIN + "DynamoDbIdempotencyStore.java", IDEMPOTENT),
                Entry.endpoint("consumer/InMemoryIdempotencyStore.java.peb", TEST + "InMemoryIdempotencyStore.java", IDEMPOTENT),
                Entry.endpoint("consumer/IdempotencyStoreContract.java.peb", TEST + "IdempotencyStoreContract.java", IDEMPOTENT),
                Entry.endpoint("consumer/InMemoryIdempotencyStoreTest.java.peb", TEST + "InMemoryIdempotencyStoreTest.java", IDEMPOTENT),
                Entry.endpoint("consumer/DynamoDbIdempotencyStoreIT.java.peb", TEST + "DynamoDbIdempotencyStoreIT.java", IDEMPOTENT),
                // The client the DynamoDB store and the dead-letter moves call AWS with, one for the service: in place of
                // the AWS SDK's.
                Entry.of("consumer/aws/AwsJsonApi.java.peb", AWS_MAIN + "AwsJsonApi.java", CALLS_AWS),
                Entry.of("consumer/aws/AwsJsonClient.java.peb", AWS_MAIN + "AwsJsonClient.java", CALLS_AWS),
                Entry.of("consumer/aws/AwsServiceException.java.peb", AWS_MAIN + "AwsServiceException.java", CALLS_AWS),
                Entry.of("consumer/aws/SigV4.java.peb", AWS_MAIN + "SigV4.java", CALLS_AWS),
                Entry.of("consumer/aws/AwsCredentials.java.peb", AWS_MAIN + "AwsCredentials.java", CALLS_AWS),
                Entry.of("consumer/aws/LambdaCredentials.java.peb", AWS_MAIN + "LambdaCredentials.java", CALLS_AWS),
                Entry.of("consumer/aws/AwsJsonClientTest.java.peb", AWS_TEST + "AwsJsonClientTest.java", CALLS_AWS),
                Entry.of("consumer/aws/SigV4Test.java.peb", AWS_TEST + "SigV4Test.java", CALLS_AWS),
                Entry.of("consumer/aws/LambdaCredentialsTest.java.peb", AWS_TEST + "LambdaCredentialsTest.java", CALLS_AWS),
                Entry.of("consumer/local/PipelineSettings.java.peb", LOCAL + "PipelineSettings.java"),
                Entry.of("consumer/local/LocalSqs.java.peb", LOCAL + "LocalSqs.java"),
                Entry.of("consumer/local/MappingTemplate.java.peb", LOCAL + "MappingTemplate.java"),
                Entry.of("consumer/local/ApiIntegration.java.peb", LOCAL + "ApiIntegration.java"),
                Entry.of("consumer/local/ApiStandIn.java.peb", LOCAL + "ApiStandIn.java"),
                Entry.of("consumer/local/EventSourcePoller.java.peb", LOCAL + "EventSourcePoller.java"),
                Entry.of("consumer/local/LambdaContextStandIn.java.peb", LOCAL + "LambdaContextStandIn.java"),
                Entry.of("consumer/local/LocalPipeline.java.peb", LOCAL + "LocalPipeline.java"),
                Entry.endpoint("consumer/local/SampleRequests.java.peb", LOCAL + "{{ endpoint.idPrefix }}SampleRequests.java"),
                Entry.of("consumer/local/LocalPipelineMain.java.peb", LOCAL + "LocalPipelineMain.java"),
                Entry.endpoint("consumer/local/LocalPipelineBenchmark.java.peb", LOCAL + "{{ endpoint.idPrefix }}LocalPipelineBenchmark.java"),
                Entry.of("consumer/local/ColdStart.java.peb", LOCAL + "ColdStart.java"),
                Entry.endpoint("consumer/local/ColdStartBenchmark.java.peb", LOCAL + "{{ endpoint.idPrefix }}ColdStartBenchmark.java"),
                Entry.endpoint("consumer/local/MappingTemplatesTest.java.peb", LOCAL + "{{ endpoint.idPrefix }}MappingTemplatesTest.java"),
                Entry.endpoint("consumer/local/LocalPipelineIT.java.peb", LOCAL + "{{ endpoint.idPrefix }}LocalPipelineIT.java"));
    }

    /** What every form has besides the consumer: the capacity report, covering every endpoint, and a chart an endpoint. */
    static List<Entry> common() {
        return List.of(
                Entry.of("common/CAPACITY.md.peb", "docs/CAPACITY.md"),
                Entry.endpoint("common/capacity.svg.peb", "docs/{{ endpoint.capacityChart }}"));
    }

    /** The AWS SAM form. */
    static List<Entry> sam() {
        return List.of(
                Entry.of("sam/template.yaml.peb", "template.yaml"),
                Entry.of("sam/samconfig.toml.peb", "samconfig.toml"),
                Entry.of("sam/TemplateTest.java.peb", "src/test/java/{{ project.packagePath }}/infra/TemplateTest.java"),
                Entry.of("sam/README.md.peb", "README.md"));
    }

    private static final String INFRA_MAIN = "infra/src/main/java/{{ project.packagePath }}/infra/";
    private static final String INFRA_TEST = "infra/src/test/java/{{ project.packagePath }}/infra/";

    /** The AWS CDK form: an aggregator over function/ and the infra/ CDK app. */
    static List<Entry> cdk() {
        return List.of(
                Entry.of("cdk/pom.xml.peb", "pom.xml"),
                Entry.of("cdk/gitignore.peb", ".gitignore"),
                Entry.of("cdk/cdk.json.peb", "cdk.json"),
                Entry.of("cdk/infra-pom.xml.peb", "infra/pom.xml"),
                Entry.of("cdk/App.java.peb", INFRA_MAIN + "{{ names.app }}.java"),
                Entry.of("cdk/Stack.java.peb", INFRA_MAIN + "{{ names.stack }}.java"),
                Entry.of("cdk/QueueBufferedEndpoint.java.peb", INFRA_MAIN + "QueueBufferedEndpoint.java"),
                Entry.endpoint("cdk/Endpoint.java.peb", INFRA_MAIN + "{{ endpoint.name }}Endpoint.java"),
                Entry.of("cdk/RequestModelSchema.java.peb", INFRA_MAIN + "RequestModelSchema.java"),
                Entry.of("cdk/StackTest.java.peb", INFRA_TEST + "{{ names.stack }}Test.java"),
                Entry.of("cdk/RequestModelSchemaTest.java.peb", INFRA_TEST + "RequestModelSchemaTest.java"),
                Entry.of("cdk/README.md.peb", "README.md"));
    }
}
