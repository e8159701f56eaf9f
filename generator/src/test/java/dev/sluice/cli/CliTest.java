package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.answers.Question;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest extends CliHarness {
    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(cwd.resolve("not-json.json"), "{ this is not json");
        Files.writeString(cwd.resolve("array.json"), "[1, 2]");
        Files.writeString(cwd.resolve("string-schema.json"), "{\"type\": \"string\"}");
        Files.writeString(cwd.resolve("bad-ref.json"),
                "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/definitions/missing\"}}}");
        Files.writeString(cwd.resolve("unknown-key.yaml"), "name: x\nmaxdelay: 5m\n");
        Files.writeString(cwd.resolve("wrong-type.yaml"), "name: x\navgRps: lots\n");
        Files.createDirectories(cwd.resolve("taken"));
        Files.writeString(cwd.resolve("taken/keep.txt"), "mine");
        service("two-same-paths.yaml", "- path: /orders", "- path: /refunds", "- path: /orders");
        service("no-path.yaml", "- path: /orders", "- peakRps: 10");
        service("parameter-is-a-field.yaml", "- path: /orders/{orderId}/events\n  fields: [orderId:uuid, type:string]");
        service("same-path-other-parameter.yaml", "- path: /orders/{oid}", "- path: /orders/{orderId}");
        service("two-parameters-at-one-place.yaml", "- path: /orders/{oid}", "- path: /orders/{orderId}/events");
        service("same-name.yaml", "- path: /orders-events", "- path: /orders/events");
        service("service-key-in-endpoint.yaml", "- path: /orders\n  iac: cdk");
        service("bad-endpoint-answer.yaml", "- path: /orders", "- path: /refunds\n  peakRps: 0");
        service("correlation-id.yaml", "- path: /orders/{correlationId}");
        service("parameter-twice.yaml", "- path: /a/{pid}/b/{pid}");
        service("ten-parameters.yaml", "- path: /a/{p1}/{p2}/{p3}/{p4}/{p5}/{p6}/{p7}/{p8}/{p9}/{p10}");
        service("too-many.yaml", java.util.stream.IntStream.rangeClosed(1, dev.sluice.answers.Limits.MAX_ENDPOINTS + 1)
                .mapToObj(i -> "- path: /e" + i).toArray(String[]::new));
        // Long paths of distinct segments: more resources than one API holds, within the endpoint limit.
        service("too-many-resources.yaml", java.util.stream.IntStream.rangeClosed(1, dev.sluice.answers.Limits.MAX_ENDPOINTS)
                .mapToObj(i -> "- path: " + java.util.stream.IntStream.rangeClosed(1, dev.sluice.answers.Limits.API_MAX_RESOURCES
                        / dev.sluice.answers.Limits.MAX_ENDPOINTS + 1).mapToObj(j -> "/e" + i + "s" + j)
                        .collect(java.util.stream.Collectors.joining())).toArray(String[]::new));
        Files.writeString(cwd.resolve("path-and-endpoints.yaml"), "name: s\npath: /orders\nendpoints:\n- path: /refunds\n");
        Files.writeString(cwd.resolve("empty-endpoints.yaml"), "name: s\nendpoints: []\n");
        Files.writeString(cwd.resolve("endpoints-not-a-list.yaml"), "name: s\nendpoints: /orders\n");
        service("good-service.yaml", "- path: /orders", "- path: /orders/{orderId}/events", "- path: /refunds");
    }

    /** An answers file of a service named s with these endpoints (each a YAML list item, "\n  " before more keys). */
    private void service(String file, String... endpoints) throws IOException {
        Files.writeString(cwd.resolve(file), "name: s\nendpoints:\n" + String.join("\n", endpoints).replace("\\n", "\n") + "\n");
    }

    @Test
    void versionPrintsTheVersion() {
        assertEquals(0, run("--version"));
        assertTrue(dev.sluice.engine.Engine.version().matches("\\d+\\.\\d+\\.\\d+.*"), dev.sluice.engine.Engine.version());
        assertEquals("sluice " + dev.sluice.engine.Engine.version() + "\n", out.toString());
    }

    /** Each flag's help is its Question's text (QuestionHelp), whole, on lines that fit 80 columns unbroken inside words. */
    @ParameterizedTest
    @ValueSource(strings = {"new", "plan"})
    void helpShowsEveryQuestionsOwnHelpText(String command) {
        assertEquals(0, run(command, "--help"));
        String help = out.toString();
        String flowed = help.replaceAll("\\s+", " ");
        for (Question q : Question.values()) {
            if (q != Question.NAME || command.equals("new")) {
                assertTrue(flowed.contains(q == Question.NAME ? "[NAME] " : q.flag() + "="), "help lacks " + q.flag());
                assertTrue(flowed.contains(" " + q.help() + " "), "help lacks " + q + "'s text: " + q.help());
            }
        }
        for (String line : help.split("\n")) {
            assertTrue(line.length() <= 80, "too long: " + line);
        }
        for (String form : List.of("--answers", "--batch", "Exit codes")) {
            assertTrue(help.contains(form), "help lacks " + form);
        }
    }

    @Test
    void newHelpHasItsOwnFlagsToo() {
        assertEquals(0, run("new", "--help"));
        for (String form : List.of("--output", "--force", "--dir")) {
            assertTrue(out.toString().contains(form), "help lacks " + form);
        }
    }

    @Test
    void theProjectVersionIsAFlagAndTheDefaultIsTheFirstSnapshot() throws IOException {
        assertEquals(0, run("new", "orders-api", "--batch", "--project-version", "2.4.0"), err.toString());
        assertTrue(Files.readString(cwd.resolve("orders-api/pom.xml")).contains("<version>2.4.0</version>"));
        assertEquals(0, run("new", "plain", "--batch"), err.toString());
        assertTrue(Files.readString(cwd.resolve("plain/pom.xml")).contains("<version>0.1.0-SNAPSHOT</version>"));
    }

    @Test
    void batchGeneratesTheDefaultProject() throws IOException {
        assertEquals(0, run("new", "orders-api", "--batch"), err.toString());
        Path project = cwd.resolve("orders-api");
        assertTrue(Files.isRegularFile(project.resolve("template.yaml")));
        assertTrue(Files.isRegularFile(project.resolve("pom.xml")));
        assertTrue(Files.isRegularFile(project.resolve("src/main/java/com/example/ordersapi/OrderHandler.java")));
        assertTrue(out.toString().startsWith("Created orders-api/: a SAM project for POST /orders"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void answersThatCannotBeMetStillGenerateWithTheWarningPrintedAndInTheReadme() throws IOException {
        assertEquals(0, run("new", "capped", "--batch", "--downstream-limit", "2"), err.toString());
        String warning = out.toString().lines().filter(l -> l.startsWith("Warning: ")).findFirst().orElseThrow();
        assertTrue(warning.contains("downstream limit of 2"), warning);
        String readme = Files.readString(cwd.resolve("capped/README.md"));
        assertTrue(readme.contains(warning.substring("Warning: ".length())), "the README carries the warning");
        assertTrue(Files.readString(cwd.resolve("capped/template.yaml")).contains("MaximumConcurrency: 2"), "the limit is respected");
    }

    @Test
    void everyProjectCarriesItsCapacityReportAndChart() throws Exception {
        assertEquals(0, run("new", "orders-api", "--batch", "--iac", "cdk"), err.toString());
        Path project = cwd.resolve("orders-api");
        String capacity = Files.readString(project.resolve("docs/CAPACITY.md"));
        for (String section : List.of("## Settings", "## Simulation", "Worst message age", "## Monthly cost", "**Total**", "(capacity.svg)")) {
            assertTrue(capacity.contains(section), "CAPACITY.md lacks " + section);
        }
        javax.xml.parsers.DocumentBuilderFactory xml = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        try (var svg = Files.newInputStream(project.resolve("docs/capacity.svg"))) {
            assertEquals("svg", xml.newDocumentBuilder().parse(svg).getDocumentElement().getTagName());
        }
        assertTrue(Files.readString(project.resolve("README.md")).contains("[docs/CAPACITY.md](docs/CAPACITY.md)"));
        assertTrue(Files.exists(project.resolve("infra/src/main/java/com/example/ordersapi/infra/OrdersApiStack.java")));
        assertTrue(Files.exists(project.resolve("function/src/main/java/com/example/ordersapi/OrderHandler.java")));
        assertTrue(out.toString().contains("Created orders-api/: a CDK project"), out.toString());
    }

    @Test
    void anArchiveInsteadOfAFolder() throws IOException {
        assertEquals(0, run("new", "orders-api", "--batch", "--output", "out/orders.zip"), err.toString());
        assertTrue(Files.size(cwd.resolve("out/orders.zip")) > 1000);
        assertFalse(Files.exists(cwd.resolve("orders-api")));
    }

    @Test
    void flagsOverrideTheAnswersFile() throws IOException {
        Files.writeString(cwd.resolve("answers.yaml"), "name: from-file\npath: /payments\nauth: iam\n");
        assertEquals(0, run("new", "--answers", "answers.yaml", "--batch", "--auth", "api-key", "--dir", "p"), err.toString());
        String template = Files.readString(cwd.resolve("p/template.yaml"));
        assertTrue(template.contains("/payments"));
        assertTrue(Files.exists(cwd.resolve("p/src/main/java/com/example/fromfile/PaymentHandler.java")));
        assertTrue(template.contains("UsagePlan"), "api-key from the flag wins over iam from the file");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(List.of("new", "--batch"), "NAME: (no value) is required"),
                Arguments.of(List.of("new", "", "--batch"), "NAME: '' is required"),
                Arguments.of(List.of("new", "Orders_API", "--batch"), "NAME: 'Orders_API' is not a valid project name"),
                Arguments.of(List.of("new", "../outside", "--batch"), "NAME: '../outside' is not a valid project name"),
                Arguments.of(List.of("new", "a/b", "--batch"), "NAME: 'a/b' is not a valid project name"),
                Arguments.of(List.of("new", "/abs/path", "--batch"), "NAME: '/abs/path' is not a valid project name"),
                Arguments.of(List.of("new", "x", "--batch", "--group-id", ""), "--group-id: '' is empty"),
                Arguments.of(List.of("new", "x", "--batch", "--group-id", "com.1example"), "--group-id: 'com.1example' is not a valid groupId"),
                Arguments.of(List.of("new", "x", "--batch", "--package", "com..x"), "--package: 'com..x' is not a valid Java package"),
                Arguments.of(List.of("new", "x", "--batch", "--package", "com/x"), "--package: 'com/x' is not a valid Java package"),
                Arguments.of(List.of("new", "x", "--batch", "--package", "com.example.class"), "--package: 'com.example.class' has the Java keyword 'class'"),
                Arguments.of(List.of("new", "x", "--batch", "--iac", "pulumi"), "--iac: 'pulumi' is not one of the choices"),
                Arguments.of(List.of("new", "x", "--batch", "--field", "a:strng"), "--field: "),
                Arguments.of(List.of("new", "x", "--batch", "--field", "a:int,a:string"), "--field: "),
                Arguments.of(List.of("new", "x", "--batch", "--field", "justaname"), "--field: "),
                Arguments.of(List.of("new", "x", "--batch", "--field", "../up:string"), "--field: "),
                Arguments.of(List.of("new", "x", "--batch", "--schema", "not-json.json"), "--schema: "),
                Arguments.of(List.of("new", "x", "--batch", "--schema", "string-schema.json"), "--schema: "),
                Arguments.of(List.of("new", "x", "--batch", "--schema", "bad-ref.json"), "--schema: "),
                Arguments.of(List.of("new", "x", "--batch", "--example", "not-json.json"), "--example: "),
                Arguments.of(List.of("new", "x", "--batch", "--example", "array.json"), "--example: "),
                Arguments.of(List.of("new", "x", "--batch", "--avg-rps", "-3"), "--avg-rps: '-3' is not above 0"),
                Arguments.of(List.of("new", "x", "--batch", "--peak-rps", "0"), "--peak-rps: '0' is not above 0"),
                Arguments.of(List.of("new", "x", "--batch", "--avg-rps", "5d"), "--avg-rps: '5d' is not a number"),
                Arguments.of(List.of("new", "x", "--batch", "--avg-rps", "10", "--peak-rps", "5"), "--peak-rps: '5' is below the average of 10"),
                Arguments.of(List.of("new", "x", "--batch", "--max-delay", "500ms"), "--max-delay: '500ms' is not a duration"),
                Arguments.of(List.of("new", "x", "--batch", "--max-delay", "0s"), "--max-delay: '0s' is shorter than 1 second"),
                Arguments.of(List.of("new", "x", "--batch", "--max-payload-kib", "1025"), "--max-payload-kib: '1025' is out of range"),
                Arguments.of(List.of("new", "x", "--batch", "--log-retention-days", "45"),
                        "--log-retention-days: '45' is not a retention CloudWatch Logs accepts; accepted: one of CloudWatch Logs' "
                                + "retentions: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, "
                                + "3288, 3653 days"),
                Arguments.of(List.of("new", "x", "--batch", "--log-retention-days", "1w"), "--log-retention-days: '1w' is not a whole number of days"),
                Arguments.of(List.of("new", "taken", "--batch"), "--dir: '/home/dev/taken' exists and is not empty"),
                Arguments.of(List.of("new", "x", "--batch", "--answers", "unknown-key.yaml"), "maxdelay: 'maxdelay' is not a known key"),
                Arguments.of(List.of("new", "x", "--batch", "--answers", "wrong-type.yaml"), "avgRps: 'lots' is not a number"),
                Arguments.of(List.of("new", "x", "--batch", "--no-such-flag"), "Unknown option: '--no-such-flag'"),
                Arguments.of(List.of("new", "--batch", "--answers", "two-same-paths.yaml"), "--path: '/orders' is the path of two endpoints"),
                Arguments.of(List.of("new", "--batch", "--answers", "no-path.yaml"),
                        "endpoints[2] --path: (no value) is required: every endpoint of a service has its own path"),
                Arguments.of(List.of("new", "--batch", "--answers", "parameter-is-a-field.yaml"),
                        "endpoints[1] (/orders/{orderId}/events) path: '/orders/{orderId}/events' has the parameter {orderId}, which is also a field of the body"),
                Arguments.of(List.of("new", "--batch", "--answers", "same-path-other-parameter.yaml"),
                        "--path: '/orders/{orderId}' is /orders/{oid} with another parameter name: API Gateway takes them as one path"),
                Arguments.of(List.of("new", "--batch", "--answers", "two-parameters-at-one-place.yaml"),
                        "--path: '/orders/{orderId}/events' has the parameter {orderId} under '/orders/', where another endpoint has {oid}"),
                Arguments.of(List.of("new", "--batch", "--answers", "same-name.yaml"), "--path: '/orders/events' is named OrdersEvents as /orders-events is"),
                Arguments.of(List.of("new", "--batch", "--answers", "service-key-in-endpoint.yaml"),
                        "endpoints[1].iac: 'iac' is the service's answer, not an endpoint's"),
                Arguments.of(List.of("new", "--batch", "--answers", "bad-endpoint-answer.yaml"), "endpoints[2] (/refunds) peakRps: '0' is not above 0"),
                Arguments.of(List.of("new", "--batch", "--answers", "correlation-id.yaml"), "has a parameter named correlationId"),
                Arguments.of(List.of("new", "--batch", "--answers", "parameter-twice.yaml"), "has the parameter {pid} twice"),
                Arguments.of(List.of("new", "--batch", "--answers", "ten-parameters.yaml"), "has 10 parameters, more than the 9 message attributes"),
                Arguments.of(List.of("new", "--batch", "--answers", "too-many.yaml"), "endpoints: '13 endpoints' are more than one stack holds"),
                Arguments.of(List.of("new", "--batch", "--answers", "too-many-resources.yaml"),
                        "endpoints: '12 endpoints' make 312 API resources (a path segment each), more than API Gateway's 300"),
                Arguments.of(List.of("new", "--batch", "--answers", "path-and-endpoints.yaml"),
                        "--path: '/orders' is one endpoint's, but the service has a list of endpoints"),
                Arguments.of(List.of("new", "--batch", "--answers", "empty-endpoints.yaml"), "endpoints: '[]' is empty"),
                Arguments.of(List.of("new", "--batch", "--answers", "endpoints-not-a-list.yaml"), "endpoints: '/orders' is not a list"),
                Arguments.of(List.of("new", "--batch", "--answers", "good-service.yaml", "--peak-rps", "80"),
                        "--peak-rps: '80' answers one endpoint, but good-service.yaml lists 3 (endpoints:)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInput")
    void badInputIsOneLineExitTwoAndNothingWritten(List<String> args, String expected) throws IOException {
        Set<String> before = files();
        assertEquals(2, run(args.toArray(String[]::new)));
        String message = err.toString();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("sluice: ") && message.contains(expected), message);
        assertTrue(message.contains("accepted: ") || message.contains("--help"), message);
        assertEquals(before, files(), "nothing written");
        assertEquals("", out.toString());
    }

    @Test
    void aServiceOfSeveralEndpointsGivesEachItsPackageAndFoldersAndSaysSoEndpointByEndpoint() throws IOException {
        assertEquals(0, run("new", "--batch", "--answers", "good-service.yaml"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("Created s/: a SAM service of 3 endpoints ("), lines.get(0));
        assertTrue(lines.get(1).startsWith("  POST /orders: batch "), lines.get(1));
        assertTrue(lines.get(2).startsWith("  POST /orders/{orderId}/events: batch "), lines.get(2));
        assertTrue(lines.get(3).startsWith("  POST /refunds: batch "), lines.get(3));
        for (String endpoint : List.of("orders", "ordersevents", "refunds")) {
            assertTrue(Files.isDirectory(cwd.resolve("s/src/main/java/com/example/s/" + endpoint + "/model")), endpoint);
            assertTrue(Files.exists(cwd.resolve("s/src/main/resources/" + endpoint + "/request-model.json")), endpoint);
            assertTrue(Files.exists(cwd.resolve("s/events/" + endpoint + "/sqs-event.json")), endpoint);
            assertTrue(Files.exists(cwd.resolve("s/pipelines/" + endpoint + ".json")), endpoint);
        }
        assertTrue(Files.exists(cwd.resolve("s/src/main/java/com/example/s/orders/OrderHandler.java")));
        assertTrue(Files.exists(cwd.resolve("s/src/main/java/com/example/s/ordersevents/EventHandler.java")));
        assertFalse(Files.exists(cwd.resolve("s/pipeline.json")), "no endpoint's pipeline at the top");
    }

    @Test
    void aFailureThatIsNotTheUsersIsAnInternalErrorExitOne() throws IOException {
        // A file where the target's parent folder must go: nothing an answer could fix.
        Files.writeString(cwd.resolve("blocker"), "a file where a folder must go");
        assertEquals(1, run("new", "x", "--batch", "--dir", "blocker/x"));
        assertTrue(err.toString().startsWith("sluice: internal error: "), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void forceWritesIntoANonEmptyFolder() throws IOException {
        assertEquals(0, run("new", "taken", "--batch", "--force"), err.toString());
        assertTrue(Files.exists(cwd.resolve("taken/template.yaml")));
        assertEquals("mine", Files.readString(cwd.resolve("taken/keep.txt")));
    }

    @Test
    void theWizardAsksEachQuestionAndAsksAgainAfterABadAnswer() throws IOException {
        String answers = String.join("\n",
                "Bad Name", "orders-api", // name: refused, then accepted
                "", "", "", "", "/payments", "api-key", // groupId, package, iac, runtime, path, auth
                "", "id:uuid,total:number", // payload form, fields
                "", "later", "2m", "", "", // max payload, max delay (refused, then 2m), ordering, duplicates
                "3", "", "", "", "", "", "") + "\n"; // avg rps and the rest by default
        assertEquals(0, run(answers, true, "new"), err.toString());
        String transcript = out.toString();
        assertTrue(transcript.contains("Project name (artifactId): "), transcript);
        assertTrue(transcript.contains("  is not a valid project name; accepted: lower-case letters"), transcript);
        assertTrue(transcript.contains("Maven groupId [com.example]: "), transcript);
        assertTrue(transcript.contains("Java package [com.example.ordersapi]: "), transcript);
        assertTrue(transcript.contains("  is not a duration; accepted: "), transcript);
        assertTrue(transcript.contains("Processing time of one message, worst (ms) [500]: "), transcript);
        assertTrue(Files.exists(cwd.resolve("orders-api/src/main/java/com/example/ordersapi/PaymentHandler.java")));
        assertTrue(Files.readString(cwd.resolve("orders-api/template.yaml")).contains("UsagePlan"));
    }

    @Test
    void theWizardAddsAnotherEndpointUntilToldNoAndAsksAgainForATakenPath() throws IOException {
        String first = String.join("\n", "shop", "", "", "", "", "/orders", "", "", "", "", "", "", "", "", "", "", "", "", "", "");
        String endpoint = String.join("\n", "", "", "refundId:uuid,amount:number", "", "", "", "", "", "", "", "", "", "");
        String answers = String.join("\n", first, "yes", "/orders", endpoint, "y", "/refunds", endpoint, "no") + "\n";
        assertEquals(0, run(answers, true, "new"), err.toString());
        String transcript = out.toString();
        assertTrue(transcript.contains("Add another endpoint? [no]: Endpoint 2:"), transcript);
        assertTrue(transcript.contains("  is the path of two endpoints; accepted: a path no other endpoint has"), transcript);
        assertTrue(transcript.contains("Created shop/: a SAM service of 2 endpoints"), transcript);
        assertTrue(Files.exists(cwd.resolve("shop/src/main/java/com/example/shop/orders/OrderHandler.java")));
        assertTrue(Files.exists(cwd.resolve("shop/src/main/java/com/example/shop/refunds/model/Refund.java")));
    }

    @Test
    void theWizardSkipsWhatFlagsAnswered() {
        String answers = "\n".repeat(20);
        assertEquals(0, run(answers, true, "new", "demo", "--path", "/things", "--avg-rps", "1"), err.toString());
        assertFalse(out.toString().contains("Project name"), out.toString());
        assertFalse(out.toString().contains("Endpoint path"), out.toString());
        assertFalse(out.toString().contains("Average requests"), out.toString());
    }

    @Test
    void planPrintsEverySettingAndWritesNothing() throws IOException {
        Set<String> before = files();
        assertEquals(0, run("plan", "--batch", "--max-delay", "2m"), err.toString());
        String table = out.toString();
        for (String label : List.of("Batch size", "Batching window", "Maximum concurrency", "Visibility timeout", "Queue retention",
                "API rate limit", "Alarm: oldest message age")) {
            assertTrue(table.contains(label), table);
        }
        assertTrue(table.contains("> 120 s"), table);
        assertEquals(before, files());
    }
}
