package com.example.ordersfifo.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class JsonLoggingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What Lambda sets in a function's environment, and the variable the infrastructure sets. */
    private static final Map<String, String> LAMBDA = Map.of(
            "POWERTOOLS_SERVICE_NAME", "orders-prod",
            "AWS_LAMBDA_FUNCTION_NAME", "orders-prod-Consumer",
            "AWS_LAMBDA_FUNCTION_VERSION", "7",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");

    @Test
    void logbackIsConfiguredByJsonLoggingThroughServiceLoader() {
        var root = context().getLogger(Logger.ROOT_LOGGER_NAME);
        List<String> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appender -> appenders.add(appender.getName()));

        assertInstanceOf(ConsoleAppender.class, root.getAppender(JsonLogging.APPENDER), "the console appender JsonLogging adds");
        assertEquals(List.of(JsonLogging.APPENDER), appenders, "no other appender: no XML configuration was read");
    }

    @Test
    void aLineCarriesTheFunctionTheInvocationTheLoggingContextAndTheCallsFields() {
        String arn = "arn:aws:lambda:eu-west-1:123456789012:function:orders:live";
        Context invocation = lambdaContext("9f2c-request", arn);
        JsonNode line = only(linesOf(LAMBDA, log -> {
            JsonLogging.beginInvocation(invocation);
            MDC.put("correlationId", "api-request-1");
            try {
                log.atInfo().addKeyValue("endToEndDelayMs", 42L).log("Processed the message");
            } finally {
                MDC.remove("correlationId");
                JsonLogging.endInvocation();
            }
        }));

        assertTrue(line.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                line.toString());
        assertEquals("INFO", line.path("level").asText());
        assertEquals("Processed the message", line.path("message").asText());
        assertEquals("orders-prod", line.path("service").asText());
        assertEquals("orders-prod-Consumer", line.path("function_name").asText());
        assertEquals("7", line.path("function_version").asText());
        assertEquals(1024, line.path("function_memory_size").intValue(), "a number, not text");
        assertTrue(line.path("function_memory_size").isInt(), line.toString());
        assertEquals("9f2c-request", line.path("function_request_id").asText());
        assertEquals(arn, line.path("function_arn").asText());
        assertTrue(line.path("cold_start").isBoolean(), "a JSON boolean: " + line);
        assertEquals("api-request-1", line.path("correlationId").asText());
        assertEquals(42, line.path("endToEndDelayMs").intValue());
        assertTrue(line.path("endToEndDelayMs").isNumber(), "a number, for Logs Insights to sort by: " + line);
        assertFalse(line.has("error"), "no exception, no error field");
    }

    @Test
    void anInvocationsFieldsLeaveWithIt() {
        JsonNode line = only(linesOf(LAMBDA, log -> {
            JsonLogging.beginInvocation(lambdaContext("request-1", "arn"));
            JsonLogging.endInvocation();
            log.info("Between invocations");
        }));

        for (String field : List.of("function_request_id", "function_arn", "cold_start", "xray_trace_id")) {
            assertFalse(line.has(field), field + ": " + line);
        }
        assertEquals("orders-prod", line.path("service").asText(), "the function's own fields stay");
    }

    @Test
    void onlyTheFirstInvocationOfTheEnvironmentIsAColdStart() {
        List<JsonNode> lines = linesOf(LAMBDA, log -> {
            for (int i = 0; i < 2; i++) {
                JsonLogging.beginInvocation(null);
                log.info("An invocation");
                JsonLogging.endInvocation();
            }
        });

        // Earlier tests of this JVM may have invoked a handler already: the later invocation is never a cold start.
        assertEquals(2, lines.size(), lines.toString());
        assertFalse(lines.get(1).path("cold_start").asBoolean(true), lines.get(1).toString());
    }

    @Test
    void anExceptionIsAnErrorWithItsMessageClassAndStack() {
        JsonNode line = only(linesOf(LAMBDA, log -> log.error("Processing failed",
                new IllegalStateException("the downstream refused"))));

        assertEquals("ERROR", line.path("level").asText());
        JsonNode error = line.path("error");
        assertEquals("the downstream refused", error.path("message").asText());
        assertEquals("java.lang.IllegalStateException", error.path("name").asText());
        String stack = error.path("stack").asText();
        assertTrue(stack.startsWith("java.lang.IllegalStateException: the downstream refused\n\tat "), stack);
    }

    @Test
    void outsideLambdaALineHasNoFunctionFields() {
        JsonNode line = only(linesOf(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots"), log -> log.info("Local")));

        for (String field : List.of("service", "function_name", "function_version", "function_memory_size")) {
            assertFalse(line.has(field), field + ": " + line);
        }
    }

    @Test
    void theLevelIsInfoUnlessTheEnvironmentSaysOtherwise() {
        assertEquals(Level.INFO, JsonLogging.level(Map.of()));
        assertEquals(Level.DEBUG, JsonLogging.level(Map.of("POWERTOOLS_LOG_LEVEL", "DEBUG")));
        assertEquals(Level.WARN, JsonLogging.level(Map.of("AWS_LAMBDA_LOG_LEVEL", "WARN")));
        assertEquals(Level.DEBUG, JsonLogging.level(Map.of("POWERTOOLS_LOG_LEVEL", "debug",
                "AWS_LAMBDA_LOG_LEVEL", "WARN")), "POWERTOOLS_LOG_LEVEL first, in any case");
        assertEquals(Level.ERROR, JsonLogging.level(Map.of("AWS_LAMBDA_LOG_LEVEL", "FATAL")), "Lambda's FATAL");
        assertEquals(Level.INFO, JsonLogging.level(Map.of("POWERTOOLS_LOG_LEVEL", "LOUD")), "a level nobody knows");
    }

    @Test
    void theTraceIdIsTheRootOfLambdasTraceHeader() {
        assertEquals("1-5759e988-bd862e3fe1be46a994272793",
                JsonLogging.traceId("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"));
        assertNull(JsonLogging.traceId("Parent=53995c3f42cd8ad8;Sampled=1"));
        assertNull(JsonLogging.traceId(null));
    }

    /**
     * Runs the action with a logger of its own, writing through JsonLogging's layout built from {@code environment},
     * and returns the lines it wrote, parsed.
     */
    private static List<JsonNode> linesOf(Map<String, String> environment, Consumer<Logger> action) {
        LoggerContext context = context();
        var logger = context.getLogger(JsonLoggingTest.class.getName() + ".capture");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
        capture.setContext(context);
        capture.setName("capture");
        capture.setEncoder(JsonLogging.encoder(context, environment));
        capture.setOutputStream(out);
        capture.start();
        logger.addAppender(capture);
        // Its lines go to the capture only, not to the console as well.
        logger.setAdditive(false);
        try {
            action.accept(logger);
        } finally {
            logger.detachAppender(capture);
            capture.stop();
        }
        return out.toString(StandardCharsets.UTF_8).lines().map(JsonLoggingTest::json).toList();
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    /** A Lambda context that tells its request id and invoked ARN, and nothing else. */
    private static Context lambdaContext(String requestId, String arn) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> requestId;
                    case "getInvokedFunctionArn" -> arn;
                    default -> null;
                });
    }

    private static JsonNode only(List<JsonNode> lines) {
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
