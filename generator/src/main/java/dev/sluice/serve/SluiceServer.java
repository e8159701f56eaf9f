package dev.sluice.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.answers.Answers;
import dev.sluice.answers.InvalidAnswerException;
import dev.sluice.answers.Question;
import dev.sluice.answers.RawAnswers;
import dev.sluice.answers.Service;
import dev.sluice.engine.Engine;
import dev.sluice.output.ProjectWriter;
import dev.sluice.plan.CapacityChart;
import dev.sluice.plan.PlanReport;
import dev.sluice.plan.ServicePlan;
import dev.sluice.record.AnswersRecord;
import dev.sluice.render.GeneratedProject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code sluice serve}: the engine over HTTP, on the JDK's own server ({@code com.sun.net.httpserver}: no dependency,
 * started in a few milliseconds). Every request's work runs on a bounded pool with a time limit; bodies are limited;
 * answers come as parameters or documents, a schema or example as content, so no request can make it read or write
 * a file. Bad input is 400 with the CLI's one-line message as RFC 9457 problem details. docs/serve.md.
 */
public final class SluiceServer implements AutoCloseable {
    /** The largest request body read; larger is 413. A schema is far smaller, an answers document too. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** The longest a request's work may take before it is abandoned with 503. */
    public static final Duration WORK_LIMIT = Duration.ofSeconds(20);
    /** Requests worked on at once; more wait their turn in the pool's queue. */
    static final int WORKERS = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine = new Engine();
    private final Duration workLimit;
    private final HttpServer server;
    private final ExecutorService connections;
    private final ExecutorService work;

    private SluiceServer(HttpServer server, Duration workLimit) {
        this.server = server;
        this.workLimit = workLimit;
        this.connections = Executors.newFixedThreadPool(WORKERS * 2);
        this.work = Executors.newFixedThreadPool(WORKERS);
        server.setExecutor(connections);
        server.createContext("/", this::handle);
    }

    /** Starts serving on {@code bind}:{@code port} (0: any free port). */
    public static SluiceServer start(String bind, int port) throws IOException {
        return start(bind, port, WORK_LIMIT);
    }

    /** As {@link #start(String, int)}, each request's work limited to {@code workLimit}. */
    static SluiceServer start(String bind, int port, Duration workLimit) throws IOException {
        SluiceServer sluice = new SluiceServer(HttpServer.create(new InetSocketAddress(bind, port), 128), workLimit);
        sluice.server.start();
        return sluice;
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        work.shutdownNow();
        connections.shutdownNow();
    }

