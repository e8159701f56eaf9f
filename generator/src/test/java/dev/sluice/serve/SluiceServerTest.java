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

    /** What the CLI prints and writes for {@code args}, run on jimfs: (exit code, stdout, stderr, the file written). */
    private record Cli(int code, String out, String err, byte[] file) {}

    private static Cli cli(String file, String answers, String... args) throws IOException {
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
            Path cwd = Files.createDirectories(fs.getPath("/work"));
            if (answers != null) {
                Files.writeString(cwd.resolve("answers.yaml"), answers);
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new Terminal(cwd, new BufferedReader(new StringReader("")), new PrintWriter(out, true),
                    new PrintWriter(err, true), false), args);
            byte[] written = file != null && Files.exists(cwd.resolve(file)) ? Files.readAllBytes(cwd.resolve(file)) : null;
            return new Cli(code, out.toString(), err.toString(), written);
        }
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
        Cli expected = cli(null, null, "plan", "--json", "--peak-rps", "800", "--max-delay", "2m");
        assertEquals(expected.out(), new String(response.body()));
    }

    @Test
    void theZipIsByteForByteWhatSluiceNewWrites() throws Exception {
        HttpResponse<byte[]> response = get("/starter.zip?name=orders-api&peakRps=200&fields=id:uuid&fields=amount:number");
        assertEquals(200, response.statusCode(), new String(response.body()));
        assertEquals("attachment; filename=\"orders-api.zip\"", response.headers().firstValue("Content-Disposition").orElseThrow());
        Cli expected = cli("orders-api.zip", null, "new", "orders-api", "--peak-rps", "200", "--field", "id:uuid", "--field", "amount:number",
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
        Cli expected = cli(null, null, "new", "orders-api", "--peak-rps", "0", "--batch");
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
        assertEquals(405, get("/plan").statusCode());
        assertEquals(400, get("/starter.zip?name=x&nosuchkey=1").statusCode());
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
            Cli result = cli(null, null, "serve", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(Main.BAD_INPUT, result.code());
            assertEquals(1, result.err().lines().count(), result.err());
            assertTrue(result.err().startsWith("sluice: --port: '" + taken.getLocalPort() + "' cannot be listened on at 127.0.0.1"), result.err());
        }
        Cli notANumber = cli(null, null, "serve", "--port", "eighty");
        assertEquals(Main.BAD_INPUT, notANumber.code());
        assertEquals(1, notANumber.err().lines().count(), notANumber.err());
    }

    @Test
    void itListensOnLoopbackUnlessTold() {
        assertTrue(server.address().getAddress().isLoopbackAddress());
    }
}
