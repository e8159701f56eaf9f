package dev.sluice.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * LocalStack, the AWS emulator, run on this machine without Docker: its community core from the venv
 * {@code scripts/install-tools} makes in {@code .tools/localstack} (Python 3.13), on a free port on 127.0.0.1, its
 * state in a temporary folder removed on {@link #close()}, its log in a file named by the caller. It emulates the
 * services the generated templates use; Sluice's plugin ({@code scripts/localstack-plugin/}) stands in for two of
 * LocalStack's parts that would download something from outside the package registries: Lambda's executor (functions,
 * versions, aliases and event source mappings are created, an invocation fails: the project's local pipeline runs
 * the handler) and DynamoDB Local (DynamoDB is moto's). No auth token: the community edition needs none.
 *
 * <p>One instance serves a whole {@link GeneratedProjectsIT} run ({@link #inBackground}); its clients are shared
 * by the projects proven at the same time (SDK clients are thread-safe).
 */
final class Emulator implements AutoCloseable {
    static final Region REGION = Region.US_EAST_1;
    /** LocalStack's default account. */
    static final String ACCOUNT = "000000000000";
    /**
     * What the generated templates use: CloudFormation, S3 (templates and code), SQS, API Gateway, Lambda, IAM and
     * STS (roles), CloudWatch Logs, KMS, SNS, CloudWatch (alarms), DynamoDB (the idempotency store), SSM (the CDK
     * bootstrap version). Any other service is refused, so a template that starts using one fails here first.
     */
    static final List<String> SERVICES = List.of("cloudformation", "s3", "sqs", "apigateway", "lambda", "iam", "sts",
            "logs", "kms", "sns", "cloudwatch", "dynamodb", "ssm");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path state;
    private final Path log;
    private final URI endpoint;
    /** What starting took: install-tools (a no-op once installed), LocalStack up, every service loaded. */
    private final String startUp;
    private final String version;
    private final SdkHttpClient sdkHttp = UrlConnectionHttpClient.create();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, AutoCloseable> clients = new LinkedHashMap<>();
    private final Thread shutdownHook;

    private Emulator(Process process, Path state, Path log, URI endpoint, String startUp, String version) {
        this.process = process;
        this.state = state;
        this.log = log;
        this.endpoint = endpoint;
        this.startUp = startUp;
        this.version = version;
        // Should the JVM end without close() (an interrupted build), LocalStack must not outlive it.
        this.shutdownHook = new Thread(this::stop, "localstack-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Installs LocalStack if needed ({@code scripts/install-tools}, which waits for a run already under way, e.g.
     * test-all's in the background), starts it and waits until it answers.
     */
    static Emulator start(Path repository, Path log) throws IOException, InterruptedException {
        long begin = System.nanoTime();
        Process install = new ProcessBuilder(repository.resolve("scripts/install-tools").toString())
                .redirectErrorStream(true).start();
        String installOutput = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (install.waitFor() != 0) {
            throw new IllegalStateException("scripts/install-tools failed:\n" + installOutput);
        }
        Path python = repository.resolve(".tools/localstack/bin/python");
        long installed = System.nanoTime();

        int port;
        try (ServerSocket probe = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path state = Files.createTempDirectory("sluice-localstack");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(python.toString(), "-m", "localstack.runtime.main")
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("GATEWAY_LISTEN", "127.0.0.1:" + port);
        env.put("SERVICES", String.join(",", SERVICES));
        // Sluice's plugin (scripts/localstack-plugin/): no Lambda runtime to download, DynamoDB from moto.
        env.put("LAMBDA_RUNTIME_EXECUTOR", "sluice-no-invoke");
        env.put("PROVIDER_OVERRIDE_DYNAMODB", "sluice-moto");
        // This machine looks like a container to LocalStack, which would then keep its state in /var/lib/localstack
        // and /tmp/localstack, shared by every instance (and emptied by each at start): host mode, state in FILESYSTEM_ROOT.
        env.put("OVERRIDE_IN_DOCKER", "0");
        env.put("FILESYSTEM_ROOT", state.toString());
        // No DNS server of its own (it would try port 53), no certificate download, no usage analytics sent.
        env.put("DNS_ADDRESS", "0");
        env.put("SKIP_SSL_CERT_DOWNLOAD", "1");
        env.put("DISABLE_EVENTS", "1");
        // The community edition has no provider for AWS::CloudWatch::Dashboard and AWS::Logs::QueryDefinition: it
        // records them without creating anything, and asks for this setting to go on doing so.
        env.put("CFN_IGNORE_UNSUPPORTED_RESOURCE_TYPES", "1");
        Process process = builder.start();

        URI endpoint = URI.create("http://127.0.0.1:" + port);
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                deleteTree(state);
                throw new IllegalStateException("LocalStack exited (" + process.exitValue() + ") before it answered:\n" + tail(log, 60));
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(endpoint.resolve("/_localstack/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    String version = health.body().replaceAll("(?s).*\"version\":\\s*\"([^\"]*)\".*", "$1");
                    long up = System.nanoTime();
                    warmUp(client, endpoint);
                    long loaded = System.nanoTime();
                    return new Emulator(process, state, log, endpoint, String.format(
                            "ready in %.1f s (install-tools %.1f s, up %.1f s, services loaded %.1f s)", (loaded - begin) / 1e9,
                            (installed - begin) / 1e9, (up - installed) / 1e9, (loaded - up) / 1e9), version);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                deleteTree(state);
                throw new IllegalStateException("LocalStack did not answer within " + START_TIMEOUT + ":\n" + tail(log, 60));
            }
            Thread.sleep(100);
        }
    }

    /**
     * One read-only call per service (its signing name, then the call), made at start: LocalStack loads a service's
     * provider on its first request, up to seconds each (moto's DynamoDB, CloudFormation's resource providers), and
     * would otherwise do it during the first project's deployment instead of while the projects build.
     */
    private static final List<List<String>> WARM_UP = List.of(
            List.of("cloudformation", "Action=ListStacks&Version=2010-05-15"),
            List.of("sqs", "Action=ListQueues&Version=2012-11-05"),
            List.of("iam", "Action=ListRoles&Version=2010-05-08"),
            List.of("sts", "Action=GetCallerIdentity&Version=2011-06-15"),
            List.of("sns", "Action=ListTopics&Version=2010-03-31"),
            List.of("monitoring", "Action=DescribeAlarms&Version=2010-08-01"),
            List.of("logs", "Logs_20140328.DescribeLogGroups"),
            List.of("kms", "TrentService.ListKeys"),
            List.of("ssm", "AmazonSSM.DescribeParameters"),
            List.of("dynamodb", "DynamoDB_20120810.ListTables"),
            List.of("apigateway", "GET /restapis"),
            List.of("lambda", "GET /2015-03-31/functions/"),
            List.of("s3", "GET /"));

    private static void warmUp(HttpClient client, URI endpoint) throws IOException, InterruptedException {
        for (List<String> call : WARM_UP) {
            String service = call.get(0);
            String what = call.get(1);
            HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(60))
                    // LocalStack routes by the signing name in the credential scope; it checks no signature.
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20240101/" + REGION.id() + "/" + service
                            + "/aws4_request, SignedHeaders=host, Signature=0");
            if (what.startsWith("GET ")) {
                request.uri(endpoint.resolve(what.substring(4))).GET();
            } else if (what.startsWith("Action=")) {
                request.uri(endpoint.resolve("/")).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(what));
            } else {
                request.uri(endpoint.resolve("/")).header("Content-Type", "application/x-amz-json-1.0")
                        .header("X-Amz-Target", what).POST(HttpRequest.BodyPublishers.ofString("{}"));
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(service + " (" + what + ") answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    /** Starts one in the background: the projects' builds go on meanwhile; {@link Background#get()} waits for it. */
    static Background inBackground(Path repository, Path log) {
        return new Background(CompletableFuture.supplyAsync(() -> {
            try {
                Emulator emulator = start(repository, log);
                System.out.printf("emulator: LocalStack %s on %s, %s, log %s%n", emulator.version, emulator.endpoint,
                        emulator.startUp, log);
                return emulator;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }));
    }

    /** An emulator being started; {@link #close()} stops it once started (or as soon as it is). */
    static final class Background implements AutoCloseable {
        private final CompletableFuture<Emulator> starting;

        private Background(CompletableFuture<Emulator> starting) {
            this.starting = starting;
        }

        Emulator get() {
            try {
                return starting.join();
            } catch (CompletionException e) {
                throw new IllegalStateException("the emulator did not start: " + e.getCause().getMessage(), e.getCause());
            }
        }

        @Override
        public void close() {
            try {
                starting.join().close();
            } catch (CompletionException failedToStart) {
                // nothing to stop
            }
        }
    }

    URI endpoint() {
        return endpoint;
    }

    HttpClient http() {
        return http;
    }

    /** The last {@code lines} lines of LocalStack's log, for a failure's message. */
    String logTail(int lines) {
        return "LocalStack's log (" + log + "), last " + lines + " lines:\n" + tail(log, lines);
    }

    CloudFormationClient cloudFormation() {
        return client("cloudFormation", () -> build(CloudFormationClient.builder()));
    }

    S3Client s3() {
        // Path-style URLs: the bucket in the path, not in a host name that would need DNS.
        return client("s3", () -> build(S3Client.builder().forcePathStyle(true)));
    }

    SsmClient ssm() {
        return client("ssm", () -> build(SsmClient.builder()));
    }

    ApiGatewayClient apiGateway() {
        return client("apiGateway", () -> build(ApiGatewayClient.builder()));
    }

    SqsClient sqs() {
        return client("sqs", () -> build(SqsClient.builder()));
    }

    LambdaClient lambda() {
        return client("lambda", () -> build(LambdaClient.builder()));
    }

    @SuppressWarnings("unchecked")
    private synchronized <C extends AutoCloseable> C client(String name, Supplier<C> create) {
        return (C) clients.computeIfAbsent(name, n -> create.get());
    }

    /** A client of the emulator: its endpoint, the region, LocalStack's test credentials (it checks no signature). */
    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C build(B builder) {
        // No retries: the emulator is local, and a retried CreateStack after an internal error would only report
        // that the stack exists, hiding the error.
        return builder.endpointOverride(endpoint).region(REGION).httpClient(sdkHttp)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** Stops LocalStack (its shutdown, then a kill after 20 s) and removes its state. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        stop();
    }

    private synchronized void stop() {
        for (AutoCloseable c : clients.values()) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing
            }
        }
        clients.clear();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        deleteTree(state);
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: best effort
        }
    }
}