    /** What a route answers: a status, a content type, the bytes and extra headers. */
    record Response(int status, String contentType, byte[] body, String disposition) {
        static Response text(int status, String contentType, String body) {
            return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Response response;
        try {
            byte[] body = body(exchange);
            Future<Response> answer = work.submit(() -> route(exchange, body));
            try {
                response = answer.get(workLimit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                answer.cancel(true);
                response = problem(503, "Too slow", "the request's work took longer than " + workLimit.toMillis() + " ms and was abandoned");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof InvalidAnswerException bad) {
                    response = badAnswers(bad);
                } else {
                    // The operator sees what went wrong; the caller, that it did.
                    System.err.println("sluice serve: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " failed:");
                    e.getCause().printStackTrace();
                    response = problem(500, "Internal error", "sluice: internal error: " + e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response = problem(503, "Shutting down", "the server is stopping");
            }
        } catch (TooLarge e) {
            response = problem(413, "Body too large", "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        } catch (InvalidAnswerException bad) {
            response = badAnswers(bad);
        }
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        // The page loads its own scripts and styles and nothing else: no inline script, no CDN.
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        if (response.disposition() != null) {
            exchange.getResponseHeaders().set("Content-Disposition", response.disposition());
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(response.body());
            }
        }
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new TooLarge();
            }
            return bytes;
        }
    }

    private Response route(HttpExchange exchange, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        boolean read = method.equals("GET") || method.equals("HEAD");
        switch (path) {
            case "/" -> {
                if (read && wantsHtml(exchange)) {
                    return Page.asset("index.html").orElseThrow();
                }
                if (read) {
                    return Response.text(200, "text/plain; charset=utf-8", Usage.text(base(exchange)));
                }
            }
            case "/metadata" -> {
                if (read) {
                    return Response.text(200, "application/json", Metadata.json());
                }
            }
            case "/plan" -> {
                if (read || method.equals("POST")) {
                    Service service = engine.validateService(answers(exchange, body).with(Question.NAME, "plan"));
                    ServicePlan plan = engine.plan(service);
                    return Response.text(200, "application/json", PlanReport.json(plan, paths(service)));
                }
            }
            case "/chart.svg" -> {
                if (read || method.equals("POST")) {
                    Service service = engine.validateService(answers(exchange, body).with(Question.NAME, "plan"));
                    return Response.text(200, "image/svg+xml", CapacityChart.svg(engine.plan(service), paths(service)));
                }
            }
            case "/answers.yaml" -> {
                if (read || method.equals("POST")) {
                    Service service = engine.validateService(answers(exchange, body));
                    return new Response(200, "application/yaml; charset=utf-8",
                            AnswersRecord.answersFile(service, Engine.version()).getBytes(StandardCharsets.UTF_8), "inline; filename=\"answers.yaml\"");
                }
            }
            case "/explore" -> {
                if (read || method.equals("POST")) {
                    return Response.text(200, "application/json", Explore.json(engine.generate(answers(exchange, body))));
                }
            }
            case "/starter.zip", "/starter.tgz" -> {
                if (read || method.equals("POST")) {
                    GeneratedProject project = engine.generate(answers(exchange, body));
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    boolean zip = path.endsWith(".zip");
                    if (zip) {
                        ProjectWriter.writeZip(project, out);
                    } else {
                        ProjectWriter.writeTarGz(project, out);
                    }
                    String file = project.name() + (zip ? ".zip" : ".tar.gz");
                    return new Response(200, zip ? "application/zip" : "application/gzip", out.toByteArray(),
                            "attachment; filename=\"" + file + "\"");
                }
            }
            default -> {
                if (read && path.startsWith(Page.ASSETS)) {
                    Optional<Response> asset = Page.asset(path.substring(Page.ASSETS.length()));
                    if (asset.isPresent()) {
                        return asset.get();
                    }
                }
                return problem(404, "Not found", path + " is not served here: GET / lists what is");
            }
        }
        return problem(405, "Method not allowed", method + " " + path + " is not served: GET / lists what is");
    }

    /** The request's answers: the query, then a form body or an answers document (JSON or YAML) overriding it. */
    private static RawAnswers answers(HttpExchange exchange, byte[] body) {
        RawAnswers answers = RequestAnswers.fromParameters(exchange.getRequestURI().getRawQuery());
        if (body.length == 0) {
            return answers;
        }
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        String text = new String(body, StandardCharsets.UTF_8);
        RawAnswers given = type.startsWith("application/x-www-form-urlencoded") ? RequestAnswers.fromParameters(text)
                : RequestAnswers.fromDocument(text);
        return answers.overriddenBy(given);
    }

    private static List<String> paths(Service service) {
        return service.endpoints().stream().map(Answers::path).toList();
    }

    /** A browser's request for the page (its Accept names HTML); curl's {@code *}{@code /*} gets the usage as text. */
    private static boolean wantsHtml(HttpExchange exchange) {
        return String.valueOf(exchange.getRequestHeaders().getFirst("Accept")).contains("text/html");
    }

    private static String base(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return "http://" + (host != null ? host : "127.0.0.1:" + exchange.getLocalAddress().getPort());
    }

    /**
     * 400 with the CLI's line; where the bad answer is a question's, extension members say which ({@code question}, its
     * key) and whose ({@code endpoint}, from 1, when the service lists its endpoints), for a form to show it in place.
     */
    static Response badAnswers(InvalidAnswerException bad) {
        ObjectNode problem = problemNode(400, "Bad answers", "sluice: " + bad.getMessage());
        bad.asked().ifPresent(question -> problem.put("question", question.key()));
        bad.endpoint().ifPresent(endpoint -> problem.put("endpoint", endpoint));
        return Response.text(400, "application/problem+json", problem.toPrettyString() + "\n");
    }

    static Response problem(int status, String title, String detail) {
        return Response.text(status, "application/problem+json", problemNode(status, title, detail).toPrettyString() + "\n");
    }

    private static ObjectNode problemNode(int status, String title, String detail) {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return problem;
    }
}
