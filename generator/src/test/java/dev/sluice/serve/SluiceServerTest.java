package dev.sluice.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.sluice.answers.Question;
import dev.sluice.cli.Main;
import dev.sluice.cli.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code sluice serve}'s HTTP API, held to what the CLI does with the same answers. */
class SluiceServerTest {
    private static SluiceServer server;
    private static HttpClient http;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = """
            name: shop
            endpoints:
              - path: /orders
                fields: [orderId:uuid, total:number]
                peakRps: 120
              - path: /refunds
                schema: {"type": "object", "required": ["refundId"], "properties": {"refundId": {"type": "string", "format": "uuid"}}}
            """;

    @BeforeAll
    static void start() throws IOException {
        server = SluiceServer.start("127.0.0.1", 0);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + pathAndQuery);
    }

    private static HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static CliRun.Result cli(String file, String answers, String... args) throws IOException {
        return CliRun.run(file, answers, args);
    }

    @Test
    void theRootPrintsTheUsageForCurl() throws Exception {
        HttpResponse<byte[]> response = get("/");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        String usage = new String(response.body());
        for (String route : List.of("/metadata", "/plan", "/starter.zip", "/starter.tgz")) {
            assertTrue(usage.contains(route), route + " in " + usage);
        }
    }

    @Test
    void metadataIsEveryQuestionFromTheCliSource() throws Exception {
        HttpResponse<byte[]> response = get("/metadata");
        assertEquals(200, response.statusCode());
        JsonNode metadata = JSON.readTree(response.body());
        assertEquals(Question.values().length, metadata.path("questions").size());
        for (int i = 0; i < Question.values().length; i++) {
            Question q = Question.values()[i];
            JsonNode node = metadata.path("questions").get(i);
            assertEquals(q.key(), node.path("key").asText());
            assertEquals(q.flag(), node.path("flag").asText());
            assertEquals(q.accepted(), node.path("accepted").asText());
            assertEquals(q.defaultValue().orElse(null), node.has("default") ? node.path("default").asText() : null, q.key());
        }
        assertEquals(List.of("sam", "cdk"), JSON.convertValue(metadata.path("questions").get(Question.IAC.ordinal()).path("choices"), List.class));
        assertEquals(dev.sluice.answers.Limits.MAX_ENDPOINTS, metadata.path("limits").path("maxEndpoints").asInt());
    }

    @Test
    void thePlanIsWhatSluicePlanJsonPrints() throws Exception {
        HttpResponse<byte[]> response = post("/plan", "application/json", "{\"peakRps\": 800, \"maxDelay\": \"2m\"}");
        assertEquals(200, response.statusCode(), new String(response.body()));
        CliRun.Result expected = cli(null, null, "plan", "--json", "--peak-rps", "800", "--max-delay", "2m");
        assertEquals(expected.out(), new String(response.body()));
    }

    @Test
    void theZipIsByteForByteWhatSluiceNewWrites() throws Exception {
        HttpResponse<byte[]> response = get("/starter.zip?name=orders-api&peakRps=200&fields=id:uuid&fields=amount:number");
        assertEquals(200, response.statusCode(), new String(response.body()));
        assertEquals("attachment; filename=\"orders-api.zip\"", response.headers().firstValue("Content-Disposition").orElseThrow());
        CliRun.Result expected = cli("orders-api.zip", null, "new", "orders-api", "--peak-rps", "200", "--field", "id:uuid", "--field", "amount:number",
                "--batch", "--output", "orders-api.zip");
        assertEquals(0, expected.code(), expected.err());
        assertArrayEquals(expected.file(), response.body());
    }

    @Test
    void aServiceDocumentGivesTheTarGzSluiceNewWritesFromTheSameFile() throws Exception {
        HttpResponse<byte[]> response = post("/starter.tgz", "application/yaml", SERVICE);
        assertEquals(200, response.statusCode(), new String(response.body()));
        // The CLI reads a schema from a file: the same schema, as the file the document's inline one stands for.
        String file = SERVICE.replace("schema: {\"type\"", "schema: refunds.json\n#").replaceAll("(?m)^#.*\\n", "");
        // The inline mapping is recorded as JSON (.sluice/refunds.schema.json), as Jackson writes it.
        String schema = new ObjectMapper().writeValueAsString(new ObjectMapper().readTree(
                SERVICE.substring(SERVICE.indexOf("{\"type\""), SERVICE.lastIndexOf('}') + 1)));
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
            Path cwd = Files.createDirectories(fs.getPath("/work"));
            Files.writeString(cwd.resolve("answers.yaml"), file);
            Files.writeString(cwd.resolve("refunds.json"), schema);
            StringWriter err = new StringWriter();
            int code = Main.run(new Terminal(cwd, new BufferedReader(new StringReader("")), new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true), false), "new", "--answers", "answers.yaml", "--batch", "--output", "shop.tar.gz");
            assertEquals(0, code, err.toString());
            assertArrayEquals(Files.readAllBytes(cwd.resolve("shop.tar.gz")), response.body());
        }
    }

    @Test
    void badAnswersAre400WithTheClisLineAsProblemDetails() throws Exception {
        HttpResponse<byte[]> response = post("/starter.zip", "application/x-www-form-urlencoded", "name=orders-api&peakRps=0");
        assertEquals(400, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = JSON.readTree(response.body());
        CliRun.Result expected = cli(null, null, "new", "orders-api", "--peak-rps", "0", "--batch");
        assertEquals(Main.BAD_INPUT, expected.code());
        assertEquals(expected.err().strip(), problem.path("detail").asText());
        assertEquals(400, problem.path("status").asInt());
        assertEquals("Bad answers", problem.path("title").asText());
    }

    @Test
    void aSchemaIsContentNeverAServerPath() throws Exception {
        for (String path : List.of("/etc/passwd", "../../pom.xml", "file:///etc/hosts")) {
            HttpResponse<byte[]> response = post("/starter.zip", "application/x-www-form-urlencoded",
                    "name=x&schema=" + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(400, response.statusCode());
            assertTrue(JSON.readTree(response.body()).path("detail").asText().contains("is not a JSON object: the server takes the schema itself, never a path"),
                    new String(response.body()));
        }
        HttpResponse<byte[]> yaml = post("/starter.zip", "application/yaml", "name: x\nexample: /etc/hosts\n");
        assertEquals(400, yaml.statusCode());
        HttpResponse<byte[]> content = post("/starter.zip", "application/x-www-form-urlencoded",
                "name=x&schema=" + java.net.URLEncoder.encode("{\"type\":\"object\",\"properties\":{\"sku\":{\"type\":\"string\"}}}",
                        java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, content.statusCode(), new String(content.body()));
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        HttpResponse<byte[]> response = post("/plan", "application/yaml", "#".repeat(SluiceServer.MAX_BODY_BYTES + 1));
        assertEquals(413, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void unknownRoutesAndMethodsAreProblems() throws Exception {
        assertEquals(404, get("/etc/passwd").statusCode());
        assertEquals(405, http.send(HttpRequest.newBuilder(uri("/plan")).method("DELETE", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode());
        assertEquals(405, post("/metadata", "application/json", "{}").statusCode());
        assertEquals(400, get("/starter.zip?name=x&nosuchkey=1").statusCode());
    }

    private static HttpResponse<byte[]> browse(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aBrowserGetsThePageAndItsAssetsFromTheJarAndNothingElse() throws Exception {
        HttpResponse<byte[]> page = browse("/?peakRps=800");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        String html = new String(page.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(html.contains("<script src=\"/assets/app.js\" defer></script>"), html);
        assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/assets/app.css\">"), html);
        // Every asset is the jar's: no http(s) URL in the page, and the browser is told to load from nowhere else.
        for (String asset : List.of("/", "/assets/app.js", "/assets/app.css")) {
            HttpResponse<byte[]> response = browse(asset);
            assertEquals(200, response.statusCode(), asset);
            assertTrue(response.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("default-src 'self'"));
            assertTrue(!new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).matches("(?s).*https?://.*"), asset);
        }
        assertTrue(get("/assets/app.js").headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertTrue(get("/assets/app.css").headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
        for (String other : List.of("/assets/", "/assets/Page.class", "/assets/../SluiceServer.class", "/assets/%2e%2e/Page.class",
                "/assets/page/index.html")) {
            assertEquals(404, browse(other).statusCode(), other);
        }
        // curl's Accept (*/*) gets the usage.
        assertTrue(get("/").headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    }

    @Test
    void aServiceGivenAsParametersIsTheServiceGivenAsADocument() throws Exception {
        HttpResponse<byte[]> parameters = get("/starter.zip?name=shop&endpoints%5B1%5D.path=/orders&endpoints%5B1%5D.fields=orderId:uuid,total:number"
                + "&endpoints%5B1%5D.peakRps=120&endpoints[2].path=/refunds&endpoints[2].peakRps=300&auth=iam");
        assertEquals(200, parameters.statusCode(), new String(parameters.body()));
        HttpResponse<byte[]> document = post("/starter.zip", "application/yaml", """
                name: shop
                auth: iam
                endpoints:
                  - path: /orders
                    fields: [orderId:uuid, total:number]
                    peakRps: 120
                  - path: /refunds
                    peakRps: 300
                """);
        assertArrayEquals(document.body(), parameters.body());
    }

    private static JsonNode problem(String query) throws Exception {
        HttpResponse<byte[]> response = get("/plan?" + query);
        assertEquals(400, response.statusCode(), query);
        return JSON.readTree(response.body());
    }

    @Test
    void anEndpointsParametersAreNumberedFromOneWithoutGaps() throws Exception {
        assertEquals("sluice: endpoints[3]: 'endpoints[2] missing' leaves a gap; accepted: endpoints numbered from 1 without gaps",
                problem("endpoints[1].path=/a&endpoints[3].path=/b").path("detail").asText());
        assertTrue(problem("endpoints[13].path=/a").path("detail").asText().startsWith("sluice: endpoints[13].path: '/a' numbers an endpoint outside 1 to 12"));
        assertTrue(problem("endpoints[1].name=x").path("detail").asText()
                .startsWith("sluice: endpoints[1].name: 'x' is the service's answer, not an endpoint's"));
        assertTrue(problem("endpoints[1].speed=x").path("detail").asText().startsWith("sluice: endpoints[1].speed: 'x' is not a known parameter"));
    }

    @Test
    void aBadAnswersProblemNamesTheQuestionAndTheEndpointForAFormToShowItInPlace() throws Exception {
        JsonNode endpoint = problem("endpoints[1].path=/orders&endpoints[2].path=/refunds&endpoints[2].peakRps=0");
        assertEquals("peakRps", endpoint.path("question").asText());
        assertEquals(2, endpoint.path("endpoint").asInt());
        assertTrue(endpoint.path("detail").asText().startsWith("sluice: endpoints[2] (/refunds) peakRps: '0' is not above 0"));
        JsonNode blankPath = problem("endpoints[1].path=/orders&endpoints[2].path=");
        assertEquals("path", blankPath.path("question").asText());
        assertEquals(2, blankPath.path("endpoint").asInt());
        JsonNode samePath = problem("endpoints[1].path=/orders&endpoints[2].path=/orders");
        assertEquals(2, samePath.path("endpoint").asInt());
        JsonNode top = problem("peakRps=x");
        assertEquals("peakRps", top.path("question").asText());
        assertTrue(top.path("endpoint").isMissingNode());
        JsonNode schema = problem("endpoints[1].path=/a&endpoints[2].path=/b&endpoints[2].schema=/etc/passwd");
        assertEquals("schema", schema.path("question").asText());
        assertEquals(2, schema.path("endpoint").asInt());
        assertTrue(problem("nosuchkey=1").path("question").isMissingNode());
    }

    @Test
    void anEmptyParameterLeavesTheDefault() throws Exception {
        assertArrayEquals(get("/plan").body(), get("/plan?peakRps=&maxDelay=%20").body());
        assertEquals(200, get("/plan?peakRps=").statusCode());
    }

    @Test
    void theChartIsTheOneSluicePlanDraws() throws Exception {
        HttpResponse<byte[]> response = get("/chart.svg?peakRps=800&maxDelay=2m");
        assertEquals(200, response.statusCode());
        assertEquals("image/svg+xml", response.headers().firstValue("Content-Type").orElseThrow());
        CliRun.Result expected = cli("chart.svg", null, "plan", "--peak-rps", "800", "--max-delay", "2m", "--chart", "chart.svg");
        assertArrayEquals(expected.file(), response.body());
    }

    @Test
    void theAnswersFileGeneratesWithTheCliTheProjectTheServerDownloads() throws Exception {
        String schema = "{\n  \"type\": \"object\",\n  \"required\": [\"sku\"],\n  \"properties\": {\"sku\": {\"type\": \"string\"}}\n}\n";
        String form = "name=shop&iac=cdk&endpoints[1].path=/orders&endpoints[1].maxDelay=90s&endpoints[2].path=/stock&endpoints[2].schema="
                + java.net.URLEncoder.encode(schema, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<byte[]> answers = post("/answers.yaml", "application/x-www-form-urlencoded", form);
        assertEquals(200, answers.statusCode(), new String(answers.body()));
        assertTrue(answers.headers().firstValue("Content-Type").orElseThrow().startsWith("application/yaml"));
        String file = new String(answers.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(file.contains("sluice new --answers answers.yaml"), file);
        assertTrue(file.contains("maxDelay: 1m30s"), file);
        assertTrue(file.contains("    schema: |\n      {\n        \"type\": \"object\","), file);
        HttpResponse<byte[]> zip = post("/starter.zip", "application/x-www-form-urlencoded", form);
        CliRun.Result cli = cli("shop.zip", file, "new", "--answers", "answers.yaml", "--output", "shop.zip");
        assertEquals(0, cli.code(), cli.err());
        assertArrayEquals(zip.body(), cli.file());
    }

    @Test
    void exploreListsEveryFileTheZipHoldsWithItsText() throws Exception {
        HttpResponse<byte[]> response = get("/explore?name=shop&iac=cdk");
        assertEquals(200, response.statusCode());
        JsonNode explore = JSON.readTree(response.body());
        assertEquals("shop", explore.path("name").asText());
        java.util.Map<String, byte[]> zip = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(get("/starter.zip?name=shop&iac=cdk").body()))) {
            for (java.util.zip.ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (!entry.isDirectory()) {
                    zip.put(entry.getName().substring("shop/".length()), in.readAllBytes());
                }
            }
        }
        assertEquals(zip.size(), explore.path("files").size());
        for (JsonNode file : explore.path("files")) {
            byte[] content = zip.get(file.path("path").asText());
            assertEquals(content.length, file.path("size").asInt(), file.path("path").asText());
            assertEquals(new String(content, java.nio.charset.StandardCharsets.UTF_8), file.path("text").asText());
        }
    }

    @Test
    void fiftyConcurrentDownloadsAreServedAlike() {
        List<CompletableFuture<HttpResponse<byte[]>>> downloads = IntStream.range(0, 50)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(uri("/starter.zip?name=orders-api")).build(),
                        HttpResponse.BodyHandlers.ofByteArray()))
                .toList();
        List<HttpResponse<byte[]>> responses = downloads.stream().map(CompletableFuture::join).toList();
        byte[] first = responses.get(0).body();
        for (HttpResponse<byte[]> response : responses) {
            assertEquals(200, response.statusCode(), new String(response.body()));
            assertArrayEquals(first, response.body());
        }
        assertTrue(first.length > 10_000);
    }

    @Test
    void workOverTheTimeLimitIsAbandonedWith503() throws Exception {
        try (SluiceServer hurried = SluiceServer.start("127.0.0.1", 0, Duration.ofMillis(1))) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hurried.address().getPort()
                    + "/starter.zip?name=orders-api")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(503, response.statusCode());
            assertTrue(new String(response.body()).contains("took longer than 1 ms"));
        }
    }

    @Test
    void aPortTakenIsBadInputInOneLine() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun.Result result = cli(null, null, "serve", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(Main.BAD_INPUT, result.code());
            assertEquals(1, result.err().lines().count(), result.err());
            assertTrue(result.err().startsWith("sluice: --port: '" + taken.getLocalPort() + "' cannot be listened on at 127.0.0.1"), result.err());
        }
        CliRun.Result notANumber = cli(null, null, "serve", "--port", "eighty");
        assertEquals(Main.BAD_INPUT, notANumber.code());
        assertEquals(1, notANumber.err().lines().count(), notANumber.err());
    }

    @Test
    void itListensOnLoopbackUnlessTold() {
        assertTrue(server.address().getAddress().isLoopbackAddress());
    }
}
