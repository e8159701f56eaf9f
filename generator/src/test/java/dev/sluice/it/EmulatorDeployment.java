package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A generated project deployed into the {@link Emulator} by CloudFormation, the way its team would deploy it, and
 * what the stack made, found among the stack's resources by type (never by a logical id a template change could
 * rename).
 *
 * <ul>
 *   <li>SAM form: the function's code is the jar the project's {@code mvn verify} built ({@code target/function.jar}),
 *       uploaded to S3 as {@code sam deploy} uploads it; the template's SAM transform is applied by AWS's own
 *       translator ({@code scripts/sam-transform.py}), as CloudFormation applies it, because LocalStack's leaves
 *       {@code !Ref Api.Stage} (the stage a usage plan names) unresolved.</li>
 *   <li>CDK form: the cloud assembly {@code cdk synth} wrote, deployed as {@code cdk deploy} deploys it into a
 *       bootstrapped account: each file asset uploaded to the destination its asset manifest names (the bootstrap
 *       bucket), the bootstrap version parameter the template reads from SSM set to the version the assembly
 *       requires.</li>
 * </ul>
 *
 * <p>One change, in a copy of either template: every event source mapping is created disabled ({@code Enabled:
 * false}). Nothing runs the consumer here (the emulator's Lambda executor runs nothing), and a live mapping would
 * take the messages the contract suite reads (LocalStack's poller deletes a batch its failed invocation leaves).
 * The template goes to S3 and the stack is created from its URL, as {@code sam deploy} and {@code cdk deploy} do
 * with a template over CloudFormation's 51,200-byte body limit.
 *
 * @param stackName    the stack, named after the answer set so that two projects proven at once never meet
 * @param restApiId    the REST API
 * @param stage        the API's stage name
 * @param queues       the queues the API sends to (each endpoint's, the queues with a redrive policy), by queue name
 * @param apiKey       the value of the stack's API key, if it has one
 * @param resources    every resource of the stack
 * @param openApi      whether the REST API was imported from an OpenAPI document (its Body), whose import differs
 *                     between API Gateway and LocalStack
 * @param timings      what each step took
 */
record EmulatorDeployment(String stackName, String restApiId, String stage, Map<String, Queue> queues, Optional<String> apiKey,
                          List<StackResourceSummary> resources, boolean openApi, String timings) {
    /**
     * An endpoint's queue as deployed.
     *
     * @param url                the queue the API sends to
     * @param attributes         its attributes, as SQS reports them
     * @param deadLetterQueueUrl the queue its redrive policy names
     * @param eventSources       the event source mappings that read it, as Lambda reports them
     */
    record Queue(String url, Map<QueueAttributeName, String> attributes, String deadLetterQueueUrl,
                 List<GetEventSourceMappingResponse> eventSources) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Holds each stack's template and, for the SAM form, its function's code. */
    static final String BUCKET = "sluice-emulator";
    private static final Duration STACK_TIMEOUT = Duration.ofMinutes(3);
    private static final Set<String> BUCKETS_MADE = new HashSet<>();

    /**
     * Deploys the project in {@code project}; for the CDK form, the cloud assembly {@code cdk synth} wrote to
     * {@code cloudAssembly}. The template as deployed is kept in {@code work}.
     */
    static EmulatorDeployment deploy(Emulator emulator, String stackName, Path project, Path cloudAssembly, Path work)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        long begin = System.nanoTime();
        bucket(emulator, BUCKET);
        boolean sam = Files.exists(project.resolve("template.yaml"));
        ObjectNode template = sam ? samTemplate(emulator, stackName, project, work) : cdkTemplate(emulator, cloudAssembly);
        long prepared = System.nanoTime();

        int mappings = 0;
        boolean openApi = false;
        for (JsonNode resource : template.path("Resources")) {
            if (resource.path("Type").asText().equals("AWS::ApiGateway::RestApi")) {
                openApi |= resource.path("Properties").has("Body") || resource.path("Properties").has("BodyS3Location");
            }
            if (resource.path("Type").asText().equals("AWS::Lambda::EventSourceMapping")) {
                ((ObjectNode) resource.get("Properties")).put("Enabled", false);
                mappings++;
            }
        }
        if (mappings == 0) {
            throw new AssertionError(stackName + ": the template has no AWS::Lambda::EventSourceMapping");
        }
        byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(template);
        Files.write(work.resolve("template.json"), body);
        String key = stackName + "/template.json";
        emulator.s3().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body));

        CloudFormationClient cfn = emulator.cloudFormation();
        // A stack deployed before (a project, then the same project after `sluice update`) is updated in place, as
        // `sam deploy` and `cdk deploy` do: what CloudFormation must accept is the change, not only a fresh stack.
        boolean update = exists(cfn, stackName);
        String templateUrl = emulator.endpoint().resolve("/" + BUCKET + "/" + key).toString();
        try {
            if (update) {
                cfn.updateStack(b -> b.stackName(stackName).templateURL(templateUrl)
                        .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM, Capability.CAPABILITY_AUTO_EXPAND));
            } else {
                cfn.createStack(b -> b.stackName(stackName).templateURL(templateUrl)
                        .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM, Capability.CAPABILITY_AUTO_EXPAND));
            }
        } catch (CloudFormationException e) {
            // CloudFormation refuses a template with a null anywhere (LocalStack fails on it with an internal error).
            List<String> nulls = new ArrayList<>();
            nulls(template, "", nulls);
            throw new AssertionError(stackName + ": " + (update ? "UpdateStack" : "CreateStack") + " refused the template: " + e.getMessage()
                    + (nulls.isEmpty() ? "" : "\nIt holds null values, which CloudFormation refuses (issue 14, defect 1: D1), at " + nulls), e);
        }
        Stack stack = awaitStack(cfn, stackName);
        if (!stack.stackStatusAsString().equals(update ? "UPDATE_COMPLETE" : "CREATE_COMPLETE")) {
            throw new AssertionError(stackName + ": " + stack.stackStatusAsString() + "\n" + failures(cfn, stackName)
                    + "\n" + emulator.logTail(40));
        }
        long created = System.nanoTime();

        List<StackResourceSummary> resources = new ArrayList<>();
        cfn.listStackResourcesPaginator(b -> b.stackName(stackName)).forEach(page -> resources.addAll(page.stackResourceSummaries()));
        String restApiId = one(resources, "AWS::ApiGateway::RestApi", stackName).physicalResourceId();
        String stage = one(resources, "AWS::ApiGateway::Stage", stackName).physicalResourceId();

        // The queues the API sends to are those whose redrive policy names another: their dead-letter queues.
        Map<String, Map<QueueAttributeName, String>> sending = new HashMap<>();
        Map<String, String> urlByArn = new HashMap<>();
        for (StackResourceSummary q : ofType(resources, "AWS::SQS::Queue")) {
            Map<QueueAttributeName, String> attributes = emulator.sqs()
                    .getQueueAttributes(b -> b.queueUrl(q.physicalResourceId()).attributeNames(QueueAttributeName.ALL)).attributes();
            urlByArn.put(attributes.get(QueueAttributeName.QUEUE_ARN), q.physicalResourceId());
            if (attributes.containsKey(QueueAttributeName.REDRIVE_POLICY)) {
                sending.put(q.physicalResourceId(), attributes);
            }
        }
        List<GetEventSourceMappingResponse> eventSources = ofType(resources, "AWS::Lambda::EventSourceMapping").stream()
                .map(m -> emulator.lambda().getEventSourceMapping(b -> b.uuid(m.physicalResourceId()))).toList();
        Map<String, Queue> queues = new HashMap<>();
        for (Map.Entry<String, Map<QueueAttributeName, String>> q : sending.entrySet()) {
            String deadLetterArn = JSON.readTree(q.getValue().get(QueueAttributeName.REDRIVE_POLICY)).path("deadLetterTargetArn").asText();
            if (!urlByArn.containsKey(deadLetterArn)) {
                throw new AssertionError(stackName + ": the redrive policy of " + q.getKey() + " names no queue of the stack: " + urlByArn);
            }
            String arn = q.getValue().get(QueueAttributeName.QUEUE_ARN);
            queues.put(arn.substring(arn.lastIndexOf(':') + 1), new Queue(q.getKey(), q.getValue(), urlByArn.get(deadLetterArn),
                    eventSources.stream().filter(m -> arn.equals(m.eventSourceArn())).toList()));
        }
        if (queues.isEmpty()) {
            throw new AssertionError(stackName + ": no queue whose redrive policy names a queue of the stack: " + urlByArn);
        }

        Optional<String> apiKey = ofType(resources, "AWS::ApiGateway::ApiKey").stream().findFirst()
                .map(k -> emulator.apiGateway().getApiKey(b -> b.apiKey(k.physicalResourceId()).includeValue(true)).value());
        long found = System.nanoTime();

        String timings = String.format("%s in %.1f s (%s %.1f s, stack %.1f s, %d resources found %.1f s)",
                update ? "updated" : "deployed", seconds(begin, found), sam ? "SAM transform and code upload" : "assets upload", seconds(begin, prepared),
                seconds(prepared, created), resources.size(), seconds(created, found));
        return new EmulatorDeployment(stackName, restApiId, stage, queues, apiKey, resources, openApi, timings);
    }

    // ------------------------------------------------------------------ SAM form

    /** The SAM template transformed into CloudFormation, its function's code uploaded. */
    private static ObjectNode samTemplate(Emulator emulator, String stackName, Path project, Path work)
            throws IOException, InterruptedException {
        Path jar = project.resolve("target/function.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(stackName + ": no " + jar + " (the project's mvn verify builds it)");
        }
        String codeKey = stackName + "/function.jar";
        emulator.s3().putObject(b -> b.bucket(BUCKET).key(codeKey), RequestBody.fromFile(jar));

        Path root = Repository.root();
        Process transform = new ProcessBuilder(root.resolve(".tools/sam/bin/python").toString(),
                root.resolve("scripts/sam-transform.py").toString(), project.resolve("template.yaml").toString(),
                "--code-uri", "s3://" + BUCKET + "/" + codeKey, "--region", Emulator.REGION.id(), "--account-id", Emulator.ACCOUNT)
                .redirectError(work.resolve("sam-transform.log").toFile()).start();
        byte[] out = transform.getInputStream().readAllBytes();
        if (!transform.waitFor(2, TimeUnit.MINUTES) || transform.exitValue() != 0) {
            throw new AssertionError(stackName + ": scripts/sam-transform.py failed:\n"
                    + Files.readString(work.resolve("sam-transform.log")));
        }
        return (ObjectNode) JSON.readTree(out);
    }

    // ------------------------------------------------------------------ CDK form

    /**
     * The synthesized template of the cloud assembly's one stack, after what {@code cdk deploy} does first in a
     * bootstrapped account: its file assets uploaded where the asset manifest says, and the bootstrap version the
     * stack checks (its BootstrapVersion parameter reads it from SSM) there.
     */
    private static ObjectNode cdkTemplate(Emulator emulator, Path cloudAssembly) throws IOException {
        JsonNode manifest = JSON.readTree(cloudAssembly.resolve("manifest.json").toFile());
        JsonNode stack = null;
        List<JsonNode> assetManifests = new ArrayList<>();
        for (Iterator<JsonNode> it = manifest.path("artifacts").elements(); it.hasNext(); ) {
            JsonNode artifact = it.next();
            switch (artifact.path("type").asText()) {
                case "aws:cloudformation:stack" -> {
                    if (stack != null) {
                        throw new AssertionError(cloudAssembly + " holds more than one stack");
                    }
                    stack = artifact.path("properties");
                }
                case "cdk:asset-manifest" -> assetManifests.add(artifact.path("properties"));
                default -> { }
            }
        }
        if (stack == null) {
            throw new AssertionError(cloudAssembly + " holds no stack");
        }
        String templateFile = stack.path("templateFile").asText();
        for (JsonNode assets : assetManifests) {
            JsonNode files = JSON.readTree(cloudAssembly.resolve(assets.path("file").asText()).toFile()).path("files");
            for (Iterator<JsonNode> it = files.elements(); it.hasNext(); ) {
                JsonNode asset = it.next();
                String source = asset.path("source").path("path").asText();
                if (source.equals(templateFile)) {
                    continue; // the template goes up as the stack's own, changed (see deploy)
                }
                if (!asset.path("source").path("packaging").asText().equals("file")) {
                    throw new AssertionError("asset " + source + ": only file assets are deployed here, not "
                            + asset.path("source").path("packaging").asText());
                }
                for (JsonNode destination : asset.path("destinations")) {
                    String bucket = placeholders(destination.path("bucketName").asText());
                    bucket(emulator, bucket);
                    emulator.s3().putObject(b -> b.bucket(bucket).key(placeholders(destination.path("objectKey").asText())),
                            RequestBody.fromFile(cloudAssembly.resolve(source)));
                }
            }
        }
        if (stack.has("bootstrapStackVersionSsmParameter")) {
            String parameter = stack.path("bootstrapStackVersionSsmParameter").asText();
            String version = stack.path("requiresBootstrapStackVersion").asText();
            emulator.ssm().putParameter(b -> b.name(parameter).value(version).type(ParameterType.STRING).overwrite(true));
        }
        return (ObjectNode) JSON.readTree(cloudAssembly.resolve(templateFile).toFile());
    }

    /** The CDK's asset placeholders, for the emulator's account and region. */
    private static String placeholders(String s) {
        return s.replace("${AWS::AccountId}", Emulator.ACCOUNT).replace("${AWS::Region}", Emulator.REGION.id())
                .replace("${AWS::Partition}", "aws");
    }

    // ------------------------------------------------------------------ helpers

    private static void bucket(Emulator emulator, String name) {
        synchronized (BUCKETS_MADE) {
            if (BUCKETS_MADE.add(emulator.endpoint() + "/" + name)) {
                try {
                    emulator.s3().createBucket(b -> b.bucket(name));
                } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException exists) {
                    // made by an earlier run against the same emulator
                }
            }
        }
    }

    private static boolean exists(CloudFormationClient cfn, String stackName) {
        try {
            return cfn.describeStacks(b -> b.stackName(stackName)).stacks().stream()
                    .anyMatch(stack -> !stack.stackStatusAsString().startsWith("DELETE"));
        } catch (CloudFormationException noSuchStack) {
            return false;
        }
    }

    private static Stack awaitStack(CloudFormationClient cfn, String stackName) throws InterruptedException {
        long deadline = System.nanoTime() + STACK_TIMEOUT.toNanos();
        while (true) {
            Stack stack = cfn.describeStacks(b -> b.stackName(stackName)).stacks().get(0);
            if (!stack.stackStatusAsString().endsWith("_IN_PROGRESS") || System.nanoTime() > deadline) {
                return stack;
            }
            Thread.sleep(200);
        }
    }

    /** The stack's failed events, oldest first: what CloudFormation said went wrong. */
    private static String failures(CloudFormationClient cfn, String stackName) {
        List<String> lines = new ArrayList<>();
        cfn.describeStackEventsPaginator(b -> b.stackName(stackName)).stackEvents().stream()
                .filter(e -> e.resourceStatusAsString().endsWith("_FAILED"))
                .map((StackEvent e) -> "  " + e.logicalResourceId() + " (" + e.resourceType() + "): " + e.resourceStatusReason())
                .forEach(lines::add);
        Collections.reverse(lines);
        return String.join("\n", lines);
    }

    /** The JSON pointers of every null in {@code node}. */
    private static void nulls(JsonNode node, String pointer, List<String> found) {
        if (node.isNull()) {
            found.add(pointer);
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f -> nulls(f.getValue(), pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1"), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                nulls(node.get(i), pointer + "/" + i, found);
            }
        }
    }

    private static List<StackResourceSummary> ofType(List<StackResourceSummary> resources, String type) {
        return resources.stream().filter(r -> r.resourceType().equals(type)).toList();
    }

    private static StackResourceSummary one(List<StackResourceSummary> resources, String type, String stackName) {
        List<StackResourceSummary> found = ofType(resources, type);
        if (found.size() != 1) {
            throw new AssertionError(stackName + ": " + found.size() + " resources of type " + type + ", one expected");
        }
        return found.get(0);
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
