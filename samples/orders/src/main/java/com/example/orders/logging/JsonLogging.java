package com.example.orders.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import net.logstash.logback.composite.GlobalCustomFieldsJsonProvider;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.LoggingEventNestedJsonProvider;
import net.logstash.logback.composite.loggingevent.MdcJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.composite.loggingevent.ThrowableClassNameJsonProvider;
import net.logstash.logback.composite.loggingevent.ThrowableMessageJsonProvider;
import net.logstash.logback.composite.loggingevent.mdc.BooleanMdcEntryWriter;
import net.logstash.logback.composite.loggingevent.mdc.RegexFilteringMdcEntryWriter;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The consumer's logging: one JSON object a line on standard output, which Lambda sends to CloudWatch Logs.
 *
 * <p>Logback finds this class through ServiceLoader ({@code META-INF/services/ch.qos.logback.classic.spi.Configurator})
 * and runs it once, when the first logger is asked for. Configured in code, it reads no XML and scans no classpath
 * for plugins: Logback and this JSON encoder (logstash-logback-encoder) start in about 50 ms next to Jackson, which
 * the handler loads anyway. That is time a cold start, and every SnapStart snapshot's size, would pay.
 *
 * <p>A line carries, in this order: {@code timestamp} (UTC, milliseconds), {@code level}, {@code message}; the
 * function's {@code service} (POWERTOOLS_SERVICE_NAME), {@code function_name}, {@code function_version} and
 * {@code function_memory_size}, from the environment Lambda sets; every logging context (MDC) entry, among them the
 * invocation's {@code function_request_id}, {@code function_arn}, {@code cold_start} and {@code xray_trace_id}
 * ({@link #beginInvocation}) and each message's {@code correlationId} and {@code messageId}; the fields a call adds
 * ({@code LOG.atInfo().addKeyValue(...)}); and, when an exception is logged, {@code error} with its {@code message},
 * {@code name} and {@code stack}. The names are those of Powertools for AWS Lambda's JSON layout, so saved Logs
 * Insights queries read the same fields.
 *
 * <p>The level is INFO unless POWERTOOLS_LOG_LEVEL (or Lambda's AWS_LAMBDA_LOG_LEVEL) says otherwise.
 */
public final class JsonLogging extends ContextAwareBase implements Configurator {
    /** The name of the console appender this configuration gives the root logger. */
    public static final String APPENDER = "json";

    /** The logging context keys {@link #beginInvocation} sets, and {@link #endInvocation} removes. */
    static final String FUNCTION_REQUEST_ID = "function_request_id";
    static final String FUNCTION_ARN = "function_arn";
    static final String COLD_START = "cold_start";
    static final String XRAY_TRACE_ID = "xray_trace_id";

    /** The system property Lambda's Java runtime sets, per invocation, to the invocation's X-Ray trace header. */
    private static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

    /**
     * True until the first invocation of this execution environment begins. A SnapStart snapshot is taken before any
     * invocation, so the first one after each restore is a cold start too.
     */
    private static volatile boolean coldStart = true;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Map<String, String> environment = System.getenv();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setEncoder(encoder(context, environment));
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(environment));
        root.addAppender(appender);
        // Logback's own XML configuration, looked for next, would only cost time.
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The JSON layout of every line, its function fields read from {@code environment}; started. */
    static Encoder<ILoggingEvent> encoder(LoggerContext context, Map<String, String> environment) {
        LoggingEventJsonProviders providers = new LoggingEventJsonProviders();
        LoggingEventFormattedTimestampJsonProvider timestamp = new LoggingEventFormattedTimestampJsonProvider();
        timestamp.setFieldName("timestamp");
        timestamp.setPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
        timestamp.setTimeZone("UTC");
        providers.addTimestamp(timestamp);
        LogLevelJsonProvider level = new LogLevelJsonProvider();
        level.setFieldName("level");
        providers.addLogLevel(level);
        providers.addMessage(new MessageJsonProvider());
        GlobalCustomFieldsJsonProvider<ILoggingEvent> function = new GlobalCustomFieldsJsonProvider<>();
        function.setCustomFieldsNode(functionFields(environment));
        providers.addGlobalCustomFields(function);
        MdcJsonProvider loggingContext = new MdcJsonProvider();
        // cold_start as a JSON boolean, as Powertools writes it; every other entry as a string.
        RegexFilteringMdcEntryWriter coldStart = new RegexFilteringMdcEntryWriter();
        coldStart.setIncludeMdcKeyPattern(COLD_START);
        coldStart.addMdcEntryWriter(new BooleanMdcEntryWriter());
        loggingContext.addMdcEntryWriter(coldStart);
        providers.addMdc(loggingContext);
        providers.addKeyValuePairs(new KeyValuePairsJsonProvider());
        providers.addNestedField(error());

        LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
        encoder.setContext(context);
        encoder.setProviders(providers);
        encoder.start();
        return encoder;
    }

    /** The function's fields, the same on every line: those Lambda's environment gives; none outside Lambda. */
    static ObjectNode functionFields(Map<String, String> environment) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        putIfSet(fields, "service", environment.get("POWERTOOLS_SERVICE_NAME"));
        putIfSet(fields, "function_name", environment.get("AWS_LAMBDA_FUNCTION_NAME"));
        putIfSet(fields, "function_version", environment.get("AWS_LAMBDA_FUNCTION_VERSION"));
        String memory = environment.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        if (memory != null && memory.matches("\\d{1,5}")) {
            fields.put("function_memory_size", Integer.parseInt(memory));
        }
        return fields;
    }

    /**
     * The level: POWERTOOLS_LOG_LEVEL, else AWS_LAMBDA_LOG_LEVEL (which Lambda sets from the function's application
     * log level), else INFO. Lambda's FATAL is Logback's ERROR; a value neither knows is INFO.
     */
    static Level level(Map<String, String> environment) {
        String level = environment.getOrDefault("POWERTOOLS_LOG_LEVEL", environment.get("AWS_LAMBDA_LOG_LEVEL"));
        return "FATAL".equalsIgnoreCase(level) ? Level.ERROR : Level.toLevel(level, Level.INFO);
    }

    /**
     * Puts the invocation's fields in the logging context: every line logged until {@link #endInvocation()} carries
     * them. The first invocation of the execution environment is the cold start. Without a context (in tests) only
     * {@code cold_start} is set.
     */
    public static void beginInvocation(Context lambdaContext) {
        MDC.put(COLD_START, String.valueOf(coldStart));
        coldStart = false;
        if (lambdaContext != null) {
            MDC.put(FUNCTION_REQUEST_ID, lambdaContext.getAwsRequestId());
            MDC.put(FUNCTION_ARN, lambdaContext.getInvokedFunctionArn());
        }
        String traceId = traceId(System.getProperty(TRACE_HEADER_PROPERTY));
        if (traceId != null) {
            MDC.put(XRAY_TRACE_ID, traceId);
        }
    }

    /** Removes what {@link #beginInvocation} put in the logging context. */
    public static void endInvocation() {
        MDC.remove(COLD_START);
        MDC.remove(FUNCTION_REQUEST_ID);
        MDC.remove(FUNCTION_ARN);
        MDC.remove(XRAY_TRACE_ID);
    }

    /** The trace id of an X-Ray trace header ({@code Root=1-...;Parent=...;Sampled=1}); null without one. */
    static String traceId(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            if (part.startsWith("Root=")) {
                return part.substring("Root=".length());
            }
        }
        return null;
    }

    private static void putIfSet(ObjectNode fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, value);
        }
    }

    /** {@code error}: the logged exception's message, class name and stack trace; no field when none was logged. */
    private static LoggingEventNestedJsonProvider error() {
        LoggingEventNestedJsonProvider error = new LoggingEventNestedJsonProvider() {
            @Override
            public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
                if (event.getThrowableProxy() != null) {
                    super.writeTo(generator, event);
                }
            }
        };
        error.setFieldName("error");
        ThrowableMessageJsonProvider message = new ThrowableMessageJsonProvider();
        message.setFieldName("message");
        error.getProviders().addProvider(message);
        ThrowableClassNameJsonProvider name = new ThrowableClassNameJsonProvider();
        name.setFieldName("name");
        name.setUseSimpleClassName(false);
        error.getProviders().addProvider(name);
        StackTraceJsonProvider stack = new StackTraceJsonProvider();
        stack.setFieldName("stack");
        error.getProviders().addProvider(stack);
        return error;
    }
}
